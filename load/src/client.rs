//! The well-behaved client: rustls trusting only the suite CA, a full handshake every time (no
//! session resumption), one `GET /`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use badtls_contract::Reason;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

/// A client for one suite (or one benchmark server).
#[derive(Clone)]
pub struct Client {
    connector: TlsConnector,
    timeout: Duration,
}

/// One request's outcome.
#[derive(Debug)]
pub enum Outcome {
    /// Handshake done and `HTTP/1.x 200` read.
    Ok,
    /// It failed; the canonical reason when the error can be classified, and the words.
    Failed(Option<Reason>, String),
}

impl Client {
    /// Trust only `ca_pem` (one or more PEM certificates).
    pub fn new(ca_pem: &str, timeout: Duration) -> anyhow::Result<Client> {
        let mut roots = RootCertStore::empty();
        for der in pem_certs(ca_pem)? {
            roots.add(der)?;
        }
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_root_certificates(roots)
            .with_no_client_auth();
        // Every connection pays for a full handshake: that is what is being measured and
        // what a test suite's clients do.
        config.resumption = rustls::client::Resumption::disabled();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Client {
            connector: TlsConnector::from(Arc::new(config)),
            timeout,
        })
    }

    /// Connect to `addr`, handshake as `host`, GET /, read the answer to its end.
    pub async fn get(&self, addr: SocketAddr, host: &str) -> Outcome {
        match tokio::time::timeout(self.timeout, self.exchange(addr, host)).await {
            Ok(Ok(())) => Outcome::Ok,
            Ok(Err(e)) => Outcome::Failed(badtls_servers::classify_rustls(&e), e.to_string()),
            Err(_) => Outcome::Failed(
                Some(Reason::TransportTimeout),
                format!("no answer within {:?}", self.timeout),
            ),
        }
    }

    async fn exchange(&self, addr: SocketAddr, host: &str) -> std::io::Result<()> {
        let name = ServerName::try_from(host.to_string())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let tcp = TcpStream::connect(addr).await?;
        tcp.set_nodelay(true)?;
        let mut tls = self.connector.connect(name, tcp).await?;
        tls.write_all(
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await?;
        let mut answer = Vec::with_capacity(1024);
        // Servers differ in how they end (close_notify, or not): the status line is what counts.
        let _ = tls.read_to_end(&mut answer).await;
        let head = String::from_utf8_lossy(&answer[..answer.len().min(64)]).to_string();
        if head.starts_with("HTTP/1.1 200") || head.starts_with("HTTP/1.0 200") {
            Ok(())
        } else {
            Err(std::io::Error::other(format!(
                "unexpected answer: {:?}",
                head.lines().next()
            )))
        }
    }
}

/// The certificates of a PEM text.
pub fn pem_certs(pem: &str) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    use rustls::pki_types::pem::PemObject;
    let certs = CertificateDer::pem_slice_iter(pem.as_bytes()).collect::<Result<Vec<_>, _>>()?;
    anyhow::ensure!(!certs.is_empty(), "no certificate in the PEM text");
    Ok(certs)
}
