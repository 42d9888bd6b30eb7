//! Many runs' JSON reports into one matrix (`badtls report merge`): each client becomes a column
//! per platform, `CLIENT@LABEL` (`curl@linux-x86_64`, `curl@windows-x86_64`), so the reporters
//! render a merged matrix as they render any other. Runs must share the catalogue (same
//! scenarios, same expectations); partitions of one platform must not overlap.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::baseline::Baseline;
use crate::cell::Status;
use crate::partition::Partition;
use crate::platform::qualify;
use crate::runner::{ClientInfo, MatrixResult};

/// One run a merged report was made of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file it was read from, as named on the command line.
    pub file: String,
    /// Its platform label (the qualifier of its columns).
    pub platform: String,
    #[serde(default)]
    pub partition: Option<Partition>,
    #[serde(default)]
    pub badtls_version: Option<String>,
    /// Its suite's CA fingerprint (one suite per runner has its own CA).
    #[serde(default)]
    pub ca_sha256: Option<String>,
}

/// Why runs cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("nothing to merge: name at least one JSON report")]
    Nothing,
    #[error("{file}: no manifest identity in this report (written by a badtls older than `report merge`); run it again")]
    NoIdentity { file: String },
    #[error("{file}: no platform in this report (written by a badtls older than `report merge`); run it again")]
    NoPlatform { file: String },
    #[error("{file} ran against another catalogue than {first} (catalogue {theirs} with {their_count} scenarios, not {ours} with {our_count}): merge only runs of the same badtls catalogue and --only selection")]
    Catalogue {
        first: String,
        file: String,
        ours: String,
        our_count: usize,
        theirs: String,
        their_count: usize,
    },
    #[error("{file} and {first} overlap: both have {column} × {scenario} (the same partition twice, or runs that were not partitions of one matrix; give each platform's jobs one --partition K/N each, or distinct --platform-label)")]
    Duplicate {
        first: String,
        file: String,
        column: String,
        scenario: String,
    },
    #[error("{file}: {column} × {scenario} is {status}: this run was judged with a baseline already; merge runs made without --baseline and give the baseline to the merge")]
    BaselineApplied {
        file: String,
        column: String,
        scenario: String,
        status: &'static str,
    },
}

/// Merge `runs` (file name, report) into one matrix. With `baseline`, known deviations of each
/// client and platform become XFAIL (rows without a platform apply on every platform).
pub fn merge(
    runs: &[(String, MatrixResult)],
    baseline: Option<&Baseline>,
    strict: bool,
) -> Result<MatrixResult, MergeError> {
    let (first_file, first) = runs.first().ok_or(MergeError::Nothing)?;
    let identity = |file: &str, r: &MatrixResult| {
        r.manifest.clone().ok_or_else(|| MergeError::NoIdentity {
            file: file.to_string(),
        })
    };
    let ours = identity(first_file, first)?;
    let mut clients: Vec<ClientInfo> = Vec::new();
    let mut cells = Vec::new();
    let mut owner: BTreeMap<(String, String), &str> = BTreeMap::new();
    let mut sources = Vec::new();
    let mut drift = Vec::new();
    for (file, run) in runs {
        let theirs = identity(file, run)?;
        if theirs.catalogue_sha256 != ours.catalogue_sha256 {
            return Err(MergeError::Catalogue {
                first: first_file.clone(),
                file: file.clone(),
                ours: short(&ours.catalogue_sha256),
                our_count: ours.scenarios,
                theirs: short(&theirs.catalogue_sha256),
                their_count: theirs.scenarios,
            });
        }
        let label = match (&run.platform, run.merged_from.is_empty()) {
            (Some(p), _) => p.label.clone(),
            // A merged report's columns are qualified already.
            (None, false) => String::new(),
            (None, true) => {
                return Err(MergeError::NoPlatform {
                    file: file.to_string(),
                })
            }
        };
        if run.merged_from.is_empty() {
            sources.push(Source {
                file: file.clone(),
                platform: label.clone(),
                partition: run.partition,
                badtls_version: run.badtls_version.clone(),
                ca_sha256: Some(theirs.ca_sha256.clone()),
            });
        } else {
            sources.extend(run.merged_from.iter().cloned());
        }
        for cell in &run.cells {
            let column = qualify(&cell.client, &label);
            if baseline.is_some() && matches!(cell.status, Status::Xfail | Status::Xpass) {
                return Err(MergeError::BaselineApplied {
                    file: file.clone(),
                    column,
                    scenario: cell.scenario.clone(),
                    status: cell.status.label(),
                });
            }
            let key = (column.clone(), cell.scenario.clone());
            if let Some(first) = owner.insert(key, file) {
                return Err(MergeError::Duplicate {
                    first: first.to_string(),
                    file: file.clone(),
                    column,
                    scenario: cell.scenario.clone(),
                });
            }
            let mut cell = cell.clone();
            cell.client = column;
            cells.push(cell);
        }
        for info in &run.clients {
            let name = qualify(&info.name, &label);
            match clients.iter_mut().find(|c| c.name == name) {
                // Partitions of one platform: one column, the longest any of them took.
                Some(known) => {
                    known.elapsed_ms = known.elapsed_ms.max(info.elapsed_ms);
                    if known.version.is_none() {
                        known.version.clone_from(&info.version);
                        known.skipped.clone_from(&info.skipped);
                    }
                }
                None => clients.push(ClientInfo {
                    name,
                    ..info.clone()
                }),
            }
        }
        if baseline.is_none() {
            drift.extend(run.version_drift.iter().map(|d| {
                let mut d = d.clone();
                d.client = qualify(&d.client, &label);
                d
            }));
        }
    }
    let mut result = MatrixResult {
        clients,
        scenarios: first.scenarios.clone(),
        cells,
        elapsed_ms: runs.iter().map(|(_, r)| r.elapsed_ms).max().unwrap_or(0),
        strict,
        version_drift: drift,
        badtls_version: Some(env!("CARGO_PKG_VERSION").to_string()),
        platform: None,
        manifest: Some(ours),
        partition: None,
        merged_from: sources,
    };
    if let Some(b) = baseline {
        b.apply(&mut result.cells);
        result.version_drift = b.drift(&result.installed());
    }
    Ok(result)
}

