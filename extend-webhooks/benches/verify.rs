//! Throughput of `Verifier::verify_and_parse` on signed `extract_run.processed`
//! deliveries of 1 KiB, 64 KiB and 1 MiB.
//!
//! Targets: at least 300,000 events/s at 1 KiB and 1.2 GB/s at 1 MiB.
//! Run with `cargo bench -p extend-webhooks --bench verify`.
//!
//! Every group runs twice: measured in wall-clock time (criterion's default)
//! and, on Linux, in CPU time of the benchmark thread (groups ending in
//! `_cpu`). On a shared machine the wall-clock time also counts the time the
//! thread waited for a core, so it grows with the load average. The CPU time
//! does not, although other processes still slow it through shared caches.
//!
//! `verify_and_parse` leaves the payload as JSON text. The
//! `verify_parse_decode` groups also decode the payload into `ExtractRun`,
//! which is what a receiver pays for an event it handles. The `json_floor`
//! groups decode the same dense bodies into `serde_json::Value` and into
//! `RawValue`, which only validates the JSON.

use std::hint::black_box;

use criterion::measurement::Measurement;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode,
    Throughput,
};
use extend_webhooks::{FixedClock, Signer, Verifier, WebhookEvent};
use serde_json::value::RawValue;

const SECRET: &str = "wss_bench_secret";
const NOW: u64 = 1_700_000_000;
const DENSE_DESCRIPTION_LEN: usize = 16;
const TEXT_DESCRIPTION_LEN: usize = 2000;
const SIZES: [(&str, usize); 3] = [("1KiB", 1024), ("64KiB", 64 * 1024), ("1MiB", 1024 * 1024)];

/// Builds an `extract_run.processed` body of exactly `size` bytes whose
/// output contains line items, the shape of a typical invoice extraction.
/// Each item's description is `description_len` bytes long: short
/// descriptions give dense JSON with many small values, long ones give
/// text-heavy JSON.
fn delivery_body(size: usize, description_len: usize) -> Vec<u8> {
    let head = r#"{"eventId":"evt_bench","eventType":"extract_run.processed","payload":{"object":"extract_run","id":"exr_bench","status":"PROCESSED","reviewed":false,"edited":false,"metadata":{"source":"bench"},"output":{"value":{"vendor":"Example Supplies","line_items":["#;
    let tail = r#"]},"metadata":{}},"createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00Z"}}"#;

    let mut body = head.to_owned();
    let description = "Lorem ipsum dolor sit amet. ".repeat(description_len / 28 + 1)
        [..description_len]
        .to_owned();
    let mut index = 0;
    loop {
        let item = format!(
            r#"{}{{"description":"{description}","quantity":{},"unit_price":12.5,"sku":"SKU-{index:06}"}}"#,
            if index == 0 { "" } else { "," },
            index % 9 + 1,
        );
        if body.len() + item.len() + tail.len() > size {
            break;
        }
        body.push_str(&item);
        index += 1;
    }

    // Fill the remaining bytes with spaces, which JSON allows between tokens.
    let padding = size - body.len() - tail.len();
    body.push_str(&" ".repeat(padding));
    body.push_str(tail);
    assert_eq!(body.len(), size);
    body.into_bytes()
}

/// The measurement settings of a set of groups: the suffix of the group
/// names, and whether every sample runs the same number of iterations.
struct Clock {
    suffix: &'static str,
    flat_samples: bool,
}

const WALL_TIME: Clock = Clock {
    suffix: "",
    flat_samples: false,
};

/// The thread CPU time in `schedstat` only advances at scheduler ticks,
/// every 4 ms on a kernel built with HZ=250. Ten samples of equal length
/// make each sample a tenth of the measurement time (500 ms by default), so
/// one tick is about 1% of a sample.
#[cfg(target_os = "linux")]
const THREAD_CPU_TIME: Clock = Clock {
    suffix: "_cpu",
    flat_samples: true,
};

