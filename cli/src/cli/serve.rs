//! `badtls serve`.

use std::time::Duration;

use anyhow::Context;

use super::ServeArgs;

pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(args))
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let mut config = args.selection.apply(badtls::Config::default());
    config.bind = args.bind;
    config.port_base = args.port_base;
    config.state_dir = args.state_dir.clone();
    config.ca_profile = args.ca_profile;
    config.key_cache = match (&args.key_cache, args.no_key_cache) {
        (_, true) => badtls::KeyCache::Off,
        (Some(dir), false) => badtls::KeyCache::Dir(dir.clone()),
        (None, false) => badtls::KeyCache::Default,
    };
    config.limits = badtls::Limits {
        handshake_timeout: Duration::from_secs(args.handshake_timeout),
        request_timeout: Duration::from_secs(args.request_timeout),
        hang_timeout: Duration::from_secs(args.hang_timeout),
        max_connections: args.max_connections,
    };
    // Signal handlers first: a SIGTERM that arrives during start-up must not kill us uncleanly.
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("cannot install the SIGTERM handler")?;
    let suite = badtls::Suite::start(config).await?;
    if let Some(path) = &args.manifest_out {
        // Written beside and renamed into place, so a script that polls for the file never
        // reads half a manifest.
        let json = serde_json::to_string_pretty(suite.manifest())?;
        let mut partial = path.clone().into_os_string();
        partial.push(".partial");
        std::fs::write(&partial, json)
            .and_then(|()| std::fs::rename(&partial, path))
            .with_context(|| format!("cannot write the manifest to {}", path.display()))?;
    }
    super::emit(&format!(
        "badtls ready: {} endpoints, control {}\n",
        suite.endpoints().len(),
        suite.control_url()
    ));
    #[cfg(unix)]
    let terminated = term.recv();
    // No SIGTERM elsewhere (Windows): Ctrl-C, or the process being ended.
    #[cfg(not(unix))]
    let terminated = std::future::pending::<Option<()>>();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminated => {}
    }
    suite.shutdown(Duration::from_millis(500)).await;
    eprintln!("badtls: stopped");
    Ok(())
}
