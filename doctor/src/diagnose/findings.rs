//! Problems as canonical reasons: severity, detail, and the taxonomy's cause and fix.

use badtls_contract::Reason;
use badtls_matrix::classify::Classifier;
use serde::Serialize;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Clients connect today, but the setting is weak or deprecated.
    Warning,
    /// A current client refuses the connection.
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Problem {
    pub reason: Reason,
    pub severity: Severity,
    /// What diagnose saw, specific to this server.
    pub detail: String,
    /// The reason's cause and fix (the taxonomy's text).
    pub explain: &'static str,
}

/// The problems of one diagnosis, one per reason.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    problems: Vec<Problem>,
}

impl Findings {
    /// Add a problem; a second one with the same reason merges into the first (the worse
    /// severity, both details).
    pub fn add(&mut self, reason: Reason, severity: Severity, detail: impl Into<String>) {
        let detail = detail.into();
        if let Some(p) = self.problems.iter_mut().find(|p| p.reason == reason) {
            p.severity = p.severity.max(severity);
            if !p.detail.contains(&detail) {
                p.detail = format!("{}; {detail}", p.detail);
            }
            return;
        }
        self.problems.push(Problem {
            reason,
            severity,
            detail,
            explain: reason.explain(),
        });
    }

    pub fn has(&self, reason: Reason) -> bool {
        self.problems.iter().any(|p| p.reason == reason)
    }

    /// Drop a reason (when a finer finding explains it better).
    pub fn remove(&mut self, reason: Reason) {
        self.problems.retain(|p| p.reason != reason);
    }

    /// Errors first, then in taxonomy order.
    pub fn into_problems(mut self) -> Vec<Problem> {
        self.problems
            .sort_by_key(|p| (std::cmp::Reverse(p.severity), p.reason));
        self.problems
    }
}

/// A failure in the built-in OpenSSL client's words, as a reason (its classifier table).
pub fn classify_openssl(text: &str) -> Option<Reason> {
    Classifier::for_client("openssl").and_then(|c| c.classify(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_problem_per_reason_worst_severity_first() {
        let mut f = Findings::default();
        f.add(
            Reason::TlsProtocolVersion,
            Severity::Warning,
            "also accepts TLSv1.0",
        );
        f.add(Reason::CertExpired, Severity::Error, "leaf expired");
        f.add(Reason::CertExpired, Severity::Error, "intermediate expired");
        f.add(Reason::CertExpired, Severity::Error, "leaf expired");
        let p = f.into_problems();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].reason, Reason::CertExpired);
        assert_eq!(p[0].detail, "leaf expired; intermediate expired");
        assert_eq!(p[1].severity, Severity::Warning);
        assert_eq!(
            classify_openssl("sslv3 alert handshake failure"),
            Some(Reason::TlsHandshakeFailure)
        );
    }
}
