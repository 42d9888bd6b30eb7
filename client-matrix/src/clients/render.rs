//! The registry as people read it: the `--client` help of `badtls matrix` and `badtls explain`,
//! and the README's client table.

use std::fmt::Write as _;

use super::{builtin, of_kind, Client, Kind, Run, Runtime};

/// The help of `badtls matrix --client`: every built-in client, by kind.
pub fn client_help() -> String {
    let groups: Vec<String> = Kind::ALL
        .iter()
        .filter_map(|&kind| {
            let names: Vec<&str> = of_kind(kind).map(|c| c.name.as_str()).collect();
            (!names.is_empty()).then(|| format!("{} {}", plural(kind), names.join(", ")))
        })
        .collect();
    format!(
        "Only this client (repeatable): {}; or the NAME of a --probe.",
        groups.join("; ")
    )
}

/// The help of `badtls explain --client`: the clients with a classifier table.
pub fn table_client_help() -> String {
    let names: Vec<&str> = builtin()
        .iter()
        .filter(|c| c.classifier.is_some())
        .map(|c| c.name.as_str())
        .collect();
    format!(
        "Read the text with this client's table only ({}). Default: every table.",
        names.join(", ")
    )
}

fn plural(kind: Kind) -> &'static str {
    match kind {
        Kind::InProcess => "in-process",
        Kind::CliTool => "command-line tools",
        Kind::Probe => "probes",
        Kind::Browser => "browsers",
    }
}

/// The README's table of built-in clients (Markdown, paths from the repository root).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| client | kind | stack | runs | capabilities | classifier |\n|---|---|---|---|---|---|\n",
    );
    for c in builtin() {
        let capabilities: Vec<&str> = c.capabilities.iter().map(|c| c.as_str()).collect();
        let classifier = match &c.classifier {
            Some(file) => format!("[{file}](client-matrix/classifiers/{file})"),
            None => "typed errors".into(),
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            c.name,
            c.kind.as_str(),
            cell(&c.description),
            runs(c),
            capabilities.join(", "),
            classifier
        );
    }
    out
}

/// How the client is started, as a command a reader could type.
fn runs(c: &Client) -> String {
    match &c.run {
        Run::InProcess(_) => "this process".into(),
        Run::CliTool(line) => format!("`{}` per endpoint", line.command.join(" ")),
        Run::Probe(p) => {
            let path = |f: &str| format!("client-matrix/probes/{f}");
            let mut words = match p.runtime {
                Runtime::Python => vec!["python3".to_string(), path(&p.source)],
                Runtime::Node => vec!["node".to_string(), path(&p.source)],
                Runtime::Sh => vec!["sh".to_string(), path(&p.source)],
                Runtime::Go => vec![path("go-probe")],
            };
            words.extend(p.args.iter().cloned());
            let built = match p.runtime {
                Runtime::Go => format!(" (built from `{}`)", p.source),
                _ => String::new(),
            };
            format!("`{}` per run{built}", words.join(" "))
        }
    }
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}
