//! The reason taxonomy: names, parents, explanations, and how a reported reason matches an
//! expected one.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a client rejected an endpoint, at the finest level any client can express.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    CertValidity,
    CertExpired,
    CertNotYetValid,
    CertUntrusted,
    CertSelfSigned,
    CertUnknownIssuer,
    CertIncompleteChain,
    CertUntrustedRootInChain,
    CertHostnameMismatch,
    CertBadPurpose,
    CertWeakKey,
    CertWeakSignature,
    CertRevoked,
    CertConstraintViolation,
    CertNotACa,
    CertNameConstraints,
    CertUnsupported,
    CertTooLarge,
    TlsNegotiation,
    TlsProtocolVersion,
    TlsHandshakeFailure,
    TlsWeakDh,
    TlsClientCertRequired,
    TlsNoAlpn,
    TlsUnrecognizedName,
    TlsDecodeError,
    TlsBadSignature,
    TransportNotTls,
    TransportEof,
    TransportReset,
    TransportTimeout,
    TransportRefused,
}

/// One row of the taxonomy: the reason, its stable name, its parent and a short explanation.
struct Entry {
    reason: Reason,
    name: &'static str,
    parent: Option<Reason>,
    explain: &'static str,
}

use Reason::*;

/// The taxonomy as data. Order is the order reports list reasons in.
const TABLE: &[Entry] = &[
    Entry { reason: CertValidity, name: "cert.validity", parent: None,
        explain: "A certificate is outside its validity period: expired or not yet valid, and the client does not say which. Check the client's clock, then the dates of every certificate in the chain." },
    Entry { reason: CertExpired, name: "cert.expired", parent: Some(CertValidity),
        explain: "A certificate in the chain is past its notAfter date. Renew it; check the server's clock and that the renewed chain is actually deployed." },
    Entry { reason: CertNotYetValid, name: "cert.not-yet-valid", parent: Some(CertValidity),
        explain: "A certificate's notBefore is in the future. Usually a clock problem on the client or the issuer; fix the clock or reissue with a past notBefore." },
    Entry { reason: CertUntrusted, name: "cert.untrusted", parent: None,
        explain: "No path from the certificate to a trusted root could be built. The client cannot say more precisely whether the issuer is unknown, the chain incomplete or the certificate self-signed." },
    Entry { reason: CertSelfSigned, name: "cert.self-signed", parent: Some(CertUntrusted),
        explain: "The server presents a self-signed certificate that the client does not trust. Issue it from a CA the client trusts, or add it to the client's trust store deliberately." },
    Entry { reason: CertUnknownIssuer, name: "cert.unknown-issuer", parent: Some(CertUntrusted),
        explain: "The chain ends at a CA the client does not trust. Use a certificate from a trusted CA, or give the client the right CA bundle." },
    Entry { reason: CertIncompleteChain, name: "cert.incomplete-chain", parent: Some(CertUntrusted),
        explain: "The server sends its leaf without the intermediate certificate(s). Configure the full chain (leaf first, then intermediates) on the server." },
    Entry { reason: CertUntrustedRootInChain, name: "cert.untrusted-root-in-chain", parent: Some(CertUntrusted),
        explain: "The server sends a self-signed root in its chain that the client does not trust. Sending the root never makes it trusted; fix the trust store or the issuer." },
    Entry { reason: CertHostnameMismatch, name: "cert.hostname-mismatch", parent: None,
        explain: "The certificate's subjectAltName does not cover the name the client connected to. Reissue with the right DNS/IP names; CN alone is ignored by modern clients." },
    Entry { reason: CertBadPurpose, name: "cert.bad-purpose", parent: None,
        explain: "The certificate's extended key usage does not allow TLS server authentication. Reissue with EKU serverAuth." },
    Entry { reason: CertWeakKey, name: "cert.weak-key", parent: None,
        explain: "The certificate's key is too small (e.g. RSA-1024). Reissue with RSA-2048+ or an ECDSA key." },
    Entry { reason: CertWeakSignature, name: "cert.weak-signature", parent: None,
        explain: "A certificate is signed with a broken digest (SHA-1, MD5). Reissue with SHA-256 or better." },
    Entry { reason: CertRevoked, name: "cert.revoked", parent: None,
        explain: "The issuer has revoked the certificate (CRL/OCSP). Replace it; most clients only notice when revocation checking is enabled." },
    Entry { reason: CertConstraintViolation, name: "cert.constraint-violation", parent: None,
        explain: "A CA in the chain issued something its own certificate does not allow: it is not a CA, its path length is exceeded, or the name lies outside its name constraints. The client cannot say which. Fix the issuing hierarchy." },
    Entry { reason: CertNotACa, name: "cert.not-a-ca", parent: Some(CertConstraintViolation),
        explain: "A certificate that signed another is not a CA (basicConstraints CA:FALSE) or its path length is exceeded. Fix the issuing hierarchy." },
    Entry { reason: CertNameConstraints, name: "cert.name-constraints", parent: Some(CertConstraintViolation),
        explain: "A name in the certificate lies outside the name constraints of an issuing CA. Issue the name from a CA allowed to issue it." },
    Entry { reason: CertUnsupported, name: "cert.unsupported", parent: None,
        explain: "The certificate carries something the client cannot process, such as an unknown critical extension. Remove it or mark it non-critical." },
    Entry { reason: CertTooLarge, name: "cert.too-large", parent: None,
        explain: "The certificate (chain) is larger than the client accepts, e.g. thousands of SANs. Split names across certificates." },
    Entry { reason: TlsNegotiation, name: "tls.negotiation", parent: None,
        explain: "Client and server share no protocol version or no cipher suite, and the client does not say which. Enable TLS 1.2 and 1.3 with modern AEAD suites and ECDHE on the server." },
    Entry { reason: TlsProtocolVersion, name: "tls.protocol-version", parent: Some(TlsNegotiation),
        explain: "Client and server share no protocol version (e.g. server only speaks TLS 1.0). Enable TLS 1.2 and 1.3 on the server." },
    Entry { reason: TlsHandshakeFailure, name: "tls.handshake-failure", parent: Some(TlsNegotiation),
        explain: "Client and server share no cipher suite, group or signature algorithm. Enable modern AEAD suites (AES-GCM, ChaCha20) with ECDHE on the server." },
    Entry { reason: TlsWeakDh, name: "tls.weak-dh", parent: None,
        explain: "The server's Diffie-Hellman group is too small (e.g. 512 or 1024 bits). Use ECDHE, or DHE with at least 2048-bit groups." },
    Entry { reason: TlsClientCertRequired, name: "tls.client-cert-required", parent: None,
        explain: "The server requires a client certificate and none (or an unacceptable one) was sent. Configure the client identity." },
    Entry { reason: TlsNoAlpn, name: "tls.no-alpn", parent: None,
        explain: "The client offered application protocols (ALPN) the server does not speak. Align the ALPN lists (h2, http/1.1)." },
    Entry { reason: TlsUnrecognizedName, name: "tls.unrecognized-name", parent: None,
        explain: "The server refused the handshake because of the SNI name (missing or unknown). Connect by the DNS name the server serves, so SNI is sent." },
    Entry { reason: TlsDecodeError, name: "tls.decode-error", parent: None,
        explain: "The peer sent a malformed TLS message. A bug or a middlebox in the path." },
    Entry { reason: TlsBadSignature, name: "tls.bad-signature", parent: None,
        explain: "The server's handshake signature (CertificateVerify, or the TLS 1.2 ServerKeyExchange) does not verify with the key in its certificate: the server signs with another key than the certificate's. Install the private key that belongs to the certificate (after a renewal, certificate and key files often get out of step)." },
    Entry { reason: TransportNotTls, name: "transport.not-tls", parent: None,
        explain: "The port does not speak TLS (plain HTTP, SSH, ...). Check the port and scheme." },
    Entry { reason: TransportEof, name: "transport.eof", parent: None,
        explain: "The peer closed the connection without a TLS alert or close_notify (during the handshake, or truncating the response). Look at the server's logs; a load balancer may be cutting connections." },
    Entry { reason: TransportReset, name: "transport.reset", parent: None,
        explain: "The peer reset the TCP connection. A crashed server, a firewall or a proxy that rejects the connection." },
    Entry { reason: TransportTimeout, name: "transport.timeout", parent: None,
        explain: "The peer accepted the connection but never answered. A hung server or a black-holing firewall; clients need their own timeouts." },
    Entry { reason: TransportRefused, name: "transport.refused", parent: None,
        explain: "Nothing listens on the port (connection refused). Check the address, port and that the server runs." },
];

