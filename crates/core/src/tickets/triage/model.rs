//! The intent model: which team a message reads like, with a confidence and the words that weighed most.
//!
//! A multinomial logistic regression over hashed features: character 3- to 5-grams of each word (so typos,
//! plurals and the endings of Spanish or German verbs still share most of their features), whole words and
//! word pairs, character pairs of Japanese (which has no spaces), and who is asking from which page (a seller
//! on onboarding asking about money is most likely asking about payouts). Nothing in it is English: a
//! language is learned from the examples written in it. Training is plain stochastic gradient descent in a
//! fixed order, so the same examples always give the same model, byte for byte.

use super::text::Text;
use crate::context::Role;
use crate::embed::Surface;
use crate::tickets::Queue;
use serde::Deserialize;
use std::collections::HashMap;

const QUEUES: usize = Queue::ALL.len();
/// Feature hashes are taken modulo this: collisions are rare at a few hundred thousand distinct features.
const BUCKETS: u32 = 1 << 20;
const EPOCHS: usize = 30;
const LEARNING_RATE: f32 = 0.4;
/// Shrinks every weight a feature touches a little at each step, so no single n-gram dominates.
const L2: f32 = 1e-4;
/// Weights smaller than this are dropped from the stored model: they never change a decision.
const PRUNE: f32 = 1e-3;
/// The stored form's first bytes, with its layout version.
const MAGIC: &[u8; 5] = b"SPTM1";

/// What the model reads of a ticket.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// Subject and message.
    pub text: &'a Text,
    /// The topic the user picked, if any.
    pub topic: Option<&'a str>,
    /// Buyer or seller, when the page said.
    pub role: Option<Role>,
    /// The page the widget was on.
    pub surface: Option<Surface>,
}

/// One labelled message to learn from.
#[derive(Clone, Debug)]
pub struct Example {
    /// Subject and message, as the user wrote them.
    pub text: String,
    pub topic: Option<String>,
    pub role: Option<Role>,
    pub surface: Option<Surface>,
    /// The right team.
    pub queue: Queue,
    /// How much it counts: an agent's correction counts more than a seed example.
    pub weight: f32,
}

impl Example {
    fn features(&self) -> Vec<Feature> {
        let text = Text::new(&self.text);
        features(Input {
            text: &text,
            topic: self.topic.as_deref(),
            role: self.role,
            surface: self.surface,
        })
    }
}

/// The model's reading of one message.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// The most likely team.
    pub queue: Queue,
    /// Its probability, 0 to 1.
    pub confidence: f32,
    /// The words of the message that weighed most for it, most first (at most three).
    pub words: Vec<String>,
    /// What the message alone says: the queue the text reads like without role, page and topic.
    pub text_queue: Queue,
}

/// A trained model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    bias: [f32; QUEUES],
    weights: HashMap<u32, [f32; QUEUES]>,
}

/// One feature of a message: its hash bucket, its value, and the word it came from (none for the page's facts).
#[derive(Clone, Debug)]
struct Feature {
    bucket: u32,
    value: f32,
    word: Option<usize>,
}

impl Model {
    /// Trains a model on `examples`. The order of `examples` does not matter.
    pub fn train(examples: &[Example]) -> Model {
        let mut order: Vec<(&Example, Vec<Feature>)> = examples
            .iter()
            .map(|example| (example, example.features()))
            .collect();
        order.sort_by(|(a, _), (b, _)| (a.queue, &a.text).cmp(&(b.queue, &b.text)));
        // Dense while training (a few tens of MB, and fast even unoptimised); only the weights that matter are
        // kept.
        let mut weights = vec![[0.0f32; QUEUES]; BUCKETS as usize];
        let mut bias = [0.0f32; QUEUES];
        let mut random = 0x9e37_79b9_7f4a_7c15_u64;
        for epoch in 0..EPOCHS {
            // A fixed shuffle per epoch: the same examples give the same model.
            for i in (1..order.len()).rev() {
                random ^= random << 13;
                random ^= random >> 7;
                random ^= random << 17;
                order.swap(i, (random % (i as u64 + 1)) as usize);
            }
            let rate = LEARNING_RATE / (1.0 + epoch as f32 * 0.2);
            for (example, features) in &order {
                let mut scores = bias;
                for feature in features {
                    let row = &weights[feature.bucket as usize];
                    for (score, weight) in scores.iter_mut().zip(row) {
                        *score += weight * feature.value;
                    }
                }
                let mut gradient = softmax(scores);
                gradient[example.queue as usize] -= 1.0;
                for (b, g) in bias.iter_mut().zip(gradient) {
                    *b -= rate * example.weight * g;
                }
                for feature in features {
                    let row = &mut weights[feature.bucket as usize];
                    for (weight, g) in row.iter_mut().zip(gradient) {
                        *weight -= rate * (example.weight * g * feature.value + L2 * *weight);
                    }
                }
            }
        }
        let weights = weights
            .into_iter()
            .enumerate()
            .filter(|(_, row)| row.iter().any(|weight| weight.abs() >= PRUNE))
            .map(|(bucket, row)| (bucket as u32, row))
            .collect();
        Model { bias, weights }
    }

