//! Near misses: one change that makes a valid scenario fail, with the error it must give.

use proptest::prelude::*;
use proptest::sample::select;

use super::offsets::{any_window, Off};
use super::toml_doc::{s, str_array, Node};

/// Every key the schema knows, at any level: an unknown field is drawn outside these.
pub const SCHEMA_KEYS: &[&str] = &[
    "id",
    "summary",
    "explain",
    "pki",
    "tls",
    "client",
    "expect",
    "negotiates",
    "leaf",
    "intermediates",
    "root",
    "send",
    "key",
    "not_before",
    "not_after",
    "names",
    "cn",
    "eku",
    "digest",
    "extra_names",
    "unknown_critical_extension",
    "revoked",
    "ca",
    "pathlen",
    "engine",
    "versions",
    "alpn",
    "client_auth",
    "require_sni",
    "fault",
    "ciphers",
    "ciphersuites",
    "dh_bits",
    "security_level",
    "host",
    "present_cert",
    "verdict",
    "reason",
    "protocol",
    "cipher",
];

/// The error a near miss must produce.
#[derive(Clone, Debug)]
pub struct Want {
    /// The field the error blames (`None`: the scenario as a whole).
    pub field: Option<String>,
    /// A piece of the message.
    pub message: &'static str,
    /// The id shown in the error; `None`: the scenario's own id.
    pub label: Option<String>,
}

/// The error a miss blames on `field`, with a piece of its message.
fn want(field: &str, message: &'static str) -> Want {
    Want {
        field: Some(field.to_string()),
        message,
        label: None,
    }
}

