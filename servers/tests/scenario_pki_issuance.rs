//! Whatever the loader accepts, the PKI issues, and a weak-digest leaf keeps its spec.

mod common;

use badtls_servers::scenario::parse_file;
use common::certs::{parse_cert, pki_at};
use common::load::FILE;
use common::scenario_gen::KEYS;
use time::OffsetDateTime;

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
