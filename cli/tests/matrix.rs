//! The client matrix with real adapters against real endpoints: in-process rustls and OpenSSL,
//! and system curl, each judged against the catalogue, plus the CLI's exit code and reports.

use std::process::Command;
use std::time::Duration;

use badtls::{Config, Reason, Suite};
use badtls_matrix::adapter::{self, Adapter};
use badtls_matrix::baseline::Baseline;
use badtls_matrix::cell::Status;
use badtls_matrix::runner::{self, RunOptions};

mod common;

const IDS: &[&str] = &[
    "good/default",
    "cert/expired",
    "cert/self-signed",
    "cert/wrong-host",
    "cert/no-san",
    "transport/plain-http",
    "transport/reset",
    "kex/dh512",
];

#[test]
fn real_adapters_are_judged_against_the_catalogue() {
    let suite = Suite::start_blocking(Config::default().only(IDS.iter().copied())).unwrap();
    let dir = common::TempDir::new("matrix-run");
    let opts = RunOptions {
        timeout: Duration::from_secs(4),
        jobs: 4,
        work_dir: dir.path().to_path_buf(),
        strict: false,
        partition: None,
    };
    let files = runner::SuiteFiles::fetch(suite.manifest()).unwrap();
    let targets = runner::targets(suite.manifest(), &files, &opts).unwrap();
    // The two in-process clients and curl: no probe runs, so no probe directory is needed.
    let adapters: Vec<Box<dyn Adapter>> = adapter::select(
        adapter::all(dir.path()),
        &["rustls".into(), "openssl".into(), "curl".into()],
    )
    .unwrap();
    let result = runner::run(&adapters, suite.manifest(), &targets, None, &opts, &|_| {});
    let cell = |client: &str, id: &str| {
        result
            .cells
            .iter()
            .find(|c| c.client == client && c.scenario == id)
            .unwrap_or_else(|| panic!("{client} × {id}"))
    };
    for client in ["rustls", "openssl", "curl"] {
        if client == "curl" && cell(client, "good/default").status == Status::Skip {
            eprintln!("SKIP: curl is not installed");
            continue;
        }
        for id in [
            "good/default",
            "cert/expired",
            "cert/wrong-host",
            "transport/plain-http",
            "transport/reset",
        ] {
            assert_eq!(
                cell(client, id).status,
                Status::Pass,
                "{client} × {id}: {:?}",
                cell(client, id)
            );
        }
        assert_eq!(
            cell(client, "cert/expired").reason,
            Some(Reason::CertExpired)
        );
    }
    // The finest level each client can express: OpenSSL names self-signed, rustls only "untrusted".
    assert_eq!(
        cell("openssl", "cert/self-signed").reason,
        Some(Reason::CertSelfSigned)
    );
    assert_eq!(
        cell("rustls", "cert/self-signed").reason,
        Some(Reason::CertUntrusted)
    );
    assert_eq!(cell("rustls", "cert/self-signed").status, Status::Pass);
    // A real deviation: OpenSSL falls back to the CN. rustls has no DHE at all, so a weak DH
    // group is not its test: N/A, not a failure.
    assert_eq!(cell("openssl", "cert/no-san").status, Status::FalseAccept);
    assert_eq!(cell("rustls", "kex/dh512").status, Status::NotApplicable);
    assert_eq!(cell("openssl", "kex/dh512").reason, Some(Reason::TlsWeakDh));

    // A baseline turns the known deviation into XFAIL; once it is gone the row is XPASS.
    let baseline = Baseline::parse(
        "test.toml",
        "[[deviation]]\nclient = \"openssl\"\nscenario = \"cert/no-san\"\nstatus = \"false-accept\"\nwhy = \"CN fallback\"\n\
         [[deviation]]\nclient = \"openssl\"\nscenario = \"cert/expired\"\nstatus = \"false-accept\"\nwhy = \"stale row\"\n",
    )
    .unwrap();
    let mut cells = result.cells.clone();
    baseline.apply(&mut cells);
    let status = |id: &str| {
        cells
            .iter()
            .find(|c| c.client == "openssl" && c.scenario == id)
            .unwrap()
            .status
    };
    assert_eq!(status("cert/no-san"), Status::Xfail);
    assert_eq!(status("cert/expired"), Status::Xpass);
}

