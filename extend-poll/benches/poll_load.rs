//! Load benchmark: many `create_and_poll` waits in flight at once against an
//! emulator running in another process, so the numbers are the client's own.
//!
//! Run it through `cargo xtask bench poll`, which starts the emulator and
//! passes `--base-url`. Prints one JSON line with the client CPU time per
//! 1,000 polls, peak RSS, wall time and request counts.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use extend_core::{
    ApiRequest, ApiResponse, Client, ExtractRun, ExtractRunCreate, FileRef, Transport,
    TransportError,
};
use extend_http::HttpTransport;
use extend_poll::{PollError, Poller, PollingOptions};
use futures::stream::FuturesUnordered;
use futures::StreamExt;
use http::Method;
use tokio::sync::Semaphore;

/// Counts the requests that pass through, by method, and with
/// `--max-in-flight N` lets at most N of them reach the transport at once.
struct Counting {
    inner: HttpTransport,
    gets: AtomicU64,
    posts: AtomicU64,
    in_flight: Option<Semaphore>,
}

#[async_trait]
impl Transport for Counting {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        if request.method == Method::GET {
            self.gets.fetch_add(1, Ordering::Relaxed);
        } else {
            self.posts.fetch_add(1, Ordering::Relaxed);
        }
        let _permit = match &self.in_flight {
            Some(slots) => Some(
                slots
                    .acquire()
                    .await
                    .expect("the semaphore is never closed"),
            ),
            None => None,
        };
        self.inner.send(request).await
    }
}

struct Args {
    base_url: Option<String>,
    runs: usize,
    max_in_flight: Option<usize>,
}

fn parse_args() -> Args {
    let mut args = Args {
        base_url: None,
        runs: 1000,
        max_in_flight: None,
    };
    let mut raw = std::env::args().skip(1);
    while let Some(flag) = raw.next() {
        match flag.as_str() {
            "--base-url" => args.base_url = raw.next(),
            "--runs" => args.runs = raw.next().and_then(|n| n.parse().ok()).unwrap_or(args.runs),
            // A cap on requests in flight, set here in the bench and not in
            // the SDK, to separate the memory of open connections from the
            // memory of the waits.
            "--max-in-flight" => args.max_in_flight = raw.next().and_then(|n| n.parse().ok()),
            // cargo bench passes --bench; anything else is ignored.
            _ => {}
        }
    }
    args
}

/// User plus system CPU seconds and peak RSS in MiB of this process, read
/// from `/proc/self` (Linux only; zeros elsewhere).
fn resource_usage() -> (f64, f64) {
    // Fields 14 and 15 of /proc/self/stat are utime and stime in clock
    // ticks; USER_HZ is 100 on Linux for every mainstream architecture.
    const TICKS_PER_SECOND: f64 = 100.0;
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name (field 2) may contain spaces; count from after its ')'.
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| {
        fields
            .get(index)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let cpu = (ticks(11) + ticks(12)) / TICKS_PER_SECOND;

    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak_kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .unwrap_or(0.0);
    (cpu, peak_kib / 1024.0)
}

/// Returns the size in bytes of each future in a `FuturesUnordered`.
fn element_size<F>(_: &FuturesUnordered<F>) -> usize {
    std::mem::size_of::<F>()
}

fn main() {
    let args = parse_args();
    let Some(base_url) = args.base_url else {
        eprintln!(
            "poll_load skipped: run it through `cargo xtask bench poll`, which starts the emulator"
        );
        return;
    };
    // One thread, like the event loops of the Python and TypeScript SDKs it
    // is compared with. Two multi-thread workers waking and parking between
    // sparse timers cost about 1.8x the CPU per GET at 1,000 runs (145
    // against 79 us on the 2-core bench machine) and 1.5x at 10,000.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run(base_url, args.runs, args.max_in_flight));
}

async fn run(base_url: String, runs: usize, max_in_flight: Option<usize>) {
    let transport = HttpTransport::builder()
        .api_key("sk_bench")
        .base_url(base_url)
        .build()
        .expect("a transport for the emulator");
    let client = Client::new(Counting {
        inner: transport,
        gets: AtomicU64::new(0),
        posts: AtomicU64::new(0),
        in_flight: max_in_flight.map(Semaphore::new),
    });
    let poller = Poller::new(PollingOptions::default()).expect("default options are valid");
    let request = ExtractRunCreate::with_schema(
        FileRef::text("Invoice Number: INV-1\nTotal Due: 10.00"),
        serde_json::json!({"type": "object", "properties": {"total_due": {"type": "number"}}}),
    );
    // Creates are spread over a few hundred connections; the waits all
    // stay in flight together once created.
    let create_slots = Arc::new(Semaphore::new(256));
    // CPU is counted from the first create, as the Python and TypeScript
    // runners of `cargo xtask bench` count theirs, so process start-up and
    // TLS setup are left out.
    let (cpu_before, _) = resource_usage();
    let started = Instant::now();

    let extract_runs = client.extract_runs();
    let mut waits: FuturesUnordered<_> = (0..runs)
        .map(|_| {
            let slots = create_slots.clone();
            let poller = &poller;
            let request = &request;
            let extract_runs = &extract_runs;
            async move {
                let permit = slots
                    .acquire_owned()
                    .await
                    .expect("the semaphore is never closed");
                let created = extract_runs.create(request).await;
                drop(permit);
                // Only the id is kept while the wait sleeps.
                let run_id = created.map_err(PollError::Request)?.id;
                poller.poll(extract_runs, &run_id).await.map(drop)
            }
        })
        .collect();

    // The state of every wait lives in its future, so the future's size
    // times the run count is a floor for the memory the waits hold.
    let wait_future_bytes = element_size(&waits);
    let create_future_bytes = std::mem::size_of_val(&extract_runs.create(&request));
    let poll_future_bytes = std::mem::size_of_val(&poller.poll(&extract_runs, "exr_size_probe"));

    let mut processed = 0usize;
    let mut failed = 0usize;
    while let Some(result) = waits.next().await {
        match result {
            Ok(_) => processed += 1,
            Err(error) => {
                failed += 1;
                if failed <= 3 {
                    eprintln!("poll_load: a wait failed: {error}");
                }
            }
        }
    }

    let wall = started.elapsed().as_secs_f64();
    let (cpu_after, peak_rss_mib) = resource_usage();
    let cpu = cpu_after - cpu_before;
    let gets = client.transport().gets.load(Ordering::Relaxed);
    let posts = client.transport().posts.load(Ordering::Relaxed);
    let report = serde_json::json!({
        "sdk": "rust",
        "workload": "poll",
        "case": runs.to_string(),
        "runs": runs,
        "max_in_flight": max_in_flight,
        "processed": processed,
        "failed": failed,
        "gets": gets,
        "posts": posts,
        "wall_s": wall,
        "cpu_s": cpu,
        "cpu_ms_per_1000_polls": if gets > 0 { cpu * 1000.0 / gets as f64 * 1000.0 } else { 0.0 },
        "peak_rss_mib": peak_rss_mib,
        "wait_future_bytes": wait_future_bytes,
        "create_future_bytes": create_future_bytes,
        "poll_future_bytes": poll_future_bytes,
        "run_bytes": std::mem::size_of::<ExtractRun>(),
        "poll_result_bytes": std::mem::size_of::<Result<ExtractRun, PollError<ExtractRun>>>(),
    });
    println!("{report}");
}
