//! Dropping the last clone stops the runtime thread. Alone in its own test
//! binary so no other test's threads move the count.

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
        .build()
        .unwrap();
    let client = Client::new(transport).unwrap();
    let clones: Vec<Client> = (0..4).map(|_| client.clone()).collect();
    assert_eq!(
        thread_count(),
        baseline + 1,
        "one runtime thread for all clones"
    );

    drop(clones);
    assert_eq!(
        thread_count(),
        baseline + 1,
        "clones left: the thread stays"
    );
    drop(client);

    // The drop joins the thread; allow the kernel a moment to update the count.
    let deadline = Instant::now() + Duration::from_secs(2);
    while thread_count() != baseline && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(thread_count(), baseline);
}
