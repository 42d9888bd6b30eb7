//! The terminal table: scenarios down, clients across, grouped by category.

use super::{cell, expected, grouped, short, summary};
use crate::cell::Status;
use crate::runner::MatrixResult;

fn paint(text: &str, status: Status, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let code = match status {
        Status::Pass => "32",
        Status::Xfail | Status::Skip | Status::NotApplicable => "90",
        Status::WrongReason => "33",
        _ => "31;1",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

pub fn render(result: &MatrixResult, color: bool) -> String {
    let width = 14;
    let id_width = result
        .scenarios
        .iter()
        .map(|e| e.id.len())
        .max()
        .unwrap_or(8)
        .max(8);
    // As wide as the longest expectation ("reject cert.revoked (needs revocation)").
    let expect_width = result
        .scenarios
        .iter()
        .map(|e| expected(e).chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    let mut out = String::new();
    out.push_str(&format!(
        "{:id_width$}  {:expect_width$}",
        "scenario", "expected"
    ));
    for c in &result.clients {
        let name: String = c.name.chars().take(width).collect();
        out.push_str(&format!(" {name:width$}"));
    }
    out.push('\n');
    for (category, ids) in grouped(result) {
        out.push_str(&format!("── {category} ──\n"));
        for id in ids {
            let Some(ep) = result.scenarios.iter().find(|e| e.id == id) else {
                continue;
            };
            out.push_str(&format!("{id:id_width$}  {:expect_width$}", expected(ep)));
            for client in &result.clients {
                match cell(result, &client.name, id) {
                    Some(c) => {
                        let text: String = short(c).chars().take(width).collect();
                        out.push(' ');
                        out.push_str(&paint(&format!("{text:width$}"), c.status, color));
                    }
                    None => out.push_str(&format!(" {:width$}", "-")),
                }
            }
            out.push('\n');
        }
    }
    out.push('\n');
    for c in &result.clients {
        match (&c.version, &c.skipped) {
            (Some(v), _) => out.push_str(&format!(
                "{:20} {v} ({:.1} s)\n",
                c.name,
                c.elapsed_ms as f64 / 1000.0
            )),
            (_, Some(why)) => out.push_str(&format!("{:20} SKIP: {why}\n", c.name)),
            _ => {}
        }
    }
    let unexpected: Vec<_> = result.unexpected().collect();
    if !unexpected.is_empty() {
        out.push_str("\nunexpected:\n");
        for c in unexpected {
            out.push_str(&format!(
                "  {} × {}: {} (expected {}) {}\n",
                c.client,
                c.scenario,
                c.status.label(),
                c.expect.describe(),
                c.note.as_deref().or(c.raw.as_deref()).unwrap_or("")
            ));
        }
    }
    if !result.version_drift.is_empty() {
        out.push_str("\nbaseline rows recorded with another client version (re-check them):\n");
        for d in &result.version_drift {
            out.push_str(&format!(
                "  {} × {}: recorded with {}, installed {}\n",
                d.client, d.scenario, d.recorded, d.installed
            ));
        }
    }
    out.push_str(&summary(result));
    out.push('\n');
    out.push_str(&super::closing_line(result));
    out.push('\n');
    out
}
