//! poll_many: many runs, one shared rate limit, results as they finish.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use extend_core::{Error, ParseRun, ParseRunCreate, RunResource};
use extend_poll::{ManyOptions, PollError, Poller, PollingOptions};
use futures::StreamExt;
use tokio::time::Instant;

/// Each run `pr_<n>` or `pr_<n>_<tag>` is PROCESSING for its first `n`
/// retrieves, then PROCESSED.
#[derive(Default)]
struct Countdown {
    seen: Mutex<HashMap<String, u32>>,
    times: Mutex<Vec<Instant>>,
}

#[async_trait]
impl RunResource for Countdown {
    type Run = ParseRun;
    type Create = ParseRunCreate;

    async fn create(&self, _request: &ParseRunCreate) -> Result<ParseRun, Error> {
        unreachable!("poll_many never creates runs")
    }

    async fn retrieve(&self, id: &str) -> Result<ParseRun, Error> {
        self.times.lock().unwrap().push(Instant::now());
        let busy_polls: u32 = id.split('_').nth(1).unwrap().parse().unwrap();
        let mut seen = self.seen.lock().unwrap();
        let count = seen.entry(id.to_owned()).or_default();
        *count += 1;
        let status = if *count > busy_polls {
            "PROCESSED"
        } else {
            "PROCESSING"
        };
        Ok(serde_json::from_value(serde_json::json!({"id": id, "status": status})).unwrap())
    }
}

#[tokio::test(start_paused = true)]
async fn every_run_finishes_once() {
    let resource = Countdown::default();
    let run_ids: Vec<String> = (0..4).map(|n| format!("pr_{n}")).collect();
    let poller = Poller::new(PollingOptions::default()).unwrap();

    let finished: Vec<_> = poller
        .poll_many(&resource, run_ids, ManyOptions::default())
        .collect()
        .await;

    let mut finished_ids: Vec<String> = finished.iter().map(|(id, _)| id.clone()).collect();
    finished_ids.sort();
    assert_eq!(finished_ids, ["pr_0", "pr_1", "pr_2", "pr_3"]);
    assert!(finished.iter().all(|(_, result)| result.is_ok()));
    // Runs that need fewer polls finish first.
    assert_eq!(finished[0].0, "pr_0");
    assert_eq!(finished[3].0, "pr_3");
}

#[tokio::test(start_paused = true)]
async fn shared_rate_is_respected() {
    let resource = Countdown::default();
    // Forty distinct runs that each need one to three polls.
    let run_ids: Vec<String> = (0..40).map(|n| format!("pr_{}_{n}", 1 + n % 3)).collect();
    let poller = Poller::new(PollingOptions::default()).unwrap();

    let finished = poller
        .poll_many(
            &resource,
            run_ids,
            ManyOptions::default().requests_per_second(10.0),
        )
        .count()
        .await;
    assert_eq!(finished, 40);

    let times = resource.times.lock().unwrap().clone();
    for window in times.windows(11) {
        let span = window[10] - window[0];
        assert!(
            span >= Duration::from_millis(999),
            "11 requests within {span:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn max_wait_applies_per_run() {
    let resource = Countdown::default();
    let poller = Poller::new(PollingOptions::default().max_wait(Duration::from_secs(2))).unwrap();

    let finished: Vec<_> = poller
        .poll_many(
            &resource,
            vec!["pr_0".into(), "pr_99".into()],
            ManyOptions::default(),
        )
        .collect()
        .await;

    assert_eq!(finished.len(), 2);
    assert!(finished[0].1.is_ok());
    let (run_id, result) = &finished[1];
    assert_eq!(run_id, "pr_99");
    assert!(matches!(result, Err(PollError::TimedOut(_))));
}

#[tokio::test(start_paused = true)]
async fn invalid_rate_rejected() {
    let resource = Countdown::default();
    let poller = Poller::new(PollingOptions::default()).unwrap();

    let finished: Vec<_> = poller
        .poll_many(
            &resource,
            vec!["pr_0".into()],
            ManyOptions::default().requests_per_second(0.0),
        )
        .collect()
        .await;

    let Err(PollError::InvalidOptions(invalid)) = &finished[0].1 else {
        panic!("expected invalid options");
    };
    assert_eq!(invalid.field, "requests_per_second");
}
