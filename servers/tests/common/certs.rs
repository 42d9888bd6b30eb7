//! Certificates as the PKI tests read them: the suite clock, a PKI on it, parsed DER and SANs.

use std::net::IpAddr;

use badtls_servers::pki::{Pki, PkiOptions};
use rustls::pki_types::CertificateDer;
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

/// The instant `secs` (and `nanos`) after the Unix epoch.
pub fn utc(secs: i64, nanos: u32) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).expect("in range")
        + time::Duration::nanoseconds(i64::from(nanos))
}

/// A DER certificate the PKI issued, parsed.
pub fn parse_cert<'a>(der: &'a CertificateDer<'_>) -> X509Certificate<'a> {
    X509Certificate::from_der(der.as_ref())
        .expect("the PKI issues parseable certificates")
        .1
}

/// A SAN as the leaf carries it: an IP address or a DNS name.
#[derive(Debug, PartialEq, Eq)]
pub enum San {
    Ip(IpAddr),
    Dns(String),
}

/// How the leaf carries the SAN `name`.
pub fn san_of(name: &str) -> San {
    match name.parse::<IpAddr>() {
        Ok(ip) => San::Ip(ip),
        Err(_) => San::Dns(name.to_string()),
    }
}

/// A PKI on the suite clock `now`, with no state directory and a CRL URL nothing serves.
pub fn pki_at(now: OffsetDateTime) -> Result<Pki, badtls_servers::pki::PkiError> {
    Pki::new(&PkiOptions {
        now,
        crl_base: "http://127.0.0.1:1/crl".into(),
        state_dir: None,
        profile: Default::default(),
        key_cache: Default::default(),
    })
}
