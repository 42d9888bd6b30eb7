//! Baselines: known deviations of a client from the catalogue's expectations, each with a
//! written reason. A recorded deviation turns its cell into XFAIL; a recorded deviation that no
//! longer happens is XPASS, so the baseline never silently goes stale.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cell::{Cell, Status};

/// One known deviation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    pub client: String,
    pub scenario: String,
    /// wrong-reason | false-accept | false-reject | hang | error
    pub status: Status,
    /// Why this is expected: the finding, in words.
    pub why: String,
    /// The client does this only sometimes (a race in the client): a PASS is then not XPASS.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flaky: bool,
    /// The client's version line when the deviation was recorded; the report says when the
    /// installed client is another version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_with: Option<String>,
    /// Only on this platform (a run's platform label, `linux-x86_64`, `macos-aarch64`, or its
    /// `--platform-label`). Without it the row applies to the client wherever it runs; a row
    /// with it wins over one without for that platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
}

impl Deviation {
    /// Whether this row is about `column`'s client: `curl` or, in a merged report,
    /// `curl@linux-x86_64`.
    pub fn applies_to(&self, column: &str) -> bool {
        let (client, label) = crate::platform::split(column);
        client == self.client && (self.platform.is_none() || self.platform.as_deref() == label)
    }
}

/// A baseline row recorded with another version of its client than the one installed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDrift {
    pub client: String,
    pub scenario: String,
    pub recorded: String,
    pub installed: String,
}

/// A baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    #[serde(default, rename = "deviation")]
    pub deviations: Vec<Deviation>,
}

/// A baseline that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("baseline {file}: {message}")]
pub struct BaselineError {
    pub file: String,
    pub message: String,
}

