//! Processor configurations: the `config` objects of requests, runs and
//! processor versions.
//!
//! The same shapes appear in a create request and, filled in, on the run the
//! server returns. Every field is optional on the wire.

mod classify;
mod edit;
mod extract;
mod parse;
mod split;

pub use classify::{
    Classification, ClassifyAdvancedOptions, ClassifyBaseProcessor, ClassifyConfig,
};
pub use edit::{EditAdvancedOptions, EditConfig, FormDetectionConfig};
pub use extract::{ArrayStrategy, ExtractAdvancedOptions, ExtractBaseProcessor, ExtractConfig};
pub use parse::{
    ChunkingOptions, ChunkingStrategy, ChunkingStrategyType, FormattingDetection,
    ParseAdvancedOptions, ParseConfig, ParseEngine, ParseTarget,
};
pub use split::{SplitAdvancedOptions, SplitBaseProcessor, SplitClassification, SplitConfig};
