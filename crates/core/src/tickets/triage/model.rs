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
const PRUNE: f32 = 1e-2;
/// The stored form's first bytes, with its layout version.
const MAGIC: &[u8; 5] = b"SPTM1";
/// Weights are stored as multiples of a step, in 16 bits: half the size of 32-bit floats, and a decision never
/// turns on the fifth digit of a weight.
const STEPS: f32 = i16::MAX as f32;

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

/// The most likely team on some of the evidence, and its probability (0 to 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub queue: Queue,
    pub confidence: f32,
}

/// The model's reading of one message, on all the evidence and on less of it.
#[derive(Clone, Debug)]
pub struct Prediction {
    /// Everything: the words, the topic, who is asking and from which page.
    pub all: Reading,
    /// What the user said: the words and the topic they picked.
    pub said: Reading,
    /// The words alone.
    pub words: Reading,
    /// The message's features, kept to explain a reading.
    features: Vec<Feature>,
}

/// A trained model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    bias: [f32; QUEUES],
    /// The weights are whole multiples of this (see [`STEPS`]).
    step: f32,
    weights: HashMap<u32, [f32; QUEUES]>,
    /// Words used alike by every team ("the", "de", "my"): never given as the reason for a queue.
    common: Vec<u32>,
}

/// One feature of a message: its hash bucket, its value, and where it came from.
#[derive(Clone, Debug)]
struct Feature {
    bucket: u32,
    value: f32,
    source: Source,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Source {
    /// The word at this index of the text.
    Word(usize),
    /// The topic the user picked.
    Topic,
    /// The role and page the widget reported.
    Page,
}

impl Source {
    fn word(self) -> Option<usize> {
        match self {
            Source::Word(index) => Some(index),
            Source::Topic | Source::Page => None,
        }
    }
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
                random = next(random);
                order.swap(i, (random % (i as u64 + 1)) as usize);
            }
            let rate = LEARNING_RATE / (1.0 + epoch as f32 * 0.2);
            for (example, all_features) in &order {
                // Half the time without the topic, half the time without role and page: most examples of a
                // team come from its own page and topic, and the words must learn to stand on their own.
                random = next(random);
                let keep_topic = random & 1 == 0;
                let keep_page = random & 2 == 0;
                let features: Vec<&Feature> = all_features
                    .iter()
                    .filter(|feature| match feature.source {
                        Source::Word(_) => true,
                        Source::Topic => keep_topic,
                        Source::Page => keep_page,
                    })
                    .collect();
                let mut scores = bias;
                for feature in &features {
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
                for feature in &features {
                    let row = &mut weights[feature.bucket as usize];
                    for (weight, g) in row.iter_mut().zip(gradient) {
                        *weight -= rate * (example.weight * g * feature.value + L2 * *weight);
                    }
                }
            }
        }
        let weights: HashMap<u32, [f32; QUEUES]> = weights
            .into_iter()
            .enumerate()
            .filter(|(_, row)| row.iter().any(|weight| weight.abs() >= PRUNE))
            .map(|(bucket, row)| (bucket as u32, row))
            .collect();
        let step = weights
            .values()
            .flatten()
            .fold(0.0f32, |most, weight| most.max(weight.abs()))
            / STEPS;
        // The model as it is stored, so the trainer decides exactly as every replica that loads it will.
        let round = |weight: f32| {
            if step > 0.0 {
                (weight / step).round() * step
            } else {
                0.0
            }
        };
        Model {
            bias,
            step,
            weights: weights
                .into_iter()
                .map(|(bucket, row)| (bucket, row.map(round)))
                .collect(),
            common: common_words(examples),
        }
    }

    /// Reads one message.
    pub fn predict(&self, input: Input) -> Prediction {
        let features = features(input);
        let reading = |sources: &dyn Fn(Source) -> bool| {
            let probabilities = self.probabilities(&features, sources);
            let best = argmax(&probabilities);
            Reading {
                queue: Queue::ALL[best],
                confidence: probabilities[best],
            }
        };
        Prediction {
            all: reading(&|_| true),
            said: reading(&|source| source != Source::Page),
            words: reading(&|source| source.word().is_some()),
            features,
        }
    }

    /// The words of the message `prediction` read that pull most towards `queue` over the others, most first
    /// (at most three).
    pub fn weightiest_words(
        &self,
        text: &Text,
        prediction: &Prediction,
        queue: Queue,
    ) -> Vec<String> {
        let words: Vec<&str> = text.words().collect();
        let mut pull: HashMap<usize, f32> = HashMap::new();
        for feature in &prediction.features {
            let (Some(word), Some(weights)) =
                (feature.source.word(), self.weights.get(&feature.bucket))
            else {
                continue;
            };
            let mean = weights.iter().sum::<f32>() / QUEUES as f32;
            *pull.entry(word).or_default() += (weights[queue as usize] - mean) * feature.value;
        }
        let mut ranked: Vec<(usize, f32)> = pull
            .into_iter()
            .filter(|&(word, pull)| pull > 0.05 && !self.is_common(words[word]))
            .collect();
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

    fn is_common(&self, word: &str) -> bool {
        self.common.binary_search(&hash(&["w", word])).is_ok()
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
                Queue::ALL[argmax(&self.probabilities(&features, &|_| true))] == example.queue
            })
            .count();
        right as f32 / examples.len() as f32
    }

    /// The stored form, little-endian: the bias and the step as 32-bit floats, each bucket with its weights in
    /// steps (16 bits), sorted by bucket so the same model gives the same bytes, then the common words.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut buckets: Vec<(&u32, &[f32; QUEUES])> = self.weights.iter().collect();
        buckets.sort_by_key(|(bucket, _)| **bucket);
        let mut bytes = Vec::with_capacity(64 + buckets.len() * (4 + 2 * QUEUES));
        bytes.extend_from_slice(MAGIC);
        for number in self.bias.iter().chain([&self.step]) {
            bytes.extend_from_slice(&number.to_le_bytes());
        }
        bytes.extend_from_slice(&(buckets.len() as u32).to_le_bytes());
        for (bucket, weights) in buckets {
            bytes.extend_from_slice(&bucket.to_le_bytes());
            for weight in weights {
                let steps = if self.step > 0.0 {
                    (weight / self.step).round() as i16
                } else {
                    0
                };
                bytes.extend_from_slice(&steps.to_le_bytes());
            }
        }
        bytes.extend_from_slice(&(self.common.len() as u32).to_le_bytes());
        for bucket in &self.common {
            bytes.extend_from_slice(&bucket.to_le_bytes());
        }
        bytes
    }

    /// Reads the stored form back; `None` for anything [`Model::to_bytes`] did not write.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let mut reader = Reader(bytes.strip_prefix(MAGIC.as_slice())?);
        let mut bias = [0.0; QUEUES];
        for number in &mut bias {
            *number = f32::from_le_bytes(reader.take()?);
        }
        let step = f32::from_le_bytes(reader.take()?);
        let count = u32::from_le_bytes(reader.take()?) as usize;
        let mut weights = HashMap::with_capacity(count.min(bytes.len()));
        for _ in 0..count {
            let bucket = u32::from_le_bytes(reader.take()?);
            let mut row = [0.0; QUEUES];
            for weight in &mut row {
                *weight = f32::from(i16::from_le_bytes(reader.take()?)) * step;
            }
            weights.insert(bucket, row);
        }
        let count = u32::from_le_bytes(reader.take()?) as usize;
        let common = (0..count)
            .map(|_| reader.take().map(u32::from_le_bytes))
            .collect::<Option<Vec<u32>>>()?;
        reader.0.is_empty().then_some(Model {
            bias,
            step,
            weights,
            common,
        })
    }

    /// Softmax over the queues, on the features from the `sources` wanted.
    fn probabilities(
        &self,
        features: &[Feature],
        sources: &dyn Fn(Source) -> bool,
    ) -> [f32; QUEUES] {
        let mut scores = self.bias;
        for feature in features.iter().filter(|f| sources(f.source)) {
            if let Some(weights) = self.weights.get(&feature.bucket) {
                for (score, weight) in scores.iter_mut().zip(weights) {
                    *score += weight * feature.value;
                }
            }
        }
        softmax(scores)
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
            source: Source::Word(index),
        };
        if word.chars().any(is_cjk) {
            let chars: Vec<char> = word.chars().collect();
            for pair in chars.windows(2) {
                found.push(Feature {
                    bucket: hash_gram(pair),
                    value: 1.0,
                    source: Source::Word(index),
                });
            }
            for c in chars.iter().filter(|c| !is_hiragana(**c)) {
                found.push(word_feature(c.encode_utf8(&mut [0; 4])));
            }
            continue;
        }
        found.push(word_feature(word));
        let padded: Vec<char> = std::iter::once('<')
            .chain(word.chars())
            .chain(std::iter::once('>'))
            .collect();
        for n in 3..=5 {
            for gram in padded.windows(n) {
                found.push(Feature {
                    bucket: hash_gram(gram),
                    value: 1.0,
                    source: Source::Word(index),
                });
            }
        }
        if let Some(next) = words.get(index + 1) {
            found.push(Feature {
                bucket: hash(&["b", word, next]),
                value: 1.0,
                source: Source::Word(index),
            });
        }
    }
    let scale = 1.0 / (found.len().max(1) as f32).sqrt();
    found.iter_mut().for_each(|feature| feature.value *= scale);

    // Only what the page said: an unknown role or page is no evidence either way.
    let role = input.role.map(|role| match role {
        Role::Buyer => "buyer",
        Role::Seller => "seller",
    });
    let surface = input.surface.map(Surface::as_str);
    let mut facts = Vec::new();
    if let Some(role) = role {
        facts.push((hash(&["role", role]), Source::Page));
    }
    if let Some(surface) = surface {
        facts.push((hash(&["surface", surface]), Source::Page));
    }
    if let (Some(role), Some(surface)) = (role, surface) {
        facts.push((hash(&["role+surface", role, surface]), Source::Page));
    }
    if let Some(topic) = input.topic.filter(|topic| !topic.is_empty()) {
        facts.push((hash(&["topic", topic]), Source::Topic));
    }
    found.extend(facts.into_iter().map(|(bucket, source)| Feature {
        bucket,
        value: 0.5,
        source,
    }));
    found
}

