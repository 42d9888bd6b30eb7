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
//! [`conn`] (one connection), [`budget`] (the bound), [`render`] (plain text); privately,
//! `input` (the URL and the trusted roots), `chain_problems` and `protocol_problems` (what the
//! chain and the protocols seen mean as problems) and `sni` (the connection without SNI).

pub mod budget;
pub mod chain;
mod chain_problems;
pub mod conn;
pub mod findings;
pub mod host;
mod input;
mod protocol_problems;
pub mod protocols;
pub mod render;
pub mod revocation;
mod sni;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use badtls_contract::Reason;
use openssl::x509::X509;
use serde::Serialize;

use budget::Budget;
use chain::{CertInfo, ChainShape};
use chain_problems::chain_findings;
pub use conn::ClientIdentity;
use conn::{connect, Attempt, Outcome};
use findings::{classify_openssl, Findings};
pub use findings::{Problem, Severity};
use host::HostCheck;
pub use input::{load_roots, parse_url, roots_from_pem, system_roots, DiagnoseError};
use protocol_problems::protocol_findings;
use protocols::VersionReport;
use revocation::Revocation;
use sni::sni_behaviour;

/// The most connections one diagnosis makes.
pub const MAX_CONNECTIONS: usize = 40;

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
