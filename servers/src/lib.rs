//! badtls servers: the scenario model, the PKI, the engines, the control port and the
//! [`Suite`] library API. Most users want the `badtls` crate, which re-exports this one.

#![forbid(unsafe_code)]

mod completion;
pub mod control;
pub mod engine;
#[doc(hidden)]
pub mod fuzzing;
mod listener;
mod page;
pub mod pki;
pub mod scenario;
pub mod suite;

pub use badtls_contract::classify_rustls;
pub use completion::Completion;
pub use engine::Limits;
// The contract types live in badtls-contract; these paths stay for the suite's users.
pub use badtls_contract::{control_client, manifest};
pub use badtls_contract::{CrlIssuer, Expectation, Manifest, ManifestEndpoint};
pub use pki::KeyCache;
pub use suite::{BlockingSuite, Config, Endpoint, Suite, SuiteError};
