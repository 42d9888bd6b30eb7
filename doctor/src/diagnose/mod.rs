//! `badtls diagnose`: what is wrong with a TLS server, as canonical reasons.
//!
//! A handful of connections to the one host and port named, within a total deadline:
//!
//! 1. as a mainstream client (TLS 1.2/1.3, mainstream suites, default security level, ALPN
//!    h2/http/1.1, `GET /`), verifying against the given roots but recording every verification
//!    error instead of stopping at the first;
//! 2. if that fails, as a permissive one (any version and suite, no ALPN) to still see the chain;
//! 3. without SNI, to compare (for a host name);
//! 4. each protocol version alone, then a bounded enumeration of suites per accepted version.
//!
//! Every problem is a [`Problem`]: a canonical reason, a severity and what was seen.
//!
//! Modules: [`chain`] (certificate fields and the chain's shape), [`host`] (the name check),
//! [`protocols`] (versions and suites), [`findings`] (problems), [`revocation`] (CRLs, opt-in),
//! [`conn`] (one connection), [`budget`] (the bound), [`render`] (plain text).

pub mod budget;
pub mod chain;
pub mod conn;
pub mod findings;
pub mod host;
pub mod protocols;
pub mod render;
pub mod revocation;

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use badtls_contract::Reason;
use openssl::x509::X509;
use serde::Serialize;

use budget::Budget;
use chain::{CertInfo, ChainShape};
pub use conn::ClientIdentity;
use conn::{connect, Attempt, Outcome};
use findings::{classify_openssl, Findings};
pub use findings::{Problem, Severity};
use host::HostCheck;
use protocols::VersionReport;
use revocation::Revocation;

/// The most connections one diagnosis makes.
pub const MAX_CONNECTIONS: usize = 40;

/// Bad input: never a panic, always what and where.
#[derive(Debug, thiserror::Error)]
pub enum DiagnoseError {
    #[error("'{url}': {problem}")]
    Url { url: String, problem: String },
    #[error("the trusted roots {file}: {problem}")]
    Roots { file: String, problem: String },
}

/// What to diagnose and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The URL as given, for the report.
    pub url: String,
    /// Name for SNI and the host name check.
    pub host: String,
    pub addr: SocketAddr,
    /// The roots to verify against (PEM certificates).
    pub roots: Vec<X509>,
    /// Where the roots came from, for the report.
    pub roots_source: String,
    pub client_identity: Option<ClientIdentity>,
    /// Timeout of one connection.
    pub timeout: Duration,
    /// Total deadline.
    pub deadline: Duration,
    /// Fetch the leaf's CRLs (plain HTTP) and check it is not revoked.
    pub check_revocation: bool,
}

/// Everything diagnose found.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub url: String,
    pub host: String,
    pub address: String,
    pub roots: String,
    /// Problems, errors first; empty when none was found.
    pub problems: Vec<Problem>,
    /// The chain as sent, first certificate first.
    pub chain: Vec<CertInfo>,
    pub chain_shape: ChainShape,
    /// Whether a path to a trusted root could be built (`None`: no chain seen).
    pub trusted: Option<bool>,
    pub host_check: Option<HostCheck>,
    /// What the server does without SNI.
    pub sni: Option<String>,
    pub revocation: Option<String>,
    /// The mainstream connection: protocol, suite, ALPN, HTTP status, error.
    pub negotiated: Negotiated,
    pub protocols: Vec<VersionReport>,
    /// Remarks that are not problems (order, ALPN fallback, enumeration bounds).
    pub notes: Vec<String>,
    pub connections: usize,
}

/// What the mainstream connection negotiated.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Negotiated {
    pub protocol: Option<String>,
    pub cipher: Option<String>,
    pub dh_bits: Option<u32>,
    pub alpn: Option<String>,
    pub status: Option<String>,
    pub error: Option<String>,
}

