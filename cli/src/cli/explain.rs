//! `badtls explain`: what a client's TLS error text means, and how to reproduce it.

use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use badtls_doctor::explain::{explain, render_text};
use clap::Args;

#[derive(Args)]
pub struct ExplainArgs {
    /// The error text, as the client printed it (quote it). Without it, read from stdin.
    text: Option<String>,
    // The help lists the clients with a table, from the registry (client-matrix/clients.toml).
    #[arg(long, value_name = "NAME", help = badtls_matrix::clients::table_client_help())]
    client: Option<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Exit 0 when the text is recognised, 1 when not.
pub fn run(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let text = match args.text {
        Some(t) => t,
        None => {
            let mut t = String::new();
            std::io::stdin()
                .read_to_string(&mut t)
                .context("cannot read the error text from stdin")?;
            t
        }
    };
    if text.trim().is_empty() {
        anyhow::bail!("no error text: give it as an argument or on stdin");
    }
    let e = explain(&text, args.client.as_deref())?;
    if args.json {
        let mut v = serde_json::to_value(&e)?;
        v["recognised"] = serde_json::json!(e.recognised());
        super::emit(&format!("{v}\n"));
    } else {
        super::emit(&render_text(&e));
    }
    Ok(if e.recognised() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