/// One deliberate mistake, applied to a valid scenario's tree.
#[derive(Clone, Debug)]
pub enum Miss {
    UnknownField(&'static str, String),
    WrongType(&'static str, &'static str, &'static str),
    BadOffset(&'static str, &'static str),
    TomlDate(&'static str, &'static str),
    LeafWindowReversed(Off, Off),
    IntermediateWindowReversed,
    BadIntermediateOffset(&'static str),
    BadId(&'static str),
    MissingTop(&'static str),
    MissingVerdict,
    BlankSummary(&'static str),
    RejectWithoutReason,
    AcceptWithReason,
    RawWithoutFault,
    FaultOfOtherEngine(bool),
    RustlsLegacyVersion(&'static str),
    VersionsEmptyOrTwice(bool),
    BadName(&'static str),
    NineIntermediates,
    SelfSignedWithChainAndRoot,
    ReversedWithoutTwo(bool),
    WeakDigestWithoutRsa(&'static str),
    Rsa1024Signs(bool),
    OpensslOnlyOnRustls(usize),
    OpensslWithSni,
    BadDhBits(u32),
    SecurityLevel(u8),
    BadAlpn(bool),
    TooManyExtraNames(u32),
    RevokedUnderUntrustedRoot,
}

/// Any one of the mistakes, with the values it is made of.
pub fn miss() -> impl Strategy<Value = Miss> {
    let unknown_key = "[a-z][a-z_]{0,9}".prop_filter("not a schema key", |k: &String| {
        !SCHEMA_KEYS.contains(&k.as_str())
    });
    let tables = vec![
        "",
        "pki",
        "pki.leaf",
        "tls",
        "client",
        "expect",
        "negotiates",
    ];
    let wrong_types: Vec<(&str, &str, &str)> = vec![
        ("pki.leaf.extra_names", "\"3\"", "invalid type"),
        ("pki.leaf.extra_names", "-1", "invalid value"),
        ("pki.leaf.extra_names", "4294967296", "invalid value"),
        ("tls.require_sni", "\"yes\"", "invalid type"),
        ("pki.leaf.key", "256", "invalid type"),
        ("pki.leaf.key", "\"ed25519\"", "unknown variant"),
        ("pki.leaf.key", "\"ECDSA-P256\"", "unknown variant"),
        ("tls.versions", "\"1.2\"", "invalid type"),
        ("pki.leaf.names", "\"localhost\"", "invalid type"),
        ("pki.root", "\"trusted\"", "unknown variant"),
        ("pki.send", "true", "invalid type"),
        ("client.host", "\"::1\"", "unknown variant"),
        ("client.present_cert", "1", "invalid type"),
        ("summary", "true", "invalid type"),
        ("pki.leaf", "\"x\"", "invalid type"),
        ("tls.engine", "\"gnutls\"", "unknown variant"),
        ("pki.leaf.digest", "\"SHA256\"", "unknown variant"),
        ("tls.fault", "\"slow\"", "unknown variant"),
        ("negotiates.dh_bits", "-5", "invalid value"),
        ("pki.intermediates", "{}", "invalid type"),
        ("pki.leaf.not_before", "30", "invalid type"),
        ("expect.verdict", "\"maybe\"", "unknown variant"),
        ("expect.reason", "\"cert.bogus\"", "cert.bogus"),
        ("explain", "[]", "invalid type"),
        ("id", "5", "invalid type"),
    ];
    let bad_offsets = vec![
        "-30x",
        "1.5d",
        "",
        "--3d",
        "d",
        "30",
        "99999999999999999d",
        "+1001y",
        "365001d",
        "- 3d",
        "3 d",
        "\u{663}d",
        "+-1d",
        "1e3s",
        "1D",
        "now-1d",
    ];
    let dates = vec![
        "2024-01-01T00:00:00Z",
        "2024-01-01",
        "07:32:00",
        "1979-05-27T07:32:00-08:00",
    ];
    let bad_ids = vec![
        "",
        "Cert/x",
        "cert",
        "cert/",
        "/x",
        "a/b/c",
        "cert/-x",
        "cert/ex pired",
        "\u{e7}ert/x",
        "cert/x_y",
        ".a/b",
    ];
    let bad_names = vec![
        "",
        "bad name",
        "a..b",
        "*.",
        "\u{e9}.test",
        "*.*.x",
        "a_b.test",
        "x.",
    ];
    let which_offset = select(vec!["pki.leaf.not_before", "pki.leaf.not_after"]);
    prop_oneof![
        (select(tables), unknown_key).prop_map(|(t, k)| Miss::UnknownField(t, k)),
        select(wrong_types).prop_map(|(p, v, m)| Miss::WrongType(p, v, m)),
        (which_offset.clone(), select(bad_offsets.clone()))
            .prop_map(|(w, o)| Miss::BadOffset(w, o)),
        (which_offset, select(dates)).prop_map(|(w, d)| Miss::TomlDate(w, d)),
        (any_window()).prop_map(|(a, b)| Miss::LeafWindowReversed(b, a)),
        Just(Miss::IntermediateWindowReversed),
        select(bad_offsets).prop_map(Miss::BadIntermediateOffset),
        select(bad_ids).prop_map(Miss::BadId),
        select(vec!["id", "summary", "expect"]).prop_map(Miss::MissingTop),
        Just(Miss::MissingVerdict),
        select(vec!["", " ", "\t\n "]).prop_map(Miss::BlankSummary),
        Just(Miss::RejectWithoutReason),
        Just(Miss::AcceptWithReason),
        Just(Miss::RawWithoutFault),
        any::<bool>().prop_map(Miss::FaultOfOtherEngine),
        select(vec!["ssl3", "1.0", "1.1"]).prop_map(Miss::RustlsLegacyVersion),
        any::<bool>().prop_map(Miss::VersionsEmptyOrTwice),
        select(bad_names).prop_map(Miss::BadName),
        Just(Miss::NineIntermediates),
        Just(Miss::SelfSignedWithChainAndRoot),
        any::<bool>().prop_map(Miss::ReversedWithoutTwo),
        select(vec!["sha1", "md5"]).prop_map(Miss::WeakDigestWithoutRsa),
        any::<bool>().prop_map(Miss::Rsa1024Signs),
        (0usize..4).prop_map(Miss::OpensslOnlyOnRustls),
        Just(Miss::OpensslWithSni),
        any::<u32>()
            .prop_filter("not a suite group", |b| ![512, 1024, 2048].contains(b))
            .prop_map(Miss::BadDhBits),
        (6u8..=255).prop_map(Miss::SecurityLevel),
        any::<bool>().prop_map(Miss::BadAlpn),
        (20_001u32..=u32::MAX).prop_map(Miss::TooManyExtraNames),
        Just(Miss::RevokedUnderUntrustedRoot),
    ]
}

const OPENSSL_ONLY: [(&str, &str); 4] = [
    ("tls.ciphers", "\"RC4-SHA\""),
    ("tls.ciphersuites", "\"TLS_AES_128_GCM_SHA256\""),
    ("tls.dh_bits", "1024"),
    ("tls.security_level", "1"),
];

/// A plain rustls endpoint (nothing in `tls` that another engine needs).
fn make_rustls(n: &mut Node) {
    n.remove("tls");
    n.set("tls.engine", s("rustls"));
}

/// A plain openssl endpoint.
fn make_openssl(n: &mut Node) {
    n.remove("tls");
    n.set("tls.engine", s("openssl"));
    n.set("tls.versions", str_array(["1.0", "1.2"]));
}

impl Miss {
    /// Apply the mistake to `n` (a valid scenario with id `id`) and say which error must follow.
    pub fn apply(&self, id: &str, n: &mut Node) -> Want {
        let unnamed = |w: Want, label: &str| Want {
            label: Some(label.to_string()),
            ..w
        };
        match self {
            Miss::UnknownField(table, key) => {
                let path = if table.is_empty() {
                    key.clone()
                } else {
                    format!("{table}.{key}")
                };
                n.set(&path, "1");
                want(&path, "unknown field")
            }
            Miss::WrongType(path, value, message) => {
                n.set(path, *value);
                let w = want(path, message);
                if *path == "id" {
                    unnamed(w, "#")
                } else {
                    w
                }
            }
            Miss::BadOffset(path, text) => {
                n.set(path, s(text));
                want(path, "bad time offset")
            }
            Miss::TomlDate(path, date) => {
                n.set(path, *date);
                want(path, "")
            }
            Miss::LeafWindowReversed(late, early) => {
                n.set("pki.leaf.not_before", s(&late.text));
                n.set("pki.leaf.not_after", s(&early.text));
                want("pki.leaf.not_after", "must be after not_before")
            }
            Miss::IntermediateWindowReversed => {
                n.set(
                    "pki.intermediates",
                    "[{ not_before = \"1d\", not_after = \"-1d\" }]",
                );
                want("pki.intermediates", "")
            }
            Miss::BadIntermediateOffset(text) => {
                n.set(
                    "pki.intermediates",
                    format!("[{{}}, {{ not_after = {} }}]", s(text)),
                );
                want("pki.intermediates[1].not_after", "bad time offset")
            }
            Miss::BadId(bad) => {
                n.set("id", s(bad));
                unnamed(want("id", "is not of the form"), bad)
            }
            Miss::MissingTop(field) => {
                n.remove(field);
                let w = Want {
                    field: None,
                    message: match *field {
                        "id" => "missing field `id`",
                        "summary" => "missing field `summary`",
                        _ => "missing field `expect`",
                    },
                    label: None,
                };
                if *field == "id" {
                    unnamed(w, "#")
                } else {
                    w
                }
            }
            Miss::MissingVerdict => {
                n.remove("expect");
                n.set("expect.reason", s("cert.expired"));
                want("expect", "missing field `verdict`")
            }
            Miss::BlankSummary(blank) => {
                n.set("summary", s(blank));
                want("summary", "must not be empty")
            }
            Miss::RejectWithoutReason => {
                n.remove("expect");
                n.set("expect.verdict", s("reject"));
                want("expect.reason", "must name its reason")
            }
            Miss::AcceptWithReason => {
                n.remove("expect");
                n.set("expect.verdict", s("accept"));
                n.set("expect.reason", s("cert.expired"));
                want("expect.reason", "has no reason")
            }
            Miss::RawWithoutFault => {
                n.remove("tls");
                n.set("tls.engine", s("raw"));
                want("tls.fault", "needs a fault")
            }
            Miss::FaultOfOtherEngine(raw_on_rustls) => {
                if *raw_on_rustls {
                    make_rustls(n);
                    n.set("tls.fault", s("reset"));
                } else {
                    n.remove("tls");
                    n.set("tls.engine", s("raw"));
                    n.set("tls.fault", s("truncated"));
                }
                want("tls.fault", "belongs to engine")
            }
            Miss::RustlsLegacyVersion(v) => {
                make_rustls(n);
                n.set("tls.versions", str_array(["1.3", v]));
                want("tls.versions", "speaks only TLS 1.2 and 1.3")
            }
            Miss::VersionsEmptyOrTwice(empty) => {
                if *empty {
                    n.set("tls.versions", "[]");
                    want("tls.versions", "at least one")
                } else {
                    n.set("tls.versions", str_array(["1.3", "1.2", "1.3"]));
                    want("tls.versions", "twice")
                }
            }
            Miss::BadName(bad) => {
                n.set("pki.leaf.names", str_array(["localhost", bad]));
                want("pki.leaf.names", "neither an IP address nor a DNS name")
            }
            Miss::NineIntermediates => {
                n.set("pki.intermediates", format!("[{}]", ["{}"; 9].join(", ")));
                want("pki.intermediates", "at most 8")
            }
            Miss::SelfSignedWithChainAndRoot => {
                n.set("pki.root", s("none"));
                n.remove("pki.intermediates");
                n.set("pki.send", s("chain-and-root"));
                want("pki.send", "no chain to send")
            }
            Miss::ReversedWithoutTwo(one) => {
                n.set("pki.root", s("suite"));
                if *one {
                    n.set("pki.intermediates", "[{}]");
                } else {
                    n.remove("pki.intermediates");
                }
                n.set("pki.send", s("reversed"));
                want("pki.send", "at least two intermediates")
            }
            Miss::WeakDigestWithoutRsa(digest) => {
                n.set("pki.root", s("suite"));
                n.remove("pki.intermediates");
                n.set("pki.send", s("chain"));
                n.set("pki.leaf.digest", s(digest));
                want("pki.leaf.digest", "need an RSA issuer")
            }
            Miss::Rsa1024Signs(intermediate) => {
                n.set("pki.leaf.digest", s("sha256"));
                n.set("pki.leaf.revoked", "false");
                if *intermediate {
                    n.set("pki.root", s("suite"));
                    n.set("pki.intermediates", "[{ key = \"rsa1024\" }]");
                    want("pki.intermediates", "cannot sign certificates")
                } else {
                    n.set("pki.root", s("none"));
                    n.remove("pki.intermediates");
                    n.set("pki.send", s("chain"));
                    n.set("pki.leaf.key", s("rsa1024"));
                    want("pki.leaf.key", "cannot sign certificates")
                }
            }
            Miss::OpensslOnlyOnRustls(i) => {
                make_rustls(n);
                let (path, value) = OPENSSL_ONLY[*i % OPENSSL_ONLY.len()];
                n.set(path, value);
                want(path, "only the openssl engine")
            }
            Miss::OpensslWithSni => {
                make_openssl(n);
                n.set("tls.require_sni", "true");
                want("tls.engine", "no client-auth or SNI")
            }
            Miss::BadDhBits(bits) => {
                make_openssl(n);
                n.set("tls.dh_bits", bits.to_string());
                want("tls.dh_bits", "DH groups of 512, 1024 and 2048")
            }
            Miss::SecurityLevel(level) => {
                make_openssl(n);
                n.set("tls.security_level", level.to_string());
                want("tls.security_level", "0 to 5")
            }
            Miss::BadAlpn(empty_list) => {
                make_rustls(n);
                let alpn = if *empty_list { "[]" } else { "[\"h2\", \"\"]" };
                n.set("tls.alpn", alpn);
                want("tls.alpn", "1 to 255 bytes")
            }
            Miss::TooManyExtraNames(count) => {
                n.set("pki.leaf.extra_names", count.to_string());
                want("pki.leaf.extra_names", "at most 20000")
            }
            Miss::RevokedUnderUntrustedRoot => {
                n.set("pki.root", s("untrusted"));
                n.remove("pki.intermediates");
                n.set("pki.send", s("chain"));
                n.set("pki.leaf.revoked", "true");
                want("pki.leaf.revoked", "shared intermediate only")
            }
        }
        .labelled(id)
    }
}

impl Want {
    /// Fill in the label: the scenario's id unless the miss changed it.
    pub fn labelled(self, id: &str) -> Want {
        Want {
            label: Some(self.label.unwrap_or_else(|| id.to_string())),
            ..self
        }
    }
}