/// `https://host[:port]/...` → (host, port); IPv6 literals in brackets.
pub fn parse_url(url: &str) -> Result<(String, u16), DiagnoseError> {
    let bad = |problem: &str| DiagnoseError::Url {
        url: url.to_string(),
        problem: problem.to_string(),
    };
    let rest = url
        .strip_prefix("https://")
        .ok_or_else(|| bad("expected https://HOST[:PORT]/"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6
            .split_once(']')
            .ok_or_else(|| bad("unclosed '[' in the host"))?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().map_err(|_| bad("bad port"))?,
            None if after.is_empty() => 443,
            None => return Err(bad("junk after the IPv6 address")),
        };
        (h.to_string(), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), p.parse().map_err(|_| bad("bad port"))?),
            None => (authority.to_string(), 443),
        }
    };
    if host.is_empty() {
        return Err(bad("no host"));
    }
    Ok((host, port))
}

/// The roots in a PEM file.
pub fn load_roots(path: &Path) -> Result<Vec<X509>, DiagnoseError> {
    let err = |problem: String| DiagnoseError::Roots {
        file: path.display().to_string(),
        problem,
    };
    let pem = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    roots_from_pem(&pem).map_err(err)
}

/// The certificates of a PEM text, e.g. a suite's `ca_pem()`.
pub fn roots_from_pem(pem: &[u8]) -> Result<Vec<X509>, String> {
    let roots = X509::stack_from_pem(pem).map_err(|e| format!("not PEM certificates: {e}"))?;
    if roots.is_empty() {
        return Err("holds no PEM certificate".into());
    }
    Ok(roots)
}

/// The system's roots: `SSL_CERT_FILE`, else Debian's and Red Hat's bundles.
pub fn system_roots() -> Result<(Vec<X509>, String), DiagnoseError> {
    let candidates: Vec<std::path::PathBuf> = std::env::var_os("SSL_CERT_FILE")
        .map(Into::into)
        .into_iter()
        .chain(
            [
                "/etc/ssl/certs/ca-certificates.crt",
                "/etc/pki/tls/certs/ca-bundle.crt",
                "/etc/ssl/cert.pem",
            ]
            .iter()
            .map(Into::into),
        )
        .collect();
    for c in &candidates {
        if c.exists() {
            return Ok((load_roots(c)?, c.display().to_string()));
        }
    }
    Err(DiagnoseError::Roots {
        file: "of the system".into(),
        problem: "none found (SSL_CERT_FILE, /etc/ssl/certs/ca-certificates.crt, ...): install ca-certificates or give --ca FILE".into(),
    })
}

