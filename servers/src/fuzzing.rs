//! Fuzz target bodies, shared by the cargo-fuzz targets in `fuzz/` (nightly) and by
//! `servers/tests/fuzz_corpus.rs`, which replays the fuzz corpora on the stable toolchain so that
//! `cargo test --workspace` keeps exercising them.
//!
//! Each function takes arbitrary bytes and panics only when an invariant breaks: a panic here is
//! how the fuzzer learns of a bug, so the checks are `assert!`s on purpose. The code under test
//! itself must never panic, whatever the bytes.

use std::collections::BTreeSet;

use badtls_contract::Verdict;

use crate::engine::hello::{
    first_record_complete, inspect_hello, Hello, HelloInspector, Inspection, PEEK_LIMIT,
};
use crate::scenario::{
    parse_file, Catalogue, Digest, Engine, KeyKind, RootSpec, Scenario, SendSpec, TlsVersion,
};

/// The file name the scenario target passes in; every error must name it.
pub const SCENARIO_FILE: &str = "fuzz/input.toml";

/// How many cases a proptest property runs: `PROPTEST_CASES` when set (to soak a property
/// locally, or to replay a CI run's depth), otherwise the property's own `default`.
///
/// proptest reads that variable only for configurations built wholly from its defaults; the
/// properties here set their own counts, so they ask this function instead.
pub fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Scenario files: bytes (lossily as UTF-8) → [`parse_file`] and [`Catalogue::add_file`].
///
/// Checks that both agree, that every error names the file, and that every scenario that loads
/// keeps the rules `docs/scenarios.md` promises.
pub fn scenario_parser(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = parse_file(SCENARIO_FILE, &text);
    let mut catalogue = Catalogue::default();
    let added = catalogue.add_file(SCENARIO_FILE, &text);
    let scenarios = match parsed {
        Err(e) => {
            assert_eq!(e.file, SCENARIO_FILE, "{e}");
            assert!(e.to_string().starts_with(SCENARIO_FILE), "{e}");
            assert_eq!(added, Err(e), "add_file and parse_file disagree");
            return;
        }
        Ok(scenarios) => scenarios,
    };
    for s in &scenarios {
        check_loaded(s);
    }
    // parse_file checks one file's scenarios one by one; the catalogue also refuses a repeated id.
    let mut ids = BTreeSet::new();
    let duplicate = scenarios.iter().find(|s| !ids.insert(s.id.as_str()));
    match (duplicate, added) {
        (None, Ok(())) => assert_eq!(catalogue.len(), scenarios.len()),
        (Some(dup), Err(e)) => {
            assert_eq!(e.file, SCENARIO_FILE, "{e}");
            assert!(e.to_string().starts_with(SCENARIO_FILE), "{e}");
            assert_eq!(e.scenario.as_deref(), Some(dup.id.as_str()), "{e}");
            assert_eq!(e.field.as_deref(), Some("id"), "{e}");
        }
        (dup, added) => panic!("duplicate {dup:?} but add_file gave {added:?}"),
    }
}

/// The rules a loaded scenario must keep (docs/scenarios.md, "Rules that cross fields").
fn check_loaded(s: &Scenario) {
    let (category, name) = s.id.split_once('/').expect("validated id has a '/'");
    for part in [category, name] {
        assert!(!part.is_empty(), "{}", s.id);
        assert!(
            part.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'),
            "{}",
            s.id
        );
    }
    assert_eq!(s.category(), category);
    let sni = s.sni_name();
    assert!(sni.ends_with(".badtls.test") && sni.is_ascii(), "{sni}");
    assert!(!s.summary.trim().is_empty());
    assert_eq!(
        s.expect.verdict != Verdict::Accept,
        s.expect.reason.is_some(),
        "{}: verdict and reason",
        s.id
    );
    let tls = &s.tls;
    assert!(!tls.versions.is_empty());
    if tls.engine == Engine::Rustls {
        assert!(tls.versions.iter().all(|v| *v >= TlsVersion::Tls12));
    }
    if tls.engine == Engine::Raw {
        assert!(tls.fault.is_some());
    }
    if let Some(fault) = tls.fault {
        assert_eq!(fault.engine(), tls.engine);
    }
    let pki = &s.pki;
    assert!(pki.leaf.not_before.0 < pki.leaf.not_after.0);
    let intermediates = pki.intermediates.as_deref().unwrap_or_default();
    assert!(intermediates.len() <= 8);
    assert!(intermediates.iter().all(|i| i.not_before.0 < i.not_after.0));
    // RSA-1024 signs nothing through rcgen: such a scenario would load and then fail at start.
    assert!(intermediates.iter().all(|i| i.key != KeyKind::Rsa1024));
    if pki.root == RootSpec::None {
        assert!(intermediates.is_empty());
        assert!(matches!(pki.send, SendSpec::Chain | SendSpec::Leaf));
        assert!(pki.leaf.key != KeyKind::Rsa1024 || pki.leaf.digest != Digest::Sha256);
    }
    if pki.send == SendSpec::Reversed {
        assert!(intermediates.len() >= 2);
    }
}

/// Peer bytes: the first bytes of a connection → the SNI router's ClientHello inspection
/// ([`inspect_hello`], which runs rustls' `Acceptor`) and the raw engine's record framing
/// ([`first_record_complete`]).
///
/// Checks that the bytes fed in pieces (split where the data says) give the same answer as fed
/// at once, that a decision is final, and that the two views agree.
pub fn client_hello(data: &[u8]) {
    let whole = inspect_hello(data);
    assert_ne!(
        whole,
        Inspection::Done(Hello::Eof),
        "only the socket sees EOF"
    );
    if data.len() >= PEEK_LIMIT {
        assert!(
            matches!(whole, Inspection::Done(_)),
            "undecided at the limit"
        );
    }
    if let Inspection::Done(Hello::Tls { sni: Some(name) }) = &whole {
        assert!(!name.is_empty());
    }

    // The same bytes as a peer might trickle them in: piece sizes taken from the data itself,
    // so the fuzzer steers the split points too.
    let mut inspector = HelloInspector::new();
    let mut pieces = inspector.update(&[]);
    assert_eq!(pieces, Inspection::NeedMore, "nothing seen yet");
    let mut end = 0;
    while end < data.len() && pieces == Inspection::NeedMore {
        let step = 1 + usize::from(data[end]) * 31 % 1500;
        end = (end + step).min(data.len());
        pieces = inspector.update(&data[..end]);
    }
    assert_eq!(pieces, whole, "pieces ending at {end} of {}", data.len());
    // Decided is final, even if a later view were shorter.
    if let Inspection::Done(_) = pieces {
        assert_eq!(inspector.update(&data[..end / 2]), pieces);
    }

    // Record framing only grows more complete as bytes arrive (from the first byte on: no
    // bytes at all is the caller's EOF, not a record).
    let mut was_complete = false;
    for k in 1..=data.len() {
        let now = first_record_complete(&data[..k]);
        assert!(
            now || !was_complete,
            "complete at a shorter prefix, not at {k}"
        );
        was_complete = now;
    }
    // A whole ClientHello means its first record has arrived.
    if let Inspection::Done(Hello::Tls { .. }) = whole {
        assert!(first_record_complete(data));
    }
}
