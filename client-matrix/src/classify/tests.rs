//! The classifier tables against real client error strings.
//!
//! The strings are data: `classifiers/samples/<client>.toml`, loaded by [`crate::samples`]. They
//! are verbatim error texts taken from the reference catalogue of client errors,
//! `docs/findings.md` and runs against the suite, and then checked by hand. A sample has a client, where the string comes from, an expected
//! reason, an exact reason and the raw text:
//!
//! - *expected* is the scenario's reason; the classification must [`Reason::matches`] it, so a
//!   client that can only say `cert.untrusted` passes a `cert.self-signed` scenario;
//! - *exact* is what the table must return, `"="` when it is the expected reason itself. It pins
//!   the coarse answers (`cert.untrusted` for OpenSSL's "unable to get local issuer certificate",
//!   which stands for an untrusted root and a missing intermediate alike; for Go, Java and GnuTLS
//!   on all four untrusted cases) so a table cannot silently turn coarse or fine.
//!
//! Scenario expectations of the reference catalogue: `client_cert_required_tls12` expects
//! `tls.handshake-failure` (a TLS 1.2 server's `handshake_failure` alert is all any client sees);
//! curl and s_client on `tls1_0_only`/`tls1_1_only` expect `tls.protocol-version`: they fail on
//! "legacy sigalg disallowed or unsupported", the MD5+SHA1 handshake signature that only TLS
//! 1.0/1.1 use (see docs/findings.md, "Why these reasons"); Go on the racy `tcp_accept_close` got a RST, so `transport.reset`.

use super::*;
use crate::samples::{self, SampleSet};

/// `(client, source, expected, exact, raw)`.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The samples of one set as rows; `exact` is a reason name (`"none"` for unclassified ones).
fn rows(set: SampleSet) -> Vec<Row> {
    samples::builtin()
        .iter()
        .filter(|s| s.set == set)
        .map(|s| {
            (
                s.client.as_str(),
                s.source.as_str(),
                s.expected.as_str(),
                s.exact.map_or("none", Reason::as_str),
                s.raw.as_str(),
            )
        })
        .collect()
}

fn reason(name: &str) -> Reason {
    name.parse()
        .unwrap_or_else(|e| panic!("test row names a bad reason: {e}"))
}

