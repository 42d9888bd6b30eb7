//! The rules that cross the fields catalogue v2 added: odd intermediates (no basicConstraints,
//! their own key usage, EKU, name constraints, a weak digest), leaf key usage and empty
//! subjects, forced DNS names, the name a client connects to, the cross-signed root.

use super::model::{Digest, KeyKind, RootSpec, Scenario, SendSpec};
use super::validate::valid_name;

/// The prefix that makes a SAN entry a DNS name whatever it looks like (see `docs/scenarios.md`).
const FORCE_DNS: &str = "dns:";

/// `dns:` followed by at least one ASCII character: a DNS SAN written as given, even one no
/// resolver would accept (`127.0.0.1`, `f*o.badtls.test`, a name with a NUL in it).
pub(super) fn forced_dns_name(name: &str) -> bool {
    name.strip_prefix(FORCE_DNS)
        .is_some_and(|rest| !rest.is_empty() && rest.is_ascii())
}

/// One name constraint: a DNS name, or an IP range in CIDR form with a prefix that fits.
fn valid_subtree(text: &str) -> bool {
    match text.split_once('/') {
        Some((ip, prefix)) => match (ip.parse::<std::net::IpAddr>(), prefix.parse::<u8>()) {
            (Ok(std::net::IpAddr::V4(_)), Ok(p)) => p <= 32,
            (Ok(std::net::IpAddr::V6(_)), Ok(p)) => p <= 128,
            _ => false,
        },
        None => text.parse::<std::net::IpAddr>().is_err() && valid_name(text),
    }
}

/// Check the catalogue v2 fields of one scenario.
pub(super) fn validate(s: &Scenario) -> Result<(), (&'static str, String)> {
    let pki = &s.pki;
    let leaf = &pki.leaf;
    if let Some(name) = &s.client.name {
        let under_suite = name
            .strip_suffix(crate::pki::SUITE_DOMAIN)
            .is_some_and(|head| head.ends_with('.') && head.len() > 1);
        if !under_suite
            || !valid_name(name)
            || name.starts_with("*.")
            || name != &name.to_lowercase()
        {
            return Err((
                "client.name",
                format!("'{name}' is not a lowercase DNS name under .badtls.test"),
            ));
        }
        if s.client.host != Default::default() {
            return Err((
                "client.name",
                "a client name replaces client.host: leave host out".into(),
            ));
        }
    }
    if leaf.empty_subject && leaf.cn.is_some() {
        return Err(("pki.leaf.cn", "an empty subject has no common name".into()));
    }
    if leaf.empty_subject && leaf.names.as_ref().is_some_and(Vec::is_empty) {
        return Err((
            "pki.leaf.empty_subject",
            "a certificate with an empty subject needs subjectAltNames".into(),
        ));
    }
    if matches!(&leaf.key_usage, Some(bits) if bits.is_empty()) {
        return Err((
            "pki.leaf.key_usage",
            "list at least one bit (leave it out for the default)".into(),
        ));
    }
    if pki.send == SendSpec::ChainAndCrossSignedRoot && pki.root != RootSpec::Suite {
        return Err((
            "pki.send",
            "only the suite root is cross-signed: root must be \"suite\"".into(),
        ));
    }
    let intermediates = pki.intermediates.as_deref().unwrap_or_default();
    for (i, spec) in intermediates.iter().enumerate() {
        if spec.key == KeyKind::Rsa8192 {
            return Err((
                "pki.intermediates",
                "rsa8192 is a leaf key only (an intermediate's key is made at every start)".into(),
            ));
        }
        if !spec.basic_constraints && (spec.pathlen.is_some() || !spec.ca) {
            return Err((
                "pki.intermediates",
                "without basicConstraints there is no CA flag or pathlen to set".into(),
            ));
        }
        if matches!(&spec.key_usage, Some(bits) if bits.is_empty()) {
            return Err((
                "pki.intermediates",
                "key_usage lists at least one bit (leave it out for the default)".into(),
            ));
        }
        if let Some(nc) = &spec.name_constraints {
            if nc.permitted.is_empty() && nc.excluded.is_empty() {
                return Err((
                    "pki.intermediates",
                    "name_constraints needs a permitted or an excluded subtree".into(),
                ));
            }
            if let Some(bad) = nc
                .permitted
                .iter()
                .chain(&nc.excluded)
                .find(|t| !valid_subtree(t))
            {
                return Err((
                    "pki.intermediates",
                    format!("name constraint '{bad}' is neither a DNS name nor an IP range (127.0.0.2/32)"),
                ));
            }
        }
        if spec.digest != Digest::Sha256 {
            // Its issuer signs it: the intermediate above it (the issuing CA, ECDSA, for the first).
            let parent_rsa = i > 0 && intermediates[i - 1].key.is_rsa();
            if !parent_rsa || pki.root != RootSpec::Suite {
                return Err((
                    "pki.intermediates",
                    "an intermediate with a digest other than sha256 needs an RSA intermediate above it under the suite root".into(),
                ));
            }
            if spec.name_constraints.is_some() {
                return Err((
                    "pki.intermediates",
                    "an intermediate signed through OpenSSL (digest other than sha256) carries no name constraints".into(),
                ));
            }
        }
    }
    Ok(())
}
