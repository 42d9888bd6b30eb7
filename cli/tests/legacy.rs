//! The legacy scenarios really negotiate what they claim: the built-in OpenSSL probe, with
//! legacy crypto allowed, reports exactly the scenario's protocol, cipher and DH size; with
//! default settings it is refused, for the scenario's reason. And system curl (Debian's OpenSSL)
//! is refused by TLS 1.0, NULL and DH-512 for the reasons the catalogue expects.

use std::time::Duration;

use badtls::{Config, Reason, Suite, Verdict};
use badtls_matrix::classify::Classifier;
use badtls_matrix::probe::{probe, ProbeOptions};

mod common;

const LEGACY: &[&str] = &["proto/*", "cipher/*", "kex/*"];

fn options(suite: &Suite, ep: &badtls::Endpoint, allow_legacy: bool) -> ProbeOptions {
    ProbeOptions {
        host: ep.host().to_string(),
        addr: ep.socket_addr(),
        ca_pem: Some(suite.ca_pem().to_string()),
        allow_legacy,
        client_identity: None,
        crl_file: None,
        timeout: Duration::from_secs(5),
    }
}

#[test]
fn every_legacy_scenario_negotiates_what_it_claims() {
    let suite = Suite::start_blocking(Config::default().only(LEGACY.iter().copied())).unwrap();
    assert_eq!(suite.endpoints().len(), 14);
    let mut failures = Vec::new();
    for ep in suite.endpoints() {
        let claim = &ep.scenario().negotiates;
        let report = probe(&options(&suite, ep, true));
        let got = (report.ok, report.protocol.clone(), report.cipher.clone());
        // No claim: nothing can connect (cipher/none-common), not even the permissive probe.
        let connects = claim.protocol.is_some() || claim.cipher.is_some();
        let want = if connects {
            (true, claim.protocol.clone(), claim.cipher.clone())
        } else {
            (false, None, None)
        };
        if got != want || (claim.dh_bits.is_some() && report.dh_bits != claim.dh_bits) {
            failures.push(format!(
                "{}: claimed {want:?} dh {:?}, got {got:?} dh {:?}: {:?}",
                ep.id(),
                claim.dh_bits,
                report.dh_bits,
                report.error
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn with_default_settings_the_probe_is_refused_for_the_expected_reason() {
    let suite = Suite::start_blocking(Config::default().only(LEGACY.iter().copied())).unwrap();
    let openssl = Classifier::for_client("openssl").expect("an openssl classifier table");
    let mut failures = Vec::new();
    for ep in suite.endpoints() {
        let report = probe(&options(&suite, ep, false));
        let expect = ep.expect();
        // The probe with default settings is an OpenSSL client that offers DHE, so every legacy
        // scenario applies to it; under `either` it connects (it allows CBC, RSA, DH-2048).
        let ok = match (expect.verdict, &report.error) {
            (Verdict::Accept | Verdict::Either, None) => report.ok,
            (Verdict::Reject, Some(error)) => {
                let got = openssl.classify(error);
                got.is_some_and(|g: Reason| Some(g) == expect.reason)
            }
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{}: expected {} {:?}, got ok={} {:?}",
                ep.id(),
                expect.verdict,
                expect.reason,
                report.ok,
                report.error
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn system_curl_is_refused_by_ssl3_null_and_dh512_for_the_expected_reasons() {
    let Some(curl) = ["/usr/bin/curl", "/usr/local/bin/curl"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
    else {
        eprintln!("SKIP: curl is not installed");
        return;
    };
    let suite =
        Suite::start_blocking(Config::default().only(["proto/ssl3", "cipher/null", "kex/dh512"]))
            .unwrap();
    let dir = common::TempDir::new("legacy-curl");
    let ca = dir.write("ca.pem", suite.ca_pem());
    let table = [
        (
            // SSLv3 is outside Debian's curl's version range. (It still speaks TLS 1.0: the
            // matrix records that as a FALSE-ACCEPT in ci/baseline.toml.)
            "proto/ssl3",
            "tlsv1 alert protocol version",
            Reason::TlsProtocolVersion,
        ),
        (
            "cipher/null",
            "sslv3 alert handshake failure",
            Reason::TlsHandshakeFailure,
        ),
        ("kex/dh512", "dh key too small", Reason::TlsWeakDh),
    ];
    let classifier = Classifier::for_client("curl").expect("a curl classifier table");
    for (id, text, reason) in table {
        let ep = suite.endpoint(id).unwrap();
        let out = std::process::Command::new(curl)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .args([
                "-q",
                "-sS",
                "-o",
                "/dev/null",
                "--max-time",
                "5",
                "--cacert",
            ])
            .arg(&ca)
            .arg(ep.url())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(35), "{id}: {stderr}");
        assert!(stderr.contains(text), "{id}: {stderr}");
        assert_eq!(ep.expect().reason, Some(reason), "{id}");
        let raw = format!("exit=35: {}", stderr.trim());
        assert_eq!(classifier.classify(&raw), Some(reason), "{id}: {raw}");
    }
}

/// The probe as a user runs it: its own process, which has not loaded the legacy provider for a
/// server first (a context made before the provider is loaded never offers RC4).
#[test]
fn the_probe_command_negotiates_rc4_and_reports_it() {
    let suite = Suite::start_blocking(Config::default().only(["cipher/rc4"])).unwrap();
    let dir = common::TempDir::new("legacy-probe-cli");
    let ca = dir.write("ca.pem", suite.ca_pem());
    let ep = suite.endpoint("cipher/rc4").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_badtls"))
        .args(["probe", "--json", "--allow-legacy", "--ca"])
        .arg(&ca)
        .arg(ep.url())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert_eq!(report["cipher"], "RC4-SHA", "{report}");
    assert_eq!(report["protocol"], "TLSv1.2", "{report}");
    // Without --allow-legacy the same command is refused, and says why.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_badtls"))
        .args(["probe", "--json", "--ca"])
        .arg(&ca)
        .arg(ep.url())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert_eq!(report["reason"], "tls.handshake-failure", "{report}");
}
