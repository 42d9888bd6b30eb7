//! badtls servers: the scenario model, the PKI, the engines, the control port and the
//! [`Suite`] library API. Most users want the `badtls` crate, which re-exports this one.

pub mod classify;
mod completion;
pub mod control;
pub mod control_client;
pub mod engine;
#[doc(hidden)]
pub mod fuzzing;
mod listener;
pub mod manifest;
mod page;
pub mod pki;
pub mod scenario;
pub mod suite;

pub use classify::classify_rustls;
pub use completion::Completion;
pub use engine::Limits;
pub use manifest::{CrlIssuer, Expectation, Manifest, ManifestEndpoint};
pub use pki::KeyCache;
pub use suite::{BlockingSuite, Config, Endpoint, Suite, SuiteError};