impl Reason {
    /// Every reason, in report order.
    pub fn all() -> impl Iterator<Item = Reason> {
        TABLE.iter().map(|e| e.reason)
    }

    fn entry(self) -> &'static Entry {
        // TABLE lists every variant once; the `every_variant_is_in_the_table` test proves it.
        TABLE
            .iter()
            .find(|e| e.reason == self)
            .expect("every Reason has a TABLE entry")
    }

    /// The stable dotted name, e.g. `cert.expired`.
    pub fn as_str(self) -> &'static str {
        self.entry().name
    }

    /// The category: `cert`, `tls` or `transport`.
    pub fn category(self) -> &'static str {
        let name = self.as_str();
        name.split_once('.').map_or(name, |(c, _)| c)
    }

    /// The coarser reason this one refines, if any (`cert.self-signed` → `cert.untrusted`).
    pub fn parent(self) -> Option<Reason> {
        self.entry().parent
    }

    /// A short explanation for humans: cause and fix.
    pub fn explain(self) -> &'static str {
        self.entry().explain
    }

    /// Whether a client that reported `self` got an expectation of `expected` right.
    ///
    /// Exact equality matches; so does a coarse reason reported for one of its children (the
    /// client said as much as it can). A *finer* reason than expected does not match.
    pub fn matches(self, expected: Reason) -> bool {
        self == expected || expected.parent() == Some(self)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not in the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown reason '{0}' (known: {known})", known = known_names())]
pub struct UnknownReason(pub String);

fn known_names() -> String {
    TABLE.iter().map(|e| e.name).collect::<Vec<_>>().join(", ")
}

impl FromStr for Reason {
    type Err = UnknownReason;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TABLE
            .iter()
            .find(|e| e.name == s)
            .map(|e| e.reason)
            .ok_or_else(|| UnknownReason(s.to_string()))
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A reason is its stable name in JSON: a string, one of the taxonomy's names.
impl schemars::JsonSchema for Reason {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Reason".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = TABLE.iter().map(|e| e.name).collect();
        schemars::json_schema!({
            "type": "string",
            "description": "A canonical reason (badtls reasons lists them with their meaning).",
            "enum": names,
        })
    }
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_is_in_the_table_once() {
        let names: std::collections::BTreeSet<_> = TABLE.iter().map(|e| e.name).collect();
        assert_eq!(names.len(), TABLE.len(), "duplicate name");
        let reasons: std::collections::BTreeSet<_> = TABLE.iter().map(|e| e.reason).collect();
        assert_eq!(reasons.len(), TABLE.len(), "duplicate reason");
        // The last variant's discriminant + 1 is the variant count.
        assert_eq!(TABLE.len(), TransportRefused as usize + 1);
    }

    #[test]
    fn names_round_trip_and_carry_their_category() {
        for r in Reason::all() {
            assert_eq!(r.as_str().parse::<Reason>().unwrap(), r);
            assert!(["cert", "tls", "transport"].contains(&r.category()));
            assert!(r.as_str().starts_with(r.category()));
            assert!(!r.explain().is_empty());
        }
    }

    #[test]
    fn coarse_parent_matches_children_but_not_the_reverse() {
        for child in [
            CertSelfSigned,
            CertUnknownIssuer,
            CertIncompleteChain,
            CertUntrustedRootInChain,
        ] {
            assert!(CertUntrusted.matches(child));
            assert!(!child.matches(CertUntrusted));
        }
        assert!(!CertUntrusted.matches(CertExpired));
        for child in [CertNotACa, CertNameConstraints] {
            assert!(CertConstraintViolation.matches(child));
            assert!(!child.matches(CertConstraintViolation));
        }
        assert!(!CertNotACa.matches(CertNameConstraints));
        for child in [CertExpired, CertNotYetValid] {
            assert!(CertValidity.matches(child));
            assert!(!child.matches(CertValidity));
        }
        for child in [TlsProtocolVersion, TlsHandshakeFailure] {
            assert!(TlsNegotiation.matches(child));
        }
        assert!(!CertExpired.matches(CertNotYetValid));
    }

    #[test]
    fn unknown_name_lists_the_known_ones() {
        let err = "cert.bogus".parse::<Reason>().unwrap_err().to_string();
        assert!(
            err.contains("cert.bogus") && err.contains("cert.expired"),
            "{err}"
        );
    }
}
