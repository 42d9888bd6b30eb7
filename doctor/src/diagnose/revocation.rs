//! Revocation, when asked for: fetch the CRLs the leaf names (plain HTTP only, a bounded number,
//! each with a deadline), check their signature with the issuer's key, and look the leaf up.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use openssl::x509::{CrlStatus, X509Crl, X509};

/// At most this many CRLs are fetched.
pub const MAX_FETCHES: usize = 2;

/// What the CRL check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Revocation {
    /// The leaf is on a CRL signed by its issuer.
    Revoked { url: String },
    /// Checked, not listed.
    Good { url: String },
    /// Nothing could be checked, and why.
    Unknown(String),
}

/// Check `leaf` (DER) against its CRLs, with `issuer` (DER) to verify the CRL's signature.
pub fn check(leaf: &[u8], issuer: Option<&[u8]>, urls: &[String], timeout: Duration) -> Revocation {
    let Ok(leaf) = X509::from_der(leaf) else {
        return Revocation::Unknown("the leaf cannot be read".into());
    };
    let Some(issuer) = issuer.and_then(|d| X509::from_der(d).ok()) else {
        return Revocation::Unknown(
            "the leaf's issuer was not sent, so a CRL cannot be verified".into(),
        );
    };
    let Ok(key) = issuer.public_key() else {
        return Revocation::Unknown("the issuer's key cannot be read".into());
    };
    let mut why = Vec::new();
    for url in urls
        .iter()
        .filter(|u| u.starts_with("http://"))
        .take(MAX_FETCHES)
    {
        let crl = match fetch(url, timeout) {
            Ok(body) => X509Crl::from_der(&body)
                .or_else(|_| X509Crl::from_pem(&body))
                .map_err(|e| format!("{url}: not a CRL: {e}")),
            Err(e) => Err(format!("{url}: {e}")),
        };
        let crl = match crl {
            Ok(c) => c,
            Err(e) => {
                why.push(e);
                continue;
            }
        };
        if !crl.verify(&key).unwrap_or(false) {
            why.push(format!("{url}: the CRL is not signed by the leaf's issuer"));
            continue;
        }
        return match crl.get_by_cert(&leaf) {
            CrlStatus::Revoked(_) | CrlStatus::RemoveFromCrl(_) => {
                Revocation::Revoked { url: url.clone() }
            }
            CrlStatus::NotRevoked => Revocation::Good { url: url.clone() },
        };
    }
    if why.is_empty() {
        why.push("the leaf names no http:// CRL distribution point".into());
    }
    Revocation::Unknown(why.join("; "))
}

/// `GET` over plain HTTP/1.0, the body of a 200 answer, at most 10 MiB.
fn fetch(url: &str, timeout: Duration) -> Result<Vec<u8>, String> {
    let rest = url.strip_prefix("http://").ok_or("not http://")?;
    let (authority, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(a, p)| (a, format!("/{p}")));
    let target = if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let addr = target
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {authority}: {e}"))?
        .next()
        .ok_or_else(|| format!("no address for {authority}"))?;
    let mut s = TcpStream::connect_timeout(&addr, timeout).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    s.set_write_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    s.write_all(format!("GET {path} HTTP/1.0\r\nHost: {authority}\r\n\r\n").as_bytes())
        .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    s.take(10 << 20)
        .read_to_end(&mut answer)
        .map_err(|e| e.to_string())?;
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no HTTP header")?;
    let head = String::from_utf8_lossy(&answer[..split]);
    let status = head.lines().next().unwrap_or("");
    if status.split_whitespace().nth(1).is_none_or(|c| c != "200") {
        return Err(format!("answered {status:?}"));
    }
    Ok(answer[split + 4..].to_vec())
}
