//! Saved processors (extractors, classifiers, splitters) and their versions.
//!
//! A run embeds a short form of its processor (no `draftVersion`) and of the
//! version it used (no `config`); both decode into the same types.

use serde::{Deserialize, Serialize};

use super::config::{ClassifyConfig, ExtractConfig, SplitConfig};

/// Declares a processor type and its version type, which differ only in
/// names and in the type of `config`.
macro_rules! processor_types {
    (
        $processor:ident, $processor_object:literal, $processor_doc:literal,
        $version:ident, $version_object:literal, $id_field:ident, $config:ty
    ) => {
        #[doc = concat!("A saved ", $processor_doc, " (`object: \"", $processor_object, "\"`).")]
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $processor {
            #[doc = concat!("Always `", $processor_object, "`.")]
            #[serde(default)]
            pub object: String,
            /// Processor id.
            pub id: String,
            /// Display name.
            pub name: String,
            /// The draft version, present on retrieve and in webhook events.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub draft_version: Option<$version>,
            /// Creation time (RFC 3339).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub created_at: Option<String>,
            /// Last update time (RFC 3339).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub updated_at: Option<String>,
        }

        #[doc = concat!("A version of a ", $processor_doc, " (`object: \"", $version_object, "\"`).")]
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $version {
            #[doc = concat!("Always `", $version_object, "`.")]
            #[serde(default)]
            pub object: String,
            /// Version id.
            pub id: String,
            /// Id of the processor this version belongs to.
            pub $id_field: String,
            /// `"draft"` or a published number such as `"1.0"`.
            pub version: String,
            /// Release note of this version.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub description: Option<String>,
            /// The configuration of this version; absent in the short form
            /// embedded in runs.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub config: Option<$config>,
            /// Creation time (RFC 3339).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub created_at: Option<String>,
        }
    };
}

processor_types!(
    Extractor,
    "extractor",
    "extractor",
    ExtractorVersion,
    "extractor_version",
    extractor_id,
    ExtractConfig
);
processor_types!(
    Classifier,
    "classifier",
    "classifier",
    ClassifierVersion,
    "classifier_version",
    classifier_id,
    ClassifyConfig
);
processor_types!(
    Splitter,
    "splitter",
    "splitter",
    SplitterVersion,
    "splitter_version",
    splitter_id,
    SplitConfig
);
