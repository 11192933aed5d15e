use serde::{Deserialize, Serialize};

use crate::open_enum;

/// Free-form JSON metadata attached to a run and echoed back (max 10 KB).
pub type Metadata = serde_json::Map<String, serde_json::Value>;

open_enum! {
    /// Why a run failed. The API documents that more values may be added.
    pub enum FailureReason {
        /// The run was aborted.
        Aborted = "ABORTED",
        /// An error inside Extend.
        InternalError = "INTERNAL_ERROR",
        /// The file could not be processed.
        FailedToProcessFile = "FAILED_TO_PROCESS_FILE",
        /// The processor reference is invalid.
        InvalidProcessor = "INVALID_PROCESSOR",
        /// The configuration is invalid.
        InvalidConfiguration = "INVALID_CONFIGURATION",
        /// Parsing the file failed.
        ParsingError = "PARSING_ERROR",
        /// A step before processing failed.
        PreProcessingFailure = "PRE_PROCESSING_FAILURE",
        /// A step after processing failed.
        PostProcessingFailure = "POST_PROCESSING_FAILURE",
        /// The account has no credits left.
        OutOfCredits = "OUT_OF_CREDITS",
        /// No schema was given and generating one failed.
        SchemaGenerationFailed = "SCHEMA_GENERATION_FAILED",
        /// The file could not be downloaded from its URL.
        UnableToDownloadFile = "UNABLE_TO_DOWNLOAD_FILE",
        /// The file type is not supported.
        FileTypeNotSupported = "FILE_TYPE_NOT_SUPPORTED",
        /// The file is too large.
        FileSizeTooLarge = "FILE_SIZE_TOO_LARGE",
        /// The file is corrupt.
        CorruptFile = "CORRUPT_FILE",
        /// Optical character recognition failed.
        OcrError = "OCR_ERROR",
        /// The file is password protected.
        PasswordProtectedFile = "PASSWORD_PROTECTED_FILE",
        /// Converting the file to PDF failed.
        FailedToConvertToPdf = "FAILED_TO_CONVERT_TO_PDF",
        /// Converting the file to JPEG failed.
        FailedToConvertToJpeg = "FAILED_TO_CONVERT_TO_JPEG",
        /// Generating the requested target format failed.
        FailedToGenerateTargetFormat = "FAILED_TO_GENERATE_TARGET_FORMAT",
        /// Chunking the parsed output failed.
        ChunkingError = "CHUNKING_ERROR",
        /// The parse configuration options are invalid.
        InvalidConfigOptions = "INVALID_CONFIG_OPTIONS",
        /// Detecting form fields failed.
        FieldDetectionError = "FIELD_DETECTION_ERROR",
        /// The edit options are invalid.
        InvalidOptions = "INVALID_OPTIONS",
        /// The edit schema is empty.
        EmptySchema = "EMPTY_SCHEMA",
        /// The edit schema is invalid.
        SchemaValidationError = "SCHEMA_VALIDATION_ERROR",
    }
}

/// Credits a run used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    /// Credits charged for this run.
    pub credits: f64,
    /// Credits charged for this run and the runs it started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_credits: Option<f64>,
    /// Credits per run that this run started or used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<Vec<UsageBreakdownEntry>>,
}

open_enum! {
    /// The `object` value of a run, as it appears in usage lines.
    ///
    /// The API sends this value, but it is not a reliable type tag: a usage
    /// line may carry `extract_run` for the parse run that it charges.
    pub enum RunKind {
        /// An extract run.
        ExtractRun = "extract_run",
        /// A classify run.
        ClassifyRun = "classify_run",
        /// A split run.
        SplitRun = "split_run",
        /// A parse run.
        ParseRun = "parse_run",
        /// An edit run.
        EditRun = "edit_run",
        /// A form detection run.
        FormDetectionRun = "form_detection_run",
        /// A workflow run.
        WorkflowRun = "workflow_run",
    }
}

/// One line of [`Usage::breakdown`]: the credits charged to one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageBreakdownEntry {
    /// The kind of run charged.
    pub object: RunKind,
    /// Id of the run charged.
    pub id: String,
    /// Credits charged to that run.
    pub credits: f64,
    /// The charges that add up to `credits`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charges: Option<Vec<UsageCharge>>,
}

/// One charge inside a [`UsageBreakdownEntry`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageCharge {
    /// The product charged, such as `extraction_performance` or `review_agent`.
    pub product: String,
    /// The unit counted, such as `page`.
    pub unit: String,
    /// How many units were charged.
    pub quantity: f64,
    /// Credits charged.
    pub credits: f64,
    /// Page numbers the charge covers, when it is per page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<Vec<f64>>,
}

/// An inclusive range of 1-based page numbers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PageRange {
    /// First page.
    pub start: f64,
    /// Last page.
    pub end: f64,
}

/// A note the model gives with an output, such as its reasoning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insight {
    /// The kind of note, such as `reasoning`.
    pub r#type: String,
    /// The note's text.
    pub content: String,
}
