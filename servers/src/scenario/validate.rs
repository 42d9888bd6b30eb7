//! The rules of one scenario that involve more than one field (an id's shape, which engine takes
//! which TLS settings, which keys can sign). The catalogue-wide rules are in `rules` and
//! `shape_rules`.

use std::net::IpAddr;

use badtls_contract::Verdict;

use super::model::{ClientAuth, Digest, Engine, KeyKind, RootSpec, Scenario, SendSpec, TlsVersion};

/// The rules that involve more than one field. Returns the field to blame and why.
pub(super) fn validate(s: &Scenario) -> Result<(), (&'static str, String)> {
    if !valid_id(&s.id) {
        return Err((
            "id",
            format!(
                "'{}' is not of the form category/name (lowercase letters, digits, '.', '-')",
                s.id
            ),
        ));
    }
    if s.summary.trim().is_empty() {
        return Err(("summary", "must not be empty".into()));
    }
    match (s.expect.verdict, s.expect.reason) {
        (Verdict::Reject | Verdict::Either, None) => {
            return Err((
                "expect.reason",
                format!(
                    "a scenario a client may reject ('{}') must name its reason",
                    s.expect.verdict
                ),
            ))
        }
        (Verdict::Accept, Some(r)) => {
            return Err((
                "expect.reason",
                format!("an accepted scenario has no reason (found '{r}')"),
            ))
        }
        _ => {}
    }
    validate_tls(s)?;
    validate_pki(s)?;
    super::rules::validate_v2(s)?;
    super::shape_rules::validate(s)
}

fn valid_id(id: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
            && p.starts_with(|c: char| c.is_ascii_alphanumeric())
    };
    matches!(id.split_once('/'), Some((a, b)) if part(a) && part(b))
}

fn validate_tls(s: &Scenario) -> Result<(), (&'static str, String)> {
    let tls = &s.tls;
    if tls.versions.is_empty() {
        return Err(("tls.versions", "must list at least one version".into()));
    }
    let mut seen = tls.versions.clone();
    seen.sort();
    seen.dedup();
    if seen.len() != tls.versions.len() {
        return Err(("tls.versions", "lists a version twice".into()));
    }
    if tls.engine == Engine::Rustls {
        if let Some(v) = tls.versions.iter().find(|v| **v < TlsVersion::Tls12) {
            return Err((
                "tls.versions",
                format!(
                    "the rustls engine speaks only TLS 1.2 and 1.3, not '{}'; legacy protocols need engine = \"openssl\"",
                    v.as_str()
                ),
            ));
        }
    }
    match (tls.engine, tls.fault) {
        (Engine::Raw, None) => {
            return Err((
                "tls.fault",
                "engine = \"raw\" needs a fault to commit".into(),
            ))
        }
        (engine, Some(f)) if f.engine() != engine => {
            return Err((
                "tls.fault",
                format!(
                    "fault {f:?} belongs to engine {:?}, not {engine:?}",
                    f.engine()
                ),
            ))
        }
        _ => {}
    }
    let openssl_only = [
        ("tls.ciphers", tls.ciphers.is_some()),
        ("tls.ciphersuites", tls.ciphersuites.is_some()),
        ("tls.dh_bits", tls.dh_bits.is_some()),
        ("tls.security_level", tls.security_level != 0),
    ];
    if tls.engine != Engine::Openssl {
        if let Some((field, _)) = openssl_only.iter().find(|(_, set)| *set) {
            return Err((
                field,
                "only the openssl engine takes this (engine = \"openssl\")".into(),
            ));
        }
    }
    if let Some(bits) = tls.dh_bits {
        if ![512, 1024, 2048].contains(&bits) {
            return Err((
                "tls.dh_bits",
                format!("{bits}: the suite has DH groups of 512, 1024 and 2048 bits"),
            ));
        }
    }
    if tls.security_level > 5 {
        return Err((
            "tls.security_level",
            "OpenSSL security levels are 0 to 5".into(),
        ));
    }
    if tls.engine == Engine::Openssl && tls.alpn.is_some() {
        // It always selects http/1.1 when offered: a list here would be silently ignored.
        return Err((
            "tls.alpn",
            "the openssl engine takes no ALPN list (it selects http/1.1 when offered)".into(),
        ));
    }
    if tls.engine == Engine::Openssl && (tls.client_auth != ClientAuth::None || tls.require_sni) {
        return Err((
            "tls.engine",
            "the openssl engine serves no client-auth or SNI scenarios".into(),
        ));
    }
    if let Some(alpn) = &tls.alpn {
        if alpn.is_empty() || alpn.iter().any(|p| p.is_empty() || p.len() > 255) {
            return Err((
                "tls.alpn",
                "must list protocol names of 1 to 255 bytes".into(),
            ));
        }
    }
    Ok(())
}

