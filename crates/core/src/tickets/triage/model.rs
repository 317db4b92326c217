//! The intent model: which team a message reads like, with a confidence and the words that weighed most.
//!
//! A multinomial logistic regression over hashed features: character 3- to 5-grams of each word (so typos,
//! plurals and the endings of Spanish or German verbs still share most of their features), whole words and
//! word pairs, character pairs of Japanese (which has no spaces), and who is asking from which page (a seller
//! on onboarding asking about money is most likely asking about payouts). Nothing in it is English: a
//! language is learned from the examples written in it. Training is plain stochastic gradient descent in a
//! fixed order, so the same examples always give the same model, byte for byte.
//!
//! Beside the queues, a second, binary model reads urgency from the words alone: whether the message reads like
//! the urgent cases it learned from (a takeover, a repeated charge, a threat, a product that caught fire) when
//! it says so in words no rule knows. Triage asks it only when no rule fired.

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
/// The model kept is the average of the weights at the end of each epoch from this one on: the last steps of
/// stochastic gradient descent wander with the order of the examples, and a few more examples (an agent's
/// corrections) must not move a model by more than what they teach.
const AVERAGED_FROM: usize = EPOCHS / 2;
const LEARNING_RATE: f32 = 0.4;
/// The urgency model's: one output with few examples of it needs larger steps. Chosen with [`URGENT`] by five-fold
/// cross-validation on the seed, as the pair that finds the most urgent cases at 90 % precision.
const URGENCY_LEARNING_RATE: f32 = 2.0;
/// Shrinks every weight a feature touches a little at each step, so no single n-gram dominates.
const L2: f32 = 1e-4;
/// Weights smaller than this are dropped from the stored model: they never change a decision.
const PRUNE: f32 = 1e-2;
/// The stored form's first bytes, with its layout version: 2 added the urgency model.
const MAGIC: &[u8; 5] = b"SPTM2";
/// The first layout, without the urgency model: still read, so a desk upgraded keeps triaging with the model it
/// has until `triage train` stores one that reads urgency.
const MAGIC_QUEUES_ONLY: &[u8; 5] = b"SPTM1";
/// From this probability the urgency model reads a message as urgent: the lowest at which the rules and the
/// model together keep 85 % precision in five-fold cross-validation on the seed (`examples/triage_seed.rs`),
/// five points over the 80 % asked, since the seed's calm messages are mostly look-alikes of urgent ones. A
/// missed urgent case costs a user far more than a false one costs an agent, so recall takes the rest.
pub const URGENT: f32 = 0.5;
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
    /// Whether it is urgent by what it says (a support lead would answer it first).
    pub urgent: bool,
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
    /// The urgency model; none in a model stored before it existed.
    urgency: Option<Urgency>,
}

/// A logistic regression over the words' features: the probability a message is urgent.
#[derive(Clone, Debug, PartialEq)]
struct Urgency {
    bias: f32,
    /// The weights are whole multiples of this (see [`STEPS`]).
    step: f32,
    weights: HashMap<u32, f32>,
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
        order.sort_by(|(a, _), (b, _)| {
            (a.queue, &a.text, a.urgent).cmp(&(b.queue, &b.text, b.urgent))
        });
        // Dense while training (a few tens of MB, and fast even unoptimised); only the weights that matter are
        // kept.
        let mut weights = vec![[0.0f32; QUEUES]; BUCKETS as usize];
        let mut bias = [0.0f32; QUEUES];
        let mut summed = vec![[0.0f32; QUEUES]; BUCKETS as usize];
        let mut summed_bias = [0.0f32; QUEUES];
        let mut random = 0x9e37_79b9_7f4a_7c15_u64;
        for epoch in 0..EPOCHS {
            shuffle(&mut order, &mut random);
            let rate = learning_rate(LEARNING_RATE, epoch);
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
            if epoch >= AVERAGED_FROM {
                for (sum, row) in summed.iter_mut().zip(&weights) {
                    for (sum, weight) in sum.iter_mut().zip(row) {
                        *sum += weight;
                    }
                }
                for (sum, b) in summed_bias.iter_mut().zip(bias) {
                    *sum += b;
                }
            }
        }
        let averaged = (EPOCHS - AVERAGED_FROM) as f32;
        let bias = summed_bias.map(|sum| sum / averaged);
        let weights: HashMap<u32, [f32; QUEUES]> = summed
            .into_iter()
            .map(|row| row.map(|sum| sum / averaged))
            .enumerate()
            .filter(|(_, row)| row.iter().any(|weight| weight.abs() >= PRUNE))
            .map(|(bucket, row)| (bucket as u32, row))
            .collect();
        let step = step_for(weights.values().flatten().copied());
        Model {
            bias,
            step,
            weights: weights
                .into_iter()
                .map(|(bucket, row)| (bucket, row.map(|weight| round(weight, step))))
                .collect(),
            common: common_words(examples),
            urgency: Some(Urgency::train(&mut order)),
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
        self.top_words(text, &prediction.features, |bucket| {
            let weights = self.weights.get(&bucket)?;
            let mean = weights.iter().sum::<f32>() / QUEUES as f32;
            Some(weights[queue as usize] - mean)
        })
    }

