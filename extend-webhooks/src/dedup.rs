//! Dropping duplicate deliveries by event id.
//!
//! Extend retries a delivery that was not acknowledged with a 2xx, and a
//! retry carries the same `eventId`, so a receiver can see one event more
//! than once. [`DuplicateGuard`] records event ids in an [`EventIdStore`]:
//! [`MemoryEventIdStore`] for one process, or your own implementation over a
//! shared store (Redis `SET NX`, a database unique key) when several
//! receivers run behind a load balancer.

use std::collections::{HashSet, VecDeque};
use std::error::Error as StdError;
use std::fmt;
use std::sync::Mutex;

use async_trait::async_trait;

use crate::WebhookEvent;

/// The error of an [`EventIdStore`], such as a failed call to a shared
/// database. It is `Error + Send + Sync`, so `?` converts it into
/// `Box<dyn Error>` or an `anyhow::Error`.
///
/// ```
/// use extend_webhooks::StoreError;
///
/// let error = StoreError::new(std::io::Error::other("connection reset"));
/// assert_eq!(error.to_string(), "event id store failed: connection reset");
///
/// fn record() -> Result<(), Box<dyn std::error::Error>> {
///     Err(StoreError::new("timed out"))?
/// }
/// assert!(record().is_err());
/// ```
#[derive(Debug, thiserror::Error)]
#[error("event id store failed: {source}")]
pub struct StoreError {
    #[source]
    source: Box<dyn StdError + Send + Sync>,
}

impl StoreError {
    /// Wraps the error a store reported, or a message.
    pub fn new(source: impl Into<Box<dyn StdError + Send + Sync>>) -> StoreError {
        StoreError {
            source: source.into(),
        }
    }
}

/// A set of event ids already received.
#[async_trait]
pub trait EventIdStore: Send + Sync {
    /// Records `event_id`. Returns `true` when it was not recorded before,
    /// `false` for a duplicate. The check and the insert must be one atomic
    /// step, or two receivers can both see `true`.
    ///
    /// # Errors
    ///
    /// Whatever error the store reports; the event was then not recorded.
    async fn insert_if_absent(&self, event_id: &str) -> Result<bool, StoreError>;

    /// Forgets `event_id`, so that a later delivery of it counts as new.
    ///
    /// # Errors
    ///
    /// Whatever error the store reports.
    async fn remove(&self, event_id: &str) -> Result<(), StoreError>;
}

/// An in-memory [`EventIdStore`] that keeps the most recent `capacity` ids.
///
/// When full, it evicts the oldest id first. An id evicted this way is
/// processed again if Extend delivers it once more, so size the capacity
/// above the number of events you receive during Extend's retry period.
pub struct MemoryEventIdStore {
    capacity: usize,
    seen: Mutex<Seen>,
}

#[derive(Default)]
struct Seen {
    ids: HashSet<String>,
    order: VecDeque<String>,
}

impl MemoryEventIdStore {
    /// Default number of ids kept.
    pub const DEFAULT_CAPACITY: usize = 10_000;

    /// Creates a store that keeps at most `capacity` ids (at least 1).
    pub fn new(capacity: usize) -> Self {
        MemoryEventIdStore {
            capacity: capacity.max(1),
            seen: Mutex::new(Seen::default()),
        }
    }

    /// Returns the number of ids recorded.
    pub fn len(&self) -> usize {
        self.lock().ids.len()
    }

    /// Returns whether no id is recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        // A panic while the lock was held cannot leave the set and the queue
        // out of step in a harmful way: at worst an id is remembered twice in
        // the queue, and it is evicted twice.
        self.seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn insert(&self, event_id: &str) -> bool {
        let mut seen = self.lock();
        if seen.ids.contains(event_id) {
            return false;
        }

        while seen.ids.len() >= self.capacity {
            let Some(oldest) = seen.order.pop_front() else {
                break;
            };
            seen.ids.remove(&oldest);
        }

        seen.ids.insert(event_id.to_owned());
        seen.order.push_back(event_id.to_owned());
        true
    }

    fn forget(&self, event_id: &str) {
        let mut seen = self.lock();
        if seen.ids.remove(event_id) {
            seen.order.retain(|id| id != event_id);
        }
    }
}

