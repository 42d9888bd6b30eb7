//! A self-contained HTML page: the matrix, each cell's raw error on hover, and what every
//! reason means (cause and fix).

use super::{cell, expected, grouped, short, summary};
use crate::runner::MatrixResult;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn render(result: &MatrixResult) -> String {
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>badtls matrix</title>\n<style>\
         body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}\
         td,th{border:1px solid #ccc;padding:3px 6px;white-space:nowrap}th{background:#f4f4f4}\
         .pass{background:#dff5df}.xfail,.skip{background:#eee;color:#666}.wrong-reason{background:#fff3c4}\
         .false-accept,.false-reject,.error,.hang,.xpass{background:#ffd6d6;font-weight:bold}\
         tr.cat td{background:#e8eefc;font-weight:bold}dt{font-family:monospace;margin-top:.6em}</style></head><body>\n\
         <h1>badtls client matrix</h1>\n",
    );
    out.push_str(&format!(
        "<p>{}</p>\n<table>\n<tr><th>scenario</th><th>expected</th>",
        esc(&summary(result))
    ));
    for c in &result.clients {
        out.push_str(&format!(
            "<th title=\"{}\">{}</th>",
            esc(c.version.as_deref().or(c.skipped.as_deref()).unwrap_or("")),
            esc(&c.name)
        ));
    }
    out.push_str("</tr>\n");
    for (category, ids) in grouped(result) {
        out.push_str(&format!(
            "<tr class=\"cat\"><td colspan=\"{}\">{}/</td></tr>\n",
            result.clients.len() + 2,
            esc(&category)
        ));
        for id in ids {
            let Some(ep) = result.scenarios.iter().find(|e| e.id == id) else {
                continue;
            };
            out.push_str(&format!(
                "<tr><td title=\"{}\">{}</td><td>{}</td>",
                esc(&ep.summary),
                esc(id),
                esc(&expected(ep))
            ));
            for client in &result.clients {
                match cell(result, &client.name, id) {
                    Some(c) => {
                        let class = serde_json::to_value(c.status)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default();
                        let title = c.note.as_deref().or(c.raw.as_deref()).unwrap_or("");
                        out.push_str(&format!(
                            "<td class=\"{class}\" title=\"{}\">{}</td>",
                            esc(title),
                            esc(&short(c))
                        ));
                    }
                    None => out.push_str("<td>-</td>"),
                }
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</table>\n<h2>Unexpected cells</h2>\n<ul>\n");
    for c in result
        .cells
        .iter()
        .filter(|c| c.status.is_unexpected(result.strict))
    {
        out.push_str(&format!(
            "<li><b>{}</b> × <code>{}</code>: {} — {}</li>\n",
            esc(&c.client),
            esc(&c.scenario),
            c.status.label(),
            esc(c.note.as_deref().or(c.raw.as_deref()).unwrap_or(""))
        ));
    }
    out.push_str("</ul>\n<h2>What the reasons mean</h2>\n<dl>\n");
    for r in badtls_reasons::Reason::all() {
        out.push_str(&format!("<dt>{r}</dt><dd>{}</dd>\n", esc(r.explain())));
    }
    out.push_str("</dl>\n</body></html>\n");
    out
}