fn new_group<'a, M: Measurement>(
    c: &'a mut Criterion<M>,
    clock: &Clock,
    name: &str,
) -> BenchmarkGroup<'a, M> {
    let mut group = c.benchmark_group(format!("{name}{}", clock.suffix));
    if clock.flat_samples {
        group.sampling_mode(SamplingMode::Flat).sample_size(10);
    }
    group
}

fn bench_verify_and_parse<M: Measurement>(c: &mut Criterion<M>, clock: &Clock) {
    let verifier = Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .build()
        .expect("the bench secret is valid");
    let signer = Signer::new(SECRET).expect("the bench secret is valid");

    let mut group = new_group(c, clock, "verify_and_parse");
    for (label, size) in SIZES {
        let body = delivery_body(size, DENSE_DESCRIPTION_LEN);
        let headers = signer.sign(NOW, &body);
        verifier
            .verify_and_parse(headers.pairs(), &body)
            .expect("the bench body verifies");

        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &body, |b, body| {
            b.iter(|| {
                verifier
                    .verify_and_parse(black_box(headers.pairs()), black_box(body))
                    .expect("the bench body verifies")
            })
        });
    }
    group.finish();

    // 64 KiB and 1 MiB with 2000-byte descriptions, to show how the JSON
    // shape changes the decoding cost (1 KiB holds no such item).
    let mut group = new_group(c, clock, "verify_and_parse_text");
    for (label, size) in SIZES.into_iter().skip(1) {
        let body = delivery_body(size, TEXT_DESCRIPTION_LEN);
        let headers = signer.sign(NOW, &body);

        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &body, |b, body| {
            b.iter(|| {
                verifier
                    .verify_and_parse(black_box(headers.pairs()), black_box(body))
                    .expect("the bench body verifies")
            })
        });
    }
    group.finish();

    // Verification and a decode of the payload into its type.
    let mut group = new_group(c, clock, "verify_parse_decode");
    for (label, size) in SIZES {
        let body = delivery_body(size, DENSE_DESCRIPTION_LEN);
        let headers = signer.sign(NOW, &body);

        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &body, |b, body| {
            b.iter(|| {
                let event = verifier
                    .verify_and_parse(black_box(headers.pairs()), black_box(body))
                    .expect("the bench body verifies");
                let WebhookEvent::ExtractRunProcessed { payload, .. } = event else {
                    panic!("the bench body is an extract_run.processed event");
                };
                payload.decode().expect("the bench payload decodes")
            })
        });
    }
    group.finish();

    // The signature check alone, to separate hashing from JSON decoding.
    let mut group = new_group(c, clock, "verify_only");
    for (label, size) in SIZES {
        let body = delivery_body(size, DENSE_DESCRIPTION_LEN);
        let headers = signer.sign(NOW, &body);

        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &body, |b, body| {
            b.iter(|| {
                verifier
                    .verify(black_box(headers.pairs()), black_box(body))
                    .expect("the bench body verifies")
            })
        });
    }
    group.finish();

    // What any decoder that returns the extracted output as
    // `serde_json::Value` pays, and what a decoder that only validates the
    // JSON pays. Both check UTF-8 once and read text, as `verify_and_parse`
    // does, which is serde_json's cheapest path.
    let mut group = new_group(c, clock, "json_floor");
    for (label, size) in [SIZES[0], SIZES[2]] {
        let body = delivery_body(size, DENSE_DESCRIPTION_LEN);

        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::new("value", label), &body, |b, body| {
            b.iter(|| {
                let text = std::str::from_utf8(black_box(body)).expect("the bench body is UTF-8");
                serde_json::from_str::<serde_json::Value>(text).expect("the bench body is JSON")
            })
        });
        group.bench_with_input(BenchmarkId::new("raw_value", label), &body, |b, body| {
            b.iter(|| {
                let text = std::str::from_utf8(black_box(body)).expect("the bench body is UTF-8");
                serde_json::from_str::<&RawValue>(text).expect("the bench body is JSON")
            })
        });
    }
    group.finish();
}

