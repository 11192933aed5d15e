//! Blocking iterators over the async client's streams.

use std::pin::Pin;
use std::sync::Arc;

use futures::{Stream, StreamExt};

use crate::runtime::ClientRuntime;

/// Items of an async stream, produced one by one on the calling thread.
///
/// Each call of `next` runs the stream on the client's runtime until it
/// yields its next item, so nothing runs between calls: the stream never
/// works ahead of the caller, and dropping the iterator stops it at once.
pub struct BlockingIter<T> {
    stream: Pin<Box<dyn Stream<Item = T> + Send>>,
    runtime: Arc<ClientRuntime>,
    done: bool,
}

impl<T> std::fmt::Debug for BlockingIter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingIter")
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static> BlockingIter<T> {
    pub(crate) fn new<S>(runtime: Arc<ClientRuntime>, stream: S) -> Self
    where
        S: Stream<Item = T> + Send + 'static,
    {
        BlockingIter {
            stream: Box::pin(stream),
            runtime,
            done: false,
        }
    }
}

impl<T: Send> Iterator for BlockingIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.done {
            return None;
        }
        let item = match self.runtime.run(self.stream.next()) {
            Ok(item) => item,
            Err(error) => {
                tracing::warn!(%error, "blocking iterator stopped: its runtime cannot run");
                None
            }
        };
        self.done = item.is_none();
        item
    }
}
