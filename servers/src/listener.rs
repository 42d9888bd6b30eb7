//! Accept loops: one per endpoint port and one for the shared SNI port, each bounded in
//! concurrent connections and stopped by the suite's shutdown token.

use std::future::Future;
use std::sync::Arc;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::engine::Limits;

/// Accept connections on `listener` until `shutdown`, serving each with `serve` in its own task.
/// `name` labels log lines.
pub fn spawn<F, Fut>(
    name: String,
    listener: TcpListener,
    limits: Arc<Limits>,
    shutdown: CancellationToken,
    tracker: &TaskTracker,
    serve: F,
) where
    F: Fn(TcpStream, Arc<Limits>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = std::io::Result<()>> + Send + 'static,
{
    let conns = tracker.clone();
    tracker.spawn(async move {
        let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
        loop {
            // Wait for a free slot first: excess connections queue in the kernel backlog
            // instead of costing us memory.
            let permit = tokio::select! {
                _ = shutdown.cancelled() => break,
                p = slots.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
            };
            let (stream, peer) = tokio::select! {
                _ = shutdown.cancelled() => break,
                r = listener.accept() => match r {
                    Ok(conn) => conn,
                    Err(e) => {
                        // EMFILE and friends: back off instead of spinning.
                        tracing::warn!("{name}: accept failed: {e}");
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        continue;
                    }
                },
            };
            let _ = stream.set_nodelay(true);
            let fut = serve(stream, limits.clone());
            let stop = shutdown.clone();
            let label = name.clone();
            conns.spawn(async move {
                let _permit = permit;
                tokio::select! {
                    _ = stop.cancelled() => {}
                    r = fut => if let Err(e) = r {
                        tracing::debug!("{label}: connection from {peer}: {e}");
                    },
                }
            });
        }
    });
}

/// An endpoint's port: listening, or reserved (bound, never listening) for `transport/refused`.
pub enum Bound {
    Listening(TcpListener),
    /// Bound without SO_REUSEADDR and never put in the listening state: the kernel refuses
    /// every connection (RST), and while the socket lives no other program can bind the port.
    Reserved(socket2::Socket),
}

impl Bound {
    /// The port it holds (0 if the kernel cannot say, which does not happen for a bound socket).
    pub fn port(&self) -> u16 {
        match self {
            Bound::Listening(l) => l.local_addr().map(|a| a.port()).unwrap_or(0),
            Bound::Reserved(s) => s
                .local_addr()
                .ok()
                .and_then(|a| a.as_socket())
                .map_or(0, |a| a.port()),
        }
    }
}

/// Bind `addr` for a port that must refuse connections: a TCP socket that is bound and never
/// listens.
pub fn reserve(addr: std::net::SocketAddr) -> std::io::Result<socket2::Socket> {
    let socket = socket2::Socket::new(
        socket2::Domain::for_address(addr),
        socket2::Type::STREAM,
        Some(socket2::Protocol::TCP),
    )?;
    socket.bind(&addr.into())?;
    Ok(socket)
}
