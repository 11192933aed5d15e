//! Request bodies of the create and sync routes.

mod extract;
mod file_ref;
mod parse;

pub use crate::models::config::ExtractConfig;
pub use extract::{ExtractRunCreate, ProcessorRef};
pub use file_ref::FileRef;
pub use parse::ParseRunCreate;
