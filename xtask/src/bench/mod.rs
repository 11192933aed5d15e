//! `cargo xtask bench`: the side-by-side suite beside the official SDKs
//! ([`suite`]), the poller under load ([`poll`]) and the emulator's
//! retrieve throughput ([`emulator`]).

pub(crate) mod emulator;
pub(crate) mod poll;
pub(crate) mod suite;

mod data;
mod format;
mod machine;
mod measure;
mod report;
mod runner;
