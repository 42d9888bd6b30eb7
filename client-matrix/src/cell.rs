//! One cell of the matrix: what a client did with one endpoint, judged against the expectation.

use std::fmt;

use serde::{Deserialize, Serialize};

use badtls_contract::{Expectation, Reason};

use crate::classify::Classifier;

/// What a client did, before judging.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The request completed.
    Accepted {
        protocol: Option<String>,
        cipher: Option<String>,
    },
    /// The client failed; its error text, verbatim.
    Rejected { raw: String },
    /// The client did not finish before the runner's hard deadline and was stopped.
    Hang,
    /// The client is not installed (or cannot run this target); why.
    Skipped(String),
    /// The scenario requires a capability the client lacks; which, in words. Never run.
    NotApplicable(String),
    /// The adapter itself failed (the probe crashed, printed garbage, ...).
    Error(String),
}

/// The verdict on a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// As expected: accepted, or rejected for the expected reason (at the client's finest level).
    Pass,
    /// Rejected, but for another reason (or one the classifier cannot name).
    WrongReason,
    /// Accepted an endpoint it should have rejected.
    FalseAccept,
    /// Rejected an endpoint it should have accepted.
    FalseReject,
    /// Client not available.
    Skip,
    /// The scenario requires something this client does not do (check revocation, offer ALPN):
    /// it cannot be judged on it. Never a failure, never in a baseline.
    NotApplicable,
    /// The adapter failed, or the client's control (good/default) failed.
    Error,
    /// Stopped by the runner's hard deadline.
    Hang,
    /// A known deviation recorded in the baseline.
    Xfail,
    /// The baseline records a deviation that did not happen: update the baseline.
    Xpass,
}

impl Status {
    /// The upper-case label reports use.
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::WrongReason => "WRONG-REASON",
            Status::FalseAccept => "FALSE-ACCEPT",
            Status::FalseReject => "FALSE-REJECT",
            Status::Skip => "SKIP",
            Status::NotApplicable => "N/A",
            Status::Error => "ERROR",
            Status::Hang => "HANG",
            Status::Xfail => "XFAIL",
            Status::Xpass => "XPASS",
        }
    }

    /// Whether this status makes the run fail. XPASS (a recorded deviation that did not
    /// happen) does so only with `strict`, as in pytest: the baseline is stale, not the client.
    pub fn is_unexpected(self, strict: bool) -> bool {
        match self {
            Status::Pass | Status::Skip | Status::NotApplicable | Status::Xfail => false,
            Status::Xpass => strict,
            _ => true,
        }
    }

    /// The deviations a baseline may record.
    pub fn is_deviation(self) -> bool {
        matches!(
            self,
            Status::WrongReason
                | Status::FalseAccept
                | Status::FalseReject
                | Status::Hang
                | Status::Error
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A judged cell.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cell {
    pub client: String,
    pub scenario: String,
    pub expect: Expectation,
    pub status: Status,
    /// The canonical reason the client's error was classified into.
    pub reason: Option<Reason>,
    /// The client's error text (or the skip/error explanation).
    pub raw: Option<String>,
    pub protocol: Option<String>,
    pub cipher: Option<String>,
    /// Why the baseline expects this deviation, or why the control gate fired.
    pub note: Option<String>,
    pub elapsed_ms: u64,
}

/// The canonical reason of a rejection: the adapter's own, or the client's pattern table's.
pub fn reason_of(
    outcome: &Outcome,
    own: Option<Reason>,
    classifier: Option<&Classifier>,
) -> Option<Reason> {
    match outcome {
        Outcome::Rejected { raw } => own.or_else(|| classifier.and_then(|c| c.classify(raw))),
        _ => None,
    }
}

/// Judge one outcome against the expectation: verdict first, then the reason at the finest
/// level the client expressed (a coarse parent such as `cert.untrusted` matches its children).
/// Under `either`, acceptance passes and a rejection must still give the reason.
pub fn judge(expect: &Expectation, outcome: &Outcome, reason: Option<Reason>) -> Status {
    match outcome {
        Outcome::Skipped(_) => Status::Skip,
        Outcome::NotApplicable(_) => Status::NotApplicable,
        Outcome::Error(_) => Status::Error,
        Outcome::Hang => Status::Hang,
        Outcome::Accepted { .. } if expect.accepts() => Status::Pass,
        Outcome::Accepted { .. } => Status::FalseAccept,
        Outcome::Rejected { .. } if expect.rejection_ok(reason) => Status::Pass,
        Outcome::Rejected { .. } if expect.reason.is_none() => Status::FalseReject,
        Outcome::Rejected { .. } => Status::WrongReason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reject(r: Reason) -> Expectation {
        Expectation::reject(r)
    }

    #[test]
    fn verdict_first_then_reason_at_the_clients_level() {
        let go = Classifier::for_client("go-nethttp");
        let raw = |s: &str| Outcome::Rejected { raw: s.into() };
        let check = |expect: Expectation, outcome: &Outcome| {
            judge(&expect, outcome, reason_of(outcome, None, go))
        };
        let unknown = raw("x509: certificate signed by unknown authority");
        // Go says cert.untrusted for a self-signed leaf: the coarse parent matches.
        assert_eq!(reason_of(&unknown, None, go), Some(Reason::CertUntrusted));
        assert_eq!(
            check(reject(Reason::CertSelfSigned), &unknown),
            Status::Pass
        );
        assert_eq!(
            check(reject(Reason::CertExpired), &unknown),
            Status::WrongReason
        );
        let accept = Expectation::accept();
        assert_eq!(check(accept.clone(), &unknown), Status::FalseReject);
        let ok = Outcome::Accepted {
            protocol: None,
            cipher: None,
        };
        assert_eq!(check(reject(Reason::CertExpired), &ok), Status::FalseAccept);
        assert_eq!(check(accept.clone(), &ok), Status::Pass);
        assert_eq!(
            check(reject(Reason::CertExpired), &raw("gibberish")),
            Status::WrongReason
        );
        assert_eq!(check(accept, &Outcome::Hang), Status::Hang);
        // Either: acceptance passes, a rejection must still name the reason (or a parent).
        let either = Expectation {
            verdict: badtls_contract::Verdict::Either,
            reason: Some(Reason::CertSelfSigned),
            requires: vec![],
            accept_with: vec![],
        };
        assert_eq!(check(either.clone(), &ok), Status::Pass);
        assert_eq!(check(either.clone(), &unknown), Status::Pass);
        assert_eq!(check(either, &raw("gibberish")), Status::WrongReason);
        // XPASS fails a run only when strict; N/A never does.
        assert!(!Status::Xpass.is_unexpected(false) && Status::Xpass.is_unexpected(true));
        assert!(!Status::NotApplicable.is_unexpected(true));
        assert!(!Status::NotApplicable.is_deviation());
        // An adapter's own reason wins over the table.
        assert_eq!(
            reason_of(&unknown, Some(Reason::CertExpired), go),
            Some(Reason::CertExpired)
        );
    }
}
