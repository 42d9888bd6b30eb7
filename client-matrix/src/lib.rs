//! The badtls client matrix: every real client stack against every endpoint, each rejection
//! classified into a canonical reason and judged against the catalogue's expectation.
//!
//! - [`clients`]: the registry of built-in clients (data, `clients.toml`): names, kinds, stacks,
//!   capabilities, what each runs;
//! - [`adapter`]: how each client is driven (in-process, command-line tools, probe programs);
//! - [`classify`]: per-client pattern tables (data, in `classifiers/`) from raw error text to reasons;
//! - [`cell`]: one client × one endpoint, judged; [`baseline`]: known deviations;
//! - [`runner`]: runs it all; [`report`]: table, JSON, JUnit, Markdown, HTML;
//! - [`probe`]: the built-in OpenSSL client (`badtls probe`); [`deadline`]: a whole answer's deadline;
//! - [`partition`]: `--partition K/N`; [`platform`] and [`identity`]: where and against what a run
//!   ran; [`merge`]: many runs' JSON into one matrix with a column per client and platform;
//! - [`samples`]: real client error texts with the reason each table must give (data, in `classifiers/samples/`).

#![forbid(unsafe_code)]

pub mod adapter;
pub mod baseline;
pub mod cell;
pub mod classify;
pub mod clients;
pub mod deadline;
mod embedded;
pub mod identity;
pub mod merge;
pub mod partition;
pub mod platform;
pub mod probe;
pub mod report;
pub mod runner;
pub mod samples;
