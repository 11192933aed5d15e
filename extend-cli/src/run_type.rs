//! Run types and how a run id names its type.

use clap::ValueEnum;

use crate::error::CliError;

/// A run type of the `runs` commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RunType {
    /// Extract runs, ids `exr_...`.
    Extract,
    /// Classify runs, ids `clr_...`.
    Classify,
    /// Split runs, ids `splr_...`.
    Split,
    /// Parse runs, ids `pr_...`.
    Parse,
    /// Edit runs, ids `edr_...`.
    Edit,
    /// Workflow runs, ids `workflow_run_...`.
    Workflow,
}

/// Id prefixes the API gives each run type.
const PREFIXES: [(&str, RunType); 6] = [
    ("exr_", RunType::Extract),
    ("clr_", RunType::Classify),
    ("splr_", RunType::Split),
    ("pr_", RunType::Parse),
    ("edr_", RunType::Edit),
    ("workflow_run_", RunType::Workflow),
];

impl RunType {
    /// Returns the type named by `--type`, or else the one the id's prefix
    /// names.
    ///
    /// # Errors
    ///
    /// [`CliError::Input`] when there is no `--type` and the prefix is not
    /// one of the known ones.
    pub(crate) fn resolve(id: &str, explicit: Option<RunType>) -> Result<RunType, CliError> {
        if let Some(run_type) = explicit {
            return Ok(run_type);
        }
        PREFIXES
            .iter()
            .find(|(prefix, _)| id.starts_with(prefix))
            .map(|(_, run_type)| *run_type)
            .ok_or_else(|| {
                CliError::Input(format!(
                    "run id {id:?} does not start with a known prefix \
                     (exr_, clr_, splr_, pr_, edr_, workflow_run_); pass --type"
                ))
            })
    }

    /// Returns the API's name of the type, such as `extract_run`.
    pub(crate) fn object(self) -> &'static str {
        match self {
            RunType::Extract => "extract_run",
            RunType::Classify => "classify_run",
            RunType::Split => "split_run",
            RunType::Parse => "parse_run",
            RunType::Edit => "edit_run",
            RunType::Workflow => "workflow_run",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_names_type() {
        let cases = [
            ("exr_1", RunType::Extract),
            ("clr_1", RunType::Classify),
            ("splr_1", RunType::Split),
            ("pr_1", RunType::Parse),
            ("edr_1", RunType::Edit),
            ("workflow_run_1", RunType::Workflow),
        ];
        for (id, expected) in cases {
            assert_eq!(RunType::resolve(id, None).unwrap(), expected, "{id}");
        }
    }

    #[test]
    fn explicit_type_wins() {
        let run_type = RunType::resolve("exr_1", Some(RunType::Parse)).unwrap();
        assert_eq!(run_type, RunType::Parse);
    }

    #[test]
    fn unknown_prefix_asks_for_type() {
        let error = RunType::resolve("run_42", None).unwrap_err().to_string();
        assert!(error.contains("run_42"), "{error}");
        assert!(error.contains("--type"), "{error}");
    }

    proptest::proptest! {
        #[test]
        fn known_prefix_any_suffix(index in 0..PREFIXES.len(), suffix in "[A-Za-z0-9_]{0,24}") {
            let (prefix, expected) = PREFIXES[index];
            let id = format!("{prefix}{suffix}");
            proptest::prop_assert_eq!(RunType::resolve(&id, None).unwrap(), expected);
        }
    }
}
