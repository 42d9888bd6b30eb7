//! The suite as people see it, in a real browser: headless Chromium runs the matrix (its
//! `chromium` row), then loads the HTML matrix report and the control port's page, whose live
//! column must reach the same verdicts for Chromium as the matrix's row. Screenshots of both go
//! to `target/tmp/browser/` for people to look at (CI keeps them as artifacts).
//!
//! Chromium not installed: the test says SKIP and passes (`.ci/run` installs it).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use badtls::{Config, Suite};
use badtls_matrix::adapter::{self, Adapter};
use badtls_matrix::baseline::Baseline;
use badtls_matrix::cell::Status;
use badtls_matrix::report::{self, Format};
use badtls_matrix::runner::{self, RunOptions};

mod common;

/// `GET path` on the control port, the body (plain HTTP/1.0, as `curl` would).
fn control_get(suite: &Suite, path: &str) -> String {
    let addr = suite
        .control_url()
        .trim_start_matches("http://")
        .to_string();
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    assert!(
        head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"),
        "{head}"
    );
    body.to_string()
}

#[test]
fn chromium_sees_the_report_and_the_page_as_the_matrix_does() {
    let suite = Suite::start_blocking(Config::default()).unwrap();
    assert!(suite.wait_complete(Duration::from_secs(300)));
    let ids: Vec<&str> = suite.endpoints().iter().map(|e| e.id()).collect();

    // The page lists every endpoint (what `curl http://CONTROL/` shows).
    let page = control_get(&suite, "/");
    for id in &ids {
        assert!(
            page.contains(&format!("\"id\":\"{id}\"")),
            "{id} not on the page"
        );
    }

    let dir = common::TempDir::new("browser");
    adapter::install_probes(dir.path()).unwrap();
    let chromium: Vec<Box<dyn Adapter>> =
        adapter::select(adapter::all(dir.path()), &["chromium".into()]).unwrap();
    if let Err(why) = chromium[0].version() {
        eprintln!("SKIP: {why}");
        return;
    }
    let opts = RunOptions {
        timeout: Duration::from_secs(10),
        jobs: 2,
        work_dir: dir.path().join("work"),
        strict: false,
        partition: None,
    };
    std::fs::create_dir_all(&opts.work_dir).unwrap();
    let files = runner::SuiteFiles::fetch(suite.manifest()).unwrap();
    let targets = runner::targets(suite.manifest(), &files, &opts).unwrap();
    // This machine's baseline, so the report shows Chromium's known deviations as XFAIL.
    let baseline = Baseline::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../ci/baseline.toml"
    )))
    .unwrap();
    let result = runner::run(
        &chromium,
        suite.manifest(),
        &targets,
        Some(&baseline),
        &opts,
        &|_| {},
    );
    let broken: Vec<_> = result
        .cells
        .iter()
        .filter(|c| matches!(c.status, Status::Error | Status::Hang | Status::Skip))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
    // What the matrix saw: accepted or not, for every cell it ran.
    let matrix: BTreeMap<&str, bool> = result
        .cells
        .iter()
        .filter(|c| c.status != Status::NotApplicable)
        .map(|c| (c.scenario.as_str(), c.raw.is_none()))
        .collect();

    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out).unwrap();
    let report_file = out.join("matrix.html");
    std::fs::write(&report_file, report::render(&result, Format::Html, false)).unwrap();
    let ca = dir.write("ca.pem", suite.ca_pem());
    let hosts: Vec<serde_json::Value> = suite
        .manifest()
        .endpoints
        .iter()
        .map(|e| serde_json::json!({"host": e.host, "address": e.address, "port": e.port}))
        .collect();
    let spec = serde_json::json!({
        "ca_file": ca,
        "hosts": hosts,
        "pages": [
            {"name": "report", "url": format!("file://{}", report_file.display()),
             "until": "document.querySelectorAll('td.cell').length > 0",
             // Open one cell's details, as a reader would, for the screenshot.
             "eval": "document.querySelector('td.cell[data-scenario=\"cert/expired\"]').click(), \
                      JSON.stringify({cells: document.querySelectorAll('td.cell').length, \
                      clients: document.querySelectorAll('th.client').length, \
                      panel: document.getElementById('panel').textContent})",
             "png": out.join("matrix.png")},
            {"name": "page", "url": format!("{}/", suite.control_url()),
             "until": "document.body.dataset.done === '1'",
             "eval": "JSON.stringify(Object.fromEntries([...document.querySelectorAll('td.live')]\
                      .map(td => [td.id.slice(5), td.dataset.outcome])))",
             "png": out.join("page.png")},
        ],
    });
    let spec_file = dir.write("spec.json", &spec.to_string());
    let python = std::env::var("BADTLS_PYTHON").unwrap_or_else(|_| "python3".into());
    let looked = Command::new(python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/browser/look.py"
        ))
        .arg(dir.path())
        .arg(&spec_file)
        .output()
        .unwrap();
    assert!(
        looked.status.success(),
        "look.py: {}",
        String::from_utf8_lossy(&looked.stderr)
    );
    let seen: BTreeMap<String, String> = serde_json::from_slice(&looked.stdout).unwrap();

    let grid: serde_json::Value = serde_json::from_str(&seen["report"]).unwrap();
    assert_eq!(grid["clients"], 1);
    assert_eq!(grid["cells"], result.cells.len());
    let expired = result
        .cells
        .iter()
        .find(|c| c.scenario == "cert/expired")
        .and_then(|c| c.raw.clone())
        .unwrap();
    assert!(
        grid["panel"].as_str().is_some_and(|p| p.contains(&expired)),
        "the cell's panel shows the client's text {expired:?}: {}",
        grid["panel"]
    );

    let live: BTreeMap<String, String> = serde_json::from_str(&seen["page"]).unwrap();
    assert_eq!(live.len(), ids.len(), "{live:?}");
    let differ: Vec<String> = matrix
        .iter()
        .filter(|(id, accepted)| (live[**id] == "accepted") != **accepted)
        .map(|(id, accepted)| {
            format!(
                "{id}: matrix {}, page {}",
                if *accepted { "accepted" } else { "rejected" },
                live[*id]
            )
        })
        .collect();
    assert!(
        differ.is_empty(),
        "the page and the matrix differ: {differ:#?}"
    );
    assert!(out.join("matrix.png").exists() && out.join("page.png").exists());
}
