//! One matrix as three partitions and as one run, against the same running suite: merged, the
//! partitions give the same cells and verdicts as the single run. Runs against another
//! catalogue, or overlapping partitions, are refused with an error naming the files.
//!
//! Every child is bounded in time and killed (by its own handle) on any failure path.

mod common;
use common::TempDir;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use badtls_matrix::baseline::Baseline;

const BIN: &str = env!("CARGO_BIN_EXE_badtls");

/// One matrix run may take this long on a loaded machine (JVM start-up, 20 s timeouts).
const RUN_DEADLINE: Duration = Duration::from_secs(900);

/// A child killed and reaped on drop.
struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_bounded(child: &mut Child, limit: Duration, what: &str) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        assert!(
            start.elapsed() < limit,
            "{what}: still running after {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Run badtls with `args`, stdout and stderr to files in `dir`; (exit code, stderr).
fn badtls(dir: &Path, tag: &str, args: &[&str]) -> (i32, String) {
    let out = std::fs::File::create(dir.join(format!("{tag}.stdout"))).expect("stdout file");
    let err_path = dir.join(format!("{tag}.stderr"));
    let err = std::fs::File::create(&err_path).expect("stderr file");
    let mut guard = ChildGuard(
        Command::new(BIN)
            .args(args)
            .env("BADTLS_PYTHON", python())
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .expect("spawn badtls"),
    );
    let status = wait_bounded(&mut guard.0, RUN_DEADLINE, tag);
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    (status.code().unwrap_or(-1), stderr)
}

/// The interpreter with `requests`, as the matrix is told in CI.
fn python() -> String {
    std::env::var("BADTLS_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// (client without platform, scenario) → (status, reason): what a verdict is made of.
fn verdicts(path: &Path) -> BTreeMap<(String, String), (String, String)> {
    cells(path)
        .into_iter()
        .map(|(k, (status, reason, _))| (k, (status, reason)))
        .collect()
}

/// (client without platform, scenario) → (status, reason, raw error text).
fn cells(path: &Path) -> BTreeMap<(String, String), (String, String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON report");
    json["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .map(|c| {
            let client = c["client"].as_str().expect("client");
            let client = client.split_once('@').map_or(client, |x| x.0);
            (
                (
                    client.to_string(),
                    c["scenario"].as_str().expect("scenario").to_string(),
                ),
                (
                    c["status"].as_str().unwrap_or("").to_string(),
                    c["reason"].to_string(),
                    c["raw"].to_string(),
                ),
            )
        })
        .collect()
}

#[test]
fn three_partitions_merge_into_the_single_run() {
    let dir = TempDir::new("partition-merge");
    let manifest_path = dir.path().join("manifest.json");
    let mut suite = ChildGuard(
        Command::new(BIN)
            .args(["serve", "--manifest-out"])
            .arg(&manifest_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn badtls serve"),
    );
    // The manifest file is written in one go but not atomically: wait until it parses.
    let start = Instant::now();
    let manifest: serde_json::Value = loop {
        let parsed = std::fs::read_to_string(&manifest_path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
        if let Some(m) = parsed {
            break m;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "badtls serve wrote no manifest in 60 s"
        );
        assert!(
            suite.0.try_wait().expect("try_wait").is_none(),
            "badtls serve exited"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let control = manifest["control"]
        .as_str()
        .expect("control URL")
        .to_string();

    let path = |name: &str| -> PathBuf { dir.path().join(name) };
    let s = |p: &PathBuf| p.display().to_string();
    let matrix = |tag: &str, extra: &[&str], out: &PathBuf| {
        let mut args = vec!["matrix", "--target", &control, "--timeout", "20"];
        args.extend_from_slice(extra);
        let out = s(out);
        args.extend(["--out", &out]);
        let (code, stderr) = badtls(dir.path(), tag, &args);
        assert!(code == 0 || code == 1, "{tag}: exit {code}: {stderr}");
        code
    };

    let single = path("single.json");
    let single_code = matrix("single", &[], &single);
    let parts: Vec<PathBuf> = (1..=3).map(|k| path(&format!("part{k}.json"))).collect();
    for (k, part) in parts.iter().enumerate() {
        let spec = format!("{}/3", k + 1);
        matrix(&format!("part{}", k + 1), &["--partition", &spec], part);
    }

    // Each partition has about a third of the cells, and says which it is.
    let whole = verdicts(&single);
    for (k, part) in parts.iter().enumerate() {
        let n = verdicts(part).len();
        assert!(
            n.abs_diff(whole.len() / 3) <= 1,
            "partition {}: {n} of {} cells",
            k + 1,
            whole.len()
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(part).expect("part")).expect("JSON");
        assert_eq!(json["partition"]["index"], k + 1);
        assert_eq!(json["partition"]["count"], 3);
        assert!(json["platform"]["label"].is_string(), "platform recorded");
        assert!(
            json["manifest"]["catalogue_sha256"].is_string(),
            "catalogue recorded"
        );
    }

    let merged = path("merged.json");
    let junit = path("merged.xml");
    let mut args = vec!["report".to_string(), "merge".to_string()];
    args.extend(parts.iter().map(s));
    args.extend(["--out".into(), s(&merged), "--out".into(), s(&junit)]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stderr) = badtls(dir.path(), "merge", &args);
    assert_eq!(
        code, single_code,
        "merge exits as the single run did: {stderr}"
    );
    let got = verdicts(&merged);
    // A client the baseline knows to be racy on a cell (`flaky = true`: it sometimes passes,
    // sometimes shows the recorded deviation) may differ between two runs on that cell, between
    // exactly those two outcomes. Every other cell must be the same.
    let baseline = Baseline::load(
        &Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("ci/baseline.toml"),
    )
    .expect("ci/baseline.toml");
    let racy = |(client, scenario): &(String, String), a: &str, b: &str| {
        baseline.deviations.iter().any(|d| {
            d.flaky && &d.client == client && &d.scenario == scenario && {
                let recorded = serde_json::to_value(d.status).unwrap_or_default();
                let ok = |s: &str| s == "pass" || recorded.as_str() == Some(s);
                ok(a) && ok(b)
            }
        })
    };
    let (raw_single, raw_merged) = (cells(&single), cells(&merged));
    let mut tolerated = Vec::new();
    let differ: Vec<_> = whole
        .iter()
        .filter(|(k, v)| got.get(*k) != Some(*v))
        .filter(|(k, v)| {
            let other = got.get(*k).map_or("", |g| g.0.as_str());
            let flaky = racy(k, &v.0, other);
            if flaky {
                tolerated.push(format!("{k:?}: {} / {other}", v.0));
            }
            !flaky
        })
        .map(|(k, v)| {
            format!(
                "{k:?}: single {v:?} ({}), merged {:?} ({})",
                raw_single.get(k).map_or("", |r| r.2.as_str()),
                got.get(k),
                raw_merged.get(k).map_or("", |r| r.2.as_str())
            )
        })
        .collect();
    assert!(
        differ.is_empty(),
        "cells that differ:\n{}",
        differ.join("\n")
    );
    eprintln!(
        "{} cells alike; {} known-flaky cells differed: {tolerated:?}",
        whole.len() - tolerated.len(),
        tolerated.len()
    );
    assert_eq!(got.len(), whole.len(), "no extra cells in the merge");
    let text = std::fs::read_to_string(&merged).expect("merged");
    let json: serde_json::Value = serde_json::from_str(&text).expect("merged JSON");
    let label = json["merged_from"][0]["platform"].as_str().expect("label");
    assert!(
        json["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .all(|c| c["client"]
                .as_str()
                .is_some_and(|n| n.ends_with(&format!("@{label}")))),
        "every column is CLIENT@{label}"
    );
    assert!(std::fs::read_to_string(&junit)
        .expect("junit")
        .contains("<testsuite"));

    // The same partition twice overlaps.
    let p1 = s(&parts[0]);
    let (code, stderr) = badtls(dir.path(), "overlap", &["report", "merge", &p1, &p1]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("overlap") && stderr.contains(&p1),
        "{stderr}"
    );

    // Another catalogue (a narrower --only) is refused, naming both files.
    let other = path("other.json");
    matrix(
        "other",
        &[
            "--client",
            "rustls",
            "--only",
            "good/default",
            "--only",
            "cert/expired",
        ],
        &other,
    );
    let (p2, o) = (s(&parts[1]), s(&other));
    let (code, stderr) = badtls(dir.path(), "catalogue", &["report", "merge", &p2, &o]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("catalogue") && stderr.contains(&p2) && stderr.contains(&o),
        "{stderr}"
    );
    drop(suite);
}
