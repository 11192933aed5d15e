//! In-memory tables of emulated objects, keyed by id.
//!
//! Each table is a `HashMap` behind a `std::sync::Mutex` that is held only
//! for one insert, read or update and never across an `.await`. Objects
//! stay until the emulator stops.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// One table of objects of type `T`.
#[derive(Debug)]
pub(crate) struct Table<T> {
    rows: Mutex<HashMap<String, T>>,
}

impl<T: Clone> Table<T> {
    /// Creates an empty table.
    pub(crate) fn new() -> Self {
        Table {
            rows: Mutex::new(HashMap::new()),
        }
    }

    /// Inserts or replaces the object with `id`.
    pub(crate) fn insert(&self, id: String, row: T) {
        self.lock().insert(id, row);
    }

    /// Returns a copy of the object with `id`.
    pub(crate) fn get(&self, id: &str) -> Option<T> {
        self.lock().get(id).cloned()
    }

    /// Changes the object with `id` in place and returns a copy of the result,
    /// or `None` when there is no such object.
    pub(crate) fn update(&self, id: &str, change: impl FnOnce(&mut T)) -> Option<T> {
        let mut rows = self.lock();
        let row = rows.get_mut(id)?;
        change(row);
        Some(row.clone())
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, T>> {
        // Recovering from poisoning keeps the emulator serving: a panic inside
        // an `update` closure leaves at most that one row partly changed.
        self.rows.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