/// Platforms whose partitions do not add up: (label, count, the indexes present). A warning,
/// not an error: merging what finished is still worth a report.
pub fn missing_partitions(sources: &[Source]) -> Vec<(String, usize, Vec<usize>)> {
    let mut by: BTreeMap<(&str, usize), Vec<usize>> = BTreeMap::new();
    for s in sources {
        if let Some(p) = s.partition {
            by.entry((&s.platform, p.count)).or_default().push(p.index);
        }
    }
    by.into_iter()
        .filter(|((_, n), ks)| ks.len() < *n)
        .map(|((label, n), mut ks)| {
            ks.sort_unstable();
            (label.to_string(), n, ks)
        })
        .collect()
}

fn short(digest: &str) -> String {
    digest.chars().take(12).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::Baseline;

    /// A report as `badtls matrix` writes it: `cells` is (client, scenario, status).
    fn run(
        label: &str,
        catalogue: &str,
        part: Option<(usize, usize)>,
        cells: &[(&str, &str, &str)],
    ) -> MatrixResult {
        let cells: Vec<serde_json::Value> = cells
            .iter()
            .map(|(client, scenario, status)| {
                serde_json::json!({"client": client, "scenario": scenario,
                    "expect": {"verdict": "reject", "reason": "cert.expired"}, "status": status,
                    "reason": null, "raw": null, "protocol": null, "cipher": null, "note": null,
                    "elapsed_ms": 1})
            })
            .collect();
        let mut clients: Vec<&str> = cells.iter().filter_map(|c| c["client"].as_str()).collect();
        clients.dedup();
        let json = serde_json::json!({
            "clients": clients.iter().map(|c| serde_json::json!({"name": c, "version": "v1", "skipped": null, "elapsed_ms": 5})).collect::<Vec<_>>(),
            "scenarios": [], "cells": cells, "elapsed_ms": 9, "strict": false, "version_drift": [],
            "badtls_version": "0.1.0",
            "platform": {"os": "linux", "arch": "x86_64", "label": label},
            "manifest": {"version": 2, "ca_sha256": "ca", "catalogue_sha256": catalogue, "scenarios": 2},
            "partition": part.map(|(index, count)| serde_json::json!({"index": index, "count": count})),
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn partitions_fill_one_column_per_client_and_platform() {
        let runs = vec![
            (
                "p1.json".to_string(),
                run(
                    "linux-x86_64",
                    "c",
                    Some((1, 2)),
                    &[("curl", "good/default", "pass")],
                ),
            ),
            (
                "p2.json".to_string(),
                run(
                    "linux-x86_64",
                    "c",
                    Some((2, 2)),
                    &[("curl", "cert/expired", "false-accept")],
                ),
            ),
            (
                "mac.json".to_string(),
                run(
                    "macos-aarch64",
                    "c",
                    None,
                    &[("curl", "cert/expired", "false-accept")],
                ),
            ),
        ];
        let merged = merge(&runs, None, false).unwrap();
        let names: Vec<&str> = merged.clients.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["curl@linux-x86_64", "curl@macos-aarch64"]);
        assert_eq!(merged.cells.len(), 3);
        assert_eq!(merged.unexpected().count(), 2);
        assert!(missing_partitions(&merged.merged_from).is_empty());
        assert_eq!(
            missing_partitions(&merged.merged_from[..1]),
            [("linux-x86_64".to_string(), 2, vec![1])]
        );
        // A baseline row for one platform turns only that platform's cell into XFAIL.
        let b = Baseline::parse("b.toml", "[[deviation]]\nclient = \"curl\"\nscenario = \"cert/expired\"\nstatus = \"false-accept\"\nwhy = \"x\"\nplatform = \"macos-aarch64\"\n").unwrap();
        let judged = merge(&runs, Some(&b), false).unwrap();
        assert_eq!(judged.unexpected().count(), 1);
        // A merged report merges again, keeping its columns.
        let again = merge(&[("m.json".to_string(), merged)], None, false).unwrap();
        assert_eq!(again.clients.len(), 2);
        assert_eq!(again.merged_from.len(), 3);
    }

    #[test]
    fn other_catalogues_overlaps_and_judged_runs_are_refused() {
        let a = run(
            "linux-x86_64",
            "c1",
            None,
            &[("curl", "good/default", "pass")],
        );
        let b = run(
            "linux-x86_64",
            "c2",
            None,
            &[("curl", "cert/expired", "pass")],
        );
        let e = merge(
            &[("a.json".into(), a.clone()), ("b.json".into(), b)],
            None,
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("a.json") && e.contains("b.json") && e.contains("catalogue"),
            "{e}"
        );
        let e = merge(
            &[("a.json".into(), a.clone()), ("a2.json".into(), a)],
            None,
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("overlap") && e.contains("curl@linux-x86_64 × good/default"),
            "{e}"
        );
        let x = run(
            "linux-x86_64",
            "c1",
            None,
            &[("curl", "good/default", "xfail")],
        );
        let e = merge(&[("x.json".into(), x)], Some(&Baseline::default()), false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.json") && e.contains("baseline"), "{e}");
    }
}
