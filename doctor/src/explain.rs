//! `badtls explain`: what a client's error text means.
//!
//! The text is classified by every client's pattern table (or one, with `client`), and the
//! reading most tables agree on is explained: the reason's cause and fix, its usual causes (the
//! taxonomy's details), which faults a coarse or ambiguous text can stand for and how to tell
//! them apart, how other clients word the same reason (the classifier samples), and which
//! scenarios of the catalogue reproduce it.
//!
//! ```
//! let e = badtls_doctor::explain::explain("SSL certificate problem: certificate has expired", None).unwrap();
//! assert_eq!(e.reason, Some(badtls_contract::Reason::CertExpired));
//! assert!(e.scenarios.iter().any(|s| s.id == "cert/expired"));
//! ```

use std::collections::BTreeSet;

use badtls_contract::Reason;
use badtls_matrix::classify::{clients, Classifier};
use badtls_matrix::samples::{self, SampleSet};
use badtls_servers::scenario::Catalogue;
use serde::Serialize;

/// Why a text could not be explained at all (bad usage, not an unrecognised text).
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error("no classifier for client '{0}' (known: {known})", known = clients().collect::<Vec<_>>().join(", "))]
    UnknownClient(String),
    #[error("the embedded scenario catalogue: {0}")]
    Catalogue(#[from] badtls_servers::scenario::ScenarioError),
}

/// One way of reading the text: a reason and the clients whose table gives it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Reading {
    pub reason: Reason,
    pub clients: Vec<String>,
}

/// How one client words a reason: a real sample.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Example {
    pub client: String,
    pub text: String,
}

/// A scenario that serves the fault, and the command that serves it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ScenarioRef {
    pub id: String,
    pub summary: String,
    /// The scenario's own reason (a child of a coarse reading).
    pub reason: Reason,
    pub command: String,
}

/// Everything `badtls explain` says about a text.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    pub text: String,
    /// The one table asked, when `--client` was given.
    pub client: Option<String>,
    /// Every reading, most tables first; empty when no table recognises the text.
    pub readings: Vec<Reading>,
    /// The reading explained: the first of `readings`.
    pub reason: Option<Reason>,
    /// The reason's cause and fix (the taxonomy's short text).
    pub meaning: Option<&'static str>,
    pub causes: Vec<String>,
    /// The faults this text stands for when it cannot tell them apart: the children of a coarse
    /// reason, and the reasons of scenarios where the same clients printed text their table
    /// reads the same way.
    pub can_mean: Vec<Reason>,
    pub tell_apart: Option<String>,
    /// How clients word this reason (one real sample per client).
    pub examples: Vec<Example>,
    pub scenarios: Vec<ScenarioRef>,
    /// For a reason no scenario serves: how to see it locally.
    pub reproduce: Option<String>,
}

impl Explanation {
    /// Whether some table recognised the text.
    pub fn recognised(&self) -> bool {
        self.reason.is_some()
    }
}

/// Explain `text`, with every table or only `client`'s.
pub fn explain(text: &str, client: Option<&str>) -> Result<Explanation, ExplainError> {
    let tables: Vec<&Classifier> = match client {
        Some(name) => vec![Classifier::for_client(name)
            .ok_or_else(|| ExplainError::UnknownClient(name.to_string()))?],
        None => clients().filter_map(Classifier::for_client).collect(),
    };
    let text = text.trim();
    // Which row of which table matched, to find the samples read the same way.
    let mut matched: Vec<(&Classifier, usize, Reason)> = Vec::new();
    for t in &tables {
        if let Some((row, reason)) = t.classify_row(text) {
            matched.push((t, row, reason));
        }
    }
    let readings = readings(&matched);
    let reason = readings.first().map(|r| r.reason);
    let mut e = Explanation {
        text: text.to_string(),
        client: client.map(str::to_string),
        readings,
        reason,
        meaning: None,
        causes: Vec::new(),
        can_mean: Vec::new(),
        tell_apart: None,
        examples: Vec::new(),
        scenarios: Vec::new(),
        reproduce: None,
    };
    let Some(reason) = reason else {
        return Ok(e);
    };
    e.meaning = Some(reason.explain());
    if let Some(d) = reason.details() {
        e.causes = d.causes.clone();
        e.tell_apart = d.tell_apart.clone();
        e.reproduce = d.reproduce.clone();
    }
    e.can_mean = can_mean(reason, &matched);
    if e.tell_apart.is_none() {
        // An ambiguous fine reading: the coarse parent says how to tell the faults apart.
        e.tell_apart = e
            .can_mean
            .iter()
            .find_map(|r| r.parent())
            .and_then(|p| p.details())
            .and_then(|d| d.tell_apart.clone());
    }
    e.examples = examples(reason);
    e.scenarios = scenarios(reason)?;
    Ok(e)
}