/// Diagnose the server of `opts`.
pub fn diagnose(opts: &Options) -> Report {
    let mut budget = Budget::new(opts.deadline, MAX_CONNECTIONS, opts.timeout);
    let mut f = Findings::default();
    let mut notes = Vec::new();
    let roots = Arc::new(opts.roots.clone());
    let host = opts.host.as_str();
    let is_ip = host.parse::<IpAddr>().is_ok();
    let id = opts.client_identity.as_ref();

    // 1. As a mainstream client.
    let main = match budget.take() {
        Some(t) => connect(
            host,
            opts.addr,
            &Attempt::mainstream(true, Some(Arc::clone(&roots))),
            id,
            t,
        ),
        None => Outcome {
            error: Some("no time left".into()),
            ..Outcome::default()
        },
    };
    let main_reason = main
        .error
        .as_deref()
        .map(|e| (classify_openssl(e), e.to_string()));
    // 2. If it failed, permissively, for the chain and to know whether the server speaks TLS.
    let mut seen = main.clone();
    let mut speaks_tls = main.handshake;
    let hopeless = matches!(
        main_reason,
        Some((
            Some(Reason::TransportTimeout | Reason::TransportRefused | Reason::TransportReset),
            _
        ))
    );
    if !main.handshake && !hopeless {
        if let Some(t) = budget.take() {
            let mut a = Attempt::version_only(openssl::ssl::SslVersion::SSL3, true);
            a.max = None;
            a.verify = Some(Arc::clone(&roots));
            let p = connect(host, opts.addr, &a, id, t);
            if p.handshake {
                speaks_tls = true;
                notes.push(format!(
                    "a permissive client (any version and suite, no ALPN) connects: {} {}",
                    p.protocol.as_deref().unwrap_or("?"),
                    p.cipher.as_deref().unwrap_or("?")
                ));
                seen = p;
            }
        }
    }
    if let Some((reason, text)) = &main_reason {
        match reason {
            Some(r) => f.add(
                *r,
                Severity::Error,
                format!("a mainstream client fails: {text}"),
            ),
            None => notes.push(format!(
                "a mainstream client fails, for a reason no table knows: {text}"
            )),
        }
    }
    // The versions and suites, when the server speaks TLS at all.
    let protocols = if speaks_tls {
        protocols::enumerate(host, opts.addr, !is_ip, &mut budget)
    } else {
        Vec::new()
    };
    if protocols.iter().any(|v| v.accepted) {
        // Something completed a handshake: "not TLS" was a version refusal in disguise.
        f.remove(Reason::TransportNotTls);
    }
    protocol_findings(&protocols, &main, &mut f, &mut notes);

    // The chain, as sent to whichever connection saw it.
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut chain = Vec::new();
    for (i, der) in seen.chain.iter().enumerate() {
        match chain::cert_info(i, der, now) {
            Ok(c) => chain.push(c),
            Err(e) => notes.push(e.to_string()),
        }
    }
    let shape = chain::shape(&chain);
    let trusted = (!chain.is_empty()).then(|| chain_findings(&chain, &shape, &seen, &mut f));
    if !shape.in_order && chain.len() > 1 {
        notes.push("the chain is not in order (each certificate should be followed by its issuer); most clients cope".into());
    }
    for p in &shape.extra {
        notes.push(format!(
            "certificate #{p} is not on the path from the leaf: an extra certificate"
        ));
    }
    let host_check = chain
        .first()
        .map(|leaf| host::check(host, &leaf.sans, leaf.common_name.as_deref()));
    if let Some(h) = host_check.as_ref().filter(|h| !h.matches) {
        f.add(
            Reason::CertHostnameMismatch,
            Severity::Error,
            h.detail.clone().unwrap_or_default(),
        );
    }
    let revocation = if opts.check_revocation && !seen.chain.is_empty() {
        let issuer = chain
            .iter()
            .find(|c| {
                chain
                    .first()
                    .is_some_and(|l| l.issuer == c.subject && c.position != 0)
            })
            .map(|c| seen.chain[c.position].as_slice());
        let urls = chain
            .first()
            .map(|l| l.crl_urls.clone())
            .unwrap_or_default();
        let r = revocation::check(&seen.chain[0], issuer, &urls, opts.timeout);
        Some(match r {
            Revocation::Revoked { url } => {
                f.add(
                    Reason::CertRevoked,
                    Severity::Error,
                    format!("the leaf is listed on {url}"),
                );
                format!("revoked (listed on {url})")
            }
            Revocation::Good { url } => format!("not revoked ({url})"),
            Revocation::Unknown(why) => format!("not checked: {why}"),
        })
    } else {
        None
    };
    let sni = sni_behaviour(opts, is_ip, &main, &mut budget);

    if protocols.iter().any(|v| v.truncated) {
        notes.push(format!(
            "the suite enumeration stopped at its bound ({} per version, {MAX_CONNECTIONS} connections, the deadline)",
            protocols::MAX_SUITES_PER_VERSION
        ));
    }
    Report {
        url: opts.url.clone(),
        host: opts.host.clone(),
        address: opts.addr.to_string(),
        roots: opts.roots_source.clone(),
        problems: f.into_problems(),
        chain,
        chain_shape: shape,
        trusted,
        host_check,
        sni,
        revocation,
        negotiated: Negotiated {
            protocol: main.protocol.clone(),
            cipher: main.cipher.clone(),
            dh_bits: main.dh_bits,
            alpn: main.alpn.clone(),
            status: main.status.clone(),
            error: main.error.clone(),
        },
        protocols,
        notes,
        connections: budget.used(),
    }
}

/// OpenSSL verification errors that mean "no path to a trusted root".
const TRUST_CODES: &[i32] = &[2, 18, 19, 20, 21];

