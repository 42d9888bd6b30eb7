//! Verdicts a user can trust: real clients, judged by their own words, against the expectation
//! model (`either`, `requires`, N/A) through `badtls matrix`, the command users run.
//!
//! - `cert/revoked` is PASS (`cert.revoked`) for every installed client that can check
//!   revocation, which the matrix gives the suite's CRLs, and N/A for those that cannot;
//! - `transport/truncated` is a rejection for the command-line tools, which print the server's
//!   `HTTP/1.1 200` before they fail: the verdict is their exit status, not that line;
//! - a scenario that requires ALPN is N/A for a client that offers none;
//! - a stale baseline row is XPASS, which fails the run only with `--strict`.

use std::process::Command;

use badtls_contract::Capability;
use badtls_matrix::clients::{self, Client, Kind, Run};
use serde_json::Value;

mod common;

/// Run `badtls matrix --format json` over `ids` for `clients`; the exit code and the report.
fn matrix(dir: &common::TempDir, clients: &[&str], ids: &[&str], extra: &[&str]) -> (i32, Value) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_badtls"));
    cmd.args(["matrix", "--format", "json"])
        .env("BADTLS_CACHE", dir.path());
    for c in clients {
        cmd.args(["--client", c]);
    }
    for id in ids {
        cmd.args(["--only", id]);
    }
    let out = cmd.args(extra).output().expect("run badtls matrix");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

fn cell<'a>(json: &'a Value, client: &str, id: &str) -> &'a Value {
    json["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .find(|c| c["client"] == client && c["scenario"] == id)
        .unwrap_or_else(|| panic!("no cell {client} × {id}"))
}

fn installed(json: &Value, client: &str) -> bool {
    json["clients"]
        .as_array()
        .expect("clients")
        .iter()
        .any(|c| c["name"] == client && c["skipped"].is_null())
}

#[test]
fn revocation_is_tested_for_real_where_a_client_can_check_it() {
    let dir = common::TempDir::new("verdicts-revocation");
    // The clients that can check revocation; the others (requests and Go, which cannot load a
    // CRL; the browsers, with their own revocation sets) must be N/A.
    let (can, cannot): (Vec<&Client>, Vec<&Client>) = clients::builtin()
        .iter()
        .partition(|c| c.has(Capability::Revocation));
    let can: Vec<&str> = can.iter().map(|c| c.name.as_str()).collect();
    let cannot: Vec<&str> = cannot.iter().map(|c| c.name.as_str()).collect();
    let clients: Vec<&str> = can.iter().chain(&cannot).copied().collect();
    // A generous per-target timeout: a JVM's first handshake on a loaded machine (the tests run
    // side by side) can take longer than the default 4 s, and timing is not what this tests.
    let (_, json) = matrix(
        &dir,
        &clients,
        &["good/default", "cert/revoked"],
        &["--timeout", "20"],
    );
    for &client in &can {
        if !installed(&json, client) {
            eprintln!("SKIP {client}: not installed");
            continue;
        }
        let c = cell(&json, client, "cert/revoked");
        assert_eq!(c["status"], "pass", "{client}: {c}");
        assert_eq!(c["reason"], "cert.revoked", "{client}: {c}");
        // Given CRLs only where revocation is the point: the control still passes.
        assert_eq!(
            cell(&json, client, "good/default")["status"],
            "pass",
            "{client}"
        );
    }
    for &client in &cannot {
        if !installed(&json, client) {
            continue;
        }
        let c = cell(&json, client, "cert/revoked");
        assert_eq!(c["status"], "not-applicable", "{client}: {c}");
        assert!(
            c["raw"].as_str().is_some_and(|r| r.contains("revocation")),
            "{client}: {c}"
        );
    }
}

#[test]
fn command_line_clients_are_judged_by_their_exit_status_not_the_servers_200() {
    let dir = common::TempDir::new("verdicts-truncated");
    let tools: Vec<&str> = clients::of_kind(Kind::CliTool)
        .map(|c| c.name.as_str())
        .collect();
    let (_, json) = matrix(
        &dir,
        &tools,
        &[
            "good/default",
            "transport/truncated",
            "transport/no-close-notify",
        ],
        &[],
    );
    for &tool in &tools {
        if !installed(&json, tool) {
            eprintln!("SKIP {tool}: not installed");
            continue;
        }
        assert_eq!(
            cell(&json, tool, "good/default")["status"],
            "pass",
            "{tool}"
        );
        let c = cell(&json, tool, "transport/truncated");
        assert_eq!(c["status"], "pass", "{tool}: {c}");
        assert_eq!(c["reason"], "transport.eof", "{tool}: {c}");
    }
    // Without a Content-Length only close_notify ends the body: the tools that speak TLS only
    // (OpenSSL's s_client, GnuTLS's gnutls-cli; `http = false` in the registry) say so.
    let tls_only = clients::of_kind(Kind::CliTool)
        .filter(|c| matches!(&c.run, Run::CliTool(line) if !line.http))
        .map(|c| c.name.as_str());
    for tool in tls_only {
        if installed(&json, tool) {
            let c = cell(&json, tool, "transport/no-close-notify");
            assert_eq!(c["status"], "pass", "{tool}: {c}");
        }
    }
}

#[test]
fn a_requirement_the_client_lacks_is_not_applicable_and_never_a_failure() {
    let dir = common::TempDir::new("verdicts-na");
    let (code, json) = matrix(
        &dir,
        &["rustls", "openssl-s-client"],
        &["good/default", "tls/alpn-mismatch", "kex/dh512"],
        &[],
    );
    // rustls offers ALPN and is refused; it has no DHE suite, so the DH group is not its test.
    assert_eq!(cell(&json, "rustls", "tls/alpn-mismatch")["status"], "pass");
    assert_eq!(
        cell(&json, "rustls", "kex/dh512")["status"],
        "not-applicable"
    );
    if installed(&json, "openssl-s-client") {
        let c = cell(&json, "openssl-s-client", "tls/alpn-mismatch");
        assert_eq!(c["status"], "not-applicable", "{c}");
        assert!(c["raw"].as_str().is_some_and(|r| r.contains("alpn")), "{c}");
        assert_eq!(
            cell(&json, "openssl-s-client", "kex/dh512")["status"],
            "pass"
        );
    }
    assert_eq!(code, 0, "{json}");
}

#[test]
fn a_stale_baseline_row_fails_the_run_only_when_strict() {
    let dir = common::TempDir::new("verdicts-strict");
    // rustls rejects cert/expired correctly: a row saying it accepts is stale.
    let baseline = dir.write(
        "baseline.toml",
        "[[deviation]]\nclient = \"rustls\"\nscenario = \"cert/expired\"\nstatus = \"false-accept\"\n\
         why = \"stale on purpose\"\nseen_with = \"rustls 0.0 (an older one)\"\n",
    );
    let ids = ["good/default", "cert/expired"];
    let b = baseline.to_str().unwrap();
    let (code, json) = matrix(&dir, &["rustls"], &ids, &["--baseline", b]);
    assert_eq!(cell(&json, "rustls", "cert/expired")["status"], "xpass");
    assert_eq!(code, 0, "XPASS alone does not fail the run");
    let drift = &json["version_drift"][0];
    assert_eq!(drift["recorded"], "rustls 0.0 (an older one)", "{json}");
    let (code, _) = matrix(&dir, &["rustls"], &ids, &["--baseline", b, "--strict"]);
    assert_eq!(code, 1, "--strict fails on XPASS");
}
