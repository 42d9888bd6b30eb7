//! A Markdown table, for issues, READMEs and CI summaries.

use super::{cell, expected, grouped, short, summary};
use crate::runner::MatrixResult;

pub fn render(result: &MatrixResult) -> String {
    let mut out = String::from("| scenario | expected |");
    for c in &result.clients {
        out.push_str(&format!(" {} |", c.name));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(result.clients.len()));
    out.push('\n');
    for (category, ids) in grouped(result) {
        out.push_str(&format!(
            "| **{category}/** | |{}\n",
            " |".repeat(result.clients.len())
        ));
        for id in ids {
            let Some(ep) = result.scenarios.iter().find(|e| e.id == id) else {
                continue;
            };
            out.push_str(&format!("| `{id}` | {} |", expected(ep)));
            for client in &result.clients {
                let text = cell(result, &client.name, id)
                    .map(short)
                    .unwrap_or_else(|| "-".into());
                out.push_str(&format!(" {text} |"));
            }
            out.push('\n');
        }
    }
    out.push_str(&format!("\n{}\n", summary(result)));
    for c in &result.clients {
        let v = c
            .version
            .clone()
            .or_else(|| c.skipped.as_ref().map(|s| format!("SKIP: {s}")));
        out.push_str(&format!("\n- `{}`: {}", c.name, v.unwrap_or_default()));
    }
    out.push('\n');
    out
}
