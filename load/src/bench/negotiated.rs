//! What a server negotiated with the load generator's settings, so that the comparison can be
//! shown to be like for like.

use x509_parser::oid_registry::{OID_EC_P256, OID_NIST_EC_P384, OID_NIST_EC_P521, OID_SIG_ED25519};
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

use super::*;

/// Counts the tickets a server sends and never hands one back, so nothing is ever resumed.
#[derive(Debug, Default)]
pub(super) struct TicketCounter(AtomicUsize);

impl ClientSessionStore for TicketCounter {
    fn set_kx_hint(&self, _: ServerName<'static>, _: NamedGroup) {}
    fn kx_hint(&self, _: &ServerName<'_>) -> Option<NamedGroup> {
        None
    }
    fn set_tls12_session(&self, _: ServerName<'static>, _: Tls12ClientSessionValue) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
    fn tls12_session(&self, _: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        None
    }
    fn remove_tls12_session(&self, _: &ServerName<'static>) {}
    fn insert_tls13_ticket(&self, _: ServerName<'static>, _: Tls13ClientSessionValue) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
    fn take_tls13_ticket(&self, _: &ServerName<'static>) -> Option<Tls13ClientSessionValue> {
        None
    }
}

/// One connection configured as [`Client`]'s, to read what was negotiated, which [`Client`]
/// does not expose. Its ClientHello is the same: rustls offers the PSK modes (which is what
/// makes a TLS 1.3 server send tickets) whether or not resumption is enabled.
pub(super) async fn negotiate(
    ca_pem: &str,
    addr: SocketAddr,
    host: &str,
) -> anyhow::Result<Negotiated> {
    let ca = pem_certs(ca_pem)?;
    let mut roots = RootCertStore::empty();
    for der in &ca {
        roots.add(der.clone())?;
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let tickets = Arc::new(TicketCounter::default());
    config.resumption = Resumption::store(tickets.clone());
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let name = ServerName::try_from(host.to_string())?;
    let exchange = async {
        let tcp = TcpStream::connect(addr).await?;
        let mut tls = TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await?;
        tls.write_all(
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await?;
        let mut answer = Vec::new();
        // As in Client: servers end differently (close_notify or not); tickets are read by now.
        let _ = tls.read_to_end(&mut answer).await;
        Ok::<_, std::io::Error>((tls, answer))
    };
    let (tls, answer) = tokio::time::timeout(CLIENT_TIMEOUT, exchange)
        .await
        .context("timed out")??;
    ensure!(
        answer.starts_with(b"HTTP/1.1 200") || answer.starts_with(b"HTTP/1.0 200"),
        "unexpected answer: {:?}",
        String::from_utf8_lossy(&answer[..answer.len().min(64)])
    );
    let conn = tls.get_ref().1;
    let text = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    Ok(Negotiated {
        protocol: text(conn.protocol_version().map(|v| format!("{v:?}"))),
        cipher_suite: text(
            conn.negotiated_cipher_suite()
                .map(|s| format!("{:?}", s.suite())),
        ),
        key_exchange: text(
            conn.negotiated_key_exchange_group()
                .map(|g| format!("{:?}", g.name())),
        ),
        alpn: conn
            .alpn_protocol()
            .map(|p| String::from_utf8_lossy(p).into_owned()),
        chain: conn
            .peer_certificates()
            .unwrap_or_default()
            .iter()
            .map(|c| key_algorithm(c))
            .collect(),
        root: key_algorithm(&ca[0]),
        session_tickets: tickets.0.load(Ordering::Relaxed),
    })
}

impl Negotiated {
    /// One line: protocol, suite, group, ALPN, keys of the chain, tickets.
    pub fn summary(&self) -> String {
        let mut chain: Vec<String> = self.chain.iter().map(|k| format!("{k} (sent)")).collect();
        chain.push(format!("{} (root)", self.root));
        format!(
            "{} {} {}, ALPN {}; keys {}; {} session tickets/connection",
            self.protocol,
            self.cipher_suite,
            self.key_exchange,
            self.alpn.as_deref().unwrap_or("none"),
            chain.join(" <- "),
            self.session_tickets
        )
    }
}

/// The public key of a DER certificate in words: "ECDSA P-256", "RSA-2048", "Ed25519".
pub fn key_algorithm(cert: &[u8]) -> String {
    let Ok((_, cert)) = X509Certificate::from_der(cert) else {
        return "unparsable key".into();
    };
    let spki = cert.public_key();
    if spki.algorithm.algorithm == OID_SIG_ED25519 {
        return "Ed25519".into();
    }
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => format!("RSA-{}", rsa.key_size()),
        Ok(PublicKey::EC(_)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok());
            match curve {
                Some(c) if c == OID_EC_P256 => "ECDSA P-256".into(),
                Some(c) if c == OID_NIST_EC_P384 => "ECDSA P-384".into(),
                Some(c) if c == OID_NIST_EC_P521 => "ECDSA P-521".into(),
                _ => "ECDSA (other curve)".into(),
            }
        }
        Ok(_) => "other key type".into(),
        Err(_) => "unparsable key".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// The report

/// Where `other` negotiated differently from badtls.
pub(super) fn tls_differences(badtls: &Negotiated, other: &Negotiated, name: &str) -> Vec<String> {
    let keys = |n: &Negotiated| format!("{} <- {}", n.chain.join(" <- "), n.root);
    [
        ("protocol", badtls.protocol.clone(), other.protocol.clone()),
        (
            "cipher suite",
            badtls.cipher_suite.clone(),
            other.cipher_suite.clone(),
        ),
        (
            "key exchange",
            badtls.key_exchange.clone(),
            other.key_exchange.clone(),
        ),
        ("certificate keys", keys(badtls), keys(other)),
        (
            "session tickets per connection",
            badtls.session_tickets.to_string(),
            other.session_tickets.to_string(),
        ),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .map(|(what, a, b)| format!("{what}: badtls {a}, {name} {b}"))
    .collect()
}
