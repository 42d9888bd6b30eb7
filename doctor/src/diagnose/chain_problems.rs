//! The chain as problems: OpenSSL's verification errors, mapped to canonical reasons, and the
//! checks diagnose makes itself on each certificate (dates, key size, signature digest, unknown
//! critical extensions, CA flag, the leaf's purpose).

use badtls_contract::Reason;

use super::chain::{CertInfo, ChainShape};
use super::conn::Outcome;
use super::findings::{classify_openssl, Findings, Severity};

/// OpenSSL verification errors that mean "no path to a trusted root".
const TRUST_CODES: &[i32] = &[2, 18, 19, 20, 21];

/// Verification errors and the checks diagnose makes itself; returns whether a path to a
/// trusted root exists.
pub(super) fn chain_findings(
    chain: &[CertInfo],
    shape: &ChainShape,
    seen: &Outcome,
    f: &mut Findings,
) -> bool {
    let untrusted_family =
        |r: Reason| r == Reason::CertUntrusted || r.parent() == Some(Reason::CertUntrusted);
    let mut trusted = true;
    for e in &seen.verify_errors {
        if TRUST_CODES.contains(&e.code) {
            trusted = false;
            continue;
        }
        match classify_openssl(&e.text) {
            Some(r) if !untrusted_family(r) => f.add(
                r,
                Severity::Error,
                format!("OpenSSL at depth {} of the path: {}", e.depth, e.text),
            ),
            Some(_) => trusted = false,
            None => f.add(
                Reason::CertUntrusted,
                Severity::Error,
                format!(
                    "OpenSSL at depth {}: {} (verify error {})",
                    e.depth, e.text, e.code
                ),
            ),
        }
    }
    if !trusted {
        let (reason, detail) = if shape.leaf_self_signed {
            (
                Reason::CertSelfSigned,
                "the leaf is self-signed and not trusted".to_string(),
            )
        } else if shape.root_sent {
            (
                Reason::CertUntrustedRootInChain,
                "the chain ends with a self-signed root that is not trusted".to_string(),
            )
        } else if let (Some(issuer), false) = (&shape.missing_issuer, shape.top_is_ca) {
            (Reason::CertIncompleteChain, format!("the server sends no certificate for the leaf's issuer ({issuer}), and it is not a trusted root: a missing intermediate"))
        } else {
            let issuer = shape.missing_issuer.clone().unwrap_or_default();
            (
                Reason::CertUnknownIssuer,
                format!("the chain ends at {issuer}, which is not trusted"),
            )
        };
        f.add(reason, Severity::Error, detail);
        f.remove(Reason::CertUntrusted);
    }
    for c in chain {
        let what = if c.position == 0 {
            "the leaf".to_string()
        } else {
            format!("certificate #{} ({})", c.position, c.subject)
        };
        match c.validity.as_str() {
            "expired" => f.add(
                Reason::CertExpired,
                Severity::Error,
                format!("{what} expired {} days ago ({})", -c.days_left, c.not_after),
            ),
            "not yet valid" => f.add(
                Reason::CertNotYetValid,
                Severity::Error,
                format!("{what} is valid only from {}", c.not_before),
            ),
            _ => {}
        }
        let root = c.self_signed && c.position != 0;
        if !root
            && ((c.key_type == "RSA" && c.key_bits < 2048)
                || (c.key_type == "EC" && c.key_bits < 224))
        {
            f.add(
                Reason::CertWeakKey,
                Severity::Error,
                format!("{what} has a {}-bit {} key", c.key_bits, c.key_type),
            );
        }
        let sig = c.signature_algorithm.to_ascii_lowercase();
        if !c.self_signed && (sig.contains("md5") || sig.contains("sha1")) {
            f.add(
                Reason::CertWeakSignature,
                Severity::Error,
                format!("{what} is signed with {}", c.signature_algorithm),
            );
        }
        if !c.unknown_critical.is_empty() {
            f.add(
                Reason::CertUnsupported,
                Severity::Error,
                format!(
                    "{what} has unknown critical extension(s) {}",
                    c.unknown_critical.join(", ")
                ),
            );
        }
        if c.position != 0 && !shape.extra.contains(&c.position) && !c.is_ca {
            f.add(
                Reason::CertNotACa,
                Severity::Error,
                format!(
                    "{what} issues the certificate below it but is not a CA ({})",
                    c.basic_constraints
                        .as_deref()
                        .unwrap_or("no basicConstraints")
                ),
            );
        }
    }
    if let Some(leaf) = chain.first() {
        let eku = &leaf.extended_key_usage;
        if !eku.is_empty() && !eku.iter().any(|e| e == "serverAuth" || e == "any") {
            f.add(
                Reason::CertBadPurpose,
                Severity::Error,
                format!(
                    "the leaf's extended key usage is {} (no serverAuth)",
                    eku.join(", ")
                ),
            );
        }
    }
    trusted
}
