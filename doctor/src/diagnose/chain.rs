//! The certificate chain exactly as the server sent it: each certificate's fields, and how the
//! chain is built (order, missing and extra certificates, a self-signed root sent along).

use openssl::nid::Nid;
use openssl::pkey::Id;
use openssl::x509::X509;
use serde::Serialize;
use x509_parser::extensions::{DistributionPointName, GeneralName, ParsedExtension};
use x509_parser::prelude::{FromDer, X509Certificate};

/// One certificate of the chain, as sent.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct CertInfo {
    /// 0 = the first certificate sent (the leaf, if the server gets the order right).
    pub position: usize,
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    pub not_before: String,
    pub not_after: String,
    /// `valid`, `expired` or `not yet valid`, against this machine's clock.
    pub validity: String,
    /// Days from now to notAfter (negative: expired that many days ago).
    pub days_left: i64,
    /// `RSA`, `EC`, `Ed25519`, ...
    pub key_type: String,
    pub key_bits: u32,
    /// The curve of an EC key.
    pub curve: Option<String>,
    pub signature_algorithm: String,
    /// DNS names and IP addresses of subjectAltName (`IP:` prefix for addresses).
    pub sans: Vec<String>,
    /// The subject's common name, if any (clients ignore it for host names).
    pub common_name: Option<String>,
    pub extended_key_usage: Vec<String>,
    pub key_usage: Vec<String>,
    /// `CA:TRUE`, `CA:TRUE, pathlen:0`, `CA:FALSE`, or `None` when the extension is absent.
    pub basic_constraints: Option<String>,
    pub is_ca: bool,
    pub path_len: Option<u32>,
    /// AIA URLs (`OCSP: ...`, `CA Issuers: ...`).
    pub aia: Vec<String>,
    pub crl_urls: Vec<String>,
    /// Critical extensions this parser does not know (clients refuse those).
    pub unknown_critical: Vec<String>,
    pub self_signed: bool,
    pub der_len: usize,
}

/// A certificate the chain's fields could not be read from.
#[derive(Debug, thiserror::Error)]
#[error("certificate #{position} of the chain: {message}")]
pub struct CertError {
    pub position: usize,
    pub message: String,
}

/// Read every field `badtls diagnose` shows. `now` is Unix seconds.
pub fn cert_info(position: usize, der: &[u8], now: i64) -> Result<CertInfo, CertError> {
    let err = |message: String| CertError { position, message };
    let (_, c) = X509Certificate::from_der(der).map_err(|e| err(format!("not DER X.509: {e}")))?;
    let ossl = X509::from_der(der).map_err(|e| err(format!("OpenSSL cannot read it: {e}")))?;
    let key = ossl
        .public_key()
        .map_err(|e| err(format!("public key: {e}")))?;
    let (key_type, curve) = match key.id() {
        Id::RSA => ("RSA".to_string(), None),
        Id::EC => (
            "EC".to_string(),
            key.ec_key()
                .ok()
                .and_then(|k| k.group().curve_name())
                .and_then(|n| n.short_name().ok().map(str::to_string)),
        ),
        Id::ED25519 => ("Ed25519".to_string(), None),
        Id::ED448 => ("Ed448".to_string(), None),
        Id::DSA => ("DSA".to_string(), None),
        other => (format!("{other:?}"), None),
    };
    let sig_nid: Nid = ossl.signature_algorithm().object().nid();
    let signature_algorithm = sig_nid
        .long_name()
        .map(str::to_string)
        .unwrap_or_else(|_| ossl.signature_algorithm().object().to_string());
    let not_before = c.validity().not_before.timestamp();
    let not_after = c.validity().not_after.timestamp();
    let validity = if now > not_after {
        "expired"
    } else if now < not_before {
        "not yet valid"
    } else {
        "valid"
    };
    let mut info = CertInfo {
        position,
        subject: c.subject().to_string(),
        issuer: c.issuer().to_string(),
        serial: c.raw_serial_as_string(),
        not_before: c.validity().not_before.to_string(),
        not_after: c.validity().not_after.to_string(),
        validity: validity.to_string(),
        days_left: (not_after - now).div_euclid(86_400),
        key_type,
        key_bits: key.bits(),
        curve,
        signature_algorithm,
        sans: Vec::new(),
        common_name: c
            .subject()
            .iter_common_name()
            .next()
            .and_then(|cn| cn.as_str().ok())
            .map(str::to_string),
        extended_key_usage: Vec::new(),
        key_usage: Vec::new(),
        basic_constraints: None,
        is_ca: false,
        path_len: None,
        aia: Vec::new(),
        crl_urls: Vec::new(),
        unknown_critical: Vec::new(),
        self_signed: c.subject() == c.issuer(),
        der_len: der.len(),
    };
    for ext in c.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => {
                info.sans = san.general_names.iter().filter_map(name).collect();
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                let flags = [
                    (eku.any, "any"),
                    (eku.server_auth, "serverAuth"),
                    (eku.client_auth, "clientAuth"),
                    (eku.code_signing, "codeSigning"),
                    (eku.email_protection, "emailProtection"),
                    (eku.time_stamping, "timeStamping"),
                    (eku.ocsp_signing, "OCSPSigning"),
                ];
                info.extended_key_usage = flags
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, n)| n.to_string())
                    .chain(eku.other.iter().map(|o| o.to_id_string()))
                    .collect();
            }
            ParsedExtension::KeyUsage(ku) => {
                info.key_usage = ku.to_string().split(", ").map(str::to_string).collect();
            }
            ParsedExtension::BasicConstraints(bc) => {
                info.is_ca = bc.ca;
                info.path_len = bc.path_len_constraint;
                info.basic_constraints = Some(match (bc.ca, bc.path_len_constraint) {
                    (true, Some(n)) => format!("CA:TRUE, pathlen:{n}"),
                    (true, None) => "CA:TRUE".to_string(),
                    (false, _) => "CA:FALSE".to_string(),
                });
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                for d in aia.iter() {
                    if let GeneralName::URI(u) = &d.access_location {
                        let kind = match d.access_method.to_id_string().as_str() {
                            "1.3.6.1.5.5.7.48.1" => "OCSP",
                            "1.3.6.1.5.5.7.48.2" => "CA Issuers",
                            _ => "other",
                        };
                        info.aia.push(format!("{kind}: {u}"));
                    }
                }
            }
            ParsedExtension::CRLDistributionPoints(points) => {
                for p in points.iter() {
                    if let Some(DistributionPointName::FullName(names)) = &p.distribution_point {
                        for n in names {
                            if let GeneralName::URI(u) = n {
                                info.crl_urls.push(u.to_string());
                            }
                        }
                    }
                }
            }
            ParsedExtension::UnsupportedExtension { .. } if ext.critical => {
                info.unknown_critical.push(ext.oid.to_id_string());
            }
            _ => {}
        }
    }
    Ok(info)
}

