//! The host name check (RFC 6125 as clients do it: subjectAltName only, one wildcard label).

use std::net::IpAddr;

use serde::Serialize;

/// Whether the leaf covers the name the client connects to.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct HostCheck {
    pub host: String,
    pub matches: bool,
    /// The SAN entry that matched.
    pub matched_by: Option<String>,
    /// Why not, in words, when it does not.
    pub detail: Option<String>,
}

/// Check `host` against the leaf's SANs (`IP:` entries for addresses) and CN.
pub fn check(host: &str, sans: &[String], common_name: Option<&str>) -> HostCheck {
    let ip = host.parse::<IpAddr>().ok();
    let hit = sans.iter().find(|san| match (ip, san.strip_prefix("IP:")) {
        (Some(ip), Some(a)) => a.parse::<IpAddr>().ok() == Some(ip),
        (None, None) => dns_matches(san, host),
        _ => false,
    });
    let detail = match hit {
        Some(_) => None,
        None if sans.is_empty() => Some(match common_name {
            Some(cn) => format!("the certificate has no subjectAltName; its CN is {cn:?}, which clients ignore (RFC 6125)"),
            None => "the certificate has no subjectAltName and no CN".to_string(),
        }),
        None => Some(format!(
            "{host} is not among the certificate's names: {}",
            sans.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
                + if sans.len() > 8 { ", ..." } else { "" }
        )),
    };
    HostCheck {
        host: host.to_string(),
        matches: hit.is_some(),
        matched_by: hit.cloned(),
        detail,
    }
}

/// `*.example.com` covers exactly one label, and only as the whole leftmost label.
fn dns_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.trim_end_matches('.').to_ascii_lowercase();
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    match pattern.strip_prefix("*.") {
        Some(suffix) => host.split_once('.').is_some_and(|(first, rest)| {
            !first.is_empty() && rest == suffix && suffix.contains('.')
        }),
        None => pattern == host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_wildcards_and_addresses() {
        let sans = names(&["localhost", "*.badtls.test", "IP:127.0.0.1", "IP:::1"]);
        for ok in [
            "localhost",
            "LOCALHOST",
            "a.badtls.test",
            "127.0.0.1",
            "::1",
        ] {
            assert!(check(ok, &sans, None).matches, "{ok}");
        }
        for bad in ["a.b.badtls.test", "badtls.test", "127.0.0.2", "example.com"] {
            let c = check(bad, &sans, None);
            assert!(
                !c.matches && c.detail.unwrap().contains("not among"),
                "{bad}"
            );
        }
        // A wildcard never covers a bare TLD, an address is never matched by a DNS entry.
        assert!(!check("a.test", &names(&["*.test"]), None).matches);
        assert!(!check("127.0.0.1", &names(&["127.0.0.1"]), None).matches);
    }

    #[test]
    fn cn_only_is_a_mismatch_that_says_so() {
        let c = check("localhost", &[], Some("localhost"));
        assert!(!c.matches);
        assert!(c.detail.unwrap().contains("no subjectAltName"));
    }
}
