//! JUnit XML: one testsuite per client, one testcase per cell, for CI test reports.

use crate::cell::Status;
use crate::runner::MatrixResult;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

pub fn render(result: &MatrixResult) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"badtls matrix\">\n",
    );
    for client in &result.clients {
        let cells: Vec<_> = result
            .cells
            .iter()
            .filter(|c| c.client == client.name)
            .collect();
        let failures = cells
            .iter()
            .filter(|c| c.status.is_unexpected(result.strict))
            .count();
        let skipped = cells
            .iter()
            .filter(|c| {
                matches!(
                    c.status,
                    Status::Skip | Status::NotApplicable | Status::Xfail
                )
            })
            .count();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\" time=\"{:.3}\">\n",
            esc(&client.name),
            cells.len(),
            client.elapsed_ms as f64 / 1000.0
        ));
        for c in cells {
            out.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\">",
                esc(&c.client),
                esc(&c.scenario),
                c.elapsed_ms as f64 / 1000.0
            ));
            let expected = c.expect.describe();
            let detail = esc(c.note.as_deref().or(c.raw.as_deref()).unwrap_or(""));
            match c.status {
                Status::Pass => {}
                s if !s.is_unexpected(result.strict) => out.push_str(&format!(
                    "<skipped message=\"{}: {detail}\"/>",
                    c.status.label()
                )),
                s => out.push_str(&format!(
                    "<failure type=\"{}\" message=\"{} (expected {expected})\">{detail}</failure>",
                    s.label(),
                    s.label()
                )),
            }
            out.push_str("</testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
