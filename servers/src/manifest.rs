//! `manifest.json`: the contract other tools read (README.md, "manifest.json"; docs/design.md).
//!
//! Version 2. Fields may be added; none is removed or changes meaning without a new version.
//! Version 2 added the `either` verdict, `expect.requires` and `crl_issuers`; a reader of
//! version 1 documents reads unchanged (the new fields default to empty).

use serde::{Deserialize, Serialize};

pub use badtls_reasons::Expectation;

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
    /// Who signed each CRL, and where that CA's certificate is (version 2).
    #[serde(default)]
    pub crl_issuers: Vec<CrlIssuer>,
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
    /// Where the identity to present is, when it is not the manifest's `client_cert_url` (a
    /// bad identity the server must refuse): chain PEM and key PEM on the control port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_cert_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_key_url: Option<String>,
}

/// The CA behind one CRL: revocation checkers need it among their CA certificates.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CrlIssuer {
    /// The CRL's URL (one of `Manifest::crls`).
    pub crl: String,
    /// The issuing CA's common name.
    pub issuer: String,
    /// The issuing CA's certificate (PEM) on the control port.
    pub issuer_url: String,
}

impl Manifest {
    /// The current manifest version.
    pub const VERSION: u32 = 2;
    /// The oldest version this code reads.
    pub const OLDEST_READABLE: u32 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use badtls_reasons::{Capability, Reason, Verdict};

    #[test]
    fn a_version_1_manifest_still_reads() {
        let v1 = r#"{"version": 1, "ca_pem": "PEM", "control": "http://127.0.0.1:9400",
          "sni_port": 9401, "client_cert_url": "c", "client_key_url": "k", "crls": ["r"],
          "endpoints": [{"id": "cert/expired", "summary": "s", "host": "localhost",
            "address": "127.0.0.1", "port": 9413, "url": "https://localhost:9413/",
            "sni": "cert-expired.badtls.test",
            "expect": {"verdict": "reject", "reason": "cert.expired"}, "client_cert": false}]}"#;
        let m: Manifest = serde_json::from_str(v1).unwrap();
        assert!((Manifest::OLDEST_READABLE..=Manifest::VERSION).contains(&m.version));
        assert!(m.crl_issuers.is_empty());
        assert_eq!(
            m.endpoints[0].expect,
            Expectation::reject(Reason::CertExpired)
        );
    }

    #[test]
    fn version_2_carries_either_and_requirements() {
        let e = Expectation {
            verdict: Verdict::Either,
            reason: Some(Reason::TlsHandshakeFailure),
            requires: vec![Capability::Dhe],
            accept_with: vec![],
        };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"verdict":"either","reason":"tls.handshake-failure","requires":["dhe"]}"#
        );
    }
}
