//! Real client error texts, with the reason each classifier table must give for them.
//!
//! The samples are data, one TOML file per client in `client-matrix/classifiers/samples/` (format
//! in `classifiers/samples/README.md`), compiled in like the tables. They are the evidence behind
//! every table row (`src/classify/tests.rs` checks each table against them) and the corpus other
//! tools test against (`badtls explain` must recognise each one).
//!
//! ```
//! use badtls_matrix::samples::{builtin, SampleSet};
//! let curl: Vec<_> = builtin().iter().filter(|s| s.client == "curl").collect();
//! assert!(curl.iter().any(|s| s.set == SampleSet::Reference));
//! ```

use std::sync::OnceLock;

use badtls_contract::{Reason, UnknownReason};
use serde::Deserialize;

// The built-in sample files, one per classifier table of the registry (`clients.toml`), named
// like it: file name (for error messages) and contents.
use crate::embedded::SAMPLES as BUILTIN;

/// Where a sample comes from, which decides what the tests demand of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SampleSet {
    /// A cell of the reference catalogue of client errors (its scenario × client table and
    /// per-scenario details).
    Reference,
    /// Seen from the matrix's own clients against a running suite.
    Observed,
    /// Quoted in docs/findings.md.
    Findings,
    /// A real text whose words name another reason than its scenario expects.
    Different,
    /// A probe program's own message (its watchdog, a body check).
    Probe,
    /// A real text that says too little: no table may classify it.
    Unclassified,
}

/// One real error text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// The client that printed it (the table that must classify it).
    pub client: String,
    pub set: SampleSet,
    /// Where the text was seen (scenario, document), for messages.
    pub source: String,
    /// The reason of the scenario that produced it.
    pub expected: Reason,
    /// What the table must return: `None` for an unclassified sample.
    pub exact: Option<Reason>,
    /// The text, verbatim (curl, s_client and gnutls-cli as the runner passes it: `exit=N: ...`).
    pub raw: String,
}

/// A sample file that could not be loaded; every variant names the file, row errors the
/// 1-based `[[sample]]` number.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("{file}: invalid TOML: {source}")]
    Toml {
        file: String,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("{file}: [[sample]] #{row}: {field}: {source}")]
    UnknownReason {
        file: String,
        row: usize,
        field: &'static str,
        #[source]
        source: UnknownReason,
    },
    #[error("{file}: [[sample]] #{row}: {problem}")]
    Row {
        file: String,
        row: usize,
        problem: &'static str,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    client: String,
    reference_table_cells: Option<usize>,
    #[serde(default, rename = "sample")]
    samples: Vec<RawSample>,
}

/// One sample file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleFile {
    /// The client whose table must classify these texts.
    pub client: String,
    /// For a client of the reference catalogue's "scenario × client" table: how many of its
    /// cells failed there, each of which must have a `reference` sample with a `(table)` source.
    pub reference_table_cells: Option<usize>,
    pub samples: Vec<Sample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSample {
    set: SampleSet,
    source: String,
    expected: String,
    /// A reason name, `=` for the expected reason, `none` for unclassified.
    exact: String,
    raw: String,
}

/// Parse one sample file's samples. `file` is only used in error messages.
pub fn from_toml(file: &str, text: &str) -> Result<Vec<Sample>, SampleError> {
    file_from_toml(file, text).map(|f| f.samples)
}

/// Parse one sample file. `file` is only used in error messages.
pub fn file_from_toml(file: &str, text: &str) -> Result<SampleFile, SampleError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| SampleError::Toml {
        file: file.to_string(),
        source: Box::new(e),
    })?;
    let reason = |row: usize, field: &'static str, name: &str| {
        name.parse::<Reason>()
            .map_err(|source| SampleError::UnknownReason {
                file: file.to_string(),
                row,
                field,
                source,
            })
    };
    let problem = |row: usize, problem: &'static str| SampleError::Row {
        file: file.to_string(),
        row,
        problem,
    };
    let mut out = Vec::with_capacity(raw.samples.len());
    for (i, s) in raw.samples.into_iter().enumerate() {
        let row = i + 1;
        let expected = reason(row, "expected", &s.expected)?;
        let exact = match s.exact.as_str() {
            "=" => Some(expected),
            "none" => None,
            name => Some(reason(row, "exact", name)?),
        };
        if (exact.is_none()) != (s.set == SampleSet::Unclassified) {
            return Err(problem(
                row,
                "`exact = \"none\"` goes with `set = \"unclassified\"`, and only with it",
            ));
        }
        if s.raw.trim().is_empty() || s.source.trim().is_empty() {
            return Err(problem(row, "`raw` and `source` must not be empty"));
        }
        out.push(Sample {
            client: raw.client.clone(),
            set: s.set,
            source: s.source,
            expected,
            exact,
            raw: s.raw,
        });
    }
    Ok(SampleFile {
        client: raw.client,
        reference_table_cells: raw.reference_table_cells,
        samples: out,
    })
}

