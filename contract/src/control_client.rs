//! The client side of the control port: one plain-HTTP GET, for the CLI (`ca`, `matrix
//! --target`, `healthcheck`), the testcontainers module and the load tools. The control port is
//! plain HTTP, usually on loopback, so a blocking HTTP/1.0 request is all it takes.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// Why a GET of the control port failed; the message names the URL.
#[derive(Debug, thiserror::Error)]
#[error("{url}: {what}")]
pub struct ControlClientError {
    /// The URL that was asked for.
    pub url: String,
    /// What went wrong.
    pub what: String,
}

/// Largest answer read (the manifest of a big catalogue is well under this).
const MAX_ANSWER: u64 = 64 << 20;

/// GET `url` (`http://HOST:PORT/PATH`) and return the body of a 200 answer.
///
/// ```no_run
/// let pem = badtls_contract::control_client::get("http://127.0.0.1:8400/ca.pem")?;
/// assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
/// # Ok::<(), badtls_contract::control_client::ControlClientError>(())
/// ```
pub fn get(url: &str) -> Result<String, ControlClientError> {
    let body = get_bytes(url)?;
    String::from_utf8(body).map_err(|_| ControlClientError {
        url: url.to_string(),
        what: "the answer is not UTF-8 text".into(),
    })
}

/// GET `url` and return the raw body of a 200 answer (a DER CRL, say).
pub fn get_bytes(url: &str) -> Result<Vec<u8>, ControlClientError> {
    let err = |what: String| ControlClientError {
        url: url.to_string(),
        what,
    };
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| err("expected http://HOST:PORT/...".into()))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr = authority
        .to_socket_addrs()
        .map_err(|e| err(format!("cannot resolve {authority}: {e}")))?
        .next()
        .ok_or_else(|| err(format!("no address for {authority}")))?;
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .map_err(|e| err(format!("cannot reach {authority}: {e}")))?;
    let io = |e: std::io::Error| err(e.to_string());
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(io)?;
    stream
        .write_all(format!("GET {path} HTTP/1.0\r\nHost: {authority}\r\n\r\n").as_bytes())
        .map_err(io)?;
    let mut response = Vec::new();
    stream
        .take(MAX_ANSWER)
        .read_to_end(&mut response)
        .map_err(|e| err(format!("reading the answer: {e}")))?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| err("the answer is not HTTP".into()))?;
    let head = String::from_utf8_lossy(&response[..split]);
    let ok = head.starts_with("HTTP/1.") && head.split_whitespace().nth(1) == Some("200");
    if !ok {
        return Err(err(head.lines().next().unwrap_or("").to_string()));
    }
    Ok(response[split + 4..].to_vec())
}
