//! The sequence every server goes through: started --starts times for the time to ready (the
//! last start kept running), then idle RSS, the negotiated parameters and the handshake rate.

use super::*;

/// A server process this benchmark started.
pub(super) trait UnderTest: Sized {
    fn ready_after(&self) -> Duration;
    /// SIGTERM by PID and wait; `Err` with the reason when it did not stop cleanly.
    fn stop(self) -> impl Future<Output = Result<(), String>>;
}

impl UnderTest for Server {
    fn ready_after(&self) -> Duration {
        self.ready_after
    }
    async fn stop(self) -> Result<(), String> {
        Server::stop(self, STOP_WITHIN).await.map(drop)
    }
}

/// Start a server `opts.starts` times for the time-to-ready figure. Every start but the last
/// is stopped at once; the last is returned running, with the problems met on the way.
pub(super) async fn start_repeatedly<S, F, Fut>(
    name: &str,
    starts: usize,
    mut start: F,
) -> anyhow::Result<(S, Vec<Duration>, Vec<String>)>
where
    S: UnderTest,
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<S>>,
{
    let mut ready = Vec::with_capacity(starts);
    let mut problems = Vec::new();
    for i in 1..=starts {
        let server = start()
            .await
            .with_context(|| format!("start {i} of {starts}"))?;
        ready.push(server.ready_after());
        progress(&format!(
            "{name}: start {i}/{starts} ready in {:.3} s",
            server.ready_after().as_secs_f64()
        ));
        if i == starts {
            return Ok((server, ready, problems));
        }
        if let Err(e) = server.stop().await {
            problems.push(format!("{name} start {i}: {e}"));
        }
    }
    bail!("no start")
}

/// What is measured on the running server, in order: idle RSS (before any connection, so that
/// it is the idle figure), the negotiated parameters, the handshake rate.
pub(super) async fn measure_running(
    name: &str,
    opts: &BenchOptions,
    processes: Processes,
    ca_pem: &str,
    addr: SocketAddr,
    host: &str,
) -> anyhow::Result<(u64, Negotiated, Load)> {
    tokio::time::sleep(opts.idle_wait).await;
    let rss = processes
        .rss_kib()
        .with_context(|| format!("{name} is gone: no /proc figures"))?;
    let tls = negotiate(ca_pem, addr, host)
        .await
        .with_context(|| format!("probe connection to {name} on {addr}"))?;
    progress(&format!(
        "{name}: {}; handshakes from {} tasks, {} s warm-up + {} s...",
        tls.summary(),
        opts.concurrency,
        opts.warmup.as_secs_f64(),
        opts.duration.as_secs_f64()
    ));
    let client = Client::new(ca_pem, CLIENT_TIMEOUT)?;
    let load = measure_load(&client, addr, host, opts, processes).await;
    progress(&format!(
        "{name}: {:.0} handshakes/s, {} failed",
        load.per_second, load.failed
    ));
    Ok((rss, tls, load))
}
