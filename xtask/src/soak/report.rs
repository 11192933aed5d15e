//! The report of the run soak: the counts it prints and the checks that
//! decide its exit status.

use super::emulator::InjectedFaults;
use super::runs::{ClientCounts, Reconciliation};
use super::trace::RetryCounts;

/// Everything the run soak measured.
pub(crate) struct RunReport<'a> {
    pub(crate) requested: usize,
    pub(crate) client: ClientCounts,
    pub(crate) reconciliation: Reconciliation,
    pub(crate) retries: &'a RetryCounts,
    pub(crate) injected: InjectedFaults,
    pub(crate) hidden_creates: u64,
    pub(crate) wall_seconds: f64,
}

impl RunReport<'_> {
    pub(crate) fn print(&self) {
        use std::sync::atomic::Ordering::Relaxed;

        let client = &self.client;
        let listed = &self.reconciliation;
        let injected = &self.injected;
        println!("run soak report");
        println!("  runs requested             {}", self.requested);
        println!("  runs created (emulator)    {}", injected.runs_created);
        println!("  runs in the emulator list  {}", listed.listed);
        for (status, count) in &listed.terminal_by_status {
            println!("  terminal {status:<18}{count}");
        }
        println!("  creates failed, 1st pass   {}", client.creates_failed);
        println!("  waits failed, 1st pass     {}", client.waits_failed);
        println!("  orphan runs recovered      {}", client.orphans_recovered);
        println!("  creates sent again         {}", client.creates_resent);
        println!("  waits resumed with poll    {}", client.waits_resumed);
        println!(
            "  transport retries          {}",
            self.retries.transport_retries.load(Relaxed)
        );
        println!(
            "  poll errors absorbed       {}",
            self.retries.poll_errors_absorbed.load(Relaxed)
        );
        println!(
            "  other SDK warnings         {}",
            self.retries.other_warnings.load(Relaxed)
        );
        println!("  faults: 429                {}", injected.rate_limits);
        println!("  faults: 5xx                {}", injected.server_errors);
        println!("  faults: slow               {}", injected.slow);
        println!("  faults: dropped            {}", injected.dropped);
        println!("  faults: create hidden      {}", self.hidden_creates);
        println!("  duplicates                 {}", listed.duplicates);
        println!("  repeated run ids           {}", listed.repeated_ids);
        println!("  lost                       {}", listed.lost);
        println!("  still in progress          {}", listed.in_progress);
        println!("  status mismatches          {}", listed.status_mismatches);
        println!("  wall time                  {:.1} s", self.wall_seconds);
    }

    /// Returns one message per broken promise: a run lost, created twice,
    /// left in progress or ended with a status the emulator does not have.
    pub(crate) fn violations(&self) -> Vec<String> {
        let listed = &self.reconciliation;
        let requested = self.requested;
        let hidden = self.hidden_creates;
        let orphans = self.client.orphans_recovered as u64;
        let checks = [
            (
                listed.listed == requested,
                format!(
                    "the emulator lists {} runs for {requested} requests",
                    listed.listed
                ),
            ),
            (
                self.injected.runs_created == requested as u64,
                format!(
                    "the emulator logged {} creates for {requested} requests",
                    self.injected.runs_created
                ),
            ),
            (
                listed.duplicates == 0,
                format!("{} requests created more than one run", listed.duplicates),
            ),
            (
                listed.repeated_ids == 0,
                format!("{} run ids are listed twice", listed.repeated_ids),
            ),
            (
                listed.unknown_runs == 0,
                format!("{} runs belong to no request", listed.unknown_runs),
            ),
            (
                listed.lost == 0,
                format!("{} requests never reached a terminal status", listed.lost),
            ),
            (
                listed.in_progress == 0,
                format!("{} runs are still in progress", listed.in_progress),
            ),
            (
                listed.status_mismatches == 0,
                format!(
                    "{} runs ended with a status other than the emulator's",
                    listed.status_mismatches
                ),
            ),
            (
                orphans == hidden,
                format!("{orphans} orphan runs were found but the proxy hid {hidden} creates"),
            ),
        ];

        checks
            .into_iter()
            .filter(|(passed, _)| !passed)
            .map(|(_, message)| message)
            .collect()
    }
}
