//! The OpenSSL engine: what rustls will not speak (SSLv3, TLS 1.0/1.1, RC4, 3DES, NULL and
//! anonymous suites, DH-512), on the vendored OpenSSL built with `ssl3`, `weak-crypto` and
//! `legacy`, so these scenarios behave the same on every machine and in the container.
//!
//! The FFI this needs (the legacy provider, a security callback that allows everything) is in
//! the `badtls-openssl-legacy` crate, the one crate of the workspace that may use `unsafe`.

use std::sync::Arc;

use openssl::dh::Dh;
use openssl::pkey::{PKey, Params};
use openssl::ssl::{Ssl, SslContext, SslMethod, SslVersion};
use openssl::x509::X509;
use tokio::net::TcpStream;
use tokio_openssl::SslStream;

pub use badtls_openssl_legacy::{allow_weak_security, load_legacy_provider, peer_dh_bits};

use super::tls::ConfigError;
use super::Limits;
use crate::pki::Identity;
use crate::scenario::{Scenario, TlsVersion};

const DH512: &[u8] = include_bytes!("dh/dh512.pem");
const DH1024: &[u8] = include_bytes!("dh/dh1024.pem");
const DH2048: &[u8] = include_bytes!("dh/dh2048.pem");

/// The DH parameters of a given size (fixed groups: generating safe primes at start-up would
/// cost seconds). 2048 is RFC 7919's ffdhe2048; 512 and 1024 were made with `openssl dhparam`.
pub fn dh_params(bits: u32) -> Option<Result<Dh<Params>, openssl::error::ErrorStack>> {
    let pem = match bits {
        512 => DH512,
        1024 => DH1024,
        2048 => DH2048,
        _ => return None,
    };
    Some(Dh::params_from_pem(pem))
}

/// OpenSSL's name for a protocol version.
pub fn ssl_version(v: TlsVersion) -> SslVersion {
    match v {
        TlsVersion::Ssl3 => SslVersion::SSL3,
        TlsVersion::Tls10 => SslVersion::TLS1,
        TlsVersion::Tls11 => SslVersion::TLS1_1,
        TlsVersion::Tls12 => SslVersion::TLS1_2,
        TlsVersion::Tls13 => SslVersion::TLS1_3,
    }
}

/// An OpenSSL endpoint, ready to serve connections.
pub struct OpensslEndpoint {
    id: String,
    context: Arc<SslContext>,
}

impl OpensslEndpoint {
    pub fn new(scenario: &Scenario, identity: &Identity) -> Result<OpensslEndpoint, ConfigError> {
        let err = |what: &str, e: &dyn std::fmt::Display| ConfigError {
            id: scenario.id.clone(),
            message: format!("OpenSSL {what}: {e}"),
        };
        load_legacy_provider().map_err(|e| err("providers", &e))?;
        let tls = &scenario.tls;
        // A plain context: the acceptor presets (mozilla_*) set options such as NO_TLSV1 that
        // the legacy scenarios must not have. Everything is set explicitly below.
        let mut b = SslContext::builder(SslMethod::tls_server()).map_err(|e| err("context", &e))?;
        let level = u32::from(tls.security_level);
        if level == 0 {
            allow_weak_security(&mut b);
        } else {
            b.set_security_level(level);
        }
        let min = tls
            .versions
            .iter()
            .min()
            .copied()
            .unwrap_or(TlsVersion::Tls12);
        let max = tls
            .versions
            .iter()
            .max()
            .copied()
            .unwrap_or(TlsVersion::Tls13);
        b.set_min_proto_version(Some(ssl_version(min)))
            .map_err(|e| err("min version", &e))?;
        b.set_max_proto_version(Some(ssl_version(max)))
            .map_err(|e| err("max version", &e))?;
        // mozilla_intermediate sets modern lists; every scenario names its own or gets OpenSSL's ALL.
        let ciphers = tls.ciphers.as_deref().unwrap_or("ALL");
        b.set_cipher_list(ciphers)
            .map_err(|e| err(&format!("cipher list '{ciphers}'"), &e))?;
        if let Some(suites) = &tls.ciphersuites {
            b.set_ciphersuites(suites)
                .map_err(|e| err(&format!("TLS 1.3 suites '{suites}'"), &e))?;
        }
        if let Some(bits) = tls.dh_bits {
            let dh = dh_params(bits)
                .ok_or_else(|| err("DH", &format!("no {bits}-bit group")))?
                .map_err(|e| err("DH parameters", &e))?;
            b.set_tmp_dh(&dh).map_err(|e| err("DH", &e))?;
        }
        let mut chain = identity.chain.iter();
        let leaf = chain
            .next()
            .ok_or_else(|| err("certificate", &"empty chain"))?;
        let leaf = X509::from_der(leaf).map_err(|e| err("certificate", &e))?;
        b.set_certificate(&leaf)
            .map_err(|e| err("certificate", &e))?;
        for extra in chain {
            b.add_extra_chain_cert(X509::from_der(extra).map_err(|e| err("chain", &e))?)
                .map_err(|e| err("chain", &e))?;
        }
        let key =
            PKey::private_key_from_pkcs8(identity.key.pkcs8_der()).map_err(|e| err("key", &e))?;
        b.set_private_key(&key).map_err(|e| err("key", &e))?;
        b.set_alpn_select_callback(|_, client| {
            openssl::ssl::select_next_proto(b"\x08http/1.1", client)
                .ok_or(openssl::ssl::AlpnError::NOACK)
        });
        Ok(OpensslEndpoint {
            id: scenario.id.clone(),
            context: Arc::new(b.build()),
        })
    }

    /// Serve one connection: handshake, one HTTP/1.1 answer, close_notify and FIN.
    pub async fn serve(&self, stream: TcpStream, limits: &Limits) -> std::io::Result<()> {
        let ssl = Ssl::new(&self.context).map_err(std::io::Error::other)?;
        let mut tls = SslStream::new(ssl, stream).map_err(std::io::Error::other)?;
        let handshake = std::pin::Pin::new(&mut tls).accept();
        match tokio::time::timeout(limits.handshake_timeout, handshake).await {
            Err(_) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "handshake timed out",
                ))
            }
            Ok(Err(e)) => {
                // The alert is written; drain so the client reads it rather than a RST.
                super::close_gently(tls.get_mut(), limits).await?;
                return Err(std::io::Error::other(e.to_string()));
            }
            Ok(Ok(())) => {}
        }
        super::tls::answer(tls, &self.id, limits).await
    }
}
