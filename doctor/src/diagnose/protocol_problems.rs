//! The protocols as problems: legacy or only-legacy versions, weak or only-exotic suites, and
//! small DH groups, as the version and suite enumeration saw them.

use badtls_contract::Reason;

use super::conn::Outcome;
use super::findings::{classify_openssl, Findings, Severity};
use super::protocols::{self, VersionReport};

/// Versions, suites and DH sizes as problems.
pub(super) fn protocol_findings(
    protocols: &[VersionReport],
    main: &Outcome,
    f: &mut Findings,
    notes: &mut Vec<String>,
) {
    let accepted: Vec<&VersionReport> = protocols.iter().filter(|v| v.accepted).collect();
    if accepted.is_empty() {
        return;
    }
    let modern = accepted
        .iter()
        .any(|v| v.version == "TLSv1.2" || v.version == "TLSv1.3");
    let legacy: Vec<&str> = accepted
        .iter()
        .filter(|v| !matches!(v.version.as_str(), "TLSv1.2" | "TLSv1.3"))
        .map(|v| v.version.as_str())
        .collect();
    if !modern {
        f.add(
            Reason::TlsProtocolVersion,
            Severity::Error,
            format!(
                "the server speaks only {}, which current clients refuse",
                legacy.join(", ")
            ),
        );
    } else if !legacy.is_empty() {
        f.add(
            Reason::TlsProtocolVersion,
            Severity::Warning,
            format!(
                "the server also accepts {} (deprecated, RFC 8996)",
                legacy.join(", ")
            ),
        );
    }
    let suites: Vec<&str> = accepted
        .iter()
        .flat_map(|v| v.ciphers.iter().map(String::as_str))
        .collect();
    let weak: Vec<String> = suites
        .iter()
        .filter_map(|s| protocols::weak_suite(s).map(|why| format!("{s} ({why})")))
        .collect();
    let main_failed_on_suites =
        main.error.as_deref().and_then(classify_openssl) == Some(Reason::TlsHandshakeFailure);
    if main_failed_on_suites {
        let detail = if weak.is_empty() {
            format!(
                "the server accepts only {}, which mainstream clients do not offer",
                suites.join(", ")
            )
        } else {
            format!("the server accepts only weak suites: {}", weak.join(", "))
        };
        f.add(Reason::TlsHandshakeFailure, Severity::Error, detail);
    } else if !weak.is_empty() {
        f.add(
            Reason::TlsHandshakeFailure,
            Severity::Warning,
            format!("the server also accepts {}", weak.join(", ")),
        );
    }
    let dh_min = accepted
        .iter()
        .flat_map(|v| v.dh_bits.iter().copied())
        .chain(main.dh_bits)
        .min();
    if let Some(bits) = dh_min.filter(|b| *b < 2048) {
        let severity = if main.handshake && main.dh_bits.is_none_or(|b| b >= 2048) {
            Severity::Warning
        } else {
            Severity::Error
        };
        f.add(
            Reason::TlsWeakDh,
            severity,
            format!("the server's DHE group is {bits} bits"),
        );
    }
    if accepted.iter().all(|v| !v.truncated) {
        notes.push(format!("{} suite(s) accepted in all", suites.len()));
    }
}