    /// Reads one message.
    pub fn predict(&self, input: Input) -> Prediction {
        let features = features(input);
        let probabilities = self.probabilities(&features, true);
        let best = argmax(&probabilities);
        let text_only = self.probabilities(&features, false);
        Prediction {
            queue: Queue::ALL[best],
            confidence: probabilities[best],
            words: self.weightiest_words(input.text, &features, best),
            text_queue: Queue::ALL[argmax(&text_only)],
        }
    }

    /// The share of `examples` the model puts in the right queue (1 for none).
    pub fn accuracy(&self, examples: &[Example]) -> f32 {
        if examples.is_empty() {
            return 1.0;
        }
        let right = examples
            .iter()
            .filter(|example| {
                let features = example.features();
                Queue::ALL[argmax(&self.probabilities(&features, true))] == example.queue
            })
            .count();
        right as f32 / examples.len() as f32
    }

    /// The stored form: little-endian, weights sorted by bucket so the same model gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut buckets: Vec<(&u32, &[f32; QUEUES])> = self.weights.iter().collect();
        buckets.sort_by_key(|(bucket, _)| **bucket);
        let mut bytes = Vec::with_capacity(MAGIC.len() + 4 + (1 + buckets.len()) * 28);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&(buckets.len() as u32).to_le_bytes());
        self.bias
            .iter()
            .for_each(|bias| bytes.extend_from_slice(&bias.to_le_bytes()));
        for (bucket, weights) in buckets {
            bytes.extend_from_slice(&bucket.to_le_bytes());
            weights
                .iter()
                .for_each(|weight| bytes.extend_from_slice(&weight.to_le_bytes()));
        }
        bytes
    }

    /// Reads the stored form back; `None` for anything [`Model::to_bytes`] did not write.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let (count, rest) = rest.split_first_chunk::<4>()?;
        let count = u32::from_le_bytes(*count) as usize;
        let mut numbers = rest
            .chunks_exact(4)
            .map(|chunk| <[u8; 4]>::try_from(chunk).ok());
        if rest.len() != (QUEUES + count * (1 + QUEUES)) * 4 {
            return None;
        }
        let row = |numbers: &mut dyn Iterator<Item = Option<[u8; 4]>>| {
            let mut row = [0.0; QUEUES];
            for weight in &mut row {
                *weight = f32::from_le_bytes(numbers.next()??);
            }
            Some(row)
        };
        let bias = row(&mut numbers)?;
        let mut weights = HashMap::with_capacity(count);
        for _ in 0..count {
            let bucket = u32::from_le_bytes(numbers.next()??);
            weights.insert(bucket, row(&mut numbers)?);
        }
        Some(Model { bias, weights })
    }

    /// Softmax over the queues; `with_page` false leaves out role, page and topic.
    fn probabilities(&self, features: &[Feature], with_page: bool) -> [f32; QUEUES] {
        let mut scores = self.bias;
        for feature in features.iter().filter(|f| with_page || f.word.is_some()) {
            if let Some(weights) = self.weights.get(&feature.bucket) {
                for (score, weight) in scores.iter_mut().zip(weights) {
                    *score += weight * feature.value;
                }
            }
        }
        softmax(scores)
    }

    /// The words whose features pushed most towards `queue` over the others.
    fn weightiest_words(&self, text: &Text, features: &[Feature], queue: usize) -> Vec<String> {
        let words: Vec<&str> = text.words().collect();
        let mut pull: HashMap<usize, f32> = HashMap::new();
        for feature in features {
            let (Some(word), Some(weights)) = (feature.word, self.weights.get(&feature.bucket))
            else {
                continue;
            };
            let mean = weights.iter().sum::<f32>() / QUEUES as f32;
            *pull.entry(word).or_default() += (weights[queue] - mean) * feature.value;
        }
        let mut ranked: Vec<(usize, f32)> = pull.into_iter().filter(|(_, p)| *p > 0.05).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut chosen: Vec<String> = Vec::new();
        for (word, _) in ranked {
            let word = words[word].to_owned();
            if !chosen.contains(&word) {
                chosen.push(word);
            }
            if chosen.len() == 3 {
                break;
            }
        }
        chosen
    }
}