/// Check every row; report all failures at once, with the row that matched.
fn check(rows: &[Row]) -> usize {
    let mut failures = Vec::new();
    for &(client, source, expected, exact, raw) in rows {
        let c = Classifier::for_client(client)
            .unwrap_or_else(|| panic!("no classifier for {client} ({source})"));
        let expected = reason(expected);
        let exact = if exact == "=" {
            expected
        } else {
            reason(exact)
        };
        let got = c.classify_row(raw);
        let ok = got.is_some_and(|(_, g)| g.matches(expected) && g == exact);
        if !ok {
            failures.push(format!(
                "{client} [{source}]: got {}, want {exact} (expected {expected})\n    {raw:?}",
                got.map_or("None".to_string(), |(row, g)| format!(
                    "{g} (pattern #{row})"
                )),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows misclassified:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
    rows.len()
}

#[test]
fn reference_catalogue_strings() {
    assert!(check(&rows(SampleSet::Reference)) > 250);
}

#[test]
fn strings_observed_against_the_suite() {
    assert!(check(&rows(SampleSet::Observed)) > 200);
}

#[test]
fn curl_strings_in_findings() {
    check(&rows(SampleSet::Findings));
}

#[test]
fn the_probes_own_texts() {
    check(&rows(SampleSet::Probe));
}

/// Every non-OK cell of the reference's "Scenario × client" table has a row: each sample file of
/// a client in that table says how many cells it failed there (`reference_table_cells`).
#[test]
fn reference_covers_every_failing_cell() {
    let files = samples::builtin_files().unwrap_or_else(|e| panic!("{e}"));
    let mut in_table = 0;
    for file in &files {
        let table_rows = file
            .samples
            .iter()
            .filter(|s| s.set == SampleSet::Reference && s.source.ends_with("(table)"))
            .count();
        match file.reference_table_cells {
            Some(cells) => {
                in_table += 1;
                assert_eq!(table_rows, cells, "{}", file.client);
            }
            None => assert_eq!(table_rows, 0, "{}: no reference_table_cells", file.client),
        }
    }
    // The reference's table has 9 clients: every one is accounted for.
    assert_eq!(in_table, 9);
}

#[test]
fn strings_naming_another_reason_are_classified_by_their_words() {
    for (client, source, expected, gives, raw) in rows(SampleSet::Different) {
        let got = Classifier::for_client(client).unwrap().classify(raw);
        assert_eq!(got, Some(reason(gives)), "{client} [{source}]");
        assert!(
            !reason(gives).matches(reason(expected)),
            "{client} [{source}]"
        );
    }
}

#[test]
fn unrecognised_strings_stay_unclassified() {
    for (client, source, _, _, raw) in rows(SampleSet::Unclassified) {
        let got = Classifier::for_client(client).unwrap().classify_row(raw);
        assert_eq!(got, None, "{client} [{source}] {raw:?}");
    }
    // The probes' own failures and a successful-looking or empty text are not client errors.
    for client in clients() {
        let c = Classifier::for_client(client).unwrap();
        for raw in [
            "",
            "ProbeError: no url in target",
            "ProbeError: bad port \"x\"",
            "exit=0: ",
        ] {
            assert_eq!(c.classify_row(raw), None, "{client}: {raw:?}");
        }
    }
}

#[test]
fn every_builtin_table_loads() {
    let tables = load_builtin().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tables.len(), BUILTIN.len());
    // One table per registry entry that names one, in its order, for that client.
    let registry: Vec<&crate::clients::Client> = crate::clients::builtin()
        .iter()
        .filter(|c| c.classifier.is_some())
        .collect();
    assert_eq!(tables.len(), registry.len());
    for (((file, _), table), client) in BUILTIN.iter().zip(&tables).zip(&registry) {
        assert_eq!(Some(*file), client.classifier.as_deref());
        assert_eq!(
            table.client(),
            client.name,
            "{file} is the table of its entry"
        );
        assert!(!table.patterns.is_empty(), "{file}");
    }
    let names: Vec<_> = clients().collect();
    let expected: Vec<&str> = registry.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, expected);
    for name in names {
        assert_eq!(Classifier::for_client(name).unwrap().client(), name);
    }
    assert!(Classifier::for_client("lynx").is_none());
}

/// What each table can say, against what the client can express at all: exactly every reason
/// but those its registry entry lists in `cannot_express` (with why, in `clients.toml`). A new
/// row for a listed reason must update the list.
#[test]
fn each_table_covers_what_its_client_can_express() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for client in crate::clients::builtin() {
        let Some(c) = Classifier::for_client(&client.name) else {
            assert!(client.classifier.is_none(), "{}", client.name);
            continue;
        };
        checked += 1;
        let can = c.reasons();
        for r in Reason::all() {
            let expressible = !client.cannot_express.contains(&r);
            if can.contains(&r) != expressible {
                problems.push(format!(
                    "{}: {r}: {}",
                    client.name,
                    if expressible {
                        "no row gives it: add one, or list it in `cannot_express`"
                    } else {
                        "a row gives it, and `cannot_express` lists it"
                    }
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(checked, clients().count());
}

// ---- the loader -----------------------------------------------------------------------------------

const GOOD: &str = r#"
client = "mine"
[[pattern]]
contains = "certificate has expired"
reason = "cert.expired"
[[pattern]]
contains = ["has expired or is not yet valid", " is before "]
reason = "cert.not-yet-valid"
[[pattern]]
regex = '^exit=28:'
reason = "transport.timeout"
[[pattern]]
contains = "EOF"
regex = '\bEOF\b'
reason = "transport.eof"
[[pattern]]
contains = "certificate"
reason = "cert.untrusted"
"#;

#[test]
fn first_match_wins_case_insensitively() {
    let c = Classifier::from_toml("mine.toml", GOOD).unwrap();
    assert_eq!(c.client(), "mine");
    assert_eq!(
        c.classify_row("CERTIFICATE HAS EXPIRED"),
        Some((1, Reason::CertExpired))
    );
    // A list: all strings must occur.
    assert_eq!(
        c.classify("x509: certificate has expired or is not yet valid: current time 1 is before 2"),
        Some(Reason::CertExpired),
        "row 1 comes first"
    );
    assert_eq!(
        c.classify("has expired or is not yet valid: now is before then"),
        Some(Reason::CertNotYetValid)
    );
    assert_eq!(c.classify("has expired or is not yet valid: after"), None);
    // Regexes are case-insensitive too.
    assert_eq!(
        c.classify("EXIT=28: curl: (28) ..."),
        Some(Reason::TransportTimeout)
    );
    assert_eq!(c.classify("curl: exit=28:"), None, "anchored");
    // `contains` and `regex` together: both must match.
    assert_eq!(c.classify("unexpected eof"), Some(Reason::TransportEof));
    assert_eq!(c.classify("geoffrey"), None);
    assert_eq!(c.classify("bad certificate"), Some(Reason::CertUntrusted));
    assert_eq!(c.classify("nothing to see"), None);
    assert_eq!(
        c.reasons(),
        [
            Reason::CertExpired,
            Reason::CertNotYetValid,
            Reason::CertUntrusted,
            Reason::TransportEof,
            Reason::TransportTimeout
        ]
    );
}

fn load_err(text: &str) -> String {
    Classifier::from_toml("mine.toml", text)
        .map(|_| ())
        .unwrap_err()
        .to_string()
}

#[test]
fn an_unknown_reason_names_the_file_and_the_row() {
    let err = load_err(
        r#"
client = "mine"
[[pattern]]
contains = "a"
reason = "cert.expired"
[[pattern]]
contains = "b"
reason = "cert.bogus"
"#,
    );
    assert!(err.starts_with("mine.toml: [[pattern]] #2: "), "{err}");
    assert!(err.contains("unknown reason 'cert.bogus'"), "{err}");
    assert!(
        err.contains("cert.expired"),
        "lists the known reasons: {err}"
    );
}

#[test]
fn malformed_rows_are_errors_naming_file_and_row() {
    for (text, row, needle) in [
        (
            "client = 'm'\n[[pattern]]\nreason = 'cert.expired'",
            "#1",
            "needs `contains`, `regex` or both",
        ),
        (
            "client = 'm'\n[[pattern]]\ncontains = 'a'\nreason = 'cert.expired'\n[[pattern]]\ncontains = ''\nreason = 'cert.expired'",
            "#2",
            "empty string",
        ),
        (
            "client = 'm'\n[[pattern]]\ncontains = []\nreason = 'cert.expired'",
            "#1",
            "empty list",
        ),
        (
            "client = 'm'\n[[pattern]]\nregex = ''\nreason = 'cert.expired'",
            "#1",
            "`regex` is empty",
        ),
        (
            "client = 'm'\n[[pattern]]\nregex = '(unclosed'\nreason = 'cert.expired'",
            "#1",
            "invalid regex",
        ),
    ] {
        let err = load_err(text);
        assert!(
            err.starts_with(&format!("mine.toml: [[pattern]] {row}: ")) && err.contains(needle),
            "{err}"
        );
    }
    // Structural problems are TOML errors, still naming the file.
    for (text, needle) in [
        (
            "[[pattern]]\ncontains = 'a'\nreason = 'cert.expired'",
            "client",
        ),
        (
            "client = 'm'\n[[pattern]]\ncontain = 'a'\nreason = 'cert.expired'",
            "contain",
        ),
        ("client = 'm'\n[[pattern]]\ncontains = 'a'", "reason"),
        (
            "client = 'm'\n[[pattern]]\ncontains = 1\nreason = 'cert.expired'",
            "contains",
        ),
        ("client = ", ""),
    ] {
        let err = load_err(text);
        assert!(
            err.starts_with("mine.toml: invalid TOML: ") && err.contains(needle),
            "{err}"
        );
    }
    assert_eq!(load_err("client = ' '"), "mine.toml: `client` is empty");
}

/// Which rows of a table are marked `# unverified` (on their `contains`/`regex` line), by 1-based
/// `[[pattern]]` number.
fn unverified_rows(text: &str) -> Vec<bool> {
    text.split("[[pattern]]")
        .skip(1)
        .map(|block| {
            block.lines().any(|l| {
                let l = l.trim_start();
                (l.starts_with("contains") || l.starts_with("regex")) && l.contains("# unverified")
            })
        })
        .collect()
}

/// The tables' promise (classifiers/README.md): a row not marked `# unverified` is the first
/// match of at least one real string above, and a row that is marked is the first match of none.
#[test]
fn verified_rows_are_exercised_and_unverified_ones_are_not() {
    let all: Vec<(&str, &str)> = samples::builtin()
        .iter()
        .filter(|s| s.set != SampleSet::Unclassified)
        .map(|s| (s.client.as_str(), s.raw.as_str()))
        .collect();
    let mut problems = Vec::new();
    for (file, text) in BUILTIN {
        let c = Classifier::from_toml(file, text).unwrap();
        let marks = unverified_rows(text);
        assert_eq!(marks.len(), c.patterns.len(), "{file}");
        let mut hit = vec![false; marks.len()];
        for &(client, raw) in &all {
            if client == c.client() {
                if let Some((row, _)) = c.classify_row(raw) {
                    hit[row - 1] = true;
                }
            }
        }
        for (i, (&unverified, &hit)) in marks.iter().zip(&hit).enumerate() {
            if unverified == hit {
                problems.push(format!(
                    "{file}: [[pattern]] #{}: {}",
                    i + 1,
                    if hit {
                        "marked unverified but matches a real string: drop the mark"
                    } else {
                        "no real string matches it: add one or mark it `# unverified`"
                    }
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
