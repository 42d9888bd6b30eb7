//! Valid scenarios over the whole schema: each draw must load.

use std::net::IpAddr;

use badtls_contract::Reason;
use proptest::prelude::*;
use proptest::sample::select;

use super::offsets::{any_window, Off};
use super::toml_doc::{s, str_array, Node};

/// The leaf keys the generators draw from (every kind but RSA-8192).
pub const KEYS: &[&str] = &["ecdsa-p256", "ecdsa-p384", "rsa1024", "rsa2048", "rsa4096"];
/// The keys that can sign a certificate (RSA-1024 cannot: the signer refuses it).
const ISSUER_KEYS: &[&str] = &["ecdsa-p256", "ecdsa-p384", "rsa2048", "rsa4096"];
const RAW_FAULTS: &[&str] = &[
    "plain-http",
    "server-speaks-first",
    "close-after-hello",
    "reset",
    "hang",
];

fn id_part() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9.-]{0,10}"
}

fn dns_name() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "localhost".to_string(),
            "*.badtls.test".to_string(),
            "a.badtls.test".to_string(),
            "Mixed-Case.Example".to_string(),
        ]),
        "(\\*\\.)?[a-zA-Z0-9-]{1,12}(\\.[a-z0-9-]{1,12}){0,3}",
    ]
}

fn ip_name() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<[u8; 4]>().prop_map(|o| IpAddr::from(o).to_string()),
        any::<[u8; 16]>().prop_map(|o| IpAddr::from(o).to_string()),
        Just("::1".to_string()),
    ]
}

fn reason() -> impl Strategy<Value = &'static str> {
    select(Reason::all().map(Reason::as_str).collect::<Vec<_>>())
}

/// A scenario that must load: its id and its document tree.
pub fn valid_scenario() -> impl Strategy<Value = (String, Node)> {
    let head = (
        id_part(),
        id_part(),
        (any::<String>(), any::<String>()).prop_map(|(a, b)| format!("{a}x{b}")),
        proptest::option::of(any::<String>()),
        proptest::option::of(reason()),
        proptest::option::of((select(vec!["localhost", "127.0.0.1", "sni"]), any::<bool>())),
    );
    (head, tls_part(), pki_part(), negotiates_part()).prop_map(
        |((cat, name, summary, explain, reason, client), tls, pki, negotiates)| {
            let id = format!("{cat}/{name}");
            let mut n = Node::table();
            n.set("id", s(&id));
            n.set("summary", s(&summary));
            if let Some(e) = explain {
                n.set("explain", s(&e));
            }
            match reason {
                Some(r) => {
                    n.set("expect.verdict", s("reject"));
                    n.set("expect.reason", s(r));
                }
                None => n.set("expect.verdict", s("accept")),
            }
            if let Some((host, present)) = client {
                n.set("client.host", s(host));
                n.set("client.present_cert", present.to_string());
            }
            for (k, v) in tls.into_iter().chain(pki).chain(negotiates) {
                n.set(&k, v);
            }
            (id, n)
        },
    )
}

type Fields = Vec<(String, String)>;

fn tls_part() -> impl Strategy<Value = Fields> {
    let versions = |all: &'static [&'static str]| {
        proptest::sample::subsequence(all.to_vec(), 1..=all.len()).prop_shuffle()
    };
    let rustls = (
        proptest::option::of(versions(&["1.2", "1.3"])),
        proptest::option::of(proptest::collection::vec("[a-z0-9/.]{1,12}", 1..4)),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(versions, alpn, auth, sni, truncated)| {
            let mut f: Fields = vec![("tls.engine".into(), s("rustls"))];
            if let Some(v) = versions {
                f.push(("tls.versions".into(), str_array(v)));
            }
            if let Some(a) = alpn {
                f.push(("tls.alpn".into(), str_array(a)));
            }
            if auth {
                f.push(("tls.client_auth".into(), s("required")));
            }
            f.push(("tls.require_sni".into(), sni.to_string()));
            if truncated {
                f.push(("tls.fault".into(), s("truncated")));
            }
            f
        });
    let raw = select(RAW_FAULTS.to_vec()).prop_map(|fault| {
        vec![
            ("tls.engine".to_string(), s("raw")),
            ("tls.fault".to_string(), s(fault)),
        ]
    });
    let openssl = (
        versions(&["ssl3", "1.0", "1.1", "1.2", "1.3"]),
        proptest::option::of("[A-Z0-9:!-]{1,20}"),
        proptest::option::of(select(vec![512u32, 1024, 2048])),
        0u8..=5,
    )
        .prop_map(|(versions, ciphers, dh, level)| {
            let mut f: Fields = vec![
                ("tls.engine".into(), s("openssl")),
                ("tls.versions".into(), str_array(versions)),
                ("tls.security_level".into(), level.to_string()),
            ];
            if let Some(c) = ciphers {
                f.push(("tls.ciphers".into(), s(&c)));
            }
            if let Some(d) = dh {
                f.push(("tls.dh_bits".into(), d.to_string()));
            }
            f
        });
    prop_oneof![Just(Fields::new()), rustls, raw, openssl]
}

