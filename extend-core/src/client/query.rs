//! Query parameters of the list and retrieve routes.
//!
//! Each list route takes its own filters; every one takes `maxPageSize` and
//! `nextPageToken`. Unset fields are not sent.

use crate::{open_enum, RunStatus, WebhookEndpointStatus};

open_enum! {
    /// The field a list is sorted by.
    pub enum SortBy {
        /// Last update time.
        UpdatedAt = "updatedAt",
        /// Creation time.
        CreatedAt = "createdAt",
    }
}

open_enum! {
    /// Sort direction.
    pub enum SortDir {
        /// Oldest first.
        Asc = "asc",
        /// Newest first.
        Desc = "desc",
    }
}

open_enum! {
    /// The origin of a run, as a list filter.
    pub enum RunSource {
        /// The API.
        Api = "API",
        /// Extend Studio.
        Studio = "STUDIO",
        /// A workflow run.
        WorkflowRun = "WORKFLOW_RUN",
        /// The admin console.
        Admin = "ADMIN",
        /// A processor batch.
        BatchProcessorRun = "BATCH_PROCESSOR_RUN",
        /// The playground.
        Playground = "PLAYGROUND",
        /// A workflow configuration.
        WorkflowConfiguration = "WORKFLOW_CONFIGURATION",
        /// A parse batch (parse runs only).
        BatchParserRun = "BATCH_PARSER_RUN",
        /// An edit run (parse runs only).
        EditRun = "EDIT_RUN",
        /// A processor run (parse runs only).
        DocumentProcessorRun = "DOCUMENT_PROCESSOR_RUN",
    }
}

open_enum! {
    /// The form of the output of `GET /parse_runs/{id}` and `POST /parse`.
    pub enum ParseResponseType {
        /// Inline in `output`.
        Json = "json",
        /// As a link in `outputUrl`, valid for 15 minutes.
        Url = "url",
    }
}

/// Collects query pairs, skipping unset values.
#[derive(Default)]
pub(crate) struct Pairs(pub(crate) Vec<(String, String)>);

impl Pairs {
    pub(crate) fn add(&mut self, name: &str, value: Option<impl ToString>) -> &mut Self {
        if let Some(value) = value {
            self.0.push((name.to_owned(), value.to_string()));
        }
        self
    }
}

/// Query parameters of a list route.
pub trait ListQuery: Clone + Send + Sync + 'static {
    /// Encodes the filters, without the page token.
    fn filters(&self) -> Vec<(String, String)>;

    /// Returns the page token to start from, if any.
    fn page_token(&self) -> Option<&str>;
}

/// Declares a list query type with its filters and the page fields.
macro_rules! list_query {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty => $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: Option<$ty>, )*
            /// Page size (`maxPageSize`).
            pub max_page_size: Option<u32>,
            /// Page token to start from (`nextPageToken`).
            pub next_page_token: Option<String>,
        }

        impl ListQuery for $name {
            fn filters(&self) -> Vec<(String, String)> {
                let mut pairs = Pairs::default();
                $( pairs.add($wire, self.$field.as_ref()); )*
                pairs.add("maxPageSize", self.max_page_size);
                pairs.0
            }

            fn page_token(&self) -> Option<&str> {
                self.next_page_token.as_deref()
            }
        }
    };
}

list_query! {
    /// Filters of `GET /extract_runs`, `GET /classify_runs` and
    /// `GET /split_runs`.
    ProcessorRunListQuery {
        /// Only runs with this status.
        status: RunStatus => "status",
        /// Only runs of this processor; sent as `extractorId`,
        /// `classifierId` or `splitterId` by the handle.
        processor_id: String => "processorId",
        /// Only runs of this batch.
        batch_id: String => "batchId",
        /// Only runs started by this source object.
        source_id: String => "sourceId",
        /// Only runs started from this kind of source.
        source: RunSource => "source",
        /// Only runs whose file name contains this text.
        file_name_contains: String => "fileNameContains",
        /// Sort field.
        sort_by: SortBy => "sortBy",
        /// Sort direction.
        sort_dir: SortDir => "sortDir",
    }
}

list_query! {
    /// Filters of `GET /parse_runs`, which has no processor filter and no
    /// sorting.
    ParseRunListQuery {
        /// Only runs with this status.
        status: RunStatus => "status",
        /// Only runs of this batch.
        batch_id: String => "batchId",
        /// Only runs started by this source object.
        source_id: String => "sourceId",
        /// Only runs started from this kind of source.
        source: RunSource => "source",
        /// Only runs whose file name contains this text.
        file_name_contains: String => "fileNameContains",
    }
}

list_query! {
    /// Filters of `GET /workflow_runs`.
    WorkflowRunListQuery {
        /// Only runs with this status.
        status: RunStatus => "status",
        /// Only runs of this workflow.
        workflow_id: String => "workflowId",
        /// Only runs of this batch.
        batch_id: String => "batchId",
        /// Only runs whose file name contains this text.
        file_name_contains: String => "fileNameContains",
        /// Sort field.
        sort_by: SortBy => "sortBy",
        /// Sort direction.
        sort_dir: SortDir => "sortDir",
    }
}

list_query! {
    /// Filters of `GET /files`.
    FileListQuery {
        /// Only files whose name contains this text.
        name_contains: String => "nameContains",
        /// Sort direction.
        sort_dir: SortDir => "sortDir",
    }
}

list_query! {
    /// Filters of `GET /webhook_endpoints`.
    WebhookEndpointListQuery {
        /// Only endpoints with this status.
        status: WebhookEndpointStatus => "status",
        /// Sort direction.
        sort_dir: SortDir => "sortDir",
    }
}

list_query! {
    /// Filters of `GET /webhook_subscriptions`.
    WebhookSubscriptionListQuery {
        /// Only subscriptions of this endpoint.
        webhook_endpoint_id: String => "webhookEndpointId",
        /// Only subscriptions of this resource.
        resource_id: String => "resourceId",
        /// Sort direction.
        sort_dir: SortDir => "sortDir",
    }
}

/// Query flags of `GET /files/{id}`: which formats of the parsed contents to
/// include in [`File::contents`](crate::File::contents).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileRetrieveQuery {
    /// Includes the whole text (`rawText=true`).
    pub raw_text: bool,
    /// Includes markdown (`markdown=true`).
    pub markdown: bool,
    /// Includes HTML (`html=true`).
    pub html: bool,
}

impl FileRetrieveQuery {
    pub(crate) fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Pairs::default();
        pairs.add("rawText", self.raw_text.then_some(true));
        pairs.add("markdown", self.markdown.then_some(true));
        pairs.add("html", self.html.then_some(true));
        pairs.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn processor_filters_skip_unset() {
        let query = ProcessorRunListQuery {
            status: Some(RunStatus::Processed),
            sort_dir: Some(SortDir::Desc),
            max_page_size: Some(50),
            next_page_token: Some("token".into()),
            ..ProcessorRunListQuery::default()
        };
        let expected = vec![
            ("status".to_owned(), "PROCESSED".to_owned()),
            ("sortDir".to_owned(), "desc".to_owned()),
            ("maxPageSize".to_owned(), "50".to_owned()),
        ];
        assert_eq!(query.filters(), expected);
        assert_eq!(query.page_token(), Some("token"));
    }

    #[test]
    fn file_flags_only_when_true() {
        let query = FileRetrieveQuery {
            markdown: true,
            ..FileRetrieveQuery::default()
        };
        assert_eq!(
            query.pairs(),
            vec![("markdown".to_owned(), "true".to_owned())]
        );
    }
}
