//! Blocking iterators over the async client's streams.

use std::sync::Arc;

use futures::channel::mpsc;
use futures::{SinkExt, Stream, StreamExt};

use crate::runtime::Background;

/// Items of an async stream, received one by one on the calling thread.
///
/// The stream runs as one task on the background runtime and hands each
/// item over a channel with one slot, so it runs at most one item ahead of
/// the caller. Dropping the iterator stops the stream at its next item.
pub struct BlockingIter<T> {
    items: mpsc::Receiver<T>,
    // Keeps the runtime alive while items are still coming.
    _background: Arc<Background>,
}

impl<T> std::fmt::Debug for BlockingIter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingIter").finish_non_exhaustive()
    }
}

impl<T: Send + 'static> BlockingIter<T> {
    pub(crate) fn spawn<S>(background: Arc<Background>, stream: S) -> Self
    where
        S: Stream<Item = T> + Send + 'static,
    {
        let (mut sender, items) = mpsc::channel(0);
        background.spawn(async move {
            futures::pin_mut!(stream);
            while let Some(item) = stream.next().await {
                // An error means the iterator was dropped: stop the stream.
                if sender.send(item).await.is_err() {
                    break;
                }
            }
        });
        BlockingIter {
            items,
            _background: background,
        }
    }
}

impl<T> Iterator for BlockingIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        // futures' executor parks this thread; unlike tokio's blocking
        // receive it does not panic when called inside an async context.
        futures::executor::block_on(self.items.next())
    }
}