#[test]
fn the_cli_exits_zero_only_when_nothing_unexpected_happened() {
    let dir = common::TempDir::new("matrix-cli");
    let json = dir.path().join("m.json");
    let junit = dir.path().join("m.xml");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_badtls"))
            .args([
                "matrix",
                "--client",
                "openssl",
                "--client",
                "rustls",
                "--only",
                "good/default",
                "--only",
                "cert/no-san",
            ])
            .args(extra)
            .env("BADTLS_CACHE", dir.path())
            .output()
            .unwrap()
    };
    // openssl falls back to the CN on cert/no-san: unexpected, exit 1, and the reports say why.
    let out = run(&[
        "--out",
        json.to_str().unwrap(),
        "--out",
        junit.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("FALSE-ACCEPT") && stdout.contains("matrix: 3 passed, 1 failed, 0 skipped"),
        "{stdout}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["cells"].as_array().unwrap().len(), 4);
    assert!(report["clients"][0]["version"]
        .as_str()
        .is_some_and(|v| !v.is_empty()));
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert_eq!(xml.matches("<testcase").count(), 4);
    assert_eq!(xml.matches("<failure").count(), 1);

    // Recorded in a baseline it is XFAIL, and the run passes.
    let baseline = dir.write(
        "baseline.toml",
        "[[deviation]]\nclient = \"openssl\"\nscenario = \"cert/no-san\"\nstatus = \"false-accept\"\nwhy = \"CN fallback\"\n",
    );
    let out = run(&["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // An unknown client is a clear error.
    let out = run(&["--client", "netscape"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("netscape") && stderr.contains("unknown client"),
        "{stderr}"
    );
}

/// The adapter protocol's example (docs/examples/): a user's probe, in Python, joins the matrix
/// through `--probe` and its errors are classified by its own `--classifier` table.
#[test]
fn a_users_probe_and_classifier_join_the_matrix() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("SKIP: python3 is not installed");
        return;
    }
    let dir = common::TempDir::new("matrix-user-probe");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let probe = format!("example-py=python3 '{root}/docs/examples/http_client_probe.py'");
    let table = dir.write(
        "example-py.toml",
        &std::fs::read_to_string(format!("{root}/docs/examples/python-http-client.toml"))
            .unwrap()
            .replace("client = \"python-http-client\"", "client = \"example-py\""),
    );
    let ids = [
        "good/default",
        "cert/expired",
        "cert/self-signed",
        "cert/wrong-host",
        "transport/plain-http",
        "transport/reset",
        "kex/dh512",
    ];
    let run = |classifier: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_badtls"));
        cmd.args(["matrix", "--format", "json", "--probe", &probe])
            .args(["--client", "example-py"])
            .env("BADTLS_CACHE", dir.path());
        for id in ids {
            cmd.args(["--only", id]);
        }
        if classifier {
            cmd.arg("--classifier").arg(&table);
        }
        let out = cmd.output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        (out.status.code(), json)
    };
    let cell = |json: &serde_json::Value, id: &str| {
        json["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["client"] == "example-py" && c["scenario"] == id)
            .unwrap_or_else(|| panic!("no cell for {id}: {json}"))
            .clone()
    };

    let (code, json) = run(true);
    for id in ids {
        assert_eq!(
            cell(&json, id)["status"],
            "pass",
            "{id}: {}",
            cell(&json, id)
        );
    }
    assert_eq!(cell(&json, "cert/expired")["reason"], "cert.expired");
    assert_eq!(
        cell(&json, "cert/self-signed")["reason"],
        "cert.self-signed"
    );
    assert_eq!(code, Some(0));
    assert!(json["clients"][0]["version"]
        .as_str()
        .is_some_and(|v| v.starts_with("python-http-client ")));

    // Without its table the same rejections are unclassified: the raw text is all there is.
    let (code, json) = run(false);
    let expired = cell(&json, "cert/expired");
    assert_eq!(expired["status"], "wrong-reason", "{expired}");
    assert!(expired["raw"]
        .as_str()
        .is_some_and(|r| r.contains("certificate has expired")));
    assert_eq!(code, Some(1));
}

#[test]
fn bad_probe_and_classifier_arguments_are_one_line_errors() {
    let dir = common::TempDir::new("matrix-bad-probe");
    let wrong_client = dir.write("t.toml", "client = \"nobody\"\n");
    let bad_reason = dir.write(
        "r.toml",
        "client = \"curl\"\n[[pattern]]\ncontains = \"x\"\nreason = \"cert.bogus\"\n",
    );
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--probe".into(), "no-equals-sign".into()],
            "expected NAME=COMMAND",
        ),
        (
            vec!["--probe".into(), "curl=python3 x.py".into()],
            "already a client named 'curl'",
        ),
        (
            vec!["--probe".into(), "Bad Name=x".into()],
            "must be lowercase",
        ),
        (vec!["--probe".into(), "p=".into()], "no command"),
        (
            vec!["--probe".into(), "p=python3 'unclosed".into()],
            "--probe p=",
        ),
        (
            vec!["--classifier".into(), wrong_client.display().to_string()],
            "neither a built-in client nor a --probe",
        ),
        (
            vec!["--classifier".into(), bad_reason.display().to_string()],
            "cert.bogus",
        ),
        (
            vec!["--classifier".into(), "/nonexistent/t.toml".into()],
            "/nonexistent/t.toml",
        ),
    ];
    for (args, want) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_badtls"))
            .arg("matrix")
            .args(&args)
            .env("BADTLS_CACHE", dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
    }
}
