//! One measurement line printed by a workload runner, and its lookup.
//!
//! Every runner (the Rust bench binaries, `xtask/bench/workloads.py` and
//! `xtask/bench/workloads.mjs`) prints one JSON object per line with `sdk`,
//! `workload`, `case` and numeric metrics such as `events_per_s`.

use serde_json::{Map, Value};

/// The SDKs compared, in table order.
pub(crate) const SDKS: [&str; 3] = ["rust", "python", "typescript"];

/// One measurement of one SDK on one case of a workload.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Measurement {
    pub(crate) sdk: String,
    pub(crate) workload: String,
    pub(crate) case: String,
    pub(crate) metrics: Map<String, Value>,
}

impl Measurement {
    /// Parses a runner's output line. Lines that are not JSON objects (cargo
    /// and tool chatter) return `None`; an object without `sdk`, `workload`
    /// or `case` is an error.
    pub(crate) fn parse_line(line: &str) -> Option<Result<Measurement, String>> {
        let line = line.trim();
        if !line.starts_with('{') {
            return None;
        }
        let Ok(Value::Object(metrics)) = serde_json::from_str::<Value>(line) else {
            return Some(Err(format!("invalid measurement line: {line}")));
        };
        let text = |key: &str| metrics.get(key).and_then(Value::as_str).map(str::to_owned);
        let parsed = match (text("sdk"), text("workload"), text("case")) {
            (Some(sdk), Some(workload), Some(case)) => Ok(Measurement {
                sdk,
                workload,
                case,
                metrics,
            }),
            _ => Err(format!(
                "measurement line without sdk, workload or case: {line}"
            )),
        };
        Some(parsed)
    }

    /// Returns the metric `key` as a number, if present.
    pub(crate) fn number(&self, key: &str) -> Option<f64> {
        self.metrics.get(key).and_then(Value::as_f64)
    }
}

/// All measurements of a benchmark run.
#[derive(Debug, Default)]
pub(crate) struct Measurements(pub(crate) Vec<Measurement>);

impl Measurements {
    /// Returns the measurement of `sdk` on `case` of `workload`.
    pub(crate) fn find(&self, sdk: &str, workload: &str, case: &str) -> Option<&Measurement> {
        self.0
            .iter()
            .find(|m| m.sdk == sdk && m.workload == workload && m.case == case)
    }

    /// Returns the poll measurement of `sdk` that ran `runs` waits, whatever
    /// row it was filed under.
    pub(crate) fn find_poll_run(&self, sdk: &str, runs: usize) -> Option<&Measurement> {
        self.0
            .iter()
            .find(|m| m.sdk == sdk && m.workload == "poll" && m.number("runs") == Some(runs as f64))
    }

    /// Returns the metric `key` of `sdk` on `case` of `workload`.
    pub(crate) fn number(&self, sdk: &str, workload: &str, case: &str, key: &str) -> Option<f64> {
        self.find(sdk, workload, case)?.number(key)
    }

    /// Returns the cases of `workload` in the order they were first measured.
    pub(crate) fn cases(&self, workload: &str) -> Vec<String> {
        let mut cases: Vec<String> = Vec::new();
        for measurement in self.0.iter().filter(|m| m.workload == workload) {
            if !cases.contains(&measurement.case) {
                cases.push(measurement.case.clone());
            }
        }
        cases
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_line_reads_metrics() {
        let line = r#"{"sdk":"python","workload":"webhooks","case":"1 KiB","events_per_s":1234.5}"#;
        let measurement = Measurement::parse_line(line)
            .expect("a JSON line")
            .expect("a valid measurement");
        assert_eq!(measurement.sdk, "python");
        assert_eq!(measurement.case, "1 KiB");
        assert_eq!(measurement.number("events_per_s"), Some(1234.5));
        assert_eq!(measurement.number("missing"), None);
    }

    #[test]
    fn parse_line_skips_chatter() {
        assert!(Measurement::parse_line("     Running benches/peer_verify.rs").is_none());
        assert!(Measurement::parse_line("").is_none());
    }

    #[test]
    fn parse_line_rejects_incomplete_object() {
        let parsed = Measurement::parse_line(r#"{"sdk":"rust","case":"x"}"#).expect("a JSON line");
        assert!(parsed.is_err());
        let parsed = Measurement::parse_line("{not json").expect("starts like JSON");
        assert!(parsed.is_err());
    }

    #[test]
    fn cases_keep_first_seen_order() {
        let make = |sdk: &str, case: &str| Measurement {
            sdk: sdk.to_owned(),
            workload: "poll".to_owned(),
            case: case.to_owned(),
            metrics: Map::new(),
        };
        let all = Measurements(vec![
            make("rust", "1000"),
            make("python", "1000"),
            make("rust", "10000"),
        ]);
        assert_eq!(all.cases("poll"), vec!["1000", "10000"]);
        assert!(all.find("python", "poll", "10000").is_none());
    }

    #[test]
    fn find_poll_run_matches_runs_metric() {
        let line = r#"{"sdk":"python","workload":"poll","case":"1000","runs":300}"#;
        let measurement = Measurement::parse_line(line)
            .expect("a JSON line")
            .expect("a valid measurement");
        let all = Measurements(vec![measurement]);
        assert!(all.find_poll_run("python", 300).is_some());
        assert!(all.find_poll_run("python", 1000).is_none());
        assert!(all.find_poll_run("rust", 300).is_none());
    }
}