/// Reads the stored form front to back.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (taken, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*taken)
    }
}

/// Words that many examples use and no team owns (none has half of them): "the", "de", "my", "です".
fn common_words(examples: &[Example]) -> Vec<u32> {
    let mut counts: HashMap<u32, [u32; QUEUES]> = HashMap::new();
    for example in examples {
        let text = Text::new(&example.text);
        let mut seen: Vec<u32> = text.words().map(|word| hash(&["w", word])).collect();
        seen.sort_unstable();
        seen.dedup();
        for bucket in seen {
            counts.entry(bucket).or_default()[example.queue as usize] += 1;
        }
    }
    let mut common: Vec<u32> = counts
        .into_iter()
        .filter(|(_, per_queue)| {
            let total: u32 = per_queue.iter().sum();
            let most = per_queue.iter().copied().max().unwrap_or(0);
            total >= 8 && most * 2 < total
        })
        .map(|(bucket, _)| bucket)
        .collect();
    common.sort_unstable();
    common
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
        .partition(|example| !hash(&["held", &example.text]).is_multiple_of(10))
}

/// The next number of a xorshift sequence: the training's fixed "randomness".
fn next(mut random: u64) -> u64 {
    random ^= random << 13;
    random ^= random >> 7;
    random ^= random << 17;
    random
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

/// FNV-1a over the parts, each followed by a separator, modulo [`BUCKETS`].
fn hash(parts: &[&str]) -> u32 {
    let mut hash = FNV_START;
    for part in parts {
        hash = fnv(hash, part.bytes().chain([0x1f]));
    }
    hash % BUCKETS
}

/// [`hash`] of `["g", gram]`, without building the string: n-grams are most of a message's features.
fn hash_gram(gram: &[char]) -> u32 {
    let mut hash = fnv(FNV_START, *b"g\x1f");
    let mut buffer = [0; 4];
    for c in gram {
        hash = fnv(hash, c.encode_utf8(&mut buffer).bytes());
    }
    fnv(hash, [0x1f]) % BUCKETS
}

const FNV_START: u32 = 0x811c_9dc5;

fn fnv(mut hash: u32, bytes: impl IntoIterator<Item = u8>) -> u32 {
    for byte in bytes {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
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
            (
                "verification of my passport documents failed",
                Queue::Sellers,
            ),
            ("how to add photos to my listing", Queue::Sellers),
            (
                "the seller sent a fake item, I opened a dispute",
                Queue::Disputes,
            ),
            ("scam seller not as described", Queue::Disputes),
        ]
        .into_iter()
        .map(|(text, queue)| example(text, queue))
        .collect()
    }

    /// The queue the model reads `text` as, and the words that weighed most for it.
    fn read(model: &Model, text: &str) -> (Queue, Vec<String>) {
        let text = Text::new(text);
        let input = Input {
            text: &text,
            topic: None,
            role: None,
            surface: None,
        };
        let prediction = model.predict(input);
        let queue = prediction.all.queue;
        (queue, model.weightiest_words(&text, &prediction, queue))
    }

    #[test]
    fn it_learns_the_queues_and_reads_typos_and_inflections() {
        let model = Model::train(&tiny_set());
        assert_eq!(model.accuracy(&tiny_set()), 1.0);
        assert_eq!(read(&model, "card declined!!").0, Queue::Payments);
        assert_eq!(read(&model, "packages still not arrivd").0, Queue::Orders);
        assert_eq!(read(&model, "tarjeta rechazada").0, Queue::Payments);
        let (queue, words) = read(&model, "my payouts are missing");
        assert_eq!(queue, Queue::Payouts);
        assert!(words.contains(&"payouts".to_owned()), "{words:?}");
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
            (
                "where is my money",
                Queue::Payouts,
                Role::Seller,
                Surface::Onboarding,
            ),
            (
                "where is my money??",
                Queue::Payouts,
                Role::Seller,
                Surface::Onboarding,
            ),
            (
                "where is my money",
                Queue::Payments,
                Role::Buyer,
                Surface::Checkout,
            ),
            (
                "money gone??",
                Queue::Payments,
                Role::Buyer,
                Surface::Checkout,
            ),
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
                .all
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
        assert_eq!(read(&model, "注文した荷物が届かない").0, Queue::Orders);
        assert_eq!(
            read(&model, "支払いができません、エラー").0,
            Queue::Payments
        );
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