    /// The probability that the message `prediction` read is urgent, from its words (its topic and page say
    /// nothing of urgency); `None` for a model stored before it read urgency.
    pub fn urgency(&self, prediction: &Prediction) -> Option<f32> {
        Some(self.urgency.as_ref()?.probability(&prediction.features))
    }

    /// The words of the message `prediction` read that pull most towards urgent, most first (at most three).
    pub fn urgent_words(&self, text: &Text, prediction: &Prediction) -> Vec<String> {
        let Some(urgency) = &self.urgency else {
            return Vec::new();
        };
        self.top_words(text, &prediction.features, |bucket| {
            urgency.weights.get(&bucket).copied()
        })
    }

    /// The words whose features pull most towards an outcome (`pull` gives a feature's weight for it), most
    /// first, at most three, never a common word.
    fn top_words(
        &self,
        text: &Text,
        features: &[Feature],
        pull_of: impl Fn(u32) -> Option<f32>,
    ) -> Vec<String> {
        let words: Vec<&str> = text.words().collect();
        let mut pull: HashMap<usize, f32> = HashMap::new();
        for feature in features {
            let (Some(word), Some(weight)) = (feature.source.word(), pull_of(feature.bucket))
            else {
                continue;
            };
            *pull.entry(word).or_default() += weight * feature.value;
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
            .filter(|example| self.reads_queue_right(example, &example.features()))
            .count();
        right as f32 / examples.len() as f32
    }

    /// The share of `examples` whose urgency the model reads right at [`URGENT`] (1 for none); `None` for a
    /// model stored before it read urgency.
    pub fn urgency_accuracy(&self, examples: &[Example]) -> Option<f32> {
        let urgency = self.urgency.as_ref()?;
        if examples.is_empty() {
            return Some(1.0);
        }
        let right = examples
            .iter()
            .filter(|example| urgency.reads_right(example, &example.features()))
            .count();
        Some(right as f32 / examples.len() as f32)
    }

    /// Whether this model reads `held` clearly worse than `current`, at the queue or at urgency: it gets wrong
    /// more of the examples `current` gets right than the other way round, by more than twice what chance gives
    /// (a sign test). A few more examples change every step training takes, so a few held-back examples either
    /// way say nothing.
    pub fn clearly_worse_than(&self, current: &Model, held: &[Example]) -> bool {
        let mut queue = Disagreements::default();
        let mut urgency = Disagreements::default();
        for example in held {
            let features = example.features();
            queue.add(
                self.reads_queue_right(example, &features),
                current.reads_queue_right(example, &features),
            );
            if let (Some(new), Some(old)) = (&self.urgency, &current.urgency) {
                urgency.add(
                    new.reads_right(example, &features),
                    old.reads_right(example, &features),
                );
            }
        }
        queue.clearly_worse() || urgency.clearly_worse()
    }

    /// Whether the model, on all of `example`'s `features`, puts it in its team.
    fn reads_queue_right(&self, example: &Example, features: &[Feature]) -> bool {
        Queue::ALL[argmax(&self.probabilities(features, &|_| true))] == example.queue
    }

    /// The stored form, little-endian: the bias and the step as 32-bit floats, each bucket with its weights in
    /// steps (16 bits), sorted by bucket so the same model gives the same bytes, then the common words, then
    /// the urgency model's bias, step and weights in the same way.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut buckets: Vec<(&u32, &[f32; QUEUES])> = self.weights.iter().collect();
        buckets.sort_by_key(|(bucket, _)| **bucket);
        let mut bytes = Vec::with_capacity(64 + buckets.len() * (4 + 2 * QUEUES));
        bytes.extend_from_slice(if self.urgency.is_some() {
            MAGIC
        } else {
            MAGIC_QUEUES_ONLY
        });
        for number in self.bias.iter().chain([&self.step]) {
            bytes.extend_from_slice(&number.to_le_bytes());
        }
        bytes.extend_from_slice(&(buckets.len() as u32).to_le_bytes());
        for (bucket, weights) in buckets {
            bytes.extend_from_slice(&bucket.to_le_bytes());
            for weight in weights {
                bytes.extend_from_slice(&in_steps(*weight, self.step).to_le_bytes());
            }
        }
        bytes.extend_from_slice(&(self.common.len() as u32).to_le_bytes());
        for bucket in &self.common {
            bytes.extend_from_slice(&bucket.to_le_bytes());
        }
        if let Some(urgency) = &self.urgency {
            urgency.write(&mut bytes);
        }
        bytes
    }

