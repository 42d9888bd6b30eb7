//! # badtls
//!
//! A hermetic, local suite of deliberately broken TLS endpoints — expired, self-signed, wrong
//! host, incomplete chain, plain HTTP on a TLS port, and many more — with the reason a correct
//! client must give for rejecting each.
//!
//! Start it in-process from a test and point your client at it:
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let suite = badtls::Suite::start(badtls::Config::default().only(["good/default", "cert/*"])).await?;
//! let ep = suite.endpoint("cert/expired")?;
//! println!("{} should be rejected for {:?}", ep.url(), ep.expect().reason);
//! let ca_pem = suite.ca_pem(); // trust this, and only this
//! # let _ = ca_pem; Ok(()) }
//! ```
//!
//! When your client fails, [`classify_rustls`] turns a rustls/reqwest/hyper error into a
//! canonical [`Reason`] to compare with [`Endpoint::expect`].

#![forbid(unsafe_code)]

#[cfg(feature = "testcontainers")]
pub mod testcontainers;

pub use badtls_contract::{Capability, Reason, UnknownReason, Verdict};
pub use badtls_servers::pki::{CaProfile, KeyCache};
pub use badtls_servers::scenario;
pub use badtls_servers::{
    classify_rustls, BlockingSuite, Config, Endpoint, Expectation, Limits, Manifest,
    ManifestEndpoint, Suite, SuiteError,
};