fn name(n: &GeneralName) -> Option<String> {
    match n {
        GeneralName::DNSName(d) => Some(d.to_string()),
        GeneralName::IPAddress(b) => match b.len() {
            4 => Some(format!(
                "IP:{}",
                std::net::Ipv4Addr::from(<[u8; 4]>::try_from(*b).ok()?)
            )),
            16 => Some(format!(
                "IP:{}",
                std::net::Ipv6Addr::from(<[u8; 16]>::try_from(*b).ok()?)
            )),
            _ => None,
        },
        _ => None,
    }
}

/// How the sent chain is put together.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct ChainShape {
    /// Each certificate is followed by its issuer (apart from the last).
    pub in_order: bool,
    /// The issuer of the last certificate that is not self-signed, when it was not sent.
    pub missing_issuer: Option<String>,
    /// Positions of certificates that are nobody's issuer on the path from the leaf.
    pub extra: Vec<usize>,
    /// The chain ends with a self-signed certificate (a root) after the leaf.
    pub root_sent: bool,
    /// The leaf itself is self-signed.
    pub leaf_self_signed: bool,
    /// The top certificate that was sent is a CA (so its issuer is a root, not a missing
    /// intermediate).
    pub top_is_ca: bool,
}

/// Follow issuer names from the leaf through what was sent.
pub fn shape(chain: &[CertInfo]) -> ChainShape {
    let Some(leaf) = chain.first() else {
        return ChainShape::default();
    };
    let in_order = chain
        .windows(2)
        .all(|w| w[0].issuer == w[1].subject && !w[0].self_signed);
    // The path from the leaf by issuer name, whatever the order.
    let mut on_path = vec![0usize];
    let mut cur = leaf;
    while !cur.self_signed && on_path.len() < chain.len() {
        match chain
            .iter()
            .find(|c| c.subject == cur.issuer && !on_path.contains(&c.position))
        {
            Some(next) => {
                on_path.push(next.position);
                cur = next;
            }
            None => break,
        }
    }
    let top = cur;
    ChainShape {
        in_order,
        missing_issuer: (!top.self_signed).then(|| top.issuer.clone()),
        extra: chain
            .iter()
            .map(|c| c.position)
            .filter(|p| !on_path.contains(p))
            .collect(),
        root_sent: top.self_signed && top.position != 0,
        leaf_self_signed: leaf.self_signed,
        top_is_ca: top.is_ca && top.position != 0,
    }
}