/// The features of a message. Text features share a total weight of one, so long messages do not shout.
fn features(input: Input) -> Vec<Feature> {
    let mut found = Vec::new();
    let words: Vec<&str> = input.text.words().collect();
    for (index, word) in words.iter().enumerate() {
        let word_feature = |name: &str| Feature {
            bucket: hash(&["w", name]),
            value: 1.0,
            word: Some(index),
        };
        if word.chars().any(is_cjk) {
            let chars: Vec<char> = word.chars().collect();
            for pair in chars.windows(2) {
                let pair: String = pair.iter().collect();
                found.push(word_feature(&pair));
            }
            for c in chars.iter().filter(|c| !is_hiragana(**c)) {
                found.push(word_feature(c.encode_utf8(&mut [0; 4])));
            }
            continue;
        }
        found.push(word_feature(word));
        let padded: Vec<char> = format!("<{word}>").chars().collect();
        for n in 3..=5 {
            for gram in padded.windows(n) {
                let gram: String = gram.iter().collect();
                found.push(Feature {
                    bucket: hash(&["g", &gram]),
                    value: 1.0,
                    word: Some(index),
                });
            }
        }
        if let Some(next) = words.get(index + 1) {
            found.push(Feature {
                bucket: hash(&["b", word, next]),
                value: 1.0,
                word: Some(index),
            });
        }
    }
    let scale = 1.0 / (found.len().max(1) as f32).sqrt();
    found.iter_mut().for_each(|feature| feature.value *= scale);

    let role = input.role.map_or("-", |role| match role {
        Role::Buyer => "buyer",
        Role::Seller => "seller",
    });
    let surface = input.surface.map_or("-", Surface::as_str);
    let page = [
        hash(&["role", role]),
        hash(&["surface", surface]),
        hash(&["role+surface", role, surface]),
        hash(&["topic", input.topic.unwrap_or("-")]),
    ];
    found.extend(page.into_iter().map(|bucket| Feature {
        bucket,
        value: 0.5,
        word: None,
    }));
    found
}

/// Reads labelled examples, one JSON object per line with `subject`, `message`, `queue` and optionally
/// `topic`, `role` and `surface` (other fields, such as `lang`, are notes for people). Blank lines are skipped.
pub fn read_examples(jsonl: &str) -> Result<Vec<Example>, String> {
    #[derive(Deserialize)]
    struct Line {
        #[serde(default)]
        subject: String,
        message: String,
        #[serde(default)]
        topic: Option<String>,
        #[serde(default)]
        role: Option<Role>,
        #[serde(default)]
        surface: Option<Surface>,
        queue: Queue,
    }
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(at, line)| {
            let line: Line =
                serde_json::from_str(line).map_err(|error| format!("line {}: {error}", at + 1))?;
            Ok(Example {
                text: format!("{}\n{}", line.subject, line.message),
                topic: line.topic,
                role: line.role,
                surface: line.surface,
                queue: line.queue,
                weight: 1.0,
            })
        })
        .collect()
}

/// The split of examples into what a model is trained on and the tenth held back to score it: by a hash of
/// the text, so an example stays on its side as the set grows.
pub fn hold_back(examples: Vec<Example>) -> (Vec<Example>, Vec<Example>) {
    examples
        .into_iter()
        .partition(|example| hash(&["held", &example.text]) % 10 != 0)
}

fn softmax(mut scores: [f32; QUEUES]) -> [f32; QUEUES] {
    let top = scores.iter().copied().fold(f32::MIN, f32::max);
    let mut sum = 0.0;
    for score in &mut scores {
        *score = (*score - top).exp();
        sum += *score;
    }
    scores.map(|score| score / sum)
}

fn argmax(values: &[f32; QUEUES]) -> usize {
    (0..QUEUES).fold(0, |best, i| if values[i] > values[best] { i } else { best })
}

