//! `badtls healthcheck`: exit 0 when a suite's control port answers /healthz. For container
//! health checks: the image has no curl.

use std::process::ExitCode;

use clap::Args;

#[derive(Args)]
pub struct HealthcheckArgs {
    /// The suite's control URL; default http://127.0.0.1:$BADTLS_PORT_BASE (8400 unset), as
    /// `serve` uses it.
    #[arg(long, value_name = "URL")]
    control: Option<String>,
}

pub fn run(args: HealthcheckArgs) -> anyhow::Result<ExitCode> {
    let control = args.control.unwrap_or_else(|| {
        let base = std::env::var("BADTLS_PORT_BASE").unwrap_or_else(|_| "8400".into());
        format!("http://127.0.0.1:{base}")
    });
    let url = format!("{}/healthz", control.trim_end_matches('/'));
    match badtls_servers::control_client::get(&url) {
        Ok(body) if body.trim() == "ok" => Ok(ExitCode::SUCCESS),
        Ok(body) => {
            eprintln!("badtls: {url} answered {:?}", body.trim());
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            eprintln!("badtls: unhealthy: {e:#}");
            Ok(ExitCode::from(1))
        }
    }
}