fn validate_pki(s: &Scenario) -> Result<(), (&'static str, String)> {
    let pki = &s.pki;
    let leaf = &pki.leaf;
    if leaf.not_before.0 >= leaf.not_after.0 {
        return Err((
            "pki.leaf.not_after",
            format!(
                "must be after not_before ({} >= {})",
                leaf.not_before, leaf.not_after
            ),
        ));
    }
    for name in leaf.names.iter().flatten() {
        if !valid_name(name) && !super::shape_rules::forced_dns_name(name) {
            return Err((
                "pki.leaf.names",
                format!("'{name}' is neither an IP address nor a DNS name"),
            ));
        }
    }
    if leaf.extra_names > 20_000 {
        return Err(("pki.leaf.extra_names", "at most 20000".into()));
    }
    let intermediates = pki.intermediates.as_deref().unwrap_or_default();
    if intermediates.len() > 8 {
        return Err(("pki.intermediates", "at most 8 intermediates".into()));
    }
    for i in intermediates {
        if i.not_before.0 >= i.not_after.0 {
            return Err((
                "pki.intermediates",
                "an intermediate's not_after must be after its not_before".into(),
            ));
        }
        if i.key == KeyKind::Rsa1024 {
            return Err(("pki.intermediates", RSA1024_SIGNS_NOTHING.into()));
        }
    }
    if pki.root == RootSpec::None {
        if !intermediates.is_empty() {
            return Err((
                "pki.intermediates",
                "a self-signed leaf (root = \"none\") has no intermediates".into(),
            ));
        }
        if !matches!(pki.send, SendSpec::Chain | SendSpec::Leaf) {
            return Err(("pki.send", "a self-signed leaf has no chain to send".into()));
        }
        if leaf.revoked {
            return Err((
                "pki.leaf.revoked",
                "a self-signed leaf has no issuer to revoke it".into(),
            ));
        }
        if leaf.key == KeyKind::Rsa1024 && leaf.digest == Digest::Sha256 {
            return Err(("pki.leaf.key", RSA1024_SIGNS_NOTHING.into()));
        }
    }
    if pki.send == SendSpec::Reversed && pki.intermediates.as_ref().is_none_or(|i| i.len() < 2) {
        return Err((
            "pki.send",
            "\"reversed\" needs at least two intermediates to reverse".into(),
        ));
    }
    if leaf.revoked && (pki.root != RootSpec::Suite || pki.intermediates.is_some()) {
        return Err((
            "pki.leaf.revoked",
            "revocation is served for leaves of the suite's shared intermediate only".into(),
        ));
    }
    if leaf.digest != Digest::Sha256 {
        // The issuer's key signs: the leaf's own key when self-signed, else the last intermediate's.
        let issuer_key = match pki.root {
            RootSpec::None => Some(leaf.key),
            _ => intermediates.last().map(|i| i.key),
        };
        if !issuer_key.is_some_and(|k| k.is_rsa()) {
            return Err((
                "pki.leaf.digest",
                "SHA-1, MD5, SHA-384 and SHA-512 signatures need an RSA issuer: add an intermediate with key = \"rsa2048\"".into(),
            ));
        }
    }
    Ok(())
}

/// The certificate signer (rcgen on aws-lc-rs) refuses RSA keys under 2048 bits, so an RSA-1024
/// key can be a leaf's but cannot sign a certificate. A self-signed SHA-1/MD5 leaf is the
/// exception: OpenSSL signs those.
const RSA1024_SIGNS_NOTHING: &str = "an RSA-1024 key cannot sign certificates here (the signer refuses keys under 2048 bits): use it for a leaf issued by the suite, or sign with digest = \"sha1\"";

pub(super) fn valid_name(name: &str) -> bool {
    if name.parse::<IpAddr>().is_ok() {
        return true;
    }
    let name = name.strip_prefix("*.").unwrap_or(name);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}
