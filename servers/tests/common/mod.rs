//! What the integration tests share. Here: for the catalogue-v2 engine tests, a suite of a few
//! scenarios and a real rustls client that trusts only the suite CA. In the submodules: for the
//! scenario and PKI properties (`scenario_text`, `scenario_files`, `scenario_pki_chains`,
//! `scenario_pki_issuance`), the generators of scenario files and PKI cases and their oracles.

// Each test binary uses its own part of this module.
#![allow(dead_code)]

pub mod certs;
pub mod load;
pub mod near_miss;
pub mod offsets;
pub mod pki_case;
pub mod pki_gen;
pub mod scenario_gen;
pub mod toml_doc;

use std::sync::Arc;
use std::time::Duration;

use badtls_servers::{Config, Endpoint, Limits, Suite};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// A suite of `ids` whose hanging endpoints give up after `hang` (the tests' bound).
pub async fn suite(ids: &[&str], hang: Duration) -> Suite {
    let mut config = Config::default().only(ids.iter().copied());
    config.limits = Limits {
        hang_timeout: hang,
        ..Limits::default()
    };
    Suite::start(config).await.expect("suite starts")
}

/// A client config trusting the suite CA, for `versions`, with an optional identity.
pub fn client(
    suite: &Suite,
    versions: &[&'static rustls::SupportedProtocolVersion],
    identity: Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>,
) -> Arc<ClientConfig> {
    let mut roots = RootCertStore::empty();
    roots.add(suite.ca_der().clone()).expect("the suite CA");
    let builder = ClientConfig::builder_with_provider(provider())
        .with_protocol_versions(versions)
        .expect("versions")
        .with_root_certificates(roots);
    let mut config = match identity {
        Some((chain, key)) => builder.with_client_auth_cert(chain, key).expect("identity"),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Arc::new(config)
}

pub const BOTH: &[&rustls::SupportedProtocolVersion] =
    &[&rustls::version::TLS13, &rustls::version::TLS12];
pub const TLS12: &[&rustls::SupportedProtocolVersion] = &[&rustls::version::TLS12];

/// Where a failed GET stopped.
#[derive(Debug)]
pub enum Stage {
    Handshake(std::io::Error),
    Read(std::io::Error),
}

/// Handshake, GET /, read to the end; the body, or the stage and error where it failed.
pub async fn get(config: Arc<ClientConfig>, ep: &Endpoint) -> Result<String, Stage> {
    let tcp = TcpStream::connect(ep.socket_addr())
        .await
        .map_err(Stage::Handshake)?;
    let name = ServerName::try_from(ep.host().to_string()).expect("a server name");
    let mut tls = TlsConnector::from(config)
        .connect(name, tcp)
        .await
        .map_err(Stage::Handshake)?;
    let request = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        ep.host()
    );
    let read = async {
        tls.write_all(request.as_bytes()).await?;
        let mut body = Vec::new();
        tls.read_to_end(&mut body).await?;
        Ok::<_, std::io::Error>(String::from_utf8_lossy(&body).into_owned())
    };
    read.await.map_err(Stage::Read)
}

/// GET over plain HTTP from the control port (status 200 asserted); the body.
pub fn control_get(url: &str) -> Vec<u8> {
    badtls_servers::control_client::get_bytes(url).unwrap_or_else(|e| panic!("GET {url}: {e}"))
}
