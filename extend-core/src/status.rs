//! Run statuses and the terminal-state machine.
//!
//! A run is in progress while its status is `PENDING`, `PROCESSING` or
//! `CANCELLING`. Every other status ends polling, including one this SDK has
//! never seen: a poller that waited for a known terminal status would hang on
//! the first status the API adds.

use crate::open_enum;

open_enum! {
    /// The status of any run: extract, classify, split, parse, edit, form
    /// detection, workflow and batch runs share this value space.
    ///
    /// One open enum serves every run type, so the terminal-state machine
    /// and the poller treat them alike, and a value the API documents for
    /// one type still decodes on another. The values each type documents:
    ///
    /// | run type | statuses |
    /// |---|---|
    /// | extract, classify, split | `PENDING`, `PROCESSING`, `PROCESSED`, `FAILED`, `CANCELLED` |
    /// | parse | `PENDING` (batch-created runs only), `PROCESSING`, `PROCESSED`, `FAILED` |
    /// | edit, form detection | `PROCESSING`, `PROCESSED`, `FAILED` |
    /// | workflow | `PENDING`, `PROCESSING`, `NEEDS_REVIEW`, `REJECTED`, `PROCESSED`, `FAILED`, `CANCELLED`, `CANCELLING` |
    /// | batch | `PENDING`, `PROCESSING`, `PROCESSED`, `FAILED`, `CANCELLED` |
    /// | `parse_run.*` webhook payload | `PROCESSING`, `PROCESSED`, `FAILED` |
    ///
    /// Workflow step runs have their own set, [`StepRunStatus`](crate::StepRunStatus).
    ///
    /// ```
    /// use extend_core::RunStatus;
    ///
    /// let status: RunStatus = serde_json::from_str("\"ARCHIVED_V2\"").unwrap();
    /// assert!(status.is_terminal());
    /// assert_eq!(serde_json::to_string(&status).unwrap(), "\"ARCHIVED_V2\"");
    /// ```
    pub enum RunStatus {
        /// Queued, not started (batch-created runs and workflow runs).
        Pending = "PENDING",
        /// Being processed.
        Processing = "PROCESSING",
        /// A cancel was requested and is being carried out (workflow runs).
        Cancelling = "CANCELLING",
        /// Finished with an output.
        Processed = "PROCESSED",
        /// Finished without an output; see `failureReason`.
        Failed = "FAILED",
        /// Cancelled before it finished.
        Cancelled = "CANCELLED",
        /// A workflow run that stopped for human review.
        NeedsReview = "NEEDS_REVIEW",
        /// A workflow run that a reviewer rejected.
        Rejected = "REJECTED",
    }
}

/// How a finished run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome {
    /// `PROCESSED`.
    Processed,
    /// `FAILED`.
    Failed,
    /// `CANCELLED`.
    Cancelled,
    /// `NEEDS_REVIEW` (workflow runs).
    NeedsReview,
    /// `REJECTED` (workflow runs).
    Rejected,
    /// A status this version of the SDK does not know. It still ends polling.
    Unknown,
}

/// Where a run stands: still in progress, or finished with an [`Outcome`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// `PENDING`, `PROCESSING` or `CANCELLING`: keep polling.
    InProgress,
    /// Any other status: stop polling.
    Terminal(Outcome),
}

impl RunStatus {
    /// Classifies this status as in progress or terminal.
    pub fn phase(&self) -> Phase {
        match self {
            RunStatus::Pending | RunStatus::Processing | RunStatus::Cancelling => Phase::InProgress,
            RunStatus::Processed => Phase::Terminal(Outcome::Processed),
            RunStatus::Failed => Phase::Terminal(Outcome::Failed),
            RunStatus::Cancelled => Phase::Terminal(Outcome::Cancelled),
            RunStatus::NeedsReview => Phase::Terminal(Outcome::NeedsReview),
            RunStatus::Rejected => Phase::Terminal(Outcome::Rejected),
            RunStatus::Unknown(_) => Phase::Terminal(Outcome::Unknown),
        }
    }

    /// Returns `true` when polling should stop: any status other than
    /// `PENDING`, `PROCESSING` and `CANCELLING`.
    pub fn is_terminal(&self) -> bool {
        matches!(self.phase(), Phase::Terminal(_))
    }

    /// Returns the outcome of a terminal status, or `None` while in progress.
    pub fn outcome(&self) -> Option<Outcome> {
        match self.phase() {
            Phase::InProgress => None,
            Phase::Terminal(outcome) => Some(outcome),
        }
    }
}

/// A status sequence that no correct server produces: a run that was seen
/// terminal and later in progress again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("protocol anomaly: run went from terminal status {from} back to in-progress status {to}")]
pub struct StatusAnomaly {
    /// The terminal status seen first.
    pub from: RunStatus,
    /// The in-progress status seen after it.
    pub to: RunStatus,
}

/// Checks one observed transition between two consecutive snapshots of a run.
///
/// Any move is accepted except terminal to in progress, which is returned as
/// a [`StatusAnomaly`] so a poller can report it instead of hiding it.
///
/// # Errors
///
/// Returns [`StatusAnomaly`] when `previous` is terminal and `next` is not.
pub fn check_transition(previous: &RunStatus, next: &RunStatus) -> Result<(), StatusAnomaly> {
    if previous.is_terminal() && !next.is_terminal() {
        return Err(StatusAnomaly {
            from: previous.clone(),
            to: next.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn in_progress_statuses() {
        for status in [
            RunStatus::Pending,
            RunStatus::Processing,
            RunStatus::Cancelling,
        ] {
            assert_eq!(status.phase(), Phase::InProgress, "{status}");
        }
    }

    #[test]
    fn terminal_statuses() {
        let cases = [
            ("PROCESSED", Outcome::Processed),
            ("FAILED", Outcome::Failed),
            ("CANCELLED", Outcome::Cancelled),
            ("NEEDS_REVIEW", Outcome::NeedsReview),
            ("REJECTED", Outcome::Rejected),
            ("ARCHIVED_V2", Outcome::Unknown),
        ];
        for (raw, outcome) in cases {
            assert_eq!(RunStatus::from(raw).outcome(), Some(outcome), "{raw}");
        }
    }

    #[test]
    fn unknown_status_round_trips() {
        let status: RunStatus = serde_json::from_str("\"ARCHIVED_V2\"").unwrap();
        assert_eq!(status, RunStatus::Unknown("ARCHIVED_V2".into()));
        assert_eq!(serde_json::to_string(&status).unwrap(), "\"ARCHIVED_V2\"");
    }

    #[test]
    fn status_is_case_sensitive() {
        assert!(RunStatus::from("processing").is_terminal());
    }

    #[test]
    fn transition_terminal_to_in_progress() {
        let anomaly = check_transition(&RunStatus::Processed, &RunStatus::Processing).unwrap_err();
        assert_eq!(anomaly.from, RunStatus::Processed);
        assert_eq!(anomaly.to, RunStatus::Processing);
    }

    #[test]
    fn transition_forward_is_accepted() {
        assert!(check_transition(&RunStatus::Pending, &RunStatus::Processing).is_ok());
        assert!(check_transition(&RunStatus::Processing, &RunStatus::Processed).is_ok());
        assert!(check_transition(&RunStatus::Processed, &RunStatus::Processed).is_ok());
    }

    proptest! {
        #[test]
        fn unknown_status_never_in_progress(raw in "\\PC*") {
            let status = RunStatus::from(raw.as_str());
            if status.is_unknown() {
                prop_assert!(status.is_terminal());
                prop_assert_eq!(status.as_str(), raw.as_str());
            }
        }
    }
}
