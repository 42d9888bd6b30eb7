//! A generated PKI case (a leaf, its chain shape and a clock, with at most one intended fault)
//! and the oracle that says why webpki must reject it, if it must.

use std::net::IpAddr;

use badtls_servers::pki::good_names;

use super::offsets::Off;
use super::scenario_gen::Inter;
use super::toml_doc::{render, s, str_array, Node, Style};

/// What a generated case is meant to get wrong (at most one thing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    LeafExpired,
    LeafNotYetValid,
    IntermediateExpired,
    IntermediateNotYetValid,
    IntermediateNotCa,
    PathLen,
    UntrustedRoot,
    SelfSigned,
    IncompleteChain,
    WrongHost,
    NoSan,
    NameConstraints,
    ClientAuthOnly,
    UnknownCriticalExtension,
}

/// Why webpki must reject a chain, as the oracle derives it from the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    UnknownCriticalExtension,
    /// A leaf date before 1970: webpki cannot represent it (BadDerTime).
    BeforeUnixEpoch,
    /// Leaf (`None`) or the intermediate at this index (root downwards).
    Expired(Option<usize>),
    NotYetValid(Option<usize>),
    ClientAuthOnly,
    UnknownIssuer,
    NotACa,
    PathLen,
    NameConstraints,
    NotValidForName,
}

#[derive(Clone, Debug)]
pub struct PkiCase {
    pub now_secs: i64,
    pub now_nanos: u32,
    pub key: &'static str,
    pub nb: Off,
    pub na: Off,
    pub names: Option<Vec<String>>,
    pub extra: u32,
    pub cn: Option<&'static str>,
    pub eku: Option<Vec<&'static str>>,
    pub unknown: bool,
    pub revoked: bool,
    pub digest: &'static str,
    pub root: &'static str,
    pub send: &'static str,
    pub inters: Option<Vec<Inter>>,
    pub target: String,
    pub fault: Fault,
}

impl PkiCase {
    /// The SANs the leaf must carry, in order.
    pub fn sans(&self) -> Vec<String> {
        let mut names = self.names.clone().unwrap_or_else(good_names);
        names.extend((0..self.extra).map(|i| format!("n{i:05}.badtls.test")));
        names
    }

    /// How many CAs stand between the leaf and the root. Under the suite root: the issuing CA,
    /// then the custom ones. Under the untrusted root: the custom ones (`Some`), or its shared
    /// intermediate (`None`).
    pub fn issuing_cas(&self) -> usize {
        match (&self.inters, self.root) {
            (_, "none") => 0,
            (Some(i), "suite") => 1 + i.len(),
            (Some(i), _) => i.len(),
            (None, _) => 1,
        }
    }

    /// The scenario file for this case.
    pub fn toml(&self) -> String {
        let mut n = Node::table();
        n.set("id", s("prop/pki"));
        n.set("summary", s("generated"));
        n.set("expect.verdict", s("accept"));
        n.set("pki.root", s(self.root));
        n.set("pki.send", s(self.send));
        n.set("pki.leaf.key", s(self.key));
        n.set("pki.leaf.not_before", s(&self.nb.text));
        n.set("pki.leaf.not_after", s(&self.na.text));
        if let Some(names) = &self.names {
            n.set("pki.leaf.names", str_array(names));
        }
        n.set("pki.leaf.extra_names", self.extra.to_string());
        if let Some(cn) = self.cn {
            n.set("pki.leaf.cn", s(cn));
        }
        if let Some(eku) = &self.eku {
            n.set("pki.leaf.eku", str_array(eku));
        }
        n.set("pki.leaf.digest", s(self.digest));
        n.set(
            "pki.leaf.unknown_critical_extension",
            self.unknown.to_string(),
        );
        n.set("pki.leaf.revoked", self.revoked.to_string());
        if let Some(inters) = &self.inters {
            let inline: Vec<String> = inters.iter().map(Inter::inline).collect();
            n.set("pki.intermediates", format!("[{}]", inline.join(", ")));
        }
        render(&[(n, Style::Dotted)], false)
    }

    /// Every reason webpki has to refuse this chain for `target` at the suite clock.
    pub fn rejections(&self) -> Vec<Rejection> {
        let mut out = Vec::new();
        if self.unknown {
            out.push(Rejection::UnknownCriticalExtension);
        }
        if self.now_secs + self.nb.secs < 0 || self.now_secs + self.na.secs < 0 {
            out.push(Rejection::BeforeUnixEpoch);
        } else if self.nb.secs > 0 {
            out.push(Rejection::NotYetValid(None));
        } else if self.na.secs < 0 {
            out.push(Rejection::Expired(None));
        }
        if let Some(eku) = &self.eku {
            if !eku.is_empty() && !eku.contains(&"server-auth") {
                out.push(Rejection::ClientAuthOnly);
            }
        }
        let sent_all = self.send != "leaf" || self.issuing_cas() == 0;
        if self.root != "suite" || !sent_all {
            out.push(Rejection::UnknownIssuer);
        }
        let inters = self.inters.as_deref().unwrap_or_default();
        for (i, inter) in inters.iter().enumerate() {
            if inter.nb.secs > 0 {
                out.push(Rejection::NotYetValid(Some(i)));
            } else if inter.na.secs < 0 {
                out.push(Rejection::Expired(Some(i)));
            }
            let below = inters.len() - 1 - i;
            if !inter.ca {
                out.push(Rejection::NotACa);
            } else if inter.pathlen.is_some_and(|p| usize::from(p) < below) {
                out.push(Rejection::PathLen);
            }
        }
        let sans = self.sans();
        if self.root == "suite" && sans.iter().any(|n| !inside_constraints(n)) {
            out.push(Rejection::NameConstraints);
        }
        if !sans.iter().any(|n| covers(n, &self.target)) {
            out.push(Rejection::NotValidForName);
        }
        out
    }
}

/// Whether a SAN is inside the suite root's constraints: localhost, badtls.test (and below),
/// 127.0.0.0/8, ::1.
pub fn inside_constraints(name: &str) -> bool {
    match name.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.octets()[0] == 127,
        Ok(IpAddr::V6(v6)) => v6.is_loopback(),
        Err(_) => {
            let n = name.strip_prefix("*.").unwrap_or(name);
            ["localhost", "badtls.test"]
                .iter()
                .any(|c| n == *c || n.ends_with(&format!(".{c}")))
        }
    }
}

/// Whether the SAN `name` covers the host `target` (RFC 6125: one wildcard label, IPs exact).
pub fn covers(name: &str, target: &str) -> bool {
    match (name.parse::<IpAddr>(), target.parse::<IpAddr>()) {
        (Ok(a), Ok(b)) => a == b,
        (Err(_), Err(_)) => match name.strip_prefix("*.") {
            Some(parent) => target.split_once('.').is_some_and(|(label, rest)| {
                !label.is_empty() && rest.eq_ignore_ascii_case(parent)
            }),
            None => name.eq_ignore_ascii_case(target),
        },
        _ => false,
    }
}
