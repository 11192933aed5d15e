//! The run types the emulator serves and the routes each one has.

/// One run type of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum RunKind {
    /// `extract_run`.
    Extract,
    /// `classify_run`.
    Classify,
    /// `split_run`.
    Split,
    /// `parse_run`.
    Parse,
    /// `edit_run`.
    Edit,
    /// `form_detection_run`.
    FormDetection,
    /// `workflow_run`.
    Workflow,
}

impl RunKind {
    /// Every run type, in the order of [`RunKind::index`].
    pub(crate) const ALL: [RunKind; 7] = [
        RunKind::Extract,
        RunKind::Classify,
        RunKind::Split,
        RunKind::Parse,
        RunKind::Edit,
        RunKind::FormDetection,
        RunKind::Workflow,
    ];

    /// Position in [`RunKind::ALL`], used to index per-type tables.
    pub(crate) fn index(self) -> usize {
        match self {
            RunKind::Extract => 0,
            RunKind::Classify => 1,
            RunKind::Split => 2,
            RunKind::Parse => 3,
            RunKind::Edit => 4,
            RunKind::FormDetection => 5,
            RunKind::Workflow => 6,
        }
    }

    /// Returns the `object` value and the webhook event prefix, such as `extract_run`.
    pub(crate) fn object(self) -> &'static str {
        match self {
            RunKind::Extract => "extract_run",
            RunKind::Classify => "classify_run",
            RunKind::Split => "split_run",
            RunKind::Parse => "parse_run",
            RunKind::Edit => "edit_run",
            RunKind::FormDetection => "form_detection_run",
            RunKind::Workflow => "workflow_run",
        }
    }

    /// Returns the collection path without a slash, such as `extract_runs`.
    pub(crate) fn collection(self) -> &'static str {
        match self {
            RunKind::Extract => "extract_runs",
            RunKind::Classify => "classify_runs",
            RunKind::Split => "split_runs",
            RunKind::Parse => "parse_runs",
            RunKind::Edit => "edit_runs",
            RunKind::FormDetection => "form_detection_runs",
            RunKind::Workflow => "workflow_runs",
        }
    }

    /// Returns the id prefix the API uses for this run type.
    pub(crate) fn id_prefix(self) -> &'static str {
        match self {
            RunKind::Extract => "exr",
            RunKind::Classify => "clr",
            RunKind::Split => "splr",
            RunKind::Parse => "pr",
            RunKind::Edit => "edr",
            RunKind::FormDetection => "fdr",
            RunKind::Workflow => "workflow_run",
        }
    }

    /// Words for messages, such as `extract run`.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            RunKind::Extract => "extract run",
            RunKind::Classify => "classify run",
            RunKind::Split => "split run",
            RunKind::Parse => "parse run",
            RunKind::Edit => "edit run",
            RunKind::FormDetection => "form detection run",
            RunKind::Workflow => "workflow run",
        }
    }

    /// Returns the synchronous route, such as `/extract`; workflows have none.
    pub(crate) fn sync_path(self) -> Option<&'static str> {
        match self {
            RunKind::Extract => Some("/extract"),
            RunKind::Classify => Some("/classify"),
            RunKind::Split => Some("/split"),
            RunKind::Parse => Some("/parse"),
            RunKind::Edit => Some("/edit"),
            RunKind::FormDetection => Some("/detect_form"),
            RunKind::Workflow => None,
        }
    }

    /// Returns whether `GET /<collection>` exists (edit and form detection have no list).
    pub(crate) fn has_list(self) -> bool {
        !matches!(self, RunKind::Edit | RunKind::FormDetection)
    }

    /// Returns whether `POST /<collection>/{id}/cancel` exists.
    pub(crate) fn has_cancel(self) -> bool {
        !matches!(self, RunKind::Edit | RunKind::FormDetection)
    }

    /// Returns whether `DELETE /<collection>/{id}` exists.
    pub(crate) fn has_delete(self) -> bool {
        !matches!(self, RunKind::FormDetection)
    }

    /// Returns whether `POST /<collection>/batch` exists.
    pub(crate) fn has_batch(self) -> bool {
        !matches!(self, RunKind::Edit | RunKind::FormDetection)
    }

    /// Returns whether the run carries `createdAt` and `updatedAt` (workflow runs
    /// have `initialRunAt`, `startTime` and `endTime` instead).
    pub(crate) fn has_timestamps(self) -> bool {
        matches!(self, RunKind::Extract | RunKind::Classify | RunKind::Split)
    }

    /// Returns whether `file: {"text": ...}` is accepted (extract, classify, workflow).
    pub(crate) fn accepts_text(self) -> bool {
        matches!(
            self,
            RunKind::Extract | RunKind::Classify | RunKind::Workflow
        )
    }
}

#[cfg(test)]
mod tests {
    use super::RunKind;

    #[test]
    fn index_matches_all_order() {
        for (position, kind) in RunKind::ALL.iter().enumerate() {
            assert_eq!(kind.index(), position, "{kind:?}");
        }
    }

    #[test]
    fn collection_is_object_plural() {
        for kind in RunKind::ALL {
            assert_eq!(kind.collection(), format!("{}s", kind.object()));
        }
    }
}
