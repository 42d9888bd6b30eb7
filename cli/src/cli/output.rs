//! Where a finished matrix goes, for `badtls matrix` and `badtls report merge` alike: stdout in
//! one format, files in the format their extension names, and the exit code.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use badtls_matrix::report::{self, Format};
use badtls_matrix::runner::MatrixResult;
use clap::Args;

#[derive(Args)]
pub struct ReportOutput {
    /// Format on stdout.
    #[arg(
        long,
        default_value = "table",
        value_name = "table|json|junit|markdown|html"
    )]
    format: Format,
    /// Also write the report here (repeatable); the format follows the extension: .json, .xml
    /// (JUnit), .md, .html, anything else a table.
    #[arg(long = "out", value_name = "PATH")]
    outs: Vec<PathBuf>,
}

impl ReportOutput {
    /// Print `result`, write each file, and give the exit code: 0 when nothing unexpected
    /// happened, 1 otherwise (so a merged matrix exits as a single run would).
    pub fn write(&self, result: &MatrixResult) -> anyhow::Result<ExitCode> {
        let color = self.format == Format::Table && std::io::stdout().is_terminal();
        super::emit(&report::render(result, self.format, color));
        for path in &self.outs {
            std::fs::write(path, report::render(result, Format::for_path(path), false))
                .with_context(|| format!("cannot write the report {}", path.display()))?;
        }
        Ok(if result.unexpected().next().is_none() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    }
}
