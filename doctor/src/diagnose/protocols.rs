//! Which protocol versions the server speaks (SSLv3 to TLS 1.3, the legacy ones through the
//! vendored OpenSSL) and, per version, a bounded enumeration of the cipher suites it accepts.

use openssl::ssl::SslVersion;
use serde::Serialize;

use super::budget::Budget;
use super::conn::{connect, Attempt, ALL_TLS13};

/// The versions tried, oldest first, with their names in reports.
pub const VERSIONS: &[(SslVersion, &str)] = &[
    (SslVersion::SSL3, "SSLv3"),
    (SslVersion::TLS1, "TLSv1.0"),
    (SslVersion::TLS1_1, "TLSv1.1"),
    (SslVersion::TLS1_2, "TLSv1.2"),
    (SslVersion::TLS1_3, "TLSv1.3"),
];

/// At most this many suites are enumerated per version (each costs a connection).
pub const MAX_SUITES_PER_VERSION: usize = 6;

/// One version: whether the server accepted it, and the suites found.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct VersionReport {
    pub version: String,
    pub accepted: bool,
    /// Suites the server chose, in the order it chose them (its preference, roughly).
    pub ciphers: Vec<String>,
    /// DH group sizes seen with DHE suites.
    pub dh_bits: Vec<u32>,
    /// The enumeration stopped at the bound or the deadline, not because the server had no more.
    pub truncated: bool,
    /// Why the version was refused, OpenSSL's words.
    pub error: Option<String>,
}

/// Try every version, then enumerate suites for the accepted ones, within `budget`.
pub fn enumerate(
    host: &str,
    addr: std::net::SocketAddr,
    sni: bool,
    budget: &mut Budget,
) -> Vec<VersionReport> {
    let mut out = Vec::new();
    for &(v, name) in VERSIONS {
        let mut r = VersionReport {
            version: name.to_string(),
            accepted: false,
            ciphers: Vec::new(),
            dh_bits: Vec::new(),
            truncated: false,
            error: None,
        };
        let Some(timeout) = budget.take() else {
            r.truncated = true;
            r.error = Some("not tried: connection budget or deadline reached".into());
            out.push(r);
            continue;
        };
        let o = connect(host, addr, &Attempt::version_only(v, sni), None, timeout);
        r.accepted = o.handshake;
        r.error = o.error.filter(|_| !o.handshake);
        if let Some(c) = o.cipher {
            r.ciphers.push(c);
        }
        r.dh_bits.extend(o.dh_bits);
        out.push(r);
    }
    for (r, &(v, _)) in out.iter_mut().zip(VERSIONS) {
        if r.accepted {
            more_suites(host, addr, sni, v, r, budget);
        }
    }
    out
}

/// Offer everything but the suites found so far, until the server refuses or the bound.
fn more_suites(
    host: &str,
    addr: std::net::SocketAddr,
    sni: bool,
    v: SslVersion,
    r: &mut VersionReport,
    budget: &mut Budget,
) {
    while r.ciphers.len() < MAX_SUITES_PER_VERSION {
        let mut a = Attempt::version_only(v, sni);
        if v == SslVersion::TLS1_3 {
            let rest: Vec<&str> = ALL_TLS13
                .iter()
                .copied()
                .filter(|s| !r.ciphers.iter().any(|c| c == s))
                .collect();
            if rest.is_empty() {
                return;
            }
            a.tls13 = Some(rest.join(":"));
        } else {
            for c in &r.ciphers {
                a.ciphers.push_str(&format!(":!{c}"));
            }
        }
        let Some(timeout) = budget.take() else {
            r.truncated = true;
            return;
        };
        let o = connect(host, addr, &a, None, timeout);
        match o.cipher.filter(|_| o.handshake) {
            Some(c) if !r.ciphers.contains(&c) => {
                r.ciphers.push(c);
                r.dh_bits.extend(o.dh_bits);
            }
            _ => return,
        }
    }
    r.truncated = true;
}

/// Why a suite is weak, if it is: the words a report uses.
pub fn weak_suite(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_uppercase();
    if n.contains("NULL") && !n.contains("ADH") && !n.contains("AECDH") {
        Some("NULL cipher: no encryption at all")
    } else if n.starts_with("ADH") || n.starts_with("AECDH") || n.contains("-ANON") {
        Some("anonymous key exchange: authenticates nobody")
    } else if n.contains("RC4") {
        Some("RC4 is broken (RFC 7465)")
    } else if n.contains("DES-CBC3") || n.contains("3DES") {
        Some("3DES has a 64-bit block (Sweet32)")
    } else if n.contains("EXP") || n.contains("DES-CBC-") {
        Some("export or single-DES strength")
    } else if n.contains("MD5") {
        Some("MD5 MAC")
    } else {
        None
    }
}
