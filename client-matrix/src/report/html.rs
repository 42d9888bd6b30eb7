//! A self-contained HTML page (one file, no network): the matrix as a compact colour grid,
//! scenarios down and clients across, with a summary bar per client, filters by status and
//! category, and each cell's raw client text, expectation and reason explanation on click.
//!
//! The page is a static template (`grid.html`) and the result as JSON, put in its place.

use serde::Serialize;

use super::{expected, summary};
use crate::cell::{Cell, Status};
use crate::runner::MatrixResult;

const TEMPLATE: &str = include_str!("grid.html");
/// Where the data goes in the template.
const SLOT: &str = "/*BADTLS-MATRIX*/{}";

#[derive(Serialize)]
struct Page<'a> {
    summary: String,
    clients: Vec<ClientColumn<'a>>,
    scenarios: Vec<ScenarioRow<'a>>,
    cells: Vec<GridCell<'a>>,
    /// Every reason's explanation, by name.
    reasons: std::collections::BTreeMap<&'static str, &'static str>,
}

#[derive(Serialize)]
struct ClientColumn<'a> {
    name: &'a str,
    version: Option<&'a str>,
    skipped: Option<&'a str>,
}

#[derive(Serialize)]
struct ScenarioRow<'a> {
    id: &'a str,
    category: &'a str,
    summary: &'a str,
    expected: String,
    reason: Option<&'static str>,
}

#[derive(Serialize)]
struct GridCell<'a> {
    client: &'a str,
    scenario: &'a str,
    status: Status,
    label: &'static str,
    /// What the square shows: the reason's short name, or the status.
    short: String,
    reason: Option<&'static str>,
    raw: Option<&'a str>,
    note: Option<&'a str>,
    protocol: Option<&'a str>,
    cipher: Option<&'a str>,
}

/// `cert.expired` → `expired`; a status without a reason → its label.
fn square(cell: &Cell) -> String {
    let reason = cell
        .reason
        .map(|r| r.as_str().split_once('.').map_or(r.as_str(), |x| x.1));
    match (cell.status, reason) {
        (Status::Pass | Status::Xfail | Status::WrongReason, Some(r)) => r.to_string(),
        (Status::Pass, None) => "ok".into(),
        (Status::NotApplicable, _) => "n/a".into(),
        (s, _) => s.label().to_lowercase(),
    }
}

pub fn render(result: &MatrixResult) -> String {
    let page = Page {
        summary: summary(result),
        clients: result
            .clients
            .iter()
            .map(|c| ClientColumn {
                name: &c.name,
                version: c.version.as_deref(),
                skipped: c.skipped.as_deref(),
            })
            .collect(),
        scenarios: result
            .scenarios
            .iter()
            .map(|ep| ScenarioRow {
                id: &ep.id,
                category: ep.id.split_once('/').map_or(ep.id.as_str(), |x| x.0),
                summary: &ep.summary,
                expected: expected(ep),
                reason: ep.expect.reason.map(|r| r.as_str()),
            })
            .collect(),
        cells: result
            .cells
            .iter()
            .map(|c| GridCell {
                client: &c.client,
                scenario: &c.scenario,
                status: c.status,
                label: c.status.label(),
                short: square(c),
                reason: c.reason.map(|r| r.as_str()),
                raw: c.raw.as_deref(),
                note: c.note.as_deref(),
                protocol: c.protocol.as_deref(),
                cipher: c.cipher.as_deref(),
            })
            .collect(),
        reasons: badtls_contract::Reason::all()
            .map(|r| (r.as_str(), r.explain()))
            .collect(),
    };
    // `</` inside a script element would end it early: JSON allows `<\/` for it.
    let json = serde_json::to_string(&page)
        .unwrap_or_else(|_| "{}".into())
        .replace("</", "<\\/");
    TEMPLATE.replacen(SLOT, &json, 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_has_one_slot_for_the_data() {
        assert_eq!(super::TEMPLATE.matches(super::SLOT).count(), 1);
    }
}