/// Verification errors and the checks diagnose makes itself; returns whether a path to a
/// trusted root exists.
fn chain_findings(
    chain: &[CertInfo],
    shape: &ChainShape,
    seen: &Outcome,
    f: &mut Findings,
) -> bool {
    let untrusted_family =
        |r: Reason| r == Reason::CertUntrusted || r.parent() == Some(Reason::CertUntrusted);
    let mut trusted = true;
    for e in &seen.verify_errors {
        if TRUST_CODES.contains(&e.code) {
            trusted = false;
            continue;
        }
        match classify_openssl(&e.text) {
            Some(r) if !untrusted_family(r) => f.add(
                r,
                Severity::Error,
                format!("OpenSSL at depth {} of the path: {}", e.depth, e.text),
            ),
            Some(_) => trusted = false,
            None => f.add(
                Reason::CertUntrusted,
                Severity::Error,
                format!(
                    "OpenSSL at depth {}: {} (verify error {})",
                    e.depth, e.text, e.code
                ),
            ),
        }
    }
    if !trusted {
        let (reason, detail) = if shape.leaf_self_signed {
            (
                Reason::CertSelfSigned,
                "the leaf is self-signed and not trusted".to_string(),
            )
        } else if shape.root_sent {
            (
                Reason::CertUntrustedRootInChain,
                "the chain ends with a self-signed root that is not trusted".to_string(),
            )
        } else if let (Some(issuer), false) = (&shape.missing_issuer, shape.top_is_ca) {
            (Reason::CertIncompleteChain, format!("the server sends no certificate for the leaf's issuer ({issuer}), and it is not a trusted root: a missing intermediate"))
        } else {
            let issuer = shape.missing_issuer.clone().unwrap_or_default();
            (
                Reason::CertUnknownIssuer,
                format!("the chain ends at {issuer}, which is not trusted"),
            )
        };
        f.add(reason, Severity::Error, detail);
        f.remove(Reason::CertUntrusted);
    }
    for c in chain {
        let what = if c.position == 0 {
            "the leaf".to_string()
        } else {
            format!("certificate #{} ({})", c.position, c.subject)
        };
        match c.validity.as_str() {
            "expired" => f.add(
                Reason::CertExpired,
                Severity::Error,
                format!("{what} expired {} days ago ({})", -c.days_left, c.not_after),
            ),
            "not yet valid" => f.add(
                Reason::CertNotYetValid,
                Severity::Error,
                format!("{what} is valid only from {}", c.not_before),
            ),
            _ => {}
        }
        let root = c.self_signed && c.position != 0;
        if !root
            && ((c.key_type == "RSA" && c.key_bits < 2048)
                || (c.key_type == "EC" && c.key_bits < 224))
        {
            f.add(
                Reason::CertWeakKey,
                Severity::Error,
                format!("{what} has a {}-bit {} key", c.key_bits, c.key_type),
            );
        }
        let sig = c.signature_algorithm.to_ascii_lowercase();
        if !c.self_signed && (sig.contains("md5") || sig.contains("sha1")) {
            f.add(
                Reason::CertWeakSignature,
                Severity::Error,
                format!("{what} is signed with {}", c.signature_algorithm),
            );
        }
        if !c.unknown_critical.is_empty() {
            f.add(
                Reason::CertUnsupported,
                Severity::Error,
                format!(
                    "{what} has unknown critical extension(s) {}",
                    c.unknown_critical.join(", ")
                ),
            );
        }
        if c.position != 0 && !shape.extra.contains(&c.position) && !c.is_ca {
            f.add(
                Reason::CertNotACa,
                Severity::Error,
                format!(
                    "{what} issues the certificate below it but is not a CA ({})",
                    c.basic_constraints
                        .as_deref()
                        .unwrap_or("no basicConstraints")
                ),
            );
        }
    }
    if let Some(leaf) = chain.first() {
        let eku = &leaf.extended_key_usage;
        if !eku.is_empty() && !eku.iter().any(|e| e == "serverAuth" || e == "any") {
            f.add(
                Reason::CertBadPurpose,
                Severity::Error,
                format!(
                    "the leaf's extended key usage is {} (no serverAuth)",
                    eku.join(", ")
                ),
            );
        }
    }
    trusted
}

