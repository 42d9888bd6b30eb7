//! The badtls column: `badtls serve` started with a cold key cache and with a warm one, then
//! measured like the rivals on its last warm start.

use super::*;

/// How long the priming start may take to make every key (RSA-4096 included) after `ready`.
const PRIME_COMPLETE_WITHIN: Duration = Duration::from_secs(120);

/// badtls's figures (`ready` is the warm-cache figure) and its cold-cache readiness.
pub(super) struct BadtlsMeasured {
    pub figures: Figures,
    pub cold: ReadyStats,
    /// The priming start's time to ready (its keys were generated into the empty warm cache).
    pub prime_seconds: f64,
}

/// `--key-cache DIR`: the argument every start is given, so that no start reads the user's
/// own cache and the two figures each mean one thing.
fn cache_args(dir: &Path) -> Vec<String> {
    vec!["--key-cache".into(), dir.display().to_string()]
}

/// Cold starts (each with a fresh, empty key cache under `work`), one priming start that fills
/// a shared cache and waits until every key is made, warm starts on that cache; the last warm
/// start is measured (idle RSS, negotiation, handshakes).
pub(super) async fn measure_badtls(
    opts: &BenchOptions,
    work: &Path,
    warm_cache: &Path,
) -> anyhow::Result<BadtlsMeasured> {
    let mut problems = Vec::new();
    let mut cold = Vec::with_capacity(opts.starts);
    for i in 1..=opts.starts {
        let dir = work.join(format!("keys-cold-{i}"));
        let server = Server::start(&opts.badtls, &cache_args(&dir), BADTLS_READY_WITHIN)
            .await
            .with_context(|| format!("cold start {i} of {}", opts.starts))?;
        cold.push(server.ready_after);
        progress(&format!(
            "badtls: cold start {i}/{} ready in {:.3} s",
            opts.starts,
            server.ready_after.as_secs_f64()
        ));
        if let Err(e) = UnderTest::stop(server).await {
            problems.push(format!("badtls cold start {i}: {e}"));
        }
    }

    let prime = Server::start(&opts.badtls, &cache_args(warm_cache), BADTLS_READY_WITHIN)
        .await
        .context("priming start for the warm cache")?;
    let prime_seconds = prime.ready_after.as_secs_f64();
    wait_complete(&prime.control, PRIME_COMPLETE_WITHIN)
        .await
        .context("priming start for the warm cache")?;
    progress(&format!(
        "badtls: priming start ready in {prime_seconds:.3} s, every key made and cached"
    ));
    if let Err(e) = UnderTest::stop(prime).await {
        problems.push(format!("badtls priming start: {e}"));
    }

    let (server, warm, warm_problems) = start_repeatedly("badtls (warm)", opts.starts, || async {
        Ok(Server::start(&opts.badtls, &cache_args(warm_cache), BADTLS_READY_WITHIN).await?)
    })
    .await?;
    problems.extend(warm_problems);
    let endpoint = server.endpoint(ENDPOINT)?.clone();
    let addr = SocketAddr::new(
        endpoint
            .address
            .parse()
            .with_context(|| format!("{ENDPOINT} address {:?}", endpoint.address))?,
        endpoint.port,
    );
    let (idle_rss_kib, tls, load) = measure_running(
        "badtls",
        opts,
        Processes::One(server.pid()),
        &server.manifest.ca_pem,
        addr,
        &endpoint.host,
    )
    .await?;
    let endpoints = server.manifest.endpoints.len();
    let log = server.log();
    if log.panics > 0 {
        problems.push(format!(
            "badtls logged {} panics: {:?}",
            log.panics, log.last
        ));
    }
    if let Err(e) = UnderTest::stop(server).await {
        problems.push(format!("badtls: {e}"));
    }
    let until = "its `badtls ready` line (every listener bound, the whole PKI made)";
    Ok(BadtlsMeasured {
        figures: Figures {
            version: program_version(&opts.badtls, &["--version"]),
            setup: format!(
                "badtls serve, whole embedded catalogue ({endpoints} endpoints); load on {ENDPOINT}: {:?}",
                endpoint.summary
            ),
            ready: ReadyStats::new(&format!("{until}, warm key cache"), &warm),
            idle_rss_kib,
            rss_of: "the badtls process (VmRSS)".into(),
            endpoints: Some(endpoints),
            tls,
            load,
            problems,
        },
        cold: ReadyStats::new(&format!("{until}, cold key cache"), &cold),
        prime_seconds,
    })
}

/// Poll the control port's `/complete` until every endpoint is built (the deferred RSA-4096
/// key made and cached), for at most `within`.
async fn wait_complete(control: &str, within: Duration) -> anyhow::Result<()> {
    let url = format!("{control}/complete");
    let deadline = Instant::now() + within;
    loop {
        let u = url.clone();
        let answer = tokio::task::spawn_blocking(move || badtls_servers::control_client::get(&u))
            .await
            .context("polling /complete")?;
        if answer.is_ok_and(|body| body.starts_with("complete")) {
            return Ok(());
        }
        if Instant::now() >= deadline {
            bail!("{url} did not answer `complete` within {within:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
