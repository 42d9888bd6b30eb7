//! One cell of the matrix: what a client did with one endpoint, judged against the expectation.

use std::fmt;

use serde::{Deserialize, Serialize};

use badtls_reasons::{Reason, Verdict};
use badtls_servers::Expectation;

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
            Status::Error => "ERROR",
            Status::Hang => "HANG",
            Status::Xfail => "XFAIL",
            Status::Xpass => "XPASS",
        }
    }

    /// Whether this status makes the run fail.
    pub fn is_unexpected(self) -> bool {
        !matches!(self, Status::Pass | Status::Skip | Status::Xfail)
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
#[derive(Clone, Debug, Serialize)]
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
pub fn judge(expect: Expectation, outcome: &Outcome, reason: Option<Reason>) -> Status {
    match outcome {
        Outcome::Skipped(_) => Status::Skip,
        Outcome::Error(_) => Status::Error,
        Outcome::Hang => Status::Hang,
        Outcome::Accepted { .. } => match expect.verdict {
            Verdict::Accept => Status::Pass,
            Verdict::Reject => Status::FalseAccept,
        },
        Outcome::Rejected { .. } => match (expect.verdict, reason, expect.reason) {
            (Verdict::Accept, _, _) => Status::FalseReject,
            (Verdict::Reject, Some(got), Some(want)) if got.matches(want) => Status::Pass,
            (Verdict::Reject, _, _) => Status::WrongReason,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reject(r: Reason) -> Expectation {
        Expectation {
            verdict: Verdict::Reject,
            reason: Some(r),
        }
    }

    #[test]
    fn verdict_first_then_reason_at_the_clients_level() {
        let go = Classifier::for_client("go-nethttp");
        let raw = |s: &str| Outcome::Rejected { raw: s.into() };
        let check =
            |expect, outcome: &Outcome| judge(expect, outcome, reason_of(outcome, None, go));
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
        let accept = Expectation {
            verdict: Verdict::Accept,
            reason: None,
        };
        assert_eq!(check(accept, &unknown), Status::FalseReject);
        let ok = Outcome::Accepted {
            protocol: None,
            cipher: None,
        };
        assert_eq!(check(reject(Reason::CertExpired), &ok), Status::FalseAccept);
        assert_eq!(check(accept, &ok), Status::Pass);
        assert_eq!(
            check(reject(Reason::CertExpired), &raw("gibberish")),
            Status::WrongReason
        );
        assert_eq!(check(accept, &Outcome::Hang), Status::Hang);
        // An adapter's own reason wins over the table.
        assert_eq!(
            reason_of(&unknown, Some(Reason::CertExpired), go),
            Some(Reason::CertExpired)
        );
    }
}