/// Group the matches by reason; most tables first, then finer reasons, then taxonomy order.
fn readings(matched: &[(&Classifier, usize, Reason)]) -> Vec<Reading> {
    let mut out: Vec<Reading> = Vec::new();
    for (t, _, reason) in matched {
        match out.iter_mut().find(|r| r.reason == *reason) {
            Some(r) => r.clients.push(t.client().to_string()),
            None => out.push(Reading {
                reason: *reason,
                clients: vec![t.client().to_string()],
            }),
        }
    }
    out.sort_by_key(|r| {
        (
            std::cmp::Reverse(r.clients.len()),
            r.reason.parent().is_none(),
            r.reason,
        )
    });
    out
}

/// The faults a reading stands for: a coarse reason's children, plus the scenarios' reasons of
/// samples that the same rows of the same tables read as this reason but that came from another
/// fault (OpenSSL's "alert handshake failure" from a server that wants a client certificate).
fn can_mean(reason: Reason, matched: &[(&Classifier, usize, Reason)]) -> Vec<Reason> {
    let mut out: BTreeSet<Reason> = Reason::all()
        .filter(|r| r.parent() == Some(reason))
        .collect();
    for s in samples::builtin() {
        if s.set == SampleSet::Unclassified || s.exact != Some(reason) {
            continue;
        }
        let same_row = matched.iter().any(|(t, row, r)| {
            *r == reason
                && t.client() == s.client
                && t.classify_row(&s.raw).map(|(n, _)| n) == Some(*row)
        });
        if same_row {
            out.insert(s.expected);
        }
    }
    if out.len() == 1 && out.contains(&reason) {
        out.clear();
    }
    out.into_iter().collect()
}

/// One real sample per client whose table gives exactly `reason`: the shortest, as the most
/// readable.
fn examples(reason: Reason) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for client in clients() {
        let best = samples::builtin()
            .iter()
            .filter(|s| s.client == client && s.exact == Some(reason) && s.expected == reason)
            .min_by_key(|s| s.raw.len());
        if let Some(s) = best {
            out.push(Example {
                client: client.to_string(),
                text: s.raw.clone(),
            });
        }
    }
    out
}

/// The catalogue's scenarios whose expected reason is `reason` or, for a coarse one, a child of
/// it.
fn scenarios(reason: Reason) -> Result<Vec<ScenarioRef>, ExplainError> {
    let catalogue = Catalogue::embedded()?;
    Ok(catalogue
        .scenarios()
        .iter()
        .filter_map(|s| {
            let expected = s.expect.reason?;
            reason.matches(expected).then(|| ScenarioRef {
                id: s.id.clone(),
                summary: s.summary.clone(),
                reason: expected,
                command: format!("badtls serve --only {}", s.id),
            })
        })
        .collect())
}

