//! `manifest.json`: the contract other tools read (DESIGN.md, "manifest.json").
//!
//! Version 1. Fields may be added; none is removed or changes meaning without a new version.

use serde::{Deserialize, Serialize};

use badtls_reasons::{Reason, Verdict};

/// The whole manifest.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub version: u32,
    /// The root CA to trust, PEM.
    pub ca_pem: String,
    /// Base URL of the control port.
    pub control: String,
    /// The shared port that routes by SNI name (`<id with / as ->.badtls.test`).
    pub sni_port: u16,
    /// The client identity for mutual-TLS endpoints, on the control port.
    pub client_cert_url: String,
    pub client_key_url: String,
    /// CRLs (DER) on the control port.
    pub crls: Vec<String>,
    pub endpoints: Vec<ManifestEndpoint>,
}

/// One endpoint.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ManifestEndpoint {
    pub id: String,
    pub summary: String,
    /// The name to connect to (and to verify the certificate against).
    pub host: String,
    /// The address `host` must reach: `host` may be a `*.badtls.test` name no resolver knows.
    pub address: String,
    pub port: u16,
    pub url: String,
    /// This endpoint's name on the shared SNI port.
    pub sni: String,
    pub expect: Expectation,
    /// The client is expected to present the suite's client identity.
    #[serde(default)]
    pub client_cert: bool,
}

/// What a sane client should do.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Expectation {
    pub verdict: Verdict,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
}

impl Manifest {
    /// The current manifest version.
    pub const VERSION: u32 = 1;
}
