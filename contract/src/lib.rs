//! The contract of badtls: what every tool around the suite speaks.
//!
//! - [`Reason`]: the canonical reason taxonomy.
//! - [`Expectation`]: what a correct client does with an endpoint.
//! - [`Manifest`]: `manifest.json`, the description of a running suite that the matrix, the
//!   container users and other tools read (its JSON Schema: [`schema::manifest`]).
//! - [`control_client`]: one GET on a suite's control port.
//! - `classify_rustls` (feature `rustls`): the reason a rustls error stands for.
//!
//! ## Reasons
//!
//! Every endpoint of the suite expects a client to *reject* it for one of these reasons (or to
//! accept it), and every client error the matrix sees is classified into one of them. The names
//! are stable: they appear in scenario files, in `manifest.json`, in baselines and in reports.
//!
//! Reasons form a shallow tree: `cert.untrusted` is the coarse parent of the four "I could not
//! build a path to a trusted root" cases, because Go, Java and GnuTLS print one message for all
//! four; `cert.constraint-violation` is the parent of `cert.not-a-ca` and
//! `cert.name-constraints`, because GnuTLS says "violates the signer's constraints" for both. A
//! client that can only say `cert.untrusted` still *matches* an expectation of
//! `cert.self-signed`: see [`Reason::matches`].
//!
//! The crate also holds the [`Expectation`] of an endpoint (verdict, reason and the client
//! [`Capability`]s without which it does not apply): the scenario files, the manifest and the
//! matrix all speak it.
//!
//! ```
//! use badtls_contract::Reason;
//! let r: Reason = "cert.self-signed".parse().unwrap();
//! assert_eq!(r.parent(), Some(Reason::CertUntrusted));
//! assert!(Reason::CertUntrusted.matches(r));
//! assert!(!Reason::CertExpired.matches(r));
//! ```

#![forbid(unsafe_code)]

#[cfg(feature = "rustls")]
mod classify_rustls;
pub mod control_client;
mod details;
mod expectation;
pub mod manifest;
mod reason;
pub mod schema;

#[cfg(feature = "rustls")]
pub use classify_rustls::{classify_error, classify_rustls};
pub use details::Details;
pub use expectation::{Capability, Expectation, Verdict};
pub use manifest::{CrlIssuer, Manifest, ManifestEndpoint};
pub use reason::{Reason, UnknownReason};
