//! How many event streams (the status stream and ticket threads) this process holds open: at most so many in
//! all, per client address and per ticket. A stream takes a [`StreamSlot`] when it opens and gives it back when
//! it ends (the client leaves, or the desk stops), so the counts are always the streams open right now.
//!
//! These caps protect this process's own open files and memory, so they are counted in the process, not in the
//! database: each replica has its own.

use crate::address::AddressKey;
use signpost_core::wire::{StreamScope, UnavailableReason};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The caps, from the desk's flags.
#[derive(Clone, Copy, Debug)]
pub struct StreamCaps {
    pub total: u32,
    pub per_address: u32,
    pub per_ticket: u32,
}

/// Why a stream was not opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StreamRefused {
    /// This address or ticket already has `max` streams open (the client's doing: 429).
    #[error("{max} event streams are already open for this {scope:?}")]
    Busy { scope: StreamScope, max: u32 },
    /// The process serves as many streams as it may (503).
    #[error("{0}")]
    Full(UnavailableReason),
}

/// The streams open right now, shared by every request of this process.
#[derive(Clone, Debug)]
pub struct Streams {
    caps: StreamCaps,
    open: Arc<Mutex<Open>>,
}

#[derive(Debug, Default)]
struct Open {
    total: u32,
    by_address: HashMap<AddressKey, u32>,
    by_ticket: HashMap<i64, u32>,
}

impl Streams {
    pub fn new(caps: StreamCaps) -> Streams {
        Streams {
            caps,
            open: Arc::default(),
        }
    }

    /// A slot for one more stream from `address` (on `ticket`'s thread, if it is one), or why not.
    pub fn open(
        &self,
        address: AddressKey,
        ticket: Option<i64>,
    ) -> Result<StreamSlot, StreamRefused> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let caps = self.caps;
        if open.by_address.get(&address).copied().unwrap_or(0) >= caps.per_address {
            return Err(StreamRefused::Busy {
                scope: StreamScope::Address,
                max: caps.per_address,
            });
        }
        if let Some(number) = ticket
            && open.by_ticket.get(&number).copied().unwrap_or(0) >= caps.per_ticket
        {
            return Err(StreamRefused::Busy {
                scope: StreamScope::Ticket,
                max: caps.per_ticket,
            });
        }
        if open.total >= caps.total {
            return Err(StreamRefused::Full(UnavailableReason::AtCapacity));
        }
        open.total += 1;
        *open.by_address.entry(address).or_default() += 1;
        if let Some(number) = ticket {
            *open.by_ticket.entry(number).or_default() += 1;
        }
        Ok(StreamSlot {
            open: self.open.clone(),
            address,
            ticket,
        })
    }

    /// Streams open now.
    pub fn count(&self) -> u32 {
        self.open.lock().unwrap_or_else(|p| p.into_inner()).total
    }
}

/// One open stream's place in the counts; dropping it frees the place.
#[derive(Debug)]
pub struct StreamSlot {
    open: Arc<Mutex<Open>>,
    address: AddressKey,
    ticket: Option<i64>,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        open.total -= 1;
        release(&mut open.by_address, self.address);
        if let Some(number) = self.ticket {
            release(&mut open.by_ticket, number);
        }
    }
}

/// One fewer under `key`, forgetting keys that reach zero so the maps hold only what is open.
fn release<K: std::hash::Hash + Eq>(counts: &mut HashMap<K, u32>, key: K) {
    if let Some(count) = counts.get_mut(&key) {
        *count -= 1;
        if *count == 0 {
            counts.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(text: &str) -> AddressKey {
        AddressKey::of(text.parse().unwrap())
    }

    #[test]
    fn caps_count_what_is_open_and_free_on_drop() {
        let streams = Streams::new(StreamCaps {
            total: 3,
            per_address: 2,
            per_ticket: 1,
        });
        let a = address("192.0.2.1");
        let first = streams.open(a, Some(7)).unwrap();
        assert_eq!(
            streams.open(address("192.0.2.9"), Some(7)).unwrap_err(),
            StreamRefused::Busy {
                scope: StreamScope::Ticket,
                max: 1
            }
        );
        let second = streams.open(a, None).unwrap();
        assert_eq!(
            streams.open(a, None).unwrap_err(),
            StreamRefused::Busy {
                scope: StreamScope::Address,
                max: 2
            }
        );
        let third = streams.open(address("192.0.2.2"), None).unwrap();
        assert_eq!(
            streams.open(address("192.0.2.3"), None).unwrap_err(),
            StreamRefused::Full(UnavailableReason::AtCapacity)
        );
        assert_eq!(streams.count(), 3);
        drop((first, second, third));
        assert_eq!(streams.count(), 0);
        let open = streams.open.lock().unwrap();
        assert!(open.by_address.is_empty() && open.by_ticket.is_empty());
    }
}
