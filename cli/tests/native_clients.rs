//! The native clients of other platforms (.NET HttpClient, PowerShell Invoke-WebRequest,
//! macOS curl, URLSession): none of their runtimes is installed on this machine, so this checks
//! what can be checked here, for real: their classifier tables load as the matrix loads them and
//! are marked unverified row by row; their probe sources handle the protocol's fields and
//! `--version`; and where a runtime is absent the matrix reports SKIP with the reason.

use std::path::{Path, PathBuf};
use std::time::Duration;

use badtls::{Config, Suite};
use badtls_matrix::adapter::{Adapter, ProbeProcess};
use badtls_matrix::cell::Status;
use badtls_matrix::classify::Classifier;
use badtls_matrix::runner::{self, RunOptions};

mod common;

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("client-matrix")
}

/// (table, the client it is for, its probe source, the runtime that runs it).
const NATIVE: &[(&str, &str, &str, &str)] = &[
    (
        "dotnet-httpclient.toml",
        "dotnet-httpclient",
        "dotnet/Program.cs",
        "dotnet",
    ),
    (
        "powershell-iwr.toml",
        "powershell-iwr",
        "powershell_iwr.ps1",
        "pwsh",
    ),
    (
        "urlsession.toml",
        "urlsession",
        "urlsession_probe.swift",
        "swift",
    ),
    ("curl-macos.toml", "curl", "", "curl"),
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn native_tables_load_and_every_row_is_marked_unverified() {
    let dir = root().join("classifiers/native");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("classifiers/native")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = NATIVE.iter().map(|n| n.0.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed, "every native table is checked here");
    for (file, client, _, _) in NATIVE {
        let path = dir.join(file);
        let text = read(&path);
        let table = Classifier::from_toml(&path.display().to_string(), &text)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.client(), *client, "{file}");
        assert!(!table.reasons().is_empty(), "{file}: no rows");
        // Written from documentation, not from a run: every row says so until one confirms it.
        for (n, line) in text.lines().enumerate() {
            let row = line.starts_with("contains =") || line.starts_with("regex =");
            assert!(
                !row || line.contains("# unverified"),
                "{file}:{}: a row not marked unverified: {line}",
                n + 1
            );
        }
        assert!(
            text.contains("UNVERIFIED"),
            "{file}: the header says it is unverified"
        );
    }
}

#[test]
fn native_probes_speak_the_adapter_protocol() {
    let dir = root().join("probes/native");
    for (_, client, source, _) in NATIVE.iter().filter(|n| !n.2.is_empty()) {
        let text = read(&dir.join(source));
        // The target fields a probe must read, and the result fields it must write.
        for field in [
            "id",
            "url",
            "host",
            "address",
            "ca_file",
            "timeout_ms",
            "ok",
            "error",
        ] {
            assert!(
                text.contains(&format!("\"{field}\""))
                    || text.contains(&format!("{field} ="))
                    || text.contains(&format!(".{field}")),
                "{source}: never mentions the protocol field {field}"
            );
        }
        assert!(
            text.contains("--version"),
            "{source}: does not answer --version"
        );
        assert!(
            text.contains(&format!("\"{client} ")) || text.contains(&format!("{client} ")),
            "{source}: its --version line does not start with its client name {client}"
        );
        // No probe may switch verification off (comments may say that they do not).
        for line in text.lines() {
            let code = line.trim_start();
            if code.starts_with('#') || code.starts_with("//") {
                continue;
            }
            for off in [
                "SkipCertificateCheck",
                "DangerousAcceptAnyServerCertificateValidator",
            ] {
                assert!(!code.contains(off), "{source}: {off} in {line}");
            }
        }
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

#[test]
fn an_absent_runtime_is_skip_with_the_reason() {
    let suite = Suite::start_blocking(Config::default().only(["good/default"])).unwrap();
    let dir = common::TempDir::new("native-skip");
    let opts = RunOptions {
        timeout: Duration::from_secs(4),
        jobs: 1,
        work_dir: dir.path().to_path_buf(),
        strict: false,
        partition: None,
    };
    let files = runner::SuiteFiles::fetch(suite.manifest()).unwrap();
    let targets = runner::targets(suite.manifest(), &files, &opts).unwrap();
    let probes = root().join("probes/native");
    let commands: Vec<(&str, Vec<String>)> = vec![
        (
            "dotnet-httpclient",
            vec![
                "dotnet".into(),
                probes
                    .join("dotnet/bin/BadtlsProbe.dll")
                    .display()
                    .to_string(),
            ],
        ),
        (
            "powershell-iwr",
            vec![
                "pwsh".into(),
                "-NoProfile".into(),
                "-File".into(),
                probes.join("powershell_iwr.ps1").display().to_string(),
            ],
        ),
        (
            "urlsession",
            vec![
                "swift".into(),
                probes.join("urlsession_probe.swift").display().to_string(),
            ],
        ),
    ];
    let mut checked = 0;
    for (name, command) in commands {
        if on_path(&command[0]) {
            eprintln!(
                "{name}: {} is installed here; not checking its SKIP",
                command[0]
            );
            continue;
        }
        let adapters: Vec<Box<dyn Adapter>> = vec![Box::new(ProbeProcess::external(
            name,
            command.clone(),
            None,
        ))];
        let result = runner::run(&adapters, suite.manifest(), &targets, None, &opts, &|_| {});
        let cell = &result.cells[0];
        assert_eq!(cell.status, Status::Skip, "{name}: {cell:?}");
        let why = result.clients[0].skipped.as_deref().unwrap_or("");
        assert!(
            why.contains(&command[0]),
            "{name}: the reason names {}: {why}",
            command[0]
        );
        checked += 1;
    }
    eprintln!("{checked} absent runtimes reported as SKIP");
}