    /// Reads the stored form back; `None` for anything [`Model::to_bytes`] did not write.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let (reads_urgency, rest) = match bytes.strip_prefix(MAGIC.as_slice()) {
            Some(rest) => (true, rest),
            None => (false, bytes.strip_prefix(MAGIC_QUEUES_ONLY.as_slice())?),
        };
        let mut reader = Reader(rest);
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
        let urgency = if reads_urgency {
            Some(Urgency::read(&mut reader)?)
        } else {
            None
        };
        reader.0.is_empty().then_some(Model {
            bias,
            step,
            weights,
            common,
            urgency,
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

impl Urgency {
    /// Trains on the words of each example, not its topic or page: urgency is what the user says.
    fn train(order: &mut [(&Example, Vec<Feature>)]) -> Urgency {
        let mut weights = vec![0.0f32; BUCKETS as usize];
        let mut bias = 0.0f32;
        let mut summed = vec![0.0f32; BUCKETS as usize];
        let mut summed_bias = 0.0f32;
        let mut random = 0x2545_f491_4f6c_dd1d_u64;
        for epoch in 0..EPOCHS {
            shuffle(order, &mut random);
            let rate = learning_rate(URGENCY_LEARNING_RATE, epoch);
            for (example, features) in order.iter() {
                let words = || {
                    features
                        .iter()
                        .filter(|feature| feature.source.word().is_some())
                };
                let score: f32 = bias
                    + words()
                        .map(|feature| weights[feature.bucket as usize] * feature.value)
                        .sum::<f32>();
                let gradient = sigmoid(score) - if example.urgent { 1.0 } else { 0.0 };
                bias -= rate * example.weight * gradient;
                for feature in words() {
                    let weight = &mut weights[feature.bucket as usize];
                    *weight -= rate * (example.weight * gradient * feature.value + L2 * *weight);
                }
            }
            if epoch >= AVERAGED_FROM {
                for (sum, weight) in summed.iter_mut().zip(&weights) {
                    *sum += weight;
                }
                summed_bias += bias;
            }
        }
        let averaged = (EPOCHS - AVERAGED_FROM) as f32;
        let bias = summed_bias / averaged;
        let kept: HashMap<u32, f32> = summed
            .into_iter()
            .map(|sum| sum / averaged)
            .enumerate()
            .filter(|(_, weight)| weight.abs() >= PRUNE)
            .map(|(bucket, weight)| (bucket as u32, weight))
            .collect();
        let step = step_for(kept.values().copied());
        Urgency {
            bias,
            step,
            weights: kept
                .into_iter()
                .map(|(bucket, weight)| (bucket, round(weight, step)))
                .collect(),
        }
    }

    /// Whether it reads `example` (with its `features`) as urgent exactly when it is.
    fn reads_right(&self, example: &Example, features: &[Feature]) -> bool {
        (self.probability(features) >= URGENT) == example.urgent
    }

    fn probability(&self, features: &[Feature]) -> f32 {
        let words = features
            .iter()
            .filter(|feature| feature.source.word().is_some());
        let score: f32 = words
            .filter_map(|feature| Some(self.weights.get(&feature.bucket)? * feature.value))
            .sum();
        sigmoid(self.bias + score)
    }

    fn write(&self, bytes: &mut Vec<u8>) {
        let mut buckets: Vec<(&u32, &f32)> = self.weights.iter().collect();
        buckets.sort_by_key(|(bucket, _)| **bucket);
        bytes.extend_from_slice(&self.bias.to_le_bytes());
        bytes.extend_from_slice(&self.step.to_le_bytes());
        bytes.extend_from_slice(&(buckets.len() as u32).to_le_bytes());
        for (bucket, weight) in buckets {
            bytes.extend_from_slice(&bucket.to_le_bytes());
            bytes.extend_from_slice(&in_steps(*weight, self.step).to_le_bytes());
        }
    }

    fn read(reader: &mut Reader) -> Option<Urgency> {
        let bias = f32::from_le_bytes(reader.take()?);
        let step = f32::from_le_bytes(reader.take()?);
        let count = u32::from_le_bytes(reader.take()?) as usize;
        let mut weights = HashMap::with_capacity(count.min(reader.0.len()));
        for _ in 0..count {
            let bucket = u32::from_le_bytes(reader.take()?);
            weights.insert(bucket, f32::from(i16::from_le_bytes(reader.take()?)) * step);
        }
        Some(Urgency {
            bias,
            step,
            weights,
        })
    }
}

/// The held-back examples only one of two models reads right.
#[derive(Default)]
struct Disagreements {
    only_new: u32,
    only_current: u32,
}

impl Disagreements {
    fn add(&mut self, new_right: bool, current_right: bool) {
        match (new_right, current_right) {
            (true, false) => self.only_new += 1,
            (false, true) => self.only_current += 1,
            _ => {}
        }
    }

    /// The new model lost more than it won, by over two standard deviations of a fair coin's count.
    fn clearly_worse(&self) -> bool {
        let (lost, won) = (self.only_current as f32, self.only_new as f32);
        lost - won > 2.0 * (lost + won).sqrt()
    }
}

/// A fixed shuffle per epoch: the same examples give the same model.
fn shuffle<T>(order: &mut [T], random: &mut u64) {
    for i in (1..order.len()).rev() {
        *random = next(*random);
        order.swap(i, (*random % (i as u64 + 1)) as usize);
    }
}

/// The rate at an epoch: large steps first, smaller ones as the weights settle.
fn learning_rate(start: f32, epoch: usize) -> f32 {
    start / (1.0 + epoch as f32 * 0.2)
}

/// The step that stores the largest of `weights` as [`STEPS`].
fn step_for(weights: impl Iterator<Item = f32>) -> f32 {
    weights.fold(0.0f32, |most, weight| most.max(weight.abs())) / STEPS
}

/// A weight as it is stored, so the trainer decides exactly as every replica that loads it will.
fn round(weight: f32, step: f32) -> f32 {
    f32::from(in_steps(weight, step)) * step
}

fn in_steps(weight: f32, step: f32) -> i16 {
    if step > 0.0 {
        (weight / step).round() as i16
    } else {
        0
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
    let role = input.role.map(Role::as_str);
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
/// `topic`, `role`, `surface` and `urgent` (other fields, such as `lang`, are notes for people). Blank lines are skipped.
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
        #[serde(default)]
        urgent: bool,
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
                urgent: line.urgent,
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

fn sigmoid(score: f32) -> f32 {
    1.0 / (1.0 + (-score).exp())
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
            urgent: false,
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

    /// What `model` reads in `text`, asked without topic, role or page.
    fn predicted(model: &Model, text: &Text) -> Prediction {
        model.predict(Input {
            text,
            topic: None,
            role: None,
            surface: None,
        })
    }

    /// The queue the model reads `text` as, and the words that weighed most for it.
    fn read(model: &Model, text: &str) -> (Queue, Vec<String>) {
        let text = Text::new(text);
        let prediction = predicted(model, &text);
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

    /// The tiny set with urgent cases and look-alikes in two languages.
    fn with_urgent_cases() -> Vec<Example> {
        let mut set = tiny_set();
        for (text, queue, urgent) in [
            (
                "someone logged in and changed my email",
                Queue::General,
                true,
            ),
            (
                "a stranger changed my password and email",
                Queue::General,
                true,
            ),
            (
                "alguien cambió mi correo y mi contraseña",
                Queue::General,
                true,
            ),
            (
                "the charger melted and burned my desk",
                Queue::Disputes,
                true,
            ),
            (
                "el cargador se derritió y quemó la mesa",
                Queue::Disputes,
                true,
            ),
            ("how do I change my email address", Queue::General, false),
            ("cómo cambio mi correo electrónico", Queue::General, false),
            ("the charger is slow to charge", Queue::Disputes, false),
        ] {
            set.push(Example {
                urgent,
                ..example(text, queue)
            });
        }
        set
    }

    /// How urgent `model` reads `text`, asked without topic, role or page, and the words that weighed most.
    fn reading(model: &Model, text: &str) -> (Option<f32>, Vec<String>) {
        let text = Text::new(text);
        let prediction = predicted(model, &text);
        (
            model.urgency(&prediction),
            model.urgent_words(&text, &prediction),
        )
    }

    fn urgency(model: &Model, text: &str) -> f32 {
        reading(model, text).0.expect("the model reads urgency")
    }

    #[test]
    fn it_reads_urgency_from_the_words_with_the_words_that_weighed_most() {
        // A few examples teach little, so this checks the order of readings, not the threshold: the seed
        // model's readings are tested by triage.
        let model = Model::train(&with_urgent_cases());
        let (_, words) = reading(&model, "someone changed my password!!");
        assert!(words.contains(&"someone".to_owned()), "{words:?}");
        let least_urgent = ["someone changed my password!!", "el cargador se quemó"]
            .map(|text| urgency(&model, text))
            .into_iter()
            .fold(1.0f32, f32::min);
        let calmest = [
            "how do I change my password",
            "¿cómo cambio mi correo?",
            "my parcel has not arrived",
        ]
        .map(|text| urgency(&model, text))
        .into_iter()
        .fold(0.0f32, f32::max);
        assert!(least_urgent > calmest, "{least_urgent} {calmest}");
    }

    #[test]
    fn only_a_clearly_worse_model_counts_as_worse() {
        let set = with_urgent_cases();
        let model = Model::train(&set);
        assert!(!model.clearly_worse_than(&model, &set));
        let mut one_more = set.clone();
        one_more.push(example("my visa was declined again", Queue::Payments));
        assert!(!Model::train(&one_more).clearly_worse_than(&model, &set));
        // The same texts, each taught the wrong team and the wrong urgency.
        let scrambled: Vec<Example> = set
            .iter()
            .map(|example| Example {
                queue: Queue::ALL[(example.queue as usize + 1) % QUEUES],
                urgent: !example.urgent,
                ..example.clone()
            })
            .collect();
        let scrambled = Model::train(&scrambled);
        assert!(scrambled.clearly_worse_than(&model, &set));
        assert!(!model.clearly_worse_than(&scrambled, &set));
    }

    #[test]
    fn the_same_examples_give_the_same_bytes_whatever_their_order() {
        let mut set = with_urgent_cases();
        let model = Model::train(&set);
        set.reverse();
        assert_eq!(Model::train(&set).to_bytes(), model.to_bytes());
    }

    #[test]
    fn the_stored_form_reads_back_and_rejects_anything_else() {
        let model = Model::train(&with_urgent_cases());
        let bytes = model.to_bytes();
        assert_eq!(Model::from_bytes(&bytes), Some(model.clone()));
        assert_eq!(Model::from_bytes(&bytes[..bytes.len() - 1]), None);
        assert_eq!(Model::from_bytes(b"SPTM2"), None);
        assert_eq!(Model::from_bytes(b"SPTM3"), None);
        assert_eq!(Model::from_bytes(b""), None);

        // A model stored before urgency was learned still triages; it reads no urgency.
        let queues_only = Model {
            urgency: None,
            ..model
        };
        let bytes = queues_only.to_bytes();
        assert!(bytes.starts_with(b"SPTM1"));
        let read = Model::from_bytes(&bytes).expect("the first layout reads");
        assert_eq!(read, queues_only);
        assert_eq!(
            reading(&read, "someone changed my password"),
            (None, Vec::new())
        );
        assert_eq!(read.urgency_accuracy(&tiny_set()), None);
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
