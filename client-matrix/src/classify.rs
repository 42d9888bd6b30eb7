//! Per-client error classifiers: map a client's raw error text to a canonical [`Reason`].
//!
//! The mapping is data, one TOML table per client in `client-matrix/classifiers/` (the format is
//! described in `classifiers/README.md`). The tables are compiled in, parsed and validated once,
//! and looked up by client name:
//!
//! ```
//! use badtls_matrix::classify::Classifier;
//! use badtls_contract::Reason;
//!
//! let curl = Classifier::for_client("curl").unwrap();
//! let raw = "exit=60: curl: (60) SSL certificate problem: certificate has expired";
//! assert_eq!(curl.classify(raw), Some(Reason::CertExpired));
//!
//! let go = Classifier::for_client("go-nethttp").unwrap();
//! let raw = r#"Get "https://localhost:1/": x509: certificate signed by unknown authority"#;
//! // Go cannot tell the four untrusted cases apart: the coarse reason, which still matches.
//! assert_eq!(go.classify(raw), Some(Reason::CertUntrusted));
//! assert!(Reason::CertUntrusted.matches(Reason::CertSelfSigned));
//! ```
//!
//! A table is an ordered list of patterns; the first that matches gives the reason. A pattern
//! has a case-insensitive substring (`contains`, one string or a list that must all occur), a
//! case-insensitive `regex`, or both (then both must match). Text no pattern matches is
//! unclassified (`None`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use badtls_contract::{Capability, Reason, UnknownReason};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

// The built-in tables, one per registry entry that names one (`clients.toml`): file name (for
// error messages) and contents. The client name is the file's `client` field, which a test
// checks against the registry.
use crate::embedded::CLASSIFIERS as BUILTIN;

/// A classifier table that could not be loaded. Every variant names the file; pattern errors
/// also name the row as its 1-based `[[pattern]]` number.
#[derive(Debug, thiserror::Error)]
pub enum ClassifierError {
    #[error("{file}: invalid TOML: {source}")]
    Toml {
        file: String,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("{file}: `client` is empty")]
    NoClient { file: String },
    #[error("{file}: [[pattern]] #{row}: {source}")]
    UnknownReason {
        file: String,
        row: usize,
        #[source]
        source: UnknownReason,
    },
    #[error("{file}: [[pattern]] #{row}: invalid regex: {source}")]
    Regex {
        file: String,
        row: usize,
        #[source]
        source: Box<regex::Error>,
    },
    #[error("{file}: [[pattern]] #{row}: {problem}")]
    Pattern {
        file: String,
        row: usize,
        problem: &'static str,
    },
    #[error("{file}: duplicate client '{client}' (also in {other})")]
    DuplicateClient {
        file: String,
        client: String,
        other: String,
    },
}

/// One row of a table.
#[derive(Debug, Clone)]
struct Pattern {
    /// Lower-cased substrings that must all occur in the lower-cased text.
    contains: Vec<String>,
    regex: Option<Regex>,
    reason: Reason,
}

impl Pattern {
    fn matches(&self, raw: &str, lower: &str) -> bool {
        self.contains.iter().all(|s| lower.contains(s.as_str()))
            && self.regex.as_ref().is_none_or(|r| r.is_match(raw))
    }
}

/// The error classifier of one client.
#[derive(Debug, Clone)]
pub struct Classifier {
    client: String,
    capabilities: Vec<Capability>,
    patterns: Vec<Pattern>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    client: String,
    /// What a `--probe` client does that some scenarios require (`revocation`, `alpn`); the
    /// built-in clients declare theirs in the registry (`clients.toml`).
    #[serde(default)]
    capabilities: Vec<Capability>,
    #[serde(default, rename = "pattern")]
    patterns: Vec<RawPattern>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    #[serde(default)]
    contains: Option<OneOrMany>,
    #[serde(default)]
    regex: Option<String>,
    reason: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl Classifier {
    /// The built-in classifier of `name` (`curl`, `go-nethttp`, ...; see [`clients()`]).
    pub fn for_client(name: &str) -> Option<&'static Classifier> {
        builtin().iter().find(|c| c.client == name)
    }