/// The plain-text rendering.
pub fn render_text(e: &Explanation) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let Some(reason) = e.reason else {
        let which = e
            .client
            .as_deref()
            .map_or("any client's".to_string(), |c| format!("{c}'s"));
        let _ = writeln!(
            o,
            "not recognised: no pattern of {which} table matches this text."
        );
        let _ = writeln!(o, "text     {}", e.text);
        let _ = writeln!(o, "Try `badtls diagnose https://HOST:PORT/` on the server instead, or pass the client's whole error message.");
        return o;
    };
    let _ = writeln!(o, "reason   {reason}");
    for r in &e.readings {
        let _ = writeln!(
            o,
            "         {} reads it as {}",
            r.clients.join(", "),
            r.reason
        );
    }
    let _ = writeln!(o, "meaning  {}", e.meaning.unwrap_or(""));
    if !e.causes.is_empty() {
        let _ = writeln!(o, "causes");
        for c in &e.causes {
            let _ = writeln!(o, "  - {c}");
        }
    }
    if !e.can_mean.is_empty() {
        let names: Vec<&str> = e.can_mean.iter().map(|r| r.as_str()).collect();
        let _ = writeln!(o, "ambiguous: this text can stand for {}", names.join(", "));
    }
    if let Some(t) = &e.tell_apart {
        let _ = writeln!(o, "tell apart");
        for line in t.lines() {
            let _ = writeln!(o, "  {line}");
        }
    }
    if !e.examples.is_empty() {
        let _ = writeln!(o, "how clients say it");
        for x in &e.examples {
            let _ = writeln!(o, "  {:<19} {}", x.client, shorten(&x.text, 110));
        }
    }
    if e.scenarios.is_empty() {
        if let Some(r) = &e.reproduce {
            let _ = writeln!(o, "reproduce  {r}");
        }
    } else {
        let _ = writeln!(o, "reproduce it locally");
        for s in &e.scenarios {
            let _ = writeln!(o, "  {:<32} # {} ({})", s.command, s.summary, s.reason);
        }
    }
    o
}

fn shorten(s: &str, max: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openssl_local_issuer_is_ambiguous_and_says_how_to_tell_apart() {
        let e = explain("unable to get local issuer certificate", None).unwrap();
        assert_eq!(e.reason, Some(Reason::CertUntrusted));
        assert!(
            e.can_mean.contains(&Reason::CertIncompleteChain),
            "{:?}",
            e.can_mean
        );
        assert!(
            e.can_mean.contains(&Reason::CertUnknownIssuer),
            "{:?}",
            e.can_mean
        );
        assert!(e
            .tell_apart
            .as_deref()
            .is_some_and(|t| t.contains("diagnose")));
        let ids: Vec<_> = e.scenarios.iter().map(|s| s.id.as_str()).collect();
        assert!(
            ids.contains(&"cert/incomplete-chain") && ids.contains(&"cert/untrusted-root"),
            "{ids:?}"
        );
        let text = render_text(&e);
        assert!(
            text.contains("badtls serve --only cert/incomplete-chain"),
            "{text}"
        );
    }

    #[test]
    fn a_fine_reason_lists_its_own_scenarios_only() {
        let e = explain("x509: certificate has expired or is not yet valid: current time 2026-11-26T21:08:07Z is after 2026-10-22T21:07:54Z", None).unwrap();
        assert_eq!(e.reason, Some(Reason::CertExpired));
        assert!(e.readings[0].clients.contains(&"go-nethttp".to_string()));
        assert!(e.scenarios.iter().all(|s| s.reason == Reason::CertExpired));
        assert!(e.examples.iter().any(|x| x.client == "curl"));
        assert!(e.can_mean.is_empty(), "{:?}", e.can_mean);
    }

    #[test]
    fn unknown_text_is_not_recognised_and_unknown_client_is_an_error() {
        let e = explain("the printer is on fire", None).unwrap();
        assert!(!e.recognised());
        assert!(render_text(&e).starts_with("not recognised"));
        let err = explain("x", Some("lynx")).unwrap_err().to_string();
        assert!(err.contains("lynx") && err.contains("curl"), "{err}");
    }

    #[test]
    fn one_client_table_only() {
        // Go's words, asked of curl's table: curl never says this.
        let go = "x509: certificate signed by unknown authority";
        assert!(explain(go, Some("go-nethttp")).unwrap().recognised());
        assert!(!explain(go, Some("curl")).unwrap().recognised());
    }
}
