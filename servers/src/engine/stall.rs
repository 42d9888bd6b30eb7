//! Endpoints that stop answering part-way, each bounded: the server holds a stalled connection
//! at most [`Limits::hang_timeout`], and the slow drip stops after [`DRIP_MAX_BYTES`].
//!
//! - `hang-after-server-hello`: the ServerHello goes out, the rest of the flight never does;
//! - `hang-after-handshake`: the handshake completes, the request is read, no answer comes;
//! - `slow-drip`: the answer comes one byte every [`DRIP_INTERVAL`], and never completes.

use std::sync::Arc;
use std::time::Duration;

use rustls::{ServerConfig, ServerConnection};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};

use super::Limits;

/// Time between two bytes of the slow drip: well inside any client's per-read timeout (the
/// matrix gives hanging endpoints 1.5 s), so only a deadline on the whole request ends it.
pub const DRIP_INTERVAL: Duration = Duration::from_millis(250);
/// Bytes the slow drip sends before it gives up and closes (10 s at [`DRIP_INTERVAL`]). The
/// answer it starts announces far more, so it never completes: no client can accept it.
pub const DRIP_MAX_BYTES: usize = 40;
/// The answer the drip starts: an HTTP head whose body would be 1 MiB.
const DRIP_ANSWER: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1048576\r\n\r\n";

/// Read and discard what the peer sends until it closes or `hang_timeout` passes.
pub async fn hold<IO: AsyncRead + Unpin>(stream: &mut IO, limits: &Limits) {
    let mut sink = [0u8; 4096];
    let _ = tokio::time::timeout(limits.hang_timeout, async {
        while stream.read(&mut sink).await.unwrap_or(0) > 0 {}
    })
    .await;
}

/// Read the ClientHello, answer with the first record of the server's flight (the ServerHello)
/// and nothing else, then hold the connection.
pub async fn after_server_hello(
    mut tcp: TcpStream,
    config: Arc<ServerConfig>,
    limits: &Limits,
) -> std::io::Result<()> {
    let mut conn = ServerConnection::new(config).map_err(std::io::Error::other)?;
    let deadline = Instant::now() + limits.handshake_timeout;
    let mut chunk = [0u8; 4096];
    while !conn.wants_write() {
        let n = timeout_at(deadline, tcp.read(&mut chunk))
            .await
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "no ClientHello"))??;
        if n == 0 {
            return Ok(());
        }
        let mut fed = &chunk[..n];
        while !fed.is_empty() {
            conn.read_tls(&mut fed)?;
            if let Err(e) = conn.process_new_packets() {
                // A hello we cannot serve: let rustls' alert go out, as any server would.
                let mut alert = Vec::new();
                let _ = conn.write_tls(&mut alert);
                tcp.write_all(&alert).await?;
                return Err(std::io::Error::other(e));
            }
        }
    }
    let mut flight = Vec::new();
    while conn.wants_write() {
        conn.write_tls(&mut flight)?;
    }
    tcp.write_all(first_record(&flight)).await?;
    hold(&mut tcp, limits).await;
    Ok(())
}

/// The first TLS record of `bytes` (all of them if they hold less than one record).
pub fn first_record(bytes: &[u8]) -> &[u8] {
    match bytes {
        [_, _, _, hi, lo, ..] => {
            let end = 5 + usize::from(u16::from_be_bytes([*hi, *lo]));
            &bytes[..end.min(bytes.len())]
        }
        _ => bytes,
    }
}

/// After the handshake: read the request, never answer.
pub async fn after_handshake(
    mut tls: tokio_rustls::server::TlsStream<TcpStream>,
    limits: &Limits,
) -> std::io::Result<()> {
    hold(&mut tls, limits).await;
    Ok(())
}

/// After the handshake: read the request head, then send the answer one byte at a time, at
/// most [`DRIP_MAX_BYTES`] of it, and close TCP without close_notify.
pub async fn slow_drip(
    mut tls: tokio_rustls::server::TlsStream<TcpStream>,
    limits: &Limits,
) -> std::io::Result<()> {
    super::tls::read_request_head(&mut tls, limits).await?;
    let stop = Instant::now() + limits.hang_timeout;
    for byte in DRIP_ANSWER
        .iter()
        .chain(std::iter::repeat(&b'.'))
        .take(DRIP_MAX_BYTES)
    {
        if Instant::now() >= stop {
            break;
        }
        tls.write_all(std::slice::from_ref(byte)).await?;
        tls.flush().await?;
        tokio::time::sleep(DRIP_INTERVAL).await;
    }
    let (mut tcp, _) = tls.into_inner();
    tcp.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_record_is_cut_by_its_length() {
        let two = [0x16, 3, 3, 0, 2, 9, 9, 0x14, 3, 3, 0, 1, 1];
        assert_eq!(first_record(&two), &two[..7]);
        assert_eq!(first_record(&two[..6]), &two[..6]);
        assert_eq!(first_record(&[0x16]), &[0x16]);
    }

    #[test]
    fn the_drip_never_completes_even_its_head() {
        // A client that has no whole head cannot take the answer for a success.
        assert!(DRIP_MAX_BYTES < DRIP_ANSWER.len());
        assert!(DRIP_INTERVAL * DRIP_MAX_BYTES as u32 <= Duration::from_secs(10));
    }
}