impl Baseline {
    /// Read and check a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| BaselineError {
            file: file.clone(),
            message: format!("cannot read: {e}"),
        })?;
        Baseline::parse(&file, &text)
    }

    /// Parse and check baseline text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Baseline, BaselineError> {
        let err = |message: String| BaselineError {
            file: file.to_string(),
            message,
        };
        let baseline: Baseline = toml::from_str(text).map_err(|e| {
            err(e
                .to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "))
        })?;
        let mut seen = BTreeMap::new();
        for (i, d) in baseline.deviations.iter().enumerate() {
            let on = d
                .platform
                .as_deref()
                .map(|p| format!(" on {p}"))
                .unwrap_or_default();
            let row = format!("deviation #{} ({} × {}{on})", i + 1, d.client, d.scenario);
            if let Some(p) = &d.platform {
                crate::platform::check_label(p).map_err(|e| err(format!("{row}: {e}")))?;
            }
            if !d.status.is_deviation() {
                return Err(err(format!(
                    "{row}: status '{}' is not a deviation",
                    d.status.label()
                )));
            }
            if d.why.trim().is_empty() {
                return Err(err(format!("{row}: every deviation needs a written 'why'")));
            }
            let key = (d.client.clone(), d.scenario.clone(), d.platform.clone());
            if let Some(first) = seen.insert(key, i + 1) {
                return Err(err(format!(
                    "{row}: already recorded as deviation #{first}"
                )));
            }
        }
        Ok(baseline)
    }

    /// The row for `column` (a client, or `client@platform`) and `scenario`: the one for its
    /// platform if there is one, else the one for every platform.
    fn find(&self, column: &str, scenario: &str) -> Option<&Deviation> {
        let rows = || {
            self.deviations
                .iter()
                .filter(move |d| d.scenario == scenario && d.applies_to(column))
        };
        rows()
            .find(|d| d.platform.is_some())
            .or_else(|| rows().next())
    }

    /// Whether any row is restricted to a platform.
    pub fn has_platform_rows(&self) -> bool {
        self.deviations.iter().any(|d| d.platform.is_some())
    }

    /// The rows that apply on the platform labelled `label`, as rows for every platform: what a
    /// single run there (whose columns are plain client names) is compared with.
    pub fn for_platform(&self, label: &str) -> Baseline {
        let mut rows: Vec<Deviation> = Vec::new();
        for d in &self.deviations {
            match d.platform.as_deref() {
                Some(p) if p != label => continue,
                Some(_) => {
                    rows.retain(|r| (&r.client, &r.scenario) != (&d.client, &d.scenario));
                }
                None if rows
                    .iter()
                    .any(|r| (&r.client, &r.scenario) == (&d.client, &d.scenario)) =>
                {
                    continue
                }
                None => {}
            }
            rows.push(Deviation {
                platform: None,
                ..d.clone()
            });
        }
        Baseline { deviations: rows }
    }

    /// Turn recorded deviations into XFAIL, and recorded deviations that did not happen into XPASS.
    /// Cells of clients the baseline has no row for are left alone, and so are SKIP and N/A.
    pub fn apply(&self, cells: &mut [Cell]) {
        for cell in cells {
            let Some(known) = self.find(&cell.client, &cell.scenario) else {
                continue;
            };
            if matches!(cell.status, Status::Skip | Status::NotApplicable) {
                continue;
            }
            if cell.status == known.status {
                cell.status = Status::Xfail;
                cell.note = Some(known.why.clone());
            } else if cell.status == Status::Pass && known.flaky {
                cell.note = Some(format!(
                    "passed this time; known to be flaky: {}",
                    known.why
                ));
            } else {
                let was = cell.status;
                cell.status = if was == Status::Pass {
                    Status::Xpass
                } else {
                    was
                };
                cell.note = Some(format!(
                    "baseline expects {} ({}), got {}",
                    known.status.label(),
                    known.why,
                    was.label()
                ));
            }
        }
    }

    /// The rows of clients in `installed` (client → version line) that were recorded with
    /// another version.
    pub fn drift(&self, installed: &BTreeMap<String, String>) -> Vec<VersionDrift> {
        self.deviations
            .iter()
            .flat_map(|d| {
                installed
                    .iter()
                    .filter(|(column, _)| d.applies_to(column))
                    .filter_map(|(column, now)| {
                        let then = d.seen_with.as_ref()?;
                        (then != now).then(|| VersionDrift {
                            client: column.clone(),
                            scenario: d.scenario.clone(),
                            recorded: then.clone(),
                            installed: now.clone(),
                        })
                    })
            })
            .collect()
    }

    /// A baseline recording every deviation in `cells`, keeping the `why` of rows already known.
    /// A row whose client and scenario did not run together (a skipped client, a scenario left
    /// out by `--only` or `--client`) is kept as it is: only what ran is re-recorded. New and
    /// changed rows record the client's version from `installed` (client → version line).
    pub fn updated(&self, cells: &[Cell], installed: &BTreeMap<String, String>) -> Baseline {
        let ran: std::collections::BTreeSet<(&str, &str)> = cells
            .iter()
            .filter(|c| c.status != Status::Skip)
            .map(|c| (c.client.as_str(), c.scenario.as_str()))
            .collect();
        let mut deviations: Vec<Deviation> = self
            .deviations
            .iter()
            .filter(|d| !ran.contains(&(d.client.as_str(), d.scenario.as_str())))
            .cloned()
            .collect();
        for cell in cells {
            // XFAIL cells carry their original status in the baseline they came from.
            let known = self.find(&cell.client, &cell.scenario);
            let status = match cell.status {
                Status::Xfail => known.map(|d| d.status),
                Status::Pass => known.filter(|d| d.flaky).map(|d| d.status),
                s if s.is_deviation() => Some(s),
                _ => None,
            };
            let Some(status) = status else { continue };
            let flaky = known.is_some_and(|d| d.flaky && d.status == status);
            let why = self
                .find(&cell.client, &cell.scenario)
                .filter(|d| d.status == status)
                .map(|d| d.why.clone())
                .unwrap_or_else(|| {
                    format!(
                        "recorded by --update-baseline, explain it: {}",
                        cell.raw.as_deref().unwrap_or("(accepted)")
                    )
                });
            let seen_with =
                match known.filter(|d| d.status == status && cell.status == Status::Xfail) {
                    // Still happening as recorded: keep the version it was first seen with unless
                    // none was recorded.
                    Some(d) if d.seen_with.is_some() => d.seen_with.clone(),
                    _ => installed.get(&cell.client).cloned(),
                };
            deviations.push(Deviation {
                client: cell.client.clone(),
                scenario: cell.scenario.clone(),
                status,
                why,
                flaky,
                seen_with,
                platform: None,
            });
        }
        deviations.sort_by(|a, b| (&a.client, &a.scenario).cmp(&(&b.client, &b.scenario)));
        Baseline { deviations }
    }

    /// The baseline as TOML, one `[[deviation]]` per row.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# Known deviations of real clients from the catalogue's expectations, each with the reason.\n\
             # `badtls matrix --baseline FILE` turns them into XFAIL; `--update-baseline` rewrites this file.\n",
        );
        for d in &self.deviations {
            out.push_str(&format!(
                "\n[[deviation]]\nclient = {}\nscenario = {}\nstatus = \"{}\"\nwhy = {}\n",
                toml_str(&d.client),
                toml_str(&d.scenario),
                serde_kebab(d.status),
                toml_str(&d.why)
            ));
            if d.flaky {
                out.push_str("flaky = true\n");
            }
            if let Some(v) = &d.seen_with {
                out.push_str(&format!("seen_with = {}\n", toml_str(v)));
            }
            if let Some(p) = &d.platform {
                out.push_str(&format!("platform = {}\n", toml_str(p)));
            }
        }
        out
    }
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn serde_kebab(s: Status) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use badtls_contract::{Expectation, Reason};

    fn cell(client: &str, scenario: &str, status: Status) -> Cell {
        Cell {
            client: client.into(),
            scenario: scenario.into(),
            expect: Expectation::reject(Reason::CertHostnameMismatch),
            status,
            reason: None,
            raw: None,
            protocol: None,
            cipher: None,
            note: None,
            elapsed_ms: 0,
        }
    }

    const TEXT: &str = r#"
