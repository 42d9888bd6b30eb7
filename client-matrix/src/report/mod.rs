//! Reporters: each turns a finished [`MatrixResult`] into one format. They never run anything.

mod html;
mod junit;
mod markdown;
mod table;

use std::fmt;
use std::str::FromStr;

use crate::cell::{Cell, Status};
use crate::runner::MatrixResult;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Junit,
    Markdown,
    Html,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "junit" => Ok(Format::Junit),
            "markdown" | "md" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            other => Err(format!(
                "unknown format '{other}' (table, json, junit, markdown, html)"
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Junit => "junit",
            Format::Markdown => "markdown",
            Format::Html => "html",
        })
    }
}

impl Format {
    /// The format a file name asks for: `.json`, `.xml` (JUnit), `.md`, `.html`, else table.
    pub fn for_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => Format::Json,
            Some("xml") => Format::Junit,
            Some("md") => Format::Markdown,
            Some("html" | "htm") => Format::Html,
            _ => Format::Table,
        }
    }
}

/// Render `result` in `format`. `color` only matters for the table.
pub fn render(result: &MatrixResult, format: Format, color: bool) -> String {
    match format {
        Format::Table => table::render(result, color),
        Format::Json => serde_json::to_string_pretty(result).unwrap_or_default() + "\n",
        Format::Junit => junit::render(result),
        Format::Markdown => markdown::render(result),
        Format::Html => html::render(result),
    }
}

/// The short cell text tables use.
fn short(cell: &Cell) -> String {
    match (cell.status, cell.reason) {
        (Status::Pass, Some(r)) => format!(
            "ok {}",
            r.as_str().split_once('.').map_or(r.as_str(), |x| x.1)
        ),
        (Status::Pass, None) => "ok".into(),
        (Status::WrongReason, Some(r)) => format!("WRONG {r}"),
        (Status::WrongReason, None) => "WRONG ?".into(),
        (Status::Xfail, _) => format!(
            "xfail {}",
            cell.reason.map(|r| r.to_string()).unwrap_or_default()
        )
        .trim()
        .to_string(),
        (Status::NotApplicable, _) => "n/a".into(),
        (s, _) => s.label().to_string(),
    }
}

/// Scenario ids grouped by category, in manifest order.
fn grouped(result: &MatrixResult) -> Vec<(String, Vec<&str>)> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for ep in &result.scenarios {
        let cat = ep
            .id
            .split_once('/')
            .map_or(ep.id.as_str(), |x| x.0)
            .to_string();
        match groups.iter_mut().find(|(c, _)| *c == cat) {
            Some((_, ids)) => ids.push(&ep.id),
            None => groups.push((cat, vec![&ep.id])),
        }
    }
    groups
}

fn cell<'a>(result: &'a MatrixResult, client: &str, scenario: &str) -> Option<&'a Cell> {
    result
        .cells
        .iter()
        .find(|c| c.client == client && c.scenario == scenario)
}

/// The closing line CI systems read: passed (PASS, XFAIL), failed (anything unexpected),
/// skipped (SKIP, N/A).
pub fn closing_line(result: &MatrixResult) -> String {
    let passed = result
        .cells
        .iter()
        .filter(|c| matches!(c.status, Status::Pass | Status::Xfail))
        .count();
    let skipped = result
        .cells
        .iter()
        .filter(|c| matches!(c.status, Status::Skip | Status::NotApplicable))
        .count();
    let failed = result.unexpected().count();
    format!("matrix: {passed} passed, {failed} failed, {skipped} skipped")
}

/// One line: "N cells: 300 PASS, 12 XFAIL, ..."
pub fn summary(result: &MatrixResult) -> String {
    let counts: Vec<String> = result
        .counts()
        .iter()
        .map(|(s, n)| format!("{n} {}", s.label()))
        .collect();
    format!(
        "{} cells, {} clients, {} scenarios in {:.1} s: {}",
        result.cells.len(),
        result.clients.len(),
        result.scenarios.len(),
        result.elapsed_ms as f64 / 1000.0,
        counts.join(", ")
    )
}

/// "accept", "reject REASON", "either REASON", with "(needs CAPABILITY)".
fn expected(ep: &badtls_contract::ManifestEndpoint) -> String {
    ep.expect.describe()
}
