//! In-memory tables of emulated objects, keyed by id.
//!
//! Each table is a `HashMap` behind a `std::sync::Mutex` that is held only
//! for one insert, read, update or page and never across an `.await`.
//! Objects stay until they are deleted or the emulator stops. Every row
//! gets a sequence number at insert, so lists come out in creation order.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// One table of objects of type `T`.
#[derive(Debug)]
pub(crate) struct Table<T> {
    rows: Mutex<Rows<T>>,
}

#[derive(Debug)]
struct Rows<T> {
    by_id: HashMap<String, (u64, T)>,
    next_sequence: u64,
}

/// One page of a table, oldest first unless reversed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page<T> {
    /// The rows of the page.
    pub(crate) rows: Vec<T>,
    /// The sequence number to continue from, when more rows match.
    pub(crate) next: Option<u64>,
}

impl<T: Clone> Table<T> {
    /// Creates an empty table.
    pub(crate) fn new() -> Self {
        Table {
            rows: Mutex::new(Rows {
                by_id: HashMap::new(),
                next_sequence: 1,
            }),
        }
    }

    /// Inserts the object with `id`, or replaces it and keeps its place.
    pub(crate) fn insert(&self, id: String, row: T) {
        let mut rows = self.lock();
        if let Some(existing) = rows.by_id.get_mut(&id) {
            existing.1 = row;
            return;
        }
        let sequence = rows.next_sequence;
        rows.next_sequence += 1;
        rows.by_id.insert(id, (sequence, row));
    }

    /// Returns a copy of the object with `id`.
    pub(crate) fn get(&self, id: &str) -> Option<T> {
        self.lock().by_id.get(id).map(|(_, row)| row.clone())
    }

    /// Removes the object with `id` and returns it.
    pub(crate) fn remove(&self, id: &str) -> Option<T> {
        self.lock().by_id.remove(id).map(|(_, row)| row)
    }

    /// Changes the object with `id` in place and returns a copy of the result,
    /// or `None` when there is no such object.
    pub(crate) fn update(&self, id: &str, change: impl FnOnce(&mut T)) -> Option<T> {
        let mut rows = self.lock();
        let (_, row) = rows.by_id.get_mut(id)?;
        change(row);
        Some(row.clone())
    }

    /// Returns copies of every row that matches `filter`, oldest first.
    pub(crate) fn matching(&self, filter: impl Fn(&T) -> bool) -> Vec<T> {
        let rows = self.lock();
        let mut found: Vec<(u64, T)> = rows
            .by_id
            .values()
            .filter(|(_, row)| filter(row))
            .cloned()
            .collect();
        found.sort_by_key(|(sequence, _)| *sequence);
        found.into_iter().map(|(_, row)| row).collect()
    }

    /// Returns up to `size` rows matching `filter`, starting at sequence
    /// `start` (inclusive), oldest first or newest first when `descending`.
    pub(crate) fn page(
        &self,
        filter: impl Fn(&T) -> bool,
        start: Option<u64>,
        size: usize,
        descending: bool,
    ) -> Page<T> {
        let rows = self.lock();
        let mut found: Vec<(u64, &T)> = rows
            .by_id
            .values()
            .filter(|(sequence, row)| {
                let after_start = match (start, descending) {
                    (None, _) => true,
                    (Some(start), false) => *sequence >= start,
                    (Some(start), true) => *sequence <= start,
                };
                after_start && filter(row)
            })
            .map(|(sequence, row)| (*sequence, row))
            .collect();
        found.sort_by_key(|(sequence, _)| *sequence);
        if descending {
            found.reverse();
        }

        let next = found.get(size).map(|(sequence, _)| *sequence);
        let rows = found
            .into_iter()
            .take(size)
            .map(|(_, row)| row.clone())
            .collect();
        Page { rows, next }
    }

    fn lock(&self) -> MutexGuard<'_, Rows<T>> {
        // Recovering from poisoning keeps the emulator serving: a panic inside
        // an `update` closure leaves at most that one row partly changed.
        self.rows.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn table_of(count: usize) -> Table<usize> {
        let table = Table::new();
        for number in 0..count {
            table.insert(format!("id_{number}"), number);
        }
        table
    }

    #[test]
    fn replace_keeps_order() {
        let table = table_of(3);
        table.insert("id_0".to_owned(), 10);

        let page = table.page(|_| true, None, 10, false);

        assert_eq!(page.rows, vec![10, 1, 2]);
    }

    #[test]
    fn remove_drops_row() {
        let table = table_of(2);

        assert_eq!(table.remove("id_0"), Some(0));
        assert_eq!(table.get("id_0"), None);
        assert_eq!(table.remove("id_0"), None);
    }

    #[test]
    fn descending_page_is_newest_first() {
        let table = table_of(5);

        let first = table.page(|_| true, None, 2, true);
        let second = table.page(|_| true, first.next, 2, true);

        assert_eq!(first.rows, vec![4, 3]);
        assert_eq!(second.rows, vec![2, 1]);
    }

    proptest! {
        #[test]
        fn pages_cover_every_row_once(count in 0usize..60, size in 1usize..10, descending: bool) {
            let table = table_of(count);
            let mut seen = Vec::new();
            let mut start = None;
            loop {
                let page = table.page(|row| row % 3 != 1, start, size, descending);
                prop_assert!(page.rows.len() <= size);
                seen.extend(page.rows);
                match page.next {
                    Some(next) => start = Some(next),
                    None => break,
                }
            }
            let mut expected: Vec<usize> = (0..count).filter(|row| row % 3 != 1).collect();
            if descending {
                expected.reverse();
            }
            prop_assert_eq!(seen, expected);
        }
    }
}
