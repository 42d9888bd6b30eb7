//! What a server negotiated with the load generator's settings, so that the comparison can be
//! shown to be like for like.

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
    spki_algorithm(cert).unwrap_or_else(|| "unparsable key".into())
}

pub(super) fn spki_algorithm(cert: &[u8]) -> Option<String> {
    const EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
    const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
    const P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];

    let (cert, _) = der_sequence(cert)?;
    let (mut tbs, _) = der_sequence(cert)?;
    if tbs.first() == Some(&0xa0) {
        tbs = der(tbs)?.2; // [0] version
    }
    for _ in 0..5 {
        tbs = der(tbs)?.2; // serial, signature, issuer, validity, subject
    }
    let (spki, _) = der_sequence(tbs)?;
    let (algorithm, key) = der_sequence(spki)?;
    let (0x06, oid, parameters) = der(algorithm)? else {
        return None;
    };
    Some(match oid {
        EC => match der(parameters)?.1 {
            P256 => "ECDSA P-256".into(),
            P384 => "ECDSA P-384".into(),
            P521 => "ECDSA P-521".into(),
            _ => "ECDSA (other curve)".into(),
        },
        RSA => {
            // BIT STRING (no unused bits) of SEQUENCE { modulus, exponent }.
            let (0x03, bits, _) = der(key)? else {
                return None;
            };
            let (rsa_key, _) = der_sequence(bits.get(1..)?)?;
            let (0x02, modulus, _) = der(rsa_key)? else {
                return None;
            };
            let significant = modulus.iter().skip_while(|&&b| b == 0).count();
            format!("RSA-{}", significant * 8)
        }
        ED25519 => "Ed25519".into(),
        _ => "other key type".into(),
    })
}

/// One DER element of `input`: (tag, contents, what follows).
pub(super) fn der(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| acc << 8 | usize::from(b));
        (len, &rest[n..])
    };
    (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
}

pub(super) fn der_sequence(input: &[u8]) -> Option<(&[u8], &[u8])> {
    match der(input)? {
        (0x30, contents, rest) => Some((contents, rest)),
        _ => None,
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