fn bench_wall_time(c: &mut Criterion) {
    bench_verify_and_parse(c, &WALL_TIME);
}

#[cfg(target_os = "linux")]
fn bench_thread_cpu_time(c: &mut Criterion<thread_cpu_time::ThreadCpuTime>) {
    if thread_cpu_time::read_nanoseconds().is_none() {
        eprintln!(
            "skipping the _cpu groups: /proc/thread-self/schedstat is not readable on this kernel"
        );
        return;
    }
    bench_verify_and_parse(c, &THREAD_CPU_TIME);
}

/// A criterion measurement of the CPU time that the benchmark thread used,
/// read from `/proc/thread-self/schedstat` (Linux, in nanoseconds).
#[cfg(target_os = "linux")]
mod thread_cpu_time {
    use criterion::measurement::{Measurement, ValueFormatter};
    use criterion::Throughput;

    /// Returns the CPU time of the calling thread in nanoseconds, or `None`
    /// when the kernel does not provide it.
    pub(crate) fn read_nanoseconds() -> Option<u64> {
        // The first field is the time spent running on a CPU, in ns.
        let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        stat.split_whitespace().next()?.parse().ok()
    }

    /// CPU time of the benchmark thread. Criterion calls `start` and `end`
    /// once per sample of many iterations, so the file is read twice per
    /// sample, not per iteration.
    pub(crate) struct ThreadCpuTime;

    impl Measurement for ThreadCpuTime {
        type Intermediate = u64;
        type Value = u64;

        fn start(&self) -> u64 {
            read_nanoseconds().expect("thread CPU time was readable at startup")
        }

        fn end(&self, start: u64) -> u64 {
            self.start().saturating_sub(start)
        }

        fn add(&self, first: &u64, second: &u64) -> u64 {
            first + second
        }

        fn zero(&self) -> u64 {
            0
        }

        fn to_f64(&self, value: &u64) -> f64 {
            *value as f64
        }

        fn formatter(&self) -> &dyn ValueFormatter {
            &NanosecondFormatter
        }
    }

    /// Prints nanosecond values in the units criterion uses for wall time.
    struct NanosecondFormatter;

    impl ValueFormatter for NanosecondFormatter {
        fn scale_values(&self, typical_ns: f64, values: &mut [f64]) -> &'static str {
            let (factor, unit) = if typical_ns < 1e3 {
                (1.0, "ns")
            } else if typical_ns < 1e6 {
                (1e-3, "µs")
            } else if typical_ns < 1e9 {
                (1e-6, "ms")
            } else {
                (1e-9, "s")
            };
            for value in values {
                *value *= factor;
            }
            unit
        }

        fn scale_throughputs(
            &self,
            _typical_ns: f64,
            throughput: &Throughput,
            values: &mut [f64],
        ) -> &'static str {
            let (per_iteration, unit) = match *throughput {
                Throughput::Bytes(bytes) => (bytes as f64 / (1024.0 * 1024.0), "MiB/s"),
                Throughput::BytesDecimal(bytes) => (bytes as f64 / 1e6, "MB/s"),
                Throughput::Elements(elements) => (elements as f64, "elem/s"),
            };
            for value in values {
                *value = per_iteration * 1e9 / *value;
            }
            unit
        }

        fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
            "ns"
        }
    }
}

criterion_group!(wall_time, bench_wall_time);

#[cfg(target_os = "linux")]
criterion_group! {
    name = thread_cpu;
    config = Criterion::default().with_measurement(thread_cpu_time::ThreadCpuTime);
    targets = bench_thread_cpu_time
}

#[cfg(target_os = "linux")]
criterion_main!(wall_time, thread_cpu);

#[cfg(not(target_os = "linux"))]
criterion_main!(wall_time);
