//! Properties of the PKI built from scenarios: cases generated over the PKI part of the schema
//! (validity windows, SANs, chain shapes, each with at most one intended fault) give
//! certificates whose dates and names are exactly the ones asked for, in the chain shape asked
//! for, and that rustls' webpki verifier accepts, or rejects for the intended reason.

mod common;

use std::fmt::Write as _;
use std::net::IpAddr;
use std::sync::Arc;

use badtls_servers::fuzzing::proptest_cases;
use badtls_servers::scenario::parse_file;
use common::certs::{parse_cert, pki_at, san_of, utc, San};
use common::load::FILE;
use common::pki_case::{covers, inside_constraints, PkiCase, Rejection};
use common::pki_gen::pki_case;
use common::provider;
use common::toml_doc::s;
use proptest::prelude::*;
use rustls::client::danger::ServerCertVerifier;
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, RootCertStore};
use x509_parser::prelude::{GeneralName, X509Certificate};

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
