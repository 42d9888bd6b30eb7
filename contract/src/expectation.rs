//! What a correct client does with an endpoint: the expectation that scenario files declare, the
//! manifest publishes and the matrix judges against.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Reason;

/// What a client should do with an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Connect: every sane client must.
    Accept,
    /// Refuse, for the expectation's reason.
    Reject,
    /// Both are correct (tolerated legacy such as CBC suites or static RSA); a client that
    /// refuses must still do so for the expectation's reason.
    Either,
}

impl Verdict {
    /// The lowercase name used in scenario files and the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accept => "accept",
            Verdict::Reject => "reject",
            Verdict::Either => "either",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something a client must do for a scenario to apply to it at all. A client without it cannot
/// be judged on that scenario (the matrix reports N/A, never a failure).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Capability {
    /// The client was given the suite's CRLs and checks them (the chain's revocation status).
    Revocation,
    /// The client offers ALPN protocols in its ClientHello.
    Alpn,
    /// The client offers finite-field Diffie-Hellman (DHE) suites. One without them (rustls, Go,
    /// browsers) refuses a DHE-only server for want of a shared suite and never sees its group.
    Dhe,
    /// The client presents the suite's client identity when the scenario asks for one
    /// (`good/client-cert`). A client that cannot be given one (a headless browser) is N/A there.
    ClientCert,
    /// The client fetches a missing issuer from the leaf's AIA caIssuers URL (Chromium does;
    /// Firefox, the libraries and the command-line tools do not).
    Aia,
}

impl Capability {
    /// Every capability, in a stable order.
    pub const ALL: [Capability; 5] = [
        Capability::Revocation,
        Capability::Alpn,
        Capability::Dhe,
        Capability::ClientCert,
        Capability::Aia,
    ];

    /// The kebab-case name used in scenario files, tables and the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Revocation => "revocation",
            Capability::Alpn => "alpn",
            Capability::Dhe => "dhe",
            Capability::ClientCert => "client-cert",
            Capability::Aia => "aia",
        }
    }

    /// What a client lacking it is missing, for the N/A note of a cell.
    pub fn missing(self) -> &'static str {
        match self {
            Capability::Revocation => {
                "this client is not configured with the suite's CRLs (or cannot check them)"
            }
            Capability::Alpn => "this client offers no ALPN protocols",
            Capability::Dhe => "this client offers no finite-field DHE suites",
            Capability::ClientCert => "this client cannot be given the suite's client identity",
            Capability::Aia => "this client does not fetch issuers from AIA caIssuers URLs",
        }
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The expected outcome for a sane client.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub verdict: Verdict,
    /// Required when `verdict` is `reject` or `either`, forbidden when `accept`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// Client capabilities without which the scenario does not apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Capability>,
    /// Capabilities with which a client must accept instead (`cert/incomplete-chain-aia`: a
    /// client that fetches AIA completes the chain). Empty for almost every scenario.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept_with: Vec<Capability>,
}

impl Expectation {
    /// Accept, no requirement.
    pub fn accept() -> Expectation {
        Expectation {
            verdict: Verdict::Accept,
            reason: None,
            requires: Vec::new(),
            accept_with: Vec::new(),
        }
    }

    /// Reject for `reason`, no requirement.
    pub fn reject(reason: Reason) -> Expectation {
        Expectation {
            verdict: Verdict::Reject,
            reason: Some(reason),
            requires: Vec::new(),
            accept_with: Vec::new(),
        }
    }

    /// The first required capability that `has` says the client lacks.
    pub fn missing(&self, has: impl Fn(Capability) -> bool) -> Option<Capability> {
        self.requires.iter().copied().find(|c| !has(*c))
    }

    /// The expectation for one client: `accept` (same requirements) when `has` says it has one
    /// of the `accept_with` capabilities, else this one unchanged.
    pub fn for_client(&self, has: impl Fn(Capability) -> bool) -> Expectation {
        if self.accept_with.iter().any(|c| has(*c)) {
            Expectation {
                requires: self.requires.clone(),
                ..Expectation::accept()
            }
        } else {
            self.clone()
        }
    }

    /// Whether accepting the endpoint is correct.
    pub fn accepts(&self) -> bool {
        matches!(self.verdict, Verdict::Accept | Verdict::Either)
    }

    /// Whether a rejection classified as `got` (if at all) is correct: the verdict allows a
    /// rejection and `got` is the expected reason or a coarse parent of it.
    pub fn rejection_ok(&self, got: Option<Reason>) -> bool {
        match (self.verdict, got, self.reason) {
            (Verdict::Accept, _, _) => false,
            (_, Some(got), Some(want)) => got.matches(want),
            _ => false,
        }
    }

    /// `reject cert.expired`, `either tls.handshake-failure`, `accept`; with `(needs alpn)`.
    pub fn describe(&self) -> String {
        let mut s = match self.reason {
            Some(r) => format!("{} {r}", self.verdict),
            None => self.verdict.to_string(),
        };
        if !self.requires.is_empty() {
            let needs: Vec<&str> = self.requires.iter().map(|c| c.as_str()).collect();
            s.push_str(&format!(" (needs {})", needs.join(", ")));
        }
        if !self.accept_with.is_empty() {
            let with: Vec<&str> = self.accept_with.iter().map(|c| c.as_str()).collect();
            s.push_str(&format!(" (accept with {})", with.join(", ")));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_accepts_and_rejects_for_its_reason_or_a_parent() {
        let e = Expectation {
            verdict: Verdict::Either,
            reason: Some(Reason::CertSelfSigned),
            requires: vec![],
            accept_with: vec![],
        };
        assert!(e.accepts());
        assert!(e.rejection_ok(Some(Reason::CertSelfSigned)));
        assert!(e.rejection_ok(Some(Reason::CertUntrusted)));
        assert!(!e.rejection_ok(Some(Reason::CertExpired)));
        assert!(!e.rejection_ok(None));
        assert!(!Expectation::accept().rejection_ok(Some(Reason::CertExpired)));
        assert!(!Expectation::reject(Reason::CertExpired).accepts());
    }

    #[test]
    fn requirements_round_trip_and_name_the_missing_one() {
        let json = r#"{"verdict":"reject","reason":"cert.revoked","requires":["revocation"]}"#;
        let e: Expectation = serde_json::from_str(json).unwrap();
        assert_eq!(e.requires, [Capability::Revocation]);
        assert_eq!(serde_json::to_string(&e).unwrap(), json);
        assert_eq!(e.missing(|_| false), Some(Capability::Revocation));
        assert_eq!(e.missing(|c| c == Capability::Revocation), None);
        assert_eq!(e.describe(), "reject cert.revoked (needs revocation)");
        // A version 1 expectation (no `requires`) still reads.
        let v1: Expectation = serde_json::from_str(r#"{"verdict":"accept"}"#).unwrap();
        assert_eq!(v1, Expectation::accept());
    }

    #[test]
    fn accept_with_turns_the_expectation_into_accept_for_a_capable_client() {
        let json = r#"{"verdict":"reject","reason":"cert.incomplete-chain","accept_with":["aia"]}"#;
        let e: Expectation = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), json);
        assert_eq!(
            e.for_client(|c| c == Capability::Aia),
            Expectation::accept()
        );
        assert_eq!(e.for_client(|_| false), e);
        assert_eq!(
            e.describe(),
            "reject cert.incomplete-chain (accept with aia)"
        );
    }
}