/// Versions, suites and DH sizes as problems.
fn protocol_findings(
    protocols: &[VersionReport],
    main: &Outcome,
    f: &mut Findings,
    notes: &mut Vec<String>,
) {
    let accepted: Vec<&VersionReport> = protocols.iter().filter(|v| v.accepted).collect();
    if accepted.is_empty() {
        return;
    }
    let modern = accepted
        .iter()
        .any(|v| v.version == "TLSv1.2" || v.version == "TLSv1.3");
    let legacy: Vec<&str> = accepted
        .iter()
        .filter(|v| !matches!(v.version.as_str(), "TLSv1.2" | "TLSv1.3"))
        .map(|v| v.version.as_str())
        .collect();
    if !modern {
        f.add(
            Reason::TlsProtocolVersion,
            Severity::Error,
            format!(
                "the server speaks only {}, which current clients refuse",
                legacy.join(", ")
            ),
        );
    } else if !legacy.is_empty() {
        f.add(
            Reason::TlsProtocolVersion,
            Severity::Warning,
            format!(
                "the server also accepts {} (deprecated, RFC 8996)",
                legacy.join(", ")
            ),
        );
    }
    let suites: Vec<&str> = accepted
        .iter()
        .flat_map(|v| v.ciphers.iter().map(String::as_str))
        .collect();
    let weak: Vec<String> = suites
        .iter()
        .filter_map(|s| protocols::weak_suite(s).map(|why| format!("{s} ({why})")))
        .collect();
    let main_failed_on_suites =
        main.error.as_deref().and_then(classify_openssl) == Some(Reason::TlsHandshakeFailure);
    if main_failed_on_suites {
        let detail = if weak.is_empty() {
            format!(
                "the server accepts only {}, which mainstream clients do not offer",
                suites.join(", ")
            )
        } else {
            format!("the server accepts only weak suites: {}", weak.join(", "))
        };
        f.add(Reason::TlsHandshakeFailure, Severity::Error, detail);
    } else if !weak.is_empty() {
        f.add(
            Reason::TlsHandshakeFailure,
            Severity::Warning,
            format!("the server also accepts {}", weak.join(", ")),
        );
    }
    let dh_min = accepted
        .iter()
        .flat_map(|v| v.dh_bits.iter().copied())
        .chain(main.dh_bits)
        .min();
    if let Some(bits) = dh_min.filter(|b| *b < 2048) {
        let severity = if main.handshake && main.dh_bits.is_none_or(|b| b >= 2048) {
            Severity::Warning
        } else {
            Severity::Error
        };
        f.add(
            Reason::TlsWeakDh,
            severity,
            format!("the server's DHE group is {bits} bits"),
        );
    }
    if accepted.iter().all(|v| !v.truncated) {
        notes.push(format!("{} suite(s) accepted in all", suites.len()));
    }
}

/// What the server does without SNI, compared with the mainstream connection.
fn sni_behaviour(
    opts: &Options,
    is_ip: bool,
    main: &Outcome,
    budget: &mut Budget,
) -> Option<String> {
    if is_ip {
        return Some("no SNI sent: the URL names an IP address".into());
    }
    if !main.handshake {
        return None;
    }
    let t = budget.take()?;
    let mut a = Attempt::mainstream(false, None);
    a.request = false;
    let o = connect(&opts.host, opts.addr, &a, opts.client_identity.as_ref(), t);
    Some(match (o.handshake, o.chain.first(), main.chain.first()) {
        (true, Some(a), Some(b)) if a == b => {
            "without SNI the server sends the same certificate".into()
        }
        (true, Some(a), _) => {
            let subject = chain::cert_info(0, a, 0)
                .map(|c| c.subject)
                .unwrap_or_default();
            format!("without SNI the server sends another certificate ({subject}): clients that send no SNI see that one")
        }
        (true, None, _) => "without SNI the server sends no certificate".into(),
        (false, _, _) => format!(
            "without SNI the server refuses: {}",
            o.error.unwrap_or_default()
        ),
    })
}