/// Every built-in sample file, in the registry's order.
pub fn builtin_files() -> Result<Vec<SampleFile>, SampleError> {
    BUILTIN
        .iter()
        .map(|(file, text)| file_from_toml(file, text))
        .collect()
}

/// Every built-in sample, client by client in the matrix's order.
pub fn builtin() -> &'static [Sample] {
    static SAMPLES: OnceLock<Vec<Sample>> = OnceLock::new();
    // Compiled in; `every_builtin_sample_file_loads` proves they are valid.
    SAMPLES.get_or_init(|| load_builtin().unwrap_or_else(|e| panic!("built-in samples: {e}")))
}

fn load_builtin() -> Result<Vec<Sample>, SampleError> {
    let mut out = Vec::new();
    for (file, text) in BUILTIN {
        out.extend(from_toml(file, text)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_sample_file_loads_and_names_its_registry_client() {
        // One file per classifier table, named like it (build.rs embeds them so).
        let tables: Vec<&crate::clients::Client> = crate::clients::builtin()
            .iter()
            .filter(|c| c.classifier.is_some())
            .collect();
        assert_eq!(BUILTIN.len(), tables.len());
        for ((file, text), client) in BUILTIN.iter().zip(tables) {
            assert_eq!(Some(*file), client.classifier.as_deref());
            let samples = from_toml(file, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(!samples.is_empty(), "{file}");
            for s in &samples {
                assert_eq!(s.client, client.name, "{file}");
            }
        }
        assert_eq!(builtin().len(), load_builtin().unwrap().len());
    }

    #[test]
    fn exact_is_resolved_and_bad_rows_name_file_and_row() {
        let ok = "client = 'c'\n[[sample]]\nset = 'observed'\nsource = 's'\nexpected = 'cert.expired'\nexact = '='\nraw = 'x'\n\
                  [[sample]]\nset = 'reference'\nsource = 's'\nexpected = 'cert.self-signed'\nexact = 'cert.untrusted'\nraw = 'y'\n\
                  [[sample]]\nset = 'unclassified'\nsource = 's'\nexpected = 'cert.expired'\nexact = 'none'\nraw = 'z'\n";
        let s = from_toml("c.toml", ok).unwrap();
        assert_eq!(s[0].exact, Some(Reason::CertExpired));
        assert_eq!(s[1].exact, Some(Reason::CertUntrusted));
        assert_eq!((s[2].exact, s[2].set), (None, SampleSet::Unclassified));
        for (text, needle) in [
            (
                ok.replacen("'cert.expired'", "'cert.bogus'", 1),
                "[[sample]] #1: expected: unknown reason 'cert.bogus'",
            ),
            (
                ok.replacen("'cert.untrusted'", "'nope'", 1),
                "[[sample]] #2: exact: unknown reason 'nope'",
            ),
            (
                ok.replacen("'none'", "'='", 1),
                "[[sample]] #3: `exact = \"none\"`",
            ),
            (
                ok.replacen("raw = 'x'", "raw = ' '", 1),
                "[[sample]] #1: `raw` and `source`",
            ),
            (
                ok.replacen("set = 'observed'", "set = 'seen'", 1),
                "invalid TOML",
            ),
            (
                ok.replacen("raw = 'x'", "raw = 'x'\nclient = 'd'", 1),
                "invalid TOML",
            ),
        ] {
            let err = from_toml("c.toml", &text).unwrap_err().to_string();
            assert!(err.starts_with("c.toml: ") && err.contains(needle), "{err}");
        }
    }
}
