//! Properties of the scenario loader and of the PKI built from scenarios.
//!
//! - Any text given to `parse_file` / `Catalogue::add_file` loads or is an error that names the
//!   file: arbitrary strings, TOML soup made of the schema's own keys and values, and scenario
//!   files generated from the real schema, valid or with one deliberate near-miss whose error
//!   (and the field it blames) is known in advance.
//! - Scenarios generated over the PKI part of the schema (validity windows, SANs, chain shapes,
//!   each with at most one intended fault) give certificates whose dates and names are exactly the
//!   ones asked for, and that rustls' webpki verifier accepts, or rejects for the intended reason.

use std::fmt::Write as _;
use std::net::IpAddr;
use std::sync::Arc;

use badtls_contract::Reason;
use badtls_servers::fuzzing::proptest_cases;
use badtls_servers::pki::{good_names, Pki, PkiOptions};
use badtls_servers::scenario::{parse_file, Catalogue, ScenarioError};
use proptest::prelude::*;
use proptest::sample::select;
use rustls::client::danger::ServerCertVerifier;
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, RootCertStore};
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, GeneralName, X509Certificate};

const FILE: &str = "mine/prop ✓.toml";

// ---------------------------------------------------------------------------------------------
// A TOML document model, rendered in the several styles a person might write.

/// A value (already TOML text) or a table of named children, in order.
#[derive(Clone, Debug)]
enum Node {
    Val(String),
    Table(Vec<(String, Node)>),
}

impl Node {
    fn table() -> Node {
        Node::Table(Vec::new())
    }

    /// Set `path` (dotted) to the value text `v`, making tables on the way.
    fn set(&mut self, path: &str, v: impl Into<String>) {
        let Node::Table(children) = self else {
            panic!("set {path} on a value")
        };
        let (head, rest) = match path.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (path, None),
        };
        let pos = children.iter().position(|(k, _)| k == head);
        match rest {
            None => {
                let v = Node::Val(v.into());
                match pos {
                    Some(i) => children[i].1 = v,
                    None => children.push((head.to_string(), v)),
                }
            }
            Some(rest) => {
                let i = pos.unwrap_or_else(|| {
                    children.push((head.to_string(), Node::table()));
                    children.len() - 1
                });
                if let Node::Val(_) = children[i].1 {
                    children[i].1 = Node::table();
                }
                children[i].1.set(rest, v);
            }
        }
    }

    /// Remove `path` if present.
    fn remove(&mut self, path: &str) {
        let Node::Table(children) = self else { return };
        match path.split_once('.') {
            None => children.retain(|(k, _)| k != path),
            Some((head, rest)) => {
                if let Some((_, child)) = children.iter_mut().find(|(k, _)| k == head) {
                    child.remove(rest);
                }
            }
        }
    }

    fn inline(&self) -> String {
        match self {
            Node::Val(v) => v.clone(),
            Node::Table(children) => {
                let inner: Vec<String> = children
                    .iter()
                    .map(|(k, v)| format!("{k} = {}", v.inline()))
                    .collect();
                format!("{{ {} }}", inner.join(", "))
            }
        }
    }

    /// `a.b.c = v` lines for every value under this table.
    fn dotted(&self, prefix: &str, out: &mut Vec<String>) {
        if let Node::Table(children) = self {
            for (k, v) in children {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                match v {
                    Node::Val(text) => out.push(format!("{key} = {text}")),
                    Node::Table(_) => v.dotted(&key, out),
                }
            }
        }
    }

    /// `[scenario.path]` headers: this table's values, then each sub-table under its header.
    fn headers(&self, path: &str, out: &mut Vec<String>) {
        let Node::Table(children) = self else { return };
        for (k, v) in children {
            if let Node::Val(text) = v {
                out.push(format!("{k} = {text}"));
            }
        }
        for (k, v) in children {
            if let Node::Table(_) = v {
                let sub = format!("{path}.{k}");
                out.push(format!("[{sub}]"));
                v.headers(&sub, out);
            }
        }
    }
}

/// How one `[[scenario]]` is written.
#[derive(Clone, Copy, Debug)]
enum Style {
    /// `pki.leaf.key = "..."`
    Dotted,
    /// `pki = { leaf = { key = "..." } }`
    Inline,
    /// `[scenario.pki.leaf]` headers.
    Headers,
    /// Top-level tables under headers, their sub-tables inline.
    Mixed,
}

fn style() -> impl Strategy<Value = Style> {
    select(vec![
        Style::Dotted,
        Style::Inline,
        Style::Headers,
        Style::Mixed,
    ])
}

fn render_one(node: &Node, style: Style, out: &mut Vec<String>) {
    out.push("[[scenario]]".into());
    let Node::Table(children) = node else {
        unreachable!()
    };
    match style {
        Style::Dotted => node.dotted("", out),
        Style::Inline => {
            for (k, v) in children {
                out.push(format!("{k} = {}", v.inline()));
            }
        }
        Style::Headers => node.headers("scenario", out),
        Style::Mixed => {
            for (k, v) in children {
                if let Node::Val(text) = v {
                    out.push(format!("{k} = {text}"));
                }
            }
            for (k, v) in children {
                if let Node::Table(grand) = v {
                    out.push(format!("[scenario.{k}]"));
                    for (gk, gv) in grand {
                        out.push(format!("{gk} = {}", gv.inline()));
                    }
                }
            }
        }
    }
}

/// A whole file: every scenario in its style, with LF or CRLF line ends.
fn render(scenarios: &[(Node, Style)], crlf: bool) -> String {
    let mut lines = vec!["# generated".to_string()];
    for (node, style) in scenarios {
        render_one(node, *style, &mut lines);
        lines.push(String::new());
    }
    lines.join(if crlf { "\r\n" } else { "\n" })
}

