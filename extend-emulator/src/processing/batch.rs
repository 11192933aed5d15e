//! The aggregate status of a batch run, derived from its runs.
//!
//! A batch is `PENDING` until one of its runs starts, `PROCESSING` until all
//! of them are terminal, then `FAILED` when every run failed and `PROCESSED`
//! otherwise. Reaching a terminal status emits `batch_parse_run.*` (parse
//! batches) or `batch_processor_run.*` (the others) once.

use extend_core::RunStatus;
use serde_json::Value;

use crate::kinds::RunKind;
use crate::objects::{set_status, status_of};
use crate::state::AppState;

/// Recomputes the status of the batch `batch_id` after one of its runs
/// changed; does nothing for ids that are not stored batches (workflow
/// batches).
pub(crate) fn refresh(state: &AppState, batch_id: &str) {
    let Some(batch) = state.batches.get(batch_id) else {
        return;
    };
    let mut kind = RunKind::Extract;
    let mut statuses = Vec::new();
    for candidate in RunKind::ALL {
        let runs = state
            .runs(candidate)
            .matching(|run| run.get("batchId").and_then(Value::as_str) == Some(batch_id));
        if !runs.is_empty() {
            kind = candidate;
        }
        statuses.extend(runs.iter().filter_map(status_of));
    }

    let status = aggregate_status(&statuses);
    if status_of(&batch).as_ref() == Some(&status) {
        return;
    }
    let Some(updated) = state
        .batches
        .update(batch_id, |batch| set_status(batch, &status))
    else {
        return;
    };
    if status.is_terminal() {
        let group = if kind == RunKind::Parse {
            "batch_parse_run"
        } else {
            "batch_processor_run"
        };
        let suffix = if status == RunStatus::Failed {
            "failed"
        } else {
            "processed"
        };
        state.emit(format!("{group}.{suffix}"), updated);
    }
}

/// The batch status for the statuses of its runs.
pub(crate) fn aggregate_status(statuses: &[RunStatus]) -> RunStatus {
    if statuses.is_empty() || statuses.iter().all(|status| *status == RunStatus::Pending) {
        return RunStatus::Pending;
    }
    if statuses.iter().any(|status| !status.is_terminal()) {
        return RunStatus::Processing;
    }
    if statuses.iter().all(|status| *status == RunStatus::Failed) {
        return RunStatus::Failed;
    }
    RunStatus::Processed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregate_cases() {
        use RunStatus::*;
        let cases = [
            (vec![], Pending),
            (vec![Pending, Pending], Pending),
            (vec![Pending, Processing], Processing),
            (vec![Processed, Pending], Processing),
            (vec![Processed, Failed], Processed),
            (vec![Failed, Failed], Failed),
            (vec![Cancelled, Processed], Processed),
        ];
        for (statuses, expected) in cases {
            assert_eq!(aggregate_status(&statuses), expected, "{statuses:?}");
        }
    }
}
