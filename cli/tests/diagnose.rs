//! `badtls diagnose` against every endpoint of an in-process suite: it names the fault of at
//! least 95% of the reject scenarios (their reason or a coarse parent) and finds no problem on
//! any `good/` endpoint.
//!
//! The per-scenario table is docs/diagnose.md; regenerate it with
//! `BADTLS_WRITE_DIAGNOSE_MD=1 cargo test --test diagnose`.

use std::time::Duration;

use badtls::{Config, Endpoint, Suite, Verdict};
use badtls_doctor::diagnose::{self, Options, Report};

fn options(suite: &Suite, ep: &Endpoint) -> Options {
    let id = suite.client_identity();
    Options {
        url: ep.url(),
        host: ep.host().to_string(),
        addr: ep.socket_addr(),
        roots: diagnose::roots_from_pem(suite.ca_pem().as_bytes()).unwrap(),
        roots_source: "the suite CA".into(),
        // The identity the manifest names for the endpoint: the suite's, or a bad one the
        // server must refuse (client-auth/*-cert-*, wrong-eku-*), from the control port.
        client_identity: ep.wants_client_cert().then(|| match ep.bad_identity() {
            None => (id.chain_pem(), id.key_pem()),
            Some(name) => {
                let get = |file: String| {
                    badtls_servers::control_client::get(&format!(
                        "{}/client/{file}",
                        suite.control_url()
                    ))
                    .unwrap()
                };
                (get(format!("{name}.pem")), get(format!("{name}.key")))
            }
        }),
        timeout: Duration::from_secs(3),
        deadline: Duration::from_secs(30),
        check_revocation: true,
    }
}

/// `(scenario, expected, report)` for every endpoint, four at a time.
fn diagnose_all(suite: &Suite) -> Vec<(String, Option<badtls::Reason>, Verdict, Report)> {
    let eps: Vec<&Endpoint> = suite.endpoints().iter().collect();
    let mut out = Vec::new();
    std::thread::scope(|s| {
        let handles: Vec<_> = eps
            .chunks(eps.len().div_ceil(4))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|ep| {
                            let e = ep.expect();
                            (
                                ep.id().to_string(),
                                e.reason,
                                e.verdict,
                                diagnose::diagnose(&options(suite, ep)),
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            out.extend(h.join().unwrap());
        }
    });
    out
}

#[test]
fn diagnose_names_the_fault_of_every_scenario() {
    let suite = Suite::start_blocking(Config::default()).unwrap();
    let results = diagnose_all(&suite);
    assert_eq!(results.len(), suite.endpoints().len());
    let mut rows = Vec::new();
    let (mut rejects, mut named) = (0, 0);
    let mut good_problems = Vec::new();
    for (id, expected, verdict, report) in &results {
        let said: Vec<String> = report
            .problems
            .iter()
            .map(|p| format!("{} ({})", p.reason, p.severity))
            .collect();
        let outcome = match (verdict, expected) {
            (Verdict::Reject, Some(want)) => {
                rejects += 1;
                if report.problems.iter().any(|p| p.reason.matches(*want)) {
                    named += 1;
                    "named"
                } else {
                    "MISSED"
                }
            }
            _ if id.starts_with("good/") => {
                if report.problems.is_empty() {
                    "clean"
                } else {
                    good_problems.push(format!("{id}: {said:?}"));
                    "PROBLEM ON GOOD"
                }
            }
            _ => "(accept, not judged)",
        };
        rows.push(format!(
            "| `{id}` | {} | {} | {outcome} |",
            expected.map_or("accept".to_string(), |r| r.to_string()),
            if said.is_empty() {
                "no problem".to_string()
            } else {
                said.join(", ")
            },
        ));
    }
    let table = format!(
        "| scenario | expected | diagnose's problems | |\n|---|---|---|---|\n{}\n",
        rows.join("\n")
    );
    if std::env::var_os("BADTLS_WRITE_DIAGNOSE_MD").is_some() {
        write_doc(&table, named, rejects);
    }
    println!("{table}\n{named} of {rejects} reject scenarios named");
    assert!(
        good_problems.is_empty(),
        "problems on good endpoints:\n{}",
        good_problems.join("\n")
    );
    assert!(
        named * 100 >= rejects * 95,
        "only {named} of {rejects} reject scenarios named:\n{table}"
    );
    // Bounded: nobody got more than the promised connections.
    for (id, _, _, r) in &results {
        assert!(
            r.connections <= diagnose::MAX_CONNECTIONS,
            "{id}: {}",
            r.connections
        );
    }
}

fn write_doc(table: &str, named: usize, rejects: usize) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/diagnose.md");
    let text = format!(
        "# What `badtls diagnose` says about each scenario\n\n\
         Generated by `cli/tests/diagnose.rs` against an in-process suite with the whole catalogue\n\
         (`--ca` the suite CA, the client identity for mutual-TLS endpoints,\n\
         `--check-revocation`); regenerate with\n\
         `BADTLS_WRITE_DIAGNOSE_MD=1 cargo test --test diagnose`. The test asserts that at least\n\
         95% of the reject scenarios are named (their reason or a coarse parent among the\n\
         problems) and that no `good/` endpoint has a problem.\n\n\
         **{named} of {rejects}** reject scenarios named.\n\n{table}"
    );
    std::fs::write(path, text).unwrap();
}

/// The command line: exit status and JSON shape, `probe --show-certs`, and the TLS secrets in
/// SSLKEYLOGFILE for both commands.
#[test]
fn the_command_line_reports_problems_and_writes_the_key_log() {
    let suite =
        Suite::start_blocking(Config::default().only(["good/default", "cert/expired"])).unwrap();
    let dir = std::env::temp_dir().join(format!("badtls-diagnose-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca = dir.join("ca.pem");
    std::fs::write(&ca, suite.ca_pem()).unwrap();
    let keylog = dir.join("keys.log");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_badtls"))
            .args(args)
            .env("SSLKEYLOGFILE", &keylog)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let ca = ca.to_str().unwrap();
    let good = suite.endpoint("good/default").unwrap().url();
    let expired = suite.endpoint("cert/expired").unwrap().url();
    let (code, out) = run(&["diagnose", "--json", "--ca", ca, &good]);
    assert_eq!(code, Some(0), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["url"], good.as_str());
    assert_eq!(v["problems"], serde_json::json!([]));
    let (code, out) = run(&["diagnose", "--json", "--ca", ca, &expired]);
    assert_eq!(code, Some(1), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["problems"][0]["reason"], "cert.expired", "{out}");
    assert_eq!(v["problems"][0]["severity"], "error");
    let (code, out) = run(&["probe", "--show-certs", "--ca", ca, &expired]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("rejected: cert.expired")
            && out.contains("why ")
            && out.contains("#0 O=badtls, CN=localhost"),
        "{out}"
    );
    let log = std::fs::read_to_string(&keylog).unwrap();
    assert!(
        log.lines()
            .any(|l| l.starts_with("CLIENT_HANDSHAKE_TRAFFIC_SECRET ")),
        "{log}"
    );
    let (code, _) = run(&["diagnose", "http://localhost/"]);
    assert_eq!(code, Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