/// FNV-1a over the parts, with a separator, modulo [`BUCKETS`].
fn hash(parts: &[&str]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for part in parts {
        for byte in part.bytes().chain([0x1f]) {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    hash % BUCKETS
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
}

fn is_hiragana(c: char) -> bool {
    ('\u{3040}'..='\u{309f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(text: &str, queue: Queue) -> Example {
        Example {
            text: text.into(),
            topic: None,
            role: None,
            surface: None,
            queue,
            weight: 1.0,
        }
    }

    fn tiny_set() -> Vec<Example> {
        [
            ("my card was declined at checkout", Queue::Payments),
            ("payment failed twice with my visa card", Queue::Payments),
            ("mi tarjeta fue rechazada al pagar", Queue::Payments),
            ("my parcel has not arrived, tracking stuck", Queue::Orders),
            ("where is my package, delivery is late", Queue::Orders),
            ("mi paquete no ha llegado todavia", Queue::Orders),
            ("when is my payout, balance not paid out", Queue::Payouts),
            ("payout missing from my bank account", Queue::Payouts),
            ("how do I reset my password", Queue::General),
            ("change the language of my account", Queue::General),
            ("verification of my passport documents failed", Queue::Sellers),
            ("how to add photos to my listing", Queue::Sellers),
            ("the seller sent a fake item, I opened a dispute", Queue::Disputes),
            ("scam seller not as described", Queue::Disputes),
        ]
        .into_iter()
        .map(|(text, queue)| example(text, queue))
        .collect()
    }

    fn read(model: &Model, text: &str) -> Prediction {
        let text = Text::new(text);
        model.predict(Input {
            text: &text,
            topic: None,
            role: None,
            surface: None,
        })
    }

    #[test]
    fn it_learns_the_queues_and_reads_typos_and_inflections() {
        let model = Model::train(&tiny_set());
        assert_eq!(model.accuracy(&tiny_set()), 1.0);
        assert_eq!(read(&model, "card declined!!").queue, Queue::Payments);
        assert_eq!(read(&model, "packages still not arrivd").queue, Queue::Orders);
        assert_eq!(read(&model, "tarjeta rechazada").queue, Queue::Payments);
        let found = read(&model, "my payouts are missing");
        assert_eq!(found.queue, Queue::Payouts);
        assert!(found.words.contains(&"payouts".to_owned()), "{found:?}");
    }

    #[test]
    fn the_same_examples_give_the_same_bytes_whatever_their_order() {
        let mut set = tiny_set();
        let model = Model::train(&set);
        set.reverse();
        assert_eq!(Model::train(&set).to_bytes(), model.to_bytes());
    }

    #[test]
    fn the_stored_form_reads_back_and_rejects_anything_else() {
        let model = Model::train(&tiny_set());
        let bytes = model.to_bytes();
        assert_eq!(Model::from_bytes(&bytes), Some(model));
        assert_eq!(Model::from_bytes(&bytes[..bytes.len() - 1]), None);
        assert_eq!(Model::from_bytes(b"SPTM2"), None);
        assert_eq!(Model::from_bytes(b""), None);
    }

    #[test]
    fn role_and_page_decide_what_the_text_leaves_open() {
        let mut set = tiny_set();
        for (text, queue, role, surface) in [
            ("where is my money", Queue::Payouts, Role::Seller, Surface::Onboarding),
            ("where is my money??", Queue::Payouts, Role::Seller, Surface::Onboarding),
            ("where is my money", Queue::Payments, Role::Buyer, Surface::Checkout),
            ("money gone??", Queue::Payments, Role::Buyer, Surface::Checkout),
        ] {
            set.push(Example {
                role: Some(role),
                surface: Some(surface),
                ..example(text, queue)
            });
        }
        let model = Model::train(&set);
        let text = Text::new("where's my money");
        let asking = |role, surface| {
            model
                .predict(Input {
                    text: &text,
                    topic: None,
                    role: Some(role),
                    surface: Some(surface),
                })
                .queue
        };
        assert_eq!(asking(Role::Seller, Surface::Onboarding), Queue::Payouts);
        assert_eq!(asking(Role::Buyer, Surface::Checkout), Queue::Payments);
    }

    #[test]
    fn japanese_is_read_without_spaces() {
        let mut set = tiny_set();
        set.push(example("荷物がまだ届きません", Queue::Orders));
        set.push(example("配送が遅れています", Queue::Orders));
        set.push(example("カードの支払いが失敗しました", Queue::Payments));
        set.push(example("決済エラーが出ます", Queue::Payments));
        let model = Model::train(&set);
        assert_eq!(read(&model, "注文した荷物が届かない").queue, Queue::Orders);
        assert_eq!(read(&model, "支払いができません、エラー").queue, Queue::Payments);
    }

    #[test]
    fn held_back_examples_stay_on_their_side() {
        let set: Vec<Example> = (0..200)
            .map(|i| example(&format!("message number {i}"), Queue::General))
            .collect();
        let (train, held) = hold_back(set.clone());
        assert!((10..=30).contains(&held.len()), "{}", held.len());
        assert_eq!(train.len() + held.len(), 200);
        let (_, again) = hold_back(set);
        let texts = |set: &[Example]| set.iter().map(|e| e.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&again), texts(&held));
    }
}