impl Default for MemoryEventIdStore {
    fn default() -> Self {
        MemoryEventIdStore::new(MemoryEventIdStore::DEFAULT_CAPACITY)
    }
}

impl fmt::Debug for MemoryEventIdStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryEventIdStore")
            .field("capacity", &self.capacity)
            .field("len", &self.len())
            .finish()
    }
}

#[async_trait]
impl EventIdStore for MemoryEventIdStore {
    async fn insert_if_absent(&self, event_id: &str) -> Result<bool, StoreError> {
        Ok(self.insert(event_id))
    }

    async fn remove(&self, event_id: &str) -> Result<(), StoreError> {
        self.forget(event_id);
        Ok(())
    }
}

/// Whether an event is seen for the first time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The first delivery of this event id: process it.
    First,
    /// The event id was already received: acknowledge it and do nothing.
    Duplicate,
}

/// Tells first deliveries from duplicates, by event id.
///
/// ```
/// # tokio_test_block_on(async {
/// use extend_webhooks::{parse_unverified, Delivery, DuplicateGuard};
///
/// let guard = DuplicateGuard::in_memory(1000);
/// let event = parse_unverified(br#"{"eventId":"evt_1","eventType":"x.y","payload":{}}"#)?;
///
/// assert_eq!(guard.check(&event).await?, Delivery::First);
/// assert_eq!(guard.check(&event).await?, Delivery::Duplicate);
/// # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
/// # }).unwrap();
/// # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
#[derive(Debug)]
pub struct DuplicateGuard<S = MemoryEventIdStore> {
    store: S,
}

impl DuplicateGuard<MemoryEventIdStore> {
    /// Creates a guard over an in-memory store of `capacity` ids.
    pub fn in_memory(capacity: usize) -> Self {
        DuplicateGuard::new(MemoryEventIdStore::new(capacity))
    }
}

impl<S: EventIdStore> DuplicateGuard<S> {
    /// Creates a guard over `store`.
    pub fn new(store: S) -> Self {
        DuplicateGuard { store }
    }

    /// Records the event id and returns whether this is its first delivery.
    ///
    /// # Errors
    ///
    /// The store's error. The event was then not recorded, and a `5xx`
    /// response makes Extend deliver it again later.
    pub async fn check(&self, event: &WebhookEvent) -> Result<Delivery, StoreError> {
        let event_id = event.event_id();
        let first = self.store.insert_if_absent(event_id).await?;
        if first {
            Ok(Delivery::First)
        } else {
            tracing::debug!(
                event_id,
                event_type = event.event_type(),
                "duplicate webhook delivery dropped"
            );
            Ok(Delivery::Duplicate)
        }
    }

    /// Forgets an event whose processing failed, so Extend's next delivery
    /// of it is processed.
    ///
    /// # Errors
    ///
    /// The store's error.
    pub async fn release(&self, event_id: &str) -> Result<(), StoreError> {
        self.store.remove(event_id).await
    }

    /// Returns the store behind this guard.
    pub fn store(&self) -> &S {
        &self.store
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_reports_duplicates() {
        let store = MemoryEventIdStore::new(10);
        assert!(store.insert("a"));
        assert!(!store.insert("a"));
        assert!(store.insert("b"));
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn memory_store_evicts_oldest() {
        let store = MemoryEventIdStore::new(2);
        assert!(store.insert("a"));
        assert!(store.insert("b"));
        assert!(store.insert("c"));
        assert_eq!(store.len(), 2);
        assert!(store.insert("a"), "oldest id was evicted");
        assert!(!store.insert("c"));
    }

    #[test]
    fn memory_store_forget_allows_redelivery() {
        let store = MemoryEventIdStore::new(2);
        assert!(store.insert("a"));
        store.forget("a");
        assert!(store.is_empty());
        assert!(store.insert("a"));
    }

    #[test]
    fn memory_store_zero_capacity_keeps_one() {
        let store = MemoryEventIdStore::new(0);
        assert!(store.insert("a"));
        assert!(!store.insert("a"));
        assert!(store.insert("b"));
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn memory_store_stays_bounded() {
        let store = MemoryEventIdStore::new(100);
        for i in 0..10_000 {
            store.insert(&format!("evt_{i}"));
        }
        assert_eq!(store.len(), 100);
        assert_eq!(store.lock().order.len(), 100);
    }
}