/// A TOML basic string, escaped by the toml crate itself.
fn s(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn str_array<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> String {
    let parts: Vec<String> = items.into_iter().map(|i| s(i.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}

// ---------------------------------------------------------------------------------------------
// Offsets.

const MINUTE: i64 = 60;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
const YEAR: i64 = 365 * DAY;
/// The loader's bound on an offset.
const MAX_OFFSET: i64 = 1000 * YEAR;

/// An offset as written in a file, and what it means in seconds.
#[derive(Clone, Debug)]
struct Off {
    text: String,
    secs: i64,
}

/// Offsets in `[lo, hi]` seconds, written with a unit that divides them exactly.
fn offset_in(lo: i64, hi: i64) -> impl Strategy<Value = Off> {
    assert!(lo <= hi);
    let units: Vec<(&'static str, i64)> = [
        ("s", 1),
        ("m", MINUTE),
        ("h", HOUR),
        ("d", DAY),
        ("y", YEAR),
    ]
    .into_iter()
    .filter(|(_, u)| ceil_div(lo, *u) <= hi.div_euclid(*u))
    .collect();
    (select(units), any::<u64>(), 0u8..4).prop_map(move |((unit, u), r, form)| {
        let (a, b) = (ceil_div(lo, u), hi.div_euclid(u));
        let n = a + (r % (b - a + 1) as u64) as i64;
        let text = match (n.signum(), form) {
            (0, 0) => "0".to_string(),
            (0, 1) => "now".to_string(),
            (0, 2) => format!("+0{unit}"),
            (0, _) => format!("-0{unit}"),
            (1, f) if f % 2 == 0 => format!("+{n}{unit}"),
            _ => format!("{n}{unit}"),
        };
        Off { text, secs: n * u }
    })
}

fn ceil_div(a: i64, b: i64) -> i64 {
    a.div_euclid(b) + i64::from(a.rem_euclid(b) != 0)
}

/// A window `not_before < not_after` anywhere the loader allows.
fn any_window() -> impl Strategy<Value = (Off, Off)> {
    let near = offset_in(-3 * YEAR, 3 * YEAR);
    let far = offset_in(-MAX_OFFSET, MAX_OFFSET);
    let one = prop_oneof![3 => near, 1 => far];
    (one.clone(), one)
        .prop_filter("distinct", |(a, b)| a.secs != b.secs)
        .prop_map(|(a, b)| if a.secs < b.secs { (a, b) } else { (b, a) })
}

// ---------------------------------------------------------------------------------------------
// Valid scenarios over the whole schema.

const KEYS: &[&str] = &["ecdsa-p256", "ecdsa-p384", "rsa1024", "rsa2048", "rsa4096"];
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
fn valid_scenario() -> impl Strategy<Value = (String, Node)> {
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
struct Inter {
    key: &'static str,
    nb: Off,
    na: Off,
    ca: bool,
    pathlen: Option<u8>,
}

impl Inter {
    fn inline(&self) -> String {
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

// ---------------------------------------------------------------------------------------------
// Near misses: one change that makes a valid scenario fail, with the error it must give.

/// Every key the schema knows, at any level: an unknown field is drawn outside these.
const SCHEMA_KEYS: &[&str] = &[
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
struct Want {
    /// The field the error blames (`None`: the scenario as a whole).
    field: Option<String>,
    /// A piece of the message.
    message: &'static str,
    /// The id shown in the error; `None`: the scenario's own id.
    label: Option<String>,
}

fn want(field: &str, message: &'static str) -> Want {
    Want {
        field: Some(field.to_string()),
        message,
        label: None,
    }
}

/// One deliberate mistake, applied to a valid scenario's tree.
#[derive(Clone, Debug)]
enum Miss {
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

fn miss() -> impl Strategy<Value = Miss> {
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
    fn apply(&self, id: &str, n: &mut Node) -> Want {
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
    fn labelled(self, id: &str) -> Want {
        Want {
            label: Some(self.label.unwrap_or_else(|| id.to_string())),
            ..self
        }
    }
}

/// What the whole file must do.
#[derive(Debug)]
enum FileWant {
    /// Loads: these ids, in order.
    Loads(Vec<String>),
    /// `parse_file` loads, but a catalogue refuses the id repeated by the scenario at this index.
    Duplicate(usize),
    /// Both refuse, with this error.
    Error(Want),
    /// A top-level problem, before any scenario.
    TopLevel(Option<&'static str>, &'static str),
}

/// A file of 1–4 valid scenarios in various styles, possibly with one near miss in one of them,
/// or a repeated id, or a top-level mistake.
fn scenario_file() -> impl Strategy<Value = (String, FileWant)> {
    let scenarios = proptest::collection::vec((valid_scenario(), style()), 1..=4);
    let mistake = prop_oneof![
        3 => Just(None),
        6 => (any::<prop::sample::Index>(), miss()).prop_map(|(i, m)| Some(Ok((i, m)))),
        1 => any::<prop::sample::Index>().prop_map(|i| Some(Err(i))),
    ];
    let top = prop_oneof![
        20 => Just(None),
        1 => Just(Some(0u8)),
        1 => Just(Some(1u8)),
        1 => Just(Some(2u8)),
    ];
    (scenarios, mistake, top, any::<bool>()).prop_map(|(mut scenarios, mistake, top, crlf)| {
        let ids: Vec<String> = scenarios.iter().map(|((id, _), _)| id.clone()).collect();
        let first_dup = |ids: &[String]| (1..ids.len()).find(|&i| ids[..i].contains(&ids[i]));
        let mut want = match first_dup(&ids) {
            Some(i) => FileWant::Duplicate(i),
            None => FileWant::Loads(ids.clone()),
        };
        match mistake {
            None => {}
            Some(Ok((index, miss))) => {
                let i = index.index(scenarios.len());
                let ((id, node), _) = &mut scenarios[i];
                let mut w = miss.apply(id, node);
                if w.label.as_deref() == Some("#") {
                    w.label = Some(format!("#{}", i + 1));
                }
                want = FileWant::Error(w);
            }
            Some(Err(index)) if scenarios.len() > 1 => {
                // Repeat an earlier id later in the file.
                let i = 1 + index.index(scenarios.len() - 1);
                let earlier = scenarios[index.index(i)].0 .0.clone();
                scenarios[i].0 .1.set("id", s(&earlier));
                let mut ids = ids;
                ids[i] = earlier;
                want = FileWant::Duplicate(first_dup(&ids).expect("an id repeats"));
            }
            Some(Err(_)) => {}
        }
        let body: Vec<(Node, Style)> = scenarios
            .iter()
            .map(|((_, n), st)| (n.clone(), *st))
            .collect();
        let mut text = render(&body, crlf);
        match top {
            Some(0) => {
                text = format!("title = \"mine\"\n{text}");
                want = FileWant::TopLevel(Some("title"), "unknown top-level key");
            }
            Some(1) => {
                text = "scenario = 1\n".to_string();
                want = FileWant::TopLevel(Some("scenario"), "array of tables");
            }
            Some(_) => {
                text = "# nothing here\n".to_string();
                want = FileWant::TopLevel(None, "no [[scenario]] tables");
            }
            None => {}
        }
        (text, want)
    })
}

/// The checks every error must pass, whatever the input: it names the file.
fn names_the_file(e: &ScenarioError, file: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(&e.file, file);
    let shown = e.to_string();
    prop_assert!(
        shown.starts_with(file),
        "{shown:?} does not start with {file:?}"
    );
    Ok(())
}

/// What `parse_file` (the ids) and `Catalogue::add_file` made of one text.
type Loaded = (
    Result<Vec<String>, ScenarioError>,
    Result<(), ScenarioError>,
);

/// Load `text` both ways; both must agree, and any error must name `file`.
fn load_both(file: &str, text: &str) -> Result<Loaded, TestCaseError> {
    let parsed = parse_file(file, text).map(|v| v.into_iter().map(|s| s.id).collect());
    let mut catalogue = Catalogue::default();
    let added = catalogue.add_file(file, text);
    for e in parsed
        .as_ref()
        .err()
        .into_iter()
        .chain(added.as_ref().err())
    {
        names_the_file(e, file)?;
    }
    if let Err(e) = &parsed {
        prop_assert_eq!(
            Err(e),
            added.as_ref(),
            "add_file must give parse_file's error"
        );
    }
    Ok((parsed, added))
}

/// Soup: lines made of the schema's keys, tables and values, in any order.
fn toml_soup() -> impl Strategy<Value = String> {
    let keys = select(SCHEMA_KEYS.to_vec());
    let path = proptest::collection::vec(keys.clone(), 1..4).prop_map(|k| k.join("."));
    let value = prop_oneof![
        select(vec![
            "\"ecdsa-p256\"",
            "\"rsa1024\"",
            "\"-30d\"",
            "\"+90d\"",
            "\"0\"",
            "\"now\"",
            "\"-1001y\"",
            "\"suite\"",
            "\"none\"",
            "\"reversed\"",
            "\"raw\"",
            "\"reset\"",
            "\"truncated\"",
            "\"1.0\"",
            "\"1.3\"",
            "\"reject\"",
            "\"accept\"",
            "\"cert.expired\"",
            "\"good/default\"",
            "\"localhost\"",
            "\"::1\"",
            "\"*.badtls.test\"",
            "true",
            "false",
            "0",
            "-1",
            "20001",
            "1e400",
            "nan",
            "inf",
            "[]",
            "{}",
            "[\"1.2\", \"1.2\"]",
            "[{}, {}]",
            "{ verdict = \"accept\" }",
            "1979-05-27T07:32:00Z",
            "2024-02-30",
            "24:00:00",
            "\"\"",
            "'lit'",
            "\"\"\"multi\nline\"\"\"",
            "[[]]",
            "{ a = { b = { c = 1 } } }",
        ])
        .prop_map(str::to_string),
        ".{0,12}".prop_map(|v| v),
    ];
    let line = prop_oneof![
        3 => (path.clone(), value).prop_map(|(p, v)| format!("{p} = {v}")),
        1 => Just("[[scenario]]".to_string()),
        1 => path.clone().prop_map(|p| format!("[scenario.{p}]")),
        1 => path.clone().prop_map(|p| format!("[[scenario.{p}]]")),
        1 => path.prop_map(|p| format!("[{p}]")),
        1 => ".{0,20}",
    ];
    proptest::collection::vec(line, 0..24).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(512), ..ProptestConfig::default() })]

    /// Any string, under any file name: loads or names the file.
    #[test]
    fn any_text_loads_or_names_the_file(file in "\\PC{1,24}", text in any::<String>()) {
        let _loaded = load_both(&file, &text)?;
    }

    /// Schema-shaped soup: the same, and the fuzz target's own checks hold.
    #[test]
    fn toml_soup_loads_or_names_the_file(text in toml_soup()) {
        let _loaded = load_both(FILE, &text)?;
        badtls_servers::fuzzing::scenario_parser(text.as_bytes());
    }

    /// Generated files over the real schema load exactly when they should, and a near miss
    /// fails with the error it must give: the file, the scenario and the field it blames.
    #[test]
    fn generated_files_load_or_fail_as_intended((text, want) in scenario_file()) {
        let (parsed, added) = load_both(FILE, &text)?;
        match want {
            FileWant::Loads(ids) => {
                prop_assert_eq!(parsed.as_ref(), Ok(&ids), "{}", text);
                prop_assert!(added.is_ok(), "{added:?}\n{text}");
            }
            FileWant::Duplicate(i) => {
                prop_assert!(parsed.is_ok(), "{parsed:?}\n{text}");
                let e = added.expect_err("a repeated id must be refused");
                let ids = parsed.unwrap_or_default();
                prop_assert_eq!(e.scenario.as_deref(), Some(ids[i].as_str()));
                prop_assert_eq!(e.field.as_deref(), Some("id"));
                prop_assert!(e.message.contains(&format!("already defined in {FILE}")), "{e}");
            }
            FileWant::Error(w) => {
                let e = parsed.expect_err(&format!("must fail\n{text}"));
                prop_assert_eq!(e.field.as_deref(), w.field.as_deref(), "{}\n{}", e, text);
                prop_assert!(e.message.contains(w.message), "{e}\n{text}");
                prop_assert_eq!(e.scenario.as_deref(), w.label.as_deref(), "{}", e);
                if let Some(id) = &w.label {
                    prop_assert!(e.to_string().starts_with(&format!("{FILE}: scenario '{id}'")), "{e}");
                }
            }
            FileWant::TopLevel(field, message) => {
                let e = parsed.expect_err("a top-level mistake must fail");
                prop_assert_eq!(e.field.as_deref(), field, "{}", e);
                prop_assert!(e.message.contains(message), "{e}");
                prop_assert_eq!(e.scenario, None);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The PKI: scenarios over the PKI part of the schema, issued and verified.

/// Names a good leaf may carry (all inside the suite root's name constraints).
const NAME_POOL: &[&str] = &[
    "localhost",
    "a.badtls.test",
    "b.badtls.test",
    "*.badtls.test",
    "badtls.test",
    "x-1.badtls.test",
    "127.0.0.1",
    "127.1.2.3",
    "::1",
];
/// Names a client may connect to.
const TARGETS: &[&str] = &[
    "localhost",
    "a.badtls.test",
    "c.badtls.test",
    "badtls.test",
    "x-1.badtls.test",
    "n00001.badtls.test",
    "127.0.0.1",
    "127.1.2.3",
    "::1",
];
/// Names outside the suite root's constraints (some only just).
const OUTSIDE: &[&str] = &[
    "example.com",
    "*.example.org",
    "notbadtls.test",
    "badtls.test.example",
    "localhost.example",
    "10.0.0.1",
    "::2",
];

/// What a generated case is meant to get wrong (at most one thing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
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
enum Rejection {
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
struct PkiCase {
    now_secs: i64,
    now_nanos: u32,
    key: &'static str,
    nb: Off,
    na: Off,
    names: Option<Vec<String>>,
    extra: u32,
    cn: Option<&'static str>,
    eku: Option<Vec<&'static str>>,
    unknown: bool,
    revoked: bool,
    digest: &'static str,
    root: &'static str,
    send: &'static str,
    inters: Option<Vec<Inter>>,
    target: String,
    fault: Fault,
}

impl PkiCase {
    /// The SANs the leaf must carry, in order.
    fn sans(&self) -> Vec<String> {
        let mut names = self.names.clone().unwrap_or_else(good_names);
        names.extend((0..self.extra).map(|i| format!("n{i:05}.badtls.test")));
        names
    }

    /// How many CAs stand between the leaf and the root. Under the suite root: the issuing CA,
    /// then the custom ones. Under the untrusted root: the custom ones (`Some`), or its shared
    /// intermediate (`None`).
    fn issuing_cas(&self) -> usize {
        match (&self.inters, self.root) {
            (_, "none") => 0,
            (Some(i), "suite") => 1 + i.len(),
            (Some(i), _) => i.len(),
            (None, _) => 1,
        }
    }

    /// The scenario file for this case.
    fn toml(&self) -> String {
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
    fn rejections(&self) -> Vec<Rejection> {
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
fn inside_constraints(name: &str) -> bool {
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
fn covers(name: &str, target: &str) -> bool {
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

/// A window containing the clock (`not_before <= 0 <= not_after`).
fn valid_window() -> impl Strategy<Value = (Off, Off)> {
    (offset_in(-20 * YEAR, 0), offset_in(0, 20 * YEAR))
        .prop_filter("distinct", |(a, b)| a.secs != b.secs)
}

/// A window entirely before (`past`) or after the clock.
fn invalid_window(past: bool) -> impl Strategy<Value = (Off, Off)> {
    let (lo, hi) = if past {
        (-20 * YEAR, -1)
    } else {
        (1, 20 * YEAR)
    };
    (offset_in(lo, hi), offset_in(lo, hi))
        .prop_filter("distinct", |(a, b)| a.secs != b.secs)
        .prop_map(|(a, b)| if a.secs < b.secs { (a, b) } else { (b, a) })
}

/// A window reaching far back and forth: before 1970 for some clocks.
fn far_window() -> impl Strategy<Value = (Off, Off)> {
    (
        offset_in(-MAX_OFFSET, -21 * YEAR),
        offset_in(21 * YEAR, MAX_OFFSET),
    )
}

fn good_inter() -> impl Strategy<Value = Inter> {
    (
        select(vec!["ecdsa-p256", "ecdsa-p384"]),
        valid_window(),
        proptest::option::of(0u8..3),
    )
        .prop_map(|(key, (nb, na), slack)| Inter {
            key,
            nb,
            na,
            ca: true,
            // Turned into "enough for what is below" once the chain's length is known.
            pathlen: slack,
        })
}

fn fault() -> impl Strategy<Value = Fault> {
    use Fault::*;
    prop_oneof![
        2 => Just(None),
        3 => select(vec![
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
        ]),
    ]
}

fn pki_case() -> impl Strategy<Value = PkiCase> {
    let clock = (946_684_800i64..3_786_912_000, 0u32..1_000_000_000);
    let leaf = (
        prop_oneof![4 => Just("ecdsa-p256"), 2 => Just("ecdsa-p384"), 1 => Just("rsa2048")],
        prop_oneof![6 => valid_window(), 1 => far_window()],
        proptest::option::of(
            proptest::sample::subsequence(NAME_POOL.to_vec(), 1..=4).prop_shuffle(),
        ),
        0u32..=3,
        proptest::option::of(select(vec![
            "localhost",
            "badtls leaf",
            "a.badtls.test",
            "",
        ])),
        select(vec![
            None,
            Some(vec!["server-auth"]),
            Some(vec!["server-auth", "client-auth"]),
            Some(vec!["client-auth", "server-auth"]),
            Some(vec![]),
        ]),
        any::<bool>(),
    );
    let chain = (
        proptest::option::of(proptest::collection::vec(good_inter(), 0..=3)),
        select(vec!["chain", "chain", "reversed", "chain-and-root"]),
        any::<prop::sample::Index>(),
    );
    let faulty = (
        fault(),
        any::<prop::sample::Index>(),
        invalid_window(true),
        invalid_window(false),
        select(OUTSIDE.to_vec()),
        any::<bool>(),
        select(vec!["sha256", "sha1", "md5"]),
    );
    (clock, leaf, chain, faulty).prop_map(|(clock, leaf, chain, faulty)| {
        let ((now_secs, now_nanos), (key, (nb, na), names, extra, cn, eku, revoked)) =
            (clock, leaf);
        let (inters, send, target_pick) = chain;
        let (fault, pick, past, future, outside, flag, digest) = faulty;
        let mut c = PkiCase {
            now_secs,
            now_nanos,
            key,
            nb,
            na,
            names: names.map(|n| n.into_iter().map(str::to_string).collect()),
            extra,
            cn,
            eku,
            unknown: false,
            revoked,
            digest: "sha256",
            root: "suite",
            send,
            inters,
            target: String::new(),
            fault,
        };
        let leaf_is_far = c.nb.secs < -20 * YEAR;
        if fault != Fault::None && leaf_is_far {
            // Far windows stand alone: before 1970 is a fault of its own for webpki.
            c.nb = Off {
                text: "-1d".into(),
                secs: -DAY,
            };
            c.na = Off {
                text: "90d".into(),
                secs: 90 * DAY,
            };
        }
        apply_fault(&mut c, pick, past, future, outside, flag, digest);
        settle_chain(&mut c);
        c.target = choose_target(&c, target_pick);
        c
    })
}

/// Bend a good case into one with exactly the intended fault.
fn apply_fault(
    c: &mut PkiCase,
    pick: prop::sample::Index,
    past: (Off, Off),
    future: (Off, Off),
    outside: &str,
    flag: bool,
    digest: &'static str,
) {
    let need_inters = |c: &mut PkiCase, at_least: usize| {
        let inters = c.inters.get_or_insert_with(Vec::new);
        while inters.len() < at_least {
            inters.push(Inter {
                key: "ecdsa-p256",
                nb: Off {
                    text: "-1d".into(),
                    secs: -DAY,
                },
                na: Off {
                    text: "+3650d".into(),
                    secs: 3650 * DAY,
                },
                ca: true,
                pathlen: None,
            });
        }
    };
    match c.fault {
        Fault::None => {}
        Fault::LeafExpired => (c.nb, c.na) = past,
        Fault::LeafNotYetValid => (c.nb, c.na) = future,
        Fault::IntermediateExpired | Fault::IntermediateNotYetValid => {
            need_inters(c, 1);
            let inters = c.inters.as_mut().expect("just made");
            let i = pick.index(inters.len());
            (inters[i].nb, inters[i].na) = if c.fault == Fault::IntermediateExpired {
                past
            } else {
                future
            };
        }
        Fault::IntermediateNotCa => {
            need_inters(c, 1);
            let inters = c.inters.as_mut().expect("just made");
            let i = pick.index(inters.len());
            inters[i].ca = false;
        }
        Fault::PathLen => {
            need_inters(c, 2);
            let inters = c.inters.as_mut().expect("just made");
            // Only a CA with another CA below it can have too small a pathLen.
            let i = pick.index(inters.len() - 1);
            let below = inters.len() - 1 - i;
            // The others lose their pathLen: a generated slack of 0 on a second CA would be
            // read as a second deliberate fault by `settle_chain`.
            for inter in inters.iter_mut() {
                inter.pathlen = None;
            }
            inters[i].pathlen = Some(u8::try_from(pick.index(below)).expect("small"));
            inters[i].ca = true;
        }
        Fault::UntrustedRoot => {
            c.root = "untrusted";
            if flag {
                c.send = "leaf";
            }
        }
        Fault::SelfSigned => {
            c.root = "none";
            c.inters = flag.then(Vec::new);
            c.send = if flag { "leaf" } else { "chain" };
            if digest != "sha256" {
                // rcgen will not sign SHA-1/MD5: this leaf goes through OpenSSL instead.
                c.key = "rsa2048";
                c.digest = digest;
                c.eku = None;
            }
        }
        Fault::IncompleteChain => {
            c.send = "leaf";
            if c.inters.as_ref().is_some_and(Vec::is_empty) {
                c.inters = None;
            }
        }
        Fault::WrongHost => {
            let uncovered = |c: &PkiCase| {
                let sans = c.sans();
                TARGETS.iter().any(|t| !sans.iter().any(|n| covers(n, t)))
            };
            if !uncovered(c) {
                c.names = Some(vec!["b.badtls.test".into()]);
            }
        }
        Fault::NoSan => {
            c.names = Some(Vec::new());
            c.extra = 0;
            c.cn = Some("localhost");
        }
        Fault::NameConstraints => {
            let mut names = c.names.clone().unwrap_or_else(good_names);
            names.insert(pick.index(names.len() + 1), outside.to_string());
            c.names = Some(names);
        }
        Fault::ClientAuthOnly => c.eku = Some(vec!["client-auth"]),
        Fault::UnknownCriticalExtension => c.unknown = true,
    }
}

/// Make the chain shape legal and otherwise harmless: pathLens that fit, `reversed` only with
/// two intermediates, revocation only where the loader allows it.
fn settle_chain(c: &mut PkiCase) {
    if let Some(inters) = c.inters.as_mut() {
        let len = inters.len();
        for (i, inter) in inters.iter_mut().enumerate() {
            let below = len - 1 - i;
            let deliberate =
                c.fault == Fault::PathLen && inter.pathlen.is_some_and(|p| usize::from(p) < below);
            if !deliberate {
                inter.pathlen = inter
                    .pathlen
                    .map(|slack| u8::try_from(below).expect("small").saturating_add(slack));
            }
        }
    }
    if c.root == "none" {
        c.inters = c.inters.take().filter(Vec::is_empty);
        if c.send != "leaf" {
            c.send = "chain";
        }
    }
    if c.send == "reversed" && c.inters.as_ref().is_none_or(|i| i.len() < 2) {
        c.send = "chain";
    }
    if c.fault != Fault::IncompleteChain && c.send == "leaf" && c.root == "suite" {
        c.send = "chain";
    }
    c.revoked = c.revoked && c.root == "suite" && c.inters.is_none();
}

/// A host to connect to: one the leaf covers, unless the fault is about the host name.
fn choose_target(c: &PkiCase, pick: prop::sample::Index) -> String {
    let sans = c.sans();
    let mut candidates: Vec<String> = TARGETS.iter().map(|t| t.to_string()).collect();
    candidates.extend(sans.iter().filter(|n| !n.starts_with('*')).cloned());
    let wrong_host = matches!(c.fault, Fault::WrongHost | Fault::NoSan);
    let fitting: Vec<String> = candidates
        .into_iter()
        .filter(|t| sans.iter().any(|n| covers(n, t)) != wrong_host)
        .filter(|t| inside_constraints(t))
        .collect();
    fitting[pick.index(fitting.len())].clone()
}

fn utc(secs: i64, nanos: u32) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).expect("in range")
        + time::Duration::nanoseconds(i64::from(nanos))
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

fn parse_cert<'a>(der: &'a CertificateDer<'_>) -> X509Certificate<'a> {
    X509Certificate::from_der(der.as_ref())
        .expect("the PKI issues parseable certificates")
        .1
}

/// A SAN as the leaf carries it: an IP address or a DNS name.
#[derive(Debug, PartialEq, Eq)]
enum San {
    Ip(IpAddr),
    Dns(String),
}

fn san_of(name: &str) -> San {
    match name.parse::<IpAddr>() {
        Ok(ip) => San::Ip(ip),
        Err(_) => San::Dns(name.to_string()),
    }
}

/// Check the issued chain against the case: dates to the second, SANs, CN, chain shape.
fn check_issued(
    c: &PkiCase,
    chain: &[CertificateDer<'static>],
    ca_der: &CertificateDer<'static>,
) -> Result<(), TestCaseError> {
    let leaf = parse_cert(&chain[0]);
    let validity = leaf.validity();
    prop_assert_eq!(
        validity.not_before.timestamp(),
        c.now_secs + c.nb.secs,
        "notBefore"
    );
    prop_assert_eq!(
        validity.not_after.timestamp(),
        c.now_secs + c.na.secs,
        "notAfter"
    );

    let want_sans: Vec<San> = c.sans().iter().map(|n| san_of(n)).collect();
    let san_ext = leaf
        .subject_alternative_name()
        .expect("at most one SAN extension");
    match san_ext {
        None => prop_assert!(
            want_sans.is_empty(),
            "no SAN extension, wanted {want_sans:?}"
        ),
        Some(ext) => {
            let got: Vec<San> = ext
                .value
                .general_names
                .iter()
                .map(|g| match g {
                    GeneralName::DNSName(d) => San::Dns(d.to_string()),
                    GeneralName::IPAddress(b) => San::Ip(match b.len() {
                        4 => IpAddr::from(<[u8; 4]>::try_from(*b).expect("4")),
                        _ => IpAddr::from(<[u8; 16]>::try_from(*b).expect("16")),
                    }),
                    other => San::Dns(format!("unexpected {other:?}")),
                })
                .collect();
            prop_assert!(
                !want_sans.is_empty(),
                "an empty names list must mean no SAN extension"
            );
            prop_assert_eq!(got, want_sans);
        }
    }

    let want_cn = c.cn.map(str::to_string).unwrap_or_else(|| {
        c.sans()
            .into_iter()
            .find(|n| n.parse::<IpAddr>().is_err() && !n.starts_with('*'))
            .unwrap_or_default()
    });
    let cns: Vec<String> = leaf
        .subject()
        .iter_common_name()
        .map(|a| a.as_str().expect("UTF-8 CN").to_string())
        .collect();
    let want_cns: Vec<String> = Some(want_cn)
        .filter(|c| !c.is_empty())
        .into_iter()
        .collect();
    prop_assert_eq!(cns, want_cns);

    // Shape: how many certificates, and who signed whom.
    let cas = c.issuing_cas();
    let want_len = match c.send {
        "leaf" => 1,
        "chain-and-root" => cas + 2,
        _ => 1 + cas,
    };
    prop_assert_eq!(chain.len(), want_len, "send = {}", c.send);
    let parsed: Vec<X509Certificate<'_>> = chain.iter().map(parse_cert).collect();
    let signed_by = |child: &X509Certificate<'_>, parent: &X509Certificate<'_>| {
        child.issuer().as_raw() == parent.subject().as_raw()
    };
    match c.send {
        "reversed" => {
            prop_assert!(signed_by(&parsed[0], &parsed[chain.len() - 1]));
            for w in parsed[1..].windows(2) {
                prop_assert!(signed_by(&w[1], &w[0]), "reversed: top-most first");
            }
        }
        _ => {
            for w in parsed.windows(2) {
                prop_assert!(
                    signed_by(&w[0], &w[1]),
                    "each certificate is signed by the next"
                );
            }
        }
    }
    if c.root == "none" {
        prop_assert!(signed_by(&parsed[0], &parsed[0]), "self-signed");
    }
    // Under the suite root, the CA next to the root is the issuing CA: signed by the root, with
    // the suite's name constraints, critical. Every other CA is below it.
    if c.root == "suite" && c.send != "leaf" {
        let root = parse_cert(ca_der);
        let top = match c.send {
            "reversed" => &parsed[1],
            "chain-and-root" => &parsed[chain.len() - 2],
            _ => &parsed[chain.len() - 1],
        };
        prop_assert!(signed_by(top, &root), "the issuing CA hangs from the root");
        let oid = x509_parser::oid_registry::OID_X509_EXT_NAME_CONSTRAINTS;
        let constraints = |cert: &X509Certificate<'_>| {
            cert.extensions()
                .iter()
                .filter(|e| e.oid == oid)
                .map(|e| e.critical)
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(constraints(top), vec![true], "issuing CA");
        prop_assert_eq!(constraints(&root), vec![true], "root");
        for cert in &parsed {
            let subject = cert.subject().as_raw();
            if subject != top.subject().as_raw() && subject != root.subject().as_raw() {
                prop_assert!(
                    constraints(cert).is_empty(),
                    "only the suite's CAs are constrained"
                );
            }
        }
    }
    if c.send == "chain-and-root" {
        let root = &parsed[chain.len() - 1];
        prop_assert!(signed_by(root, root), "the root comes last");
        prop_assert_eq!(chain[chain.len() - 1] == *ca_der, c.root == "suite");
    }
    // Custom intermediates, as sent (leaf upwards), have their requested windows and pathLen.
    if let (Some(inters), "chain" | "chain-and-root") = (&c.inters, c.send) {
        for (k, inter) in inters.iter().rev().enumerate() {
            let cert = &parsed[1 + k];
            prop_assert_eq!(
                cert.validity().not_before.timestamp(),
                c.now_secs + inter.nb.secs
            );
            prop_assert_eq!(
                cert.validity().not_after.timestamp(),
                c.now_secs + inter.na.secs
            );
            let bc = cert
                .basic_constraints()
                .expect("one")
                .map(|b| b.value.clone());
            prop_assert_eq!(bc.as_ref().map(|b| b.ca), Some(inter.ca));
            if inter.ca {
                prop_assert_eq!(
                    bc.and_then(|b| b.path_len_constraint),
                    inter.pathlen.map(u32::from)
                );
            }
        }
    }
    if c.digest != "sha256" {
        let oid = leaf.signature_algorithm.algorithm.to_id_string();
        let want = if c.digest == "sha1" {
            "1.2.840.113549.1.1.5"
        } else {
            "1.2.840.113549.1.1.4"
        };
        prop_assert_eq!(oid, want);
    }
    Ok(())
}

/// Check webpki's verdict against the one rejection the case was built to have (or none).
fn check_verdict(
    c: &PkiCase,
    result: Result<(), rustls::Error>,
    leaf_not_after: i64,
) -> Result<(), TestCaseError> {
    let rejections = c.rejections();
    prop_assert!(
        rejections.len() <= 1,
        "the generator made several faults: {rejections:?}"
    );
    let Some(&want) = rejections.first() else {
        prop_assert!(result.is_ok(), "rejected a good chain: {result:?}");
        return Ok(());
    };
    let err = match result {
        Ok(()) => return Err(TestCaseError::fail(format!("accepted, wanted {want:?}"))),
        Err(rustls::Error::InvalidCertificate(e)) => e,
        Err(other) => return Err(TestCaseError::fail(format!("{other:?}, wanted {want:?}"))),
    };
    let other = |needle: &str| matches!(&err, CertificateError::Other(o) if format!("{o:?}").contains(needle));
    let ok = match want {
        Rejection::UnknownCriticalExtension => other("UnsupportedCriticalExtension"),
        Rejection::BeforeUnixEpoch => err == CertificateError::BadEncoding,
        Rejection::Expired(None) => matches!(
            &err,
            CertificateError::ExpiredContext { not_after, .. } if not_after.as_secs() as i64 == leaf_not_after
        ),
        Rejection::Expired(Some(_)) => matches!(err, CertificateError::ExpiredContext { .. }),
        Rejection::NotYetValid(_) => matches!(err, CertificateError::NotValidYetContext { .. }),
        Rejection::ClientAuthOnly => matches!(err, CertificateError::InvalidPurposeContext { .. }),
        Rejection::UnknownIssuer => err == CertificateError::UnknownIssuer,
        Rejection::NotACa => other("EndEntityUsedAsCa"),
        Rejection::PathLen => other("PathLenConstraintViolated"),
        Rejection::NameConstraints => other("NameConstraintViolation"),
        Rejection::NotValidForName => {
            matches!(err, CertificateError::NotValidForNameContext { .. })
        }
    };
    prop_assert!(ok, "got {err:?}, wanted {want:?}");
    Ok(())
}

/// A PKI on the suite clock `now`, with no state directory and a CRL URL nothing serves.
fn pki_at(now: OffsetDateTime) -> Result<Pki, badtls_servers::pki::PkiError> {
    Pki::new(&PkiOptions {
        now,
        crl_base: "http://127.0.0.1:1/crl".into(),
        state_dir: None,
        profile: Default::default(),
        key_cache: Default::default(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(64), ..ProptestConfig::default() })]

    /// Issued certificates carry exactly the requested dates and names, in the requested chain
    /// shape, and webpki (through rustls) accepts them or rejects them for the intended reason.
    #[test]
    fn issued_chains_verify_as_intended(c in pki_case()) {
        let text = c.toml();
        let scenarios = parse_file(FILE, &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let now = utc(c.now_secs, c.now_nanos);
        let pki = pki_at(now).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let issued = pki.issue(&scenarios[0]).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let chain = &issued.identity.chain;
        check_issued(&c, chain, pki.ca_der())?;
        if c.revoked {
            prop_assert_eq!(
                issued.revoked_serial.map(|s| s.to_bytes()),
                Some(parse_cert(&chain[0]).raw_serial().to_vec())
            );
        } else {
            prop_assert!(issued.revoked_serial.is_none());
        }

        let mut roots = RootCertStore::empty();
        roots.add(pki.ca_der().clone()).expect("the suite root is a trust anchor");
        let verifier = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider())
            .build()
            .expect("verifier");
        let name = ServerName::try_from(c.target.as_str()).expect("a valid host").to_owned();
        let at = UnixTime::since_unix_epoch(std::time::Duration::from_secs(c.now_secs as u64));
        let result = verifier
            .verify_server_cert(&chain[0], &chain[1..], &name, &[], at)
            .map(|_| ());
        check_verdict(&c, result, c.now_secs + c.na.secs)?;
    }
}

/// The oracle's own helpers, on the cases the catalogue relies on.
#[test]
fn host_and_constraint_helpers() {
    assert!(covers("*.badtls.test", "a.badtls.test"));
    assert!(!covers("*.badtls.test", "badtls.test"));
    assert!(!covers("*.badtls.test", "a.b.badtls.test"));
    assert!(covers("::1", "::1") && !covers("127.0.0.1", "localhost"));
    assert!(inside_constraints("*.badtls.test") && inside_constraints("127.9.9.9"));
    assert!(!inside_constraints("notbadtls.test") && !inside_constraints("::2"));
    let mut buf = String::new();
    write!(buf, "{}", s("a\"b\nc")).unwrap();
    assert!(
        toml::from_str::<toml::Table>(&format!("x = {buf}")).is_ok(),
        "{buf}"
    );
}

/// Whatever the loader accepts, the PKI can issue: every leaf key under each kind of issuer,
/// including the RSA-1024 cases the loader lets through (RSA-1024 leaves, and self-signed ones
/// signed by OpenSSL with SHA-1).
#[test]
fn every_loadable_key_and_issuer_is_issued() {
    let pki = pki_at(OffsetDateTime::now_utc()).expect("a PKI");
    let issuers = [
        "",
        "root = \"none\"",
        "root = \"none\", leaf = { digest = \"sha1\" }",
        "intermediates = [{ key = \"rsa2048\" }], leaf = { digest = \"md5\" }",
        "root = \"untrusted\", intermediates = [{ key = \"ecdsa-p384\" }, { key = \"rsa2048\" }]",
    ];
    for key in KEYS {
        for issuer in issuers {
            let pki_table = if issuer.contains("leaf = {") {
                issuer.replace("leaf = { ", &format!("leaf = {{ key = \"{key}\", "))
            } else if issuer.is_empty() {
                format!("leaf = {{ key = \"{key}\" }}")
            } else {
                format!("{issuer}, leaf = {{ key = \"{key}\" }}")
            };
            let text = format!(
                "[[scenario]]\nid = \"t/x\"\nsummary = \"x\"\npki = {{ {pki_table} }}\nexpect = {{ verdict = \"accept\" }}\n"
            );
            match parse_file(FILE, &text) {
                Ok(scenarios) => {
                    let issued = pki.issue(&scenarios[0]);
                    assert!(issued.is_ok(), "{text}: loads but {:?}", issued.err());
                }
                // The two rules about signing keys are the only ones these files can break.
                Err(e) => assert!(
                    (*key == "rsa1024" && e.message.contains("cannot sign certificates"))
                        || (key.starts_with("ecdsa") && e.message.contains("need an RSA issuer")),
                    "{text}: {e}"
                ),
            }
        }
    }
}

/// A SHA-1 or MD5 leaf (signed by OpenSSL) carries the same extensions as the SHA-256 leaf of
/// the same spec (signed by rcgen): key usage by key type, both EKUs, the unknown critical
/// extension. Only the signature algorithm differs.
#[test]
fn weak_digest_leaves_keep_the_leaf_spec() {
    let pki = pki_at(OffsetDateTime::now_utc()).expect("a PKI");
    // (oid, critical, value) of every extension but the key identifiers, whose values differ.
    let extensions = |digest: &str, key: &str, eku: &str| {
        let text = format!(
            "[[scenario]]\nid = \"t/x\"\nsummary = \"x\"\nexpect = {{ verdict = \"accept\" }}\n\
             pki = {{ intermediates = [{{ key = \"rsa2048\" }}], leaf = {{ key = \"{key}\", \
             digest = \"{digest}\", eku = {eku}, unknown_critical_extension = true }} }}\n"
        );
        let scenarios = parse_file(FILE, &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let issued = pki.issue(&scenarios[0]).expect("issued");
        let cert = parse_cert(&issued.identity.chain[0]);
        let mut out: Vec<(String, bool, Vec<u8>)> = cert
            .extensions()
            .iter()
            .map(|e| (e.oid.to_id_string(), e.critical, e.value.to_vec()))
            .filter(|(oid, _, _)| !["2.5.29.14", "2.5.29.35"].contains(&oid.as_str()))
            .collect();
        out.sort();
        (out, cert.signature_algorithm.algorithm.to_id_string())
    };
    for key in ["ecdsa-p256", "rsa2048"] {
        for eku in [
            "[\"server-auth\", \"client-auth\"]",
            "[\"client-auth\"]",
            "[]",
        ] {
            let (strong, strong_alg) = extensions("sha256", key, eku);
            assert!(
                strong
                    .iter()
                    .any(|(oid, critical, _)| oid == "1.3.6.1.4.1.55555.1.1" && *critical),
                "{key} {eku}: {strong:?}"
            );
            for (digest, alg) in [
                ("sha1", "1.2.840.113549.1.1.5"),
                ("md5", "1.2.840.113549.1.1.4"),
            ] {
                let (weak, weak_alg) = extensions(digest, key, eku);
                assert_eq!(weak, strong, "{digest} {key} {eku}");
                assert_eq!(weak_alg, alg, "{digest}");
                assert_ne!(weak_alg, strong_alg);
            }
        }
    }
}
