//! `badtls probe`: connect with the built-in OpenSSL client and say what was negotiated.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use badtls_matrix::probe::{probe, ProbeOptions, ProbeReport};
use clap::Args;

#[derive(Args)]
pub struct ProbeArgs {
    /// The endpoint, e.g. https://localhost:40123/ (from the manifest).
    url: String,
    /// Allow what modern OpenSSL refuses: SSLv3, TLS 1.0/1.1, RC4, 3DES, NULL and anonymous
    /// suites, DH groups of any size. Without it the probe is an OpenSSL client with defaults.
    #[arg(long)]
    allow_legacy: bool,
    /// Trust only this CA (PEM), e.g. the suite's /ca.pem.
    #[arg(long, value_name = "FILE", conflicts_with = "insecure")]
    ca: Option<PathBuf>,
    /// Do not verify the certificate: report the handshake only.
    #[arg(long, short = 'k')]
    insecure: bool,
    /// Connect to this address instead of resolving the URL's host (for *.badtls.test names).
    #[arg(long, value_name = "ADDR")]
    connect: Option<std::net::IpAddr>,
    /// Present this client certificate chain (PEM); needs --key.
    #[arg(long, value_name = "FILE", requires = "key")]
    cert: Option<PathBuf>,
    /// The client certificate's private key (PEM).
    #[arg(long, value_name = "FILE", requires = "cert")]
    key: Option<PathBuf>,
    /// Seconds before giving up.
    #[arg(long, default_value_t = 5, value_name = "SECS")]
    timeout: u64,
    /// Also print the certificate chain exactly as the server sent it (also when it was refused).
    #[arg(long)]
    show_certs: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Exit 0 when the endpoint answered, 1 when the connection failed.
pub fn run(args: ProbeArgs) -> anyhow::Result<ExitCode> {
    let (host, port) = parse_url(&args.url)?;
    let addr = super::resolve(&host, port, args.connect)?;
    let ca_pem = match (&args.ca, args.insecure) {
        (Some(path), _) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the CA file {}", path.display()))?,
        ),
        (None, true) => None,
        (None, false) => {
            bail!("give --ca FILE (the suite's CA, from its control port /ca.pem) or --insecure")
        }
    };
    let opts = ProbeOptions {
        host: host.clone(),
        addr,
        ca_pem,
        allow_legacy: args.allow_legacy,
        client_identity: args.cert.zip(args.key),
        crl_file: None,
        timeout: Duration::from_secs(args.timeout),
    };
    let report = probe(&opts);
    let reason = report.error.as_deref().and_then(classify);
    let chain = if args.show_certs {
        chain_infos(&report.chain)
    } else {
        Vec::new()
    };
    if args.json {
        let mut value = serde_json::to_value(&report)?;
        value["reason"] = serde_json::json!(reason);
        value["explain"] = serde_json::json!(reason.map(|r| r.explain()));
        if args.show_certs {
            value["chain"] = serde_json::to_value(&chain)?;
        }
        super::emit(&format!("{value}\n"));
    } else {
        print_text(&args.url, &report, reason);
        if args.show_certs {
            print_chain(&chain, report.chain.len());
        }
    }
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn classify(error: &str) -> Option<badtls::Reason> {
    badtls_matrix::classify::Classifier::for_client("openssl").and_then(|c| c.classify(error))
}

fn print_text(url: &str, r: &ProbeReport, reason: Option<badtls::Reason>) {
    let dash = || "-".to_string();
    let result = match (&r.error, reason) {
        (None, _) => format!("connected: {}", r.status.as_deref().unwrap_or("")),
        (Some(e), Some(reason)) => {
            let causes: String = reason
                .details()
                .map(|d| {
                    d.causes
                        .iter()
                        .map(|c| format!("\n         - {c}"))
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "rejected: {reason}\nerror    {e}\nwhy      {}\ncauses{causes}",
                reason.explain()
            )
        }
        (Some(e), None) => format!("failed (unclassified)\nerror    {e}"),
    };
    super::emit(&format!(
        "probe    {url}\nresult   {result}\nprotocol {}\ncipher   {}\ndh       {}\n",
        r.protocol.clone().unwrap_or_else(dash),
        r.cipher.clone().unwrap_or_else(dash),
        r.dh_bits.map(|b| format!("{b} bits")).unwrap_or_else(dash)
    ));
}

fn chain_infos(chain: &[Vec<u8>]) -> Vec<badtls_doctor::diagnose::chain::CertInfo> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    chain
        .iter()
        .enumerate()
        .filter_map(|(i, der)| badtls_doctor::diagnose::chain::cert_info(i, der, now).ok())
        .collect()
}

fn print_chain(chain: &[badtls_doctor::diagnose::chain::CertInfo], sent: usize) {
    let mut o = format!("chain    {sent} certificate(s) as sent\n");
    if sent == 0 {
        o.push_str("         (none: the connection ended before the server's certificate)\n");
    }
    for c in chain {
        badtls_doctor::diagnose::render::cert(&mut o, c);
    }
    super::emit(&o);
}

/// `https://host:port/...` → (host, port); IPv6 literals in brackets.
fn parse_url(url: &str) -> anyhow::Result<(String, u16)> {
    let rest = url
        .strip_prefix("https://")
        .with_context(|| format!("'{url}': expected https://HOST:PORT/"))?;
    let authority = rest.split('/').next().unwrap_or(rest);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() && !p.contains(']') => (
            h,
            p.parse::<u16>()
                .with_context(|| format!("'{url}': bad port"))?,
        ),
        _ => (authority, 443),
    };
    Ok((
        host.trim_start_matches('[')
            .trim_end_matches(']')
            .to_string(),
        port,
    ))
}
