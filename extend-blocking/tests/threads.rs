//! The blocking client starts no thread of its own, and dropping it leaves
//! none behind. One test alone in its own test binary, so no other test's
//! threads move the count.

use std::time::{Duration, Instant};

use extend_blocking::Client;
use extend_http::HttpTransport;

fn thread_count() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn last_clone_drop_stops_threads() {
    let baseline = thread_count();

    let transport = HttpTransport::builder()
        .api_key("sk_test")
        .base_url("http://127.0.0.1:9")
        .max_retries(0)
        .build()
        .unwrap();
    let client = Client::new(transport).unwrap();
    let clones: Vec<Client> = (0..4).map(|_| client.clone()).collect();
    // A call that reaches the network: nothing listens on port 9.
    let refused = clones[0].files().retrieve("file_1");
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(
        thread_count(),
        baseline,
        "calls run on the calling thread; the client starts none"
    );

    drop(clones);
    drop(client);

    assert_eq!(settled_thread_count(baseline), baseline);

    // Dropped inside an async task, the client neither panics nor leaves
    // the thread it drops its runtime on.
    let outer = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let transport = HttpTransport::builder()
        .api_key("sk_test")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let client = Client::new(transport).unwrap();
    outer.block_on(async move { drop(client) });
    assert_eq!(settled_thread_count(baseline), baseline);
}

/// The thread count once it is back at `expected`, or after 2 s: a joined
/// thread may stay in the count for a moment after `join` returns.
fn settled_thread_count(expected: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(2);
    while thread_count() != expected && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    thread_count()
}
