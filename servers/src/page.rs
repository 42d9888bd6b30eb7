//! The control port's web page for people (`/`): every endpoint grouped by category, with its
//! link, expectation and explanation, the CA and client identity to download, and a live column
//! in which the page tries each endpoint from the visitor's browser.
//!
//! The page is one static template (`page/index.html`, plain HTML, CSS and JavaScript, compiled
//! into the binary so it works in the `FROM scratch` image) and the suite's endpoints as JSON,
//! put in its place at start-up.

use serde::Serialize;

use crate::suite::Endpoint;

const TEMPLATE: &str = include_str!("page/index.html");
/// Where the endpoint list goes in the template.
const SLOT: &str = "/*BADTLS-ENDPOINTS*/[]";

/// One row of the page, as its script reads it.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    category: &'a str,
    summary: &'a str,
    explain: &'a str,
    url: String,
    host: &'a str,
    address: String,
    verdict: &'static str,
    reason: Option<&'static str>,
    reason_explain: Option<&'static str>,
    requires: Vec<&'static str>,
    /// Capabilities with which a client must accept instead (`expect.accept_with`).
    accept_with: Vec<&'static str>,
    client_cert: bool,
}

/// The page for these endpoints.
pub fn render(endpoints: &[Endpoint]) -> Result<String, serde_json::Error> {
    let rows: Vec<Row> = endpoints
        .iter()
        .map(|e| {
            let expect = e.expect();
            Row {
                id: e.id(),
                category: e.id().split_once('/').map_or(e.id(), |(c, _)| c),
                summary: &e.scenario().summary,
                explain: &e.scenario().explain,
                url: e.url(),
                host: e.host(),
                address: e.socket_addr().ip().to_string(),
                verdict: expect.verdict.as_str(),
                reason: expect.reason.map(|r| r.as_str()),
                reason_explain: expect.reason.map(|r| r.explain()),
                requires: expect.requires.iter().map(|c| c.as_str()).collect(),
                accept_with: expect.accept_with.iter().map(|c| c.as_str()).collect(),
                client_cert: e.wants_client_cert(),
            }
        })
        .collect();
    // `</` inside a script element would end it early: JSON allows `<\/` for it.
    let json = serde_json::to_string(&rows)?.replace("</", "<\\/");
    Ok(TEMPLATE.replacen(SLOT, &json, 1))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_has_one_slot_for_the_endpoints() {
        assert_eq!(super::TEMPLATE.matches(super::SLOT).count(), 1);
    }
}