[[deviation]]
client = "curl"
scenario = "cert/no-san"
status = "false-accept"
why = "curl's OpenSSL backend falls back to the CN"
"#;

    #[test]
    fn recorded_deviations_become_xfail_and_stale_ones_xpass() {
        let b = Baseline::parse("b.toml", TEXT).unwrap();
        let mut cells = vec![
            cell("curl", "cert/no-san", Status::FalseAccept),
            cell("go", "cert/no-san", Status::FalseAccept),
        ];
        b.apply(&mut cells);
        assert_eq!(cells[0].status, Status::Xfail);
        assert_eq!(cells[1].status, Status::FalseAccept, "no row for go");
        let mut fixed = vec![cell("curl", "cert/no-san", Status::Pass)];
        b.apply(&mut fixed);
        assert_eq!(fixed[0].status, Status::Xpass);
    }

    #[test]
    fn update_keeps_known_reasons_and_round_trips() {
        let b = Baseline::parse("b.toml", TEXT).unwrap();
        let mut cells = vec![
            cell("curl", "cert/no-san", Status::FalseAccept),
            cell("curl", "cert/revoked", Status::FalseAccept),
        ];
        b.apply(&mut cells);
        let installed = BTreeMap::from([("curl".to_string(), "curl 8.0".to_string())]);
        let updated = b.updated(&cells, &installed);
        assert_eq!(updated.deviations.len(), 2);
        assert_eq!(
            updated.deviations[0].why,
            "curl's OpenSSL backend falls back to the CN"
        );
        assert_eq!(updated.deviations[1].seen_with.as_deref(), Some("curl 8.0"));
        // The version a row was recorded with is compared with the installed one.
        assert!(updated.drift(&installed).is_empty());
        let newer = BTreeMap::from([("curl".to_string(), "curl 8.1".to_string())]);
        let drift = updated.drift(&newer);
        assert_eq!(drift.len(), 2);
        assert_eq!(
            (drift[0].recorded.as_str(), drift[0].installed.as_str()),
            ("curl 8.0", "curl 8.1")
        );
        let again = Baseline::parse("again.toml", &updated.to_toml()).unwrap();
        assert_eq!(again, updated);
    }

    #[test]
    fn an_update_of_some_scenarios_keeps_the_rows_of_the_others() {
        let b = Baseline::parse("b.toml", TEXT).unwrap();
        assert_eq!(b.deviations.len(), 1);
        // curl ran only another scenario (as under --only): its cert/no-san row stays.
        let cells = vec![cell("curl", "cert/expired", Status::Pass)];
        let updated = b.updated(&cells, &BTreeMap::new());
        assert_eq!(updated, b);
        // curl ran cert/no-san and now passes: the row goes.
        let cells = vec![cell("curl", "cert/no-san", Status::Pass)];
        assert!(b.updated(&cells, &BTreeMap::new()).deviations.is_empty());
    }

    #[test]
    fn a_flaky_deviation_may_also_pass() {
        let b = Baseline::parse("b.toml", &format!("{TEXT}flaky = true\n")).unwrap();
        let mut cells = vec![cell("curl", "cert/no-san", Status::Pass)];
        b.apply(&mut cells);
        assert_eq!(cells[0].status, Status::Pass, "not XPASS");
        assert_eq!(
            b.updated(&cells, &BTreeMap::new()),
            b,
            "the flaky row is kept"
        );
        let mut cells = vec![cell("curl", "cert/no-san", Status::FalseAccept)];
        b.apply(&mut cells);
        assert_eq!(cells[0].status, Status::Xfail);
        let mut cells = vec![cell("curl", "cert/no-san", Status::WrongReason)];
        b.apply(&mut cells);
        assert_eq!(
            cells[0].status,
            Status::WrongReason,
            "another deviation is still unexpected"
        );
    }

    #[test]
    fn platform_rows_apply_to_their_platform_and_win_there() {
        let text = format!(
            "{TEXT}\n[[deviation]]\nclient = \"curl\"\nscenario = \"cert/no-san\"\nstatus = \"wrong-reason\"\nwhy = \"SecureTransport says something else\"\nplatform = \"macos-aarch64\"\n"
        );
        let b = Baseline::parse("b.toml", &text).unwrap();
        let mut cells = vec![
            cell("curl@linux-x86_64", "cert/no-san", Status::FalseAccept),
            cell("curl@macos-aarch64", "cert/no-san", Status::WrongReason),
            cell("curl@macos-aarch64", "cert/expired", Status::WrongReason),
            cell("curl", "cert/no-san", Status::FalseAccept),
        ];
        b.apply(&mut cells);
        let got: Vec<Status> = cells.iter().map(|c| c.status).collect();
        assert_eq!(
            got,
            [
                Status::Xfail,
                Status::Xfail,
                Status::WrongReason,
                Status::Xfail
            ]
        );
        // A single run on macOS sees the macOS row as its own; on Linux, the general one.
        let mac = b.for_platform("macos-aarch64");
        assert_eq!(mac.deviations.len(), 1);
        assert_eq!(mac.deviations[0].status, Status::WrongReason);
        assert_eq!(
            b.for_platform("linux-x86_64").deviations[0].status,
            Status::FalseAccept
        );
        let again = Baseline::parse("again.toml", &b.to_toml()).unwrap();
        assert_eq!(again, b);
        let bad = text.replace("macos-aarch64", "mac OS");
        let e = Baseline::parse("b.toml", &bad).unwrap_err().to_string();
        assert!(e.contains("#2") && e.contains("mac OS"), "{e}");
    }

    #[test]
    fn bad_rows_are_errors_naming_the_row() {
        let no_why = TEXT.replace(
            "why = \"curl's OpenSSL backend falls back to the CN\"",
            "why = \" \"",
        );
        let e = Baseline::parse("b.toml", &no_why).unwrap_err().to_string();
        assert!(
            e.contains("b.toml") && e.contains("#1") && e.contains("why"),
            "{e}"
        );
        let pass = TEXT.replace("false-accept", "pass");
        assert!(Baseline::parse("b.toml", &pass)
            .unwrap_err()
            .to_string()
            .contains("not a deviation"));
        let twice = format!("{TEXT}{TEXT}");
        assert!(Baseline::parse("b.toml", &twice)
            .unwrap_err()
            .to_string()
            .contains("already recorded"));
    }
}
