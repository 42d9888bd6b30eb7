//! `badtls ca`: print the CA certificate of a running suite, a state directory, or a fresh PKI.

use std::io::Read;
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::Args;

#[derive(Args)]
pub struct CaArgs {
    /// The control URL of a running suite, e.g. http://127.0.0.1:8443 (from its ready line).
    #[arg(long, value_name = "URL", conflicts_with = "state_dir")]
    control: Option<String>,
    /// A state directory: print its CA, making one there if it has none.
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,
}

pub fn run(args: CaArgs) -> anyhow::Result<()> {
    let pem = match (&args.control, &args.state_dir) {
        (Some(url), _) => fetch_ca(url)?,
        (None, dir) => {
            let pki = badtls_servers::pki::Pki::new(&badtls_servers::pki::PkiOptions {
                now: time::OffsetDateTime::now_utc(),
                crl_base: "http://127.0.0.1/crl".into(),
                state_dir: dir.as_deref(),
            })?;
            pki.ca_pem()
        }
    };
    print!("{pem}");
    Ok(())
}

/// A minimal HTTP/1.0 GET of `/ca.pem`: the control port is plain HTTP on loopback.
fn fetch_ca(url: &str) -> anyhow::Result<String> {
    let authority = url
        .strip_prefix("http://")
        .with_context(|| format!("--control {url}: expected http://HOST:PORT"))?
        .trim_end_matches('/');
    let addr = std::net::ToSocketAddrs::to_socket_addrs(authority)
        .with_context(|| format!("--control {url}: cannot resolve {authority}"))?
        .next()
        .with_context(|| format!("--control {url}: no address for {authority}"))?;
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .with_context(|| format!("cannot reach the control port at {addr}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    std::io::Write::write_all(
        &mut stream,
        format!("GET /ca.pem HTTP/1.0\r\nHost: {authority}\r\n\r\n").as_bytes(),
    )?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .context("reading the control port's answer")?;
    let (head, body) = response
        .split_once("\r\n\r\n")
        .context("the control port's answer is not HTTP")?;
    let ok = head.starts_with("HTTP/1.") && head.split_whitespace().nth(1) == Some("200");
    if !ok {
        bail!(
            "the control port answered: {}",
            head.lines().next().unwrap_or("")
        );
    }
    Ok(body.to_string())
}