fn negotiates_part() -> impl Strategy<Value = Fields> {
    proptest::option::of(("TLSv1\\.[0-3]", "[A-Z0-9-]{1,16}", any::<u32>())).prop_map(|n| {
        n.map(|(p, c, bits)| {
            vec![
                ("negotiates.protocol".into(), s(&p)),
                ("negotiates.cipher".into(), s(&c)),
                ("negotiates.dh_bits".into(), bits.to_string()),
            ]
        })
        .unwrap_or_default()
    })
}

/// One intermediate as drawn; rendered as an inline table.
#[derive(Clone, Debug)]
pub struct Inter {
    pub key: &'static str,
    pub nb: Off,
    pub na: Off,
    pub ca: bool,
    pub pathlen: Option<u8>,
}

impl Inter {
    /// The intermediate as a TOML inline table, every field written.
    pub fn inline(&self) -> String {
        let mut t = Node::table();
        t.set("key", s(self.key));
        t.set("not_before", s(&self.nb.text));
        t.set("not_after", s(&self.na.text));
        t.set("ca", self.ca.to_string());
        if let Some(p) = self.pathlen {
            t.set("pathlen", p.to_string());
        }
        t.inline()
    }
}

fn intermediate() -> impl Strategy<Value = Inter> {
    (
        select(ISSUER_KEYS.to_vec()),
        any_window(),
        any::<bool>(),
        proptest::option::of(any::<u8>()),
    )
        .prop_map(|(key, (nb, na), ca, pathlen)| Inter {
            key,
            nb,
            na,
            ca,
            pathlen,
        })
}

fn pki_part() -> impl Strategy<Value = Fields> {
    let names = proptest::option::of(proptest::collection::vec(
        prop_oneof![dns_name(), ip_name()],
        0..5,
    ));
    let leaf = (
        select(KEYS.to_vec()),
        any_window(),
        names,
        proptest::option::of(any::<String>()),
        proptest::option::of(proptest::sample::subsequence(
            vec!["server-auth", "client-auth"],
            0..=2,
        )),
        prop_oneof![3 => Just(0u32), 1 => 0u32..=20_000],
        any::<bool>(),
        any::<bool>(),
    );
    let chain = (
        select(vec!["suite", "untrusted", "none"]),
        proptest::option::of(proptest::collection::vec(intermediate(), 0..=8)),
        select(vec!["chain", "leaf", "chain-and-root", "reversed"]),
        select(vec!["sha256", "sha1", "md5"]),
    );
    (leaf, chain).prop_map(
        |(
            (key, (nb, na), names, cn, eku, extra, unknown, revoked),
            (root, inters, send, digest),
        )| {
            let mut key = key;
            let mut inters = inters;
            let mut send = send;
            // Bend the draw to the rules that cross fields, so that it loads.
            if root == "none" {
                inters = None;
                if send != "leaf" {
                    send = "chain";
                }
            }
            if send == "reversed" && inters.as_ref().is_none_or(|i| i.len() < 2) {
                send = "chain";
            }
            let revoked = revoked && root == "suite" && inters.is_none();
            let mut digest = digest;
            if digest != "sha256" {
                match (root, inters.as_mut().and_then(|i| i.last_mut())) {
                    ("none", _) => key = "rsa2048",
                    (_, Some(last)) => last.key = "rsa2048",
                    (_, None) => digest = "sha256",
                }
            }
            if root == "none" && digest == "sha256" && key == "rsa1024" {
                key = "rsa2048";
            }
            let mut f: Fields = vec![
                ("pki.root".into(), s(root)),
                ("pki.send".into(), s(send)),
                ("pki.leaf.key".into(), s(key)),
                ("pki.leaf.not_before".into(), s(&nb.text)),
                ("pki.leaf.not_after".into(), s(&na.text)),
                ("pki.leaf.digest".into(), s(digest)),
                ("pki.leaf.extra_names".into(), extra.to_string()),
                (
                    "pki.leaf.unknown_critical_extension".into(),
                    unknown.to_string(),
                ),
                ("pki.leaf.revoked".into(), revoked.to_string()),
            ];
            if let Some(names) = names {
                f.push(("pki.leaf.names".into(), str_array(names)));
            }
            if let Some(cn) = cn {
                f.push(("pki.leaf.cn".into(), s(&cn)));
            }
            if let Some(eku) = eku {
                f.push(("pki.leaf.eku".into(), str_array(eku)));
            }
            if let Some(inters) = inters {
                let inline: Vec<String> = inters.iter().map(Inter::inline).collect();
                f.push((
                    "pki.intermediates".into(),
                    format!("[{}]", inline.join(", ")),
                ));
            }
            f
        },
    )
}
