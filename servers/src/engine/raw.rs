//! The raw-transport engine: endpoints that misbehave below TLS.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{close_gently, hello, Limits};
use crate::scenario::Fault;

/// What the SSH scenario says first: a real-looking OpenSSH banner.
const SSH_BANNER: &[u8] = b"SSH-2.0-OpenSSH_9.2p1 badtls\r\n";

/// Serve one connection with `fault`. Errors are the peer's doing and are only logged.
pub async fn serve(mut stream: TcpStream, fault: Fault, limits: &Limits) -> std::io::Result<()> {
    match fault {
        Fault::PlainHttp => {
            hello::consume_first_record(&mut stream, limits.handshake_timeout).await?;
            let body = "This port speaks plain HTTP, not TLS (badtls transport/plain-http).\n";
            let response = format!(
                "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(response.as_bytes()).await?;
            close_gently(&mut stream, limits).await
        }
        Fault::ServerSpeaksFirst => {
            stream.write_all(SSH_BANNER).await?;
            hello::consume_first_record(&mut stream, limits.handshake_timeout).await?;
            stream
                .write_all(b"Invalid SSH identification string.\r\n")
                .await?;
            close_gently(&mut stream, limits).await
        }
        Fault::CloseAfterHello => {
            hello::consume_first_record(&mut stream, limits.handshake_timeout).await?;
            close_gently(&mut stream, limits).await
        }
        Fault::Reset => {
            hello::consume_first_record(&mut stream, limits.handshake_timeout).await?;
            // SO_LINGER with a zero timeout turns close() into a RST.
            socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO))?;
            drop(stream);
            Ok(())
        }
        Fault::Hang => {
            // Read and discard until the client gives up, or our own bound passes.
            let mut sink = [0u8; 4096];
            let _ = tokio::time::timeout(limits.hang_timeout, async {
                while stream.read(&mut sink).await.unwrap_or(0) > 0 {}
            })
            .await;
            Ok(())
        }
        Fault::Refused => {
            // The endpoint's own port never listens, so only the shared SNI port gets here:
            // the nearest a listening port can come to a refusal is an immediate RST.
            socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO))?;
            drop(stream);
            Ok(())
        }
        Fault::Truncated
        | Fault::NoCloseNotify
        | Fault::HangAfterServerHello
        | Fault::HangAfterHandshake
        | Fault::SlowDrip
        | Fault::Tls13Intolerant
        | Fault::KeyMismatch => Err(std::io::Error::other(format!(
            "the {fault:?} fault belongs to the rustls engine"
        ))),
    }
}