    /// Parse and validate a table. `file` is only used in error messages.
    pub fn from_toml(file: &str, text: &str) -> Result<Classifier, ClassifierError> {
        let raw: RawTable = toml::from_str(text).map_err(|e| ClassifierError::Toml {
            file: file.to_string(),
            source: Box::new(e),
        })?;
        if raw.client.trim().is_empty() {
            return Err(ClassifierError::NoClient {
                file: file.to_string(),
            });
        }
        let patterns = raw
            .patterns
            .into_iter()
            .enumerate()
            .map(|(i, p)| Self::pattern(file, i + 1, p))
            .collect::<Result<_, _>>()?;
        Ok(Classifier {
            client: raw.client,
            capabilities: raw.capabilities,
            patterns,
        })
    }

    fn pattern(file: &str, row: usize, p: RawPattern) -> Result<Pattern, ClassifierError> {
        let problem = |problem| ClassifierError::Pattern {
            file: file.to_string(),
            row,
            problem,
        };
        let reason =
            p.reason
                .parse::<Reason>()
                .map_err(|source| ClassifierError::UnknownReason {
                    file: file.to_string(),
                    row,
                    source,
                })?;
        let contains = match p.contains {
            None => Vec::new(),
            Some(OneOrMany::One(s)) => vec![s],
            Some(OneOrMany::Many(v)) if v.is_empty() => {
                return Err(problem("`contains` is an empty list"))
            }
            Some(OneOrMany::Many(v)) => v,
        };
        if contains.iter().any(|s| s.is_empty()) {
            return Err(problem(
                "`contains` has an empty string, which matches anything",
            ));
        }
        let regex = match p.regex {
            None => None,
            Some(r) if r.is_empty() => {
                return Err(problem("`regex` is empty, which matches anything"))
            }
            Some(r) => Some(
                RegexBuilder::new(&r)
                    .case_insensitive(true)
                    .build()
                    .map_err(|e| ClassifierError::Regex {
                        file: file.to_string(),
                        row,
                        source: Box::new(e),
                    })?,
            ),
        };
        if contains.is_empty() && regex.is_none() {
            return Err(problem("needs `contains`, `regex` or both"));
        }
        Ok(Pattern {
            contains: contains.iter().map(|s| s.to_lowercase()).collect(),
            regex,
            reason,
        })
    }

    /// The reason for `raw`, from the first pattern that matches; `None` when none does.
    pub fn classify(&self, raw: &str) -> Option<Reason> {
        self.classify_row(raw).map(|(_, reason)| reason)
    }

    /// Like [`classify`](Self::classify), with the 1-based number of the `[[pattern]]` that
    /// matched (for reports and debugging a table).
    pub fn classify_row(&self, raw: &str) -> Option<(usize, Reason)> {
        let lower = raw.to_lowercase();
        self.patterns
            .iter()
            .position(|p| p.matches(raw, &lower))
            .map(|i| (i + 1, self.patterns[i].reason))
    }

    /// The client this table is for.
    pub fn client(&self) -> &str {
        &self.client
    }

    /// The capabilities the table declares for its client (`capabilities = [...]`).
    pub fn capabilities(&self) -> &[Capability] {
        &self.capabilities
    }

    /// Every reason some pattern of this table can produce, in taxonomy order.
    pub fn reasons(&self) -> Vec<Reason> {
        let mut v: Vec<Reason> = self.patterns.iter().map(|p| p.reason).collect();
        v.sort();
        v.dedup();
        v
    }
}

/// The names of the clients with a built-in table, in the registry's (the matrix's) order.
pub fn clients() -> impl Iterator<Item = &'static str> {
    builtin().iter().map(|c| c.client())
}

fn builtin() -> &'static [Classifier] {
    static TABLES: OnceLock<Vec<Classifier>> = OnceLock::new();
    // The tables are compiled in and `every_builtin_table_loads` proves they are valid.
    TABLES
        .get_or_init(|| load_builtin().unwrap_or_else(|e| panic!("built-in classifier table: {e}")))
}

/// Parse every built-in table, refusing two tables for one client.
fn load_builtin() -> Result<Vec<Classifier>, ClassifierError> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut out = Vec::with_capacity(BUILTIN.len());
    for (file, text) in BUILTIN {
        let c = Classifier::from_toml(file, text)?;
        if let Some(other) = seen.insert(c.client.clone(), file) {
            return Err(ClassifierError::DuplicateClient {
                file: file.to_string(),
                client: c.client,
                other: other.to_string(),
            });
        }
        out.push(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
