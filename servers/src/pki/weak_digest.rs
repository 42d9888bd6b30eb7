//! Certificates signed with SHA-1 or MD5 (and, for the controls that pair with them, SHA-384 and
//! SHA-512 with RSA). rcgen refuses to sign with broken digests, so these are built and signed
//! with (vendored) OpenSSL, which still can.

use openssl::asn1::{Asn1Object, Asn1OctetString, Asn1Time};
use openssl::bn::{BigNum, MsbOption};
use openssl::hash::MessageDigest;
use openssl::pkey::PKey;
use openssl::x509::extension::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAlternativeName,
    SubjectKeyIdentifier,
};
use openssl::x509::{X509Builder, X509Extension, X509NameBuilder, X509NameRef, X509};
use rustls_pki_types::CertificateDer;

use super::authority::{CaOptions, LeafOptions, FORCE_DNS, UNKNOWN_EXTENSION_OID};
use super::keys::Key;
use super::PkiError;
use crate::scenario::{self, Digest, Eku};

/// Sign a leaf for `leaf_key` by `issuer_cert`/`issuer_key` with a weak digest.
/// `issuer_key` is `None` for a self-signed leaf.
pub fn issue(
    opts: &LeafOptions<'_>,
    leaf_key: &Key,
    issuer: Option<(&CertificateDer<'_>, &Key)>,
    digest: Digest,
) -> Result<CertificateDer<'static>, PkiError> {
    build(opts, leaf_key, issuer, digest)
        .map_err(|e| PkiError::Sign(format!("OpenSSL leaf ({digest:?}): {e}")))
}

fn build(
    opts: &LeafOptions<'_>,
    leaf_key: &Key,
    issuer: Option<(&CertificateDer<'_>, &Key)>,
    digest: Digest,
) -> Result<CertificateDer<'static>, openssl::error::ErrorStack> {
    let md = message_digest(digest);
    let leaf_pkey = PKey::private_key_from_pkcs8(leaf_key.pkcs8_der())?;
    let (issuer_x509, issuer_pkey) = match issuer {
        Some((cert, key)) => (
            Some(X509::from_der(cert)?),
            PKey::private_key_from_pkcs8(key.pkcs8_der())?,
        ),
        None => (None, leaf_pkey.clone()),
    };

    let mut name = X509NameBuilder::new()?;
    if !opts.empty_subject {
        name.append_entry_by_text("O", "badtls")?;
        if !opts.common_name.is_empty() {
            name.append_entry_by_text("CN", opts.common_name)?;
        }
    }
    let name = name.build();

    let issuer_name = issuer_x509.as_ref().map_or(&*name, |i| i.subject_name());
    let mut b = builder(&name, issuer_name, (opts.not_before, opts.not_after))?;
    b.set_pubkey(&leaf_pkey)?;
    // The same extensions as `authority::leaf_params` gives a SHA-256 leaf, so that a weak
    // digest is the only difference between the two.
    b.append_extension(BasicConstraints::new().critical().build()?)?;
    let default_usage = if opts.rsa {
        vec![
            scenario::KeyUsage::DigitalSignature,
            scenario::KeyUsage::KeyEncipherment,
        ]
    } else {
        vec![scenario::KeyUsage::DigitalSignature]
    };
    b.append_extension(key_usage(
        opts.key_usage.as_deref().unwrap_or(&default_usage),
    )?)?;
    if opts.server_auth || opts.client_auth {
        let mut eku = ExtendedKeyUsage::new();
        if opts.server_auth {
            eku.server_auth();
        }
        if opts.client_auth {
            eku.client_auth();
        }
        b.append_extension(eku.build()?)?;
    }
    if !opts.names.is_empty() {
        let mut san = SubjectAlternativeName::new();
        if opts.empty_subject {
            san.critical();
        }
        for n in opts.names {
            if let Some(forced) = n.strip_prefix(FORCE_DNS) {
                san.dns(forced);
            } else if n.parse::<std::net::IpAddr>().is_ok() {
                san.ip(n);
            } else {
                san.dns(n);
            }
        }
        b.append_extension(san.build(&b.x509v3_context(issuer_x509.as_deref(), None))?)?;
    }
    if issuer_x509.is_some() {
        let aki = AuthorityKeyIdentifier::new()
            .keyid(true)
            .build(&b.x509v3_context(issuer_x509.as_deref(), None))?;
        b.append_extension(aki)?;
    }
    if opts.unknown_critical_extension {
        let oid = UNKNOWN_EXTENSION_OID
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(".");
        // DER NULL as the value, as in `leaf_params`.
        let oid = Asn1Object::from_str(&oid)?;
        let value = Asn1OctetString::new_from_bytes(&[0x05, 0x00])?;
        b.append_extension(X509Extension::new_from_der(&oid, true, &value)?)?;
    }
    // No CRL distribution point: the loader allows `revoked` only under the suite's shared
    // ECDSA intermediate, which never signs a weak digest (see `validate_pki`).
    debug_assert!(opts.crl_url.is_none(), "a revoked leaf with a weak digest");
    b.sign(&issuer_pkey, md)?;
    Ok(CertificateDer::from(b.build().to_der()?))
}

/// A v3 certificate builder with a random 127-bit serial, the subject and issuer names and the
/// validity window set: what a leaf and a CA signed here have in common.
fn builder(
    subject: &X509NameRef,
    issuer: &X509NameRef,
    (not_before, not_after): (time::OffsetDateTime, time::OffsetDateTime),
) -> Result<X509Builder, openssl::error::ErrorStack> {
    let mut b = X509Builder::new()?;
    b.set_version(2)?;
    let mut serial = BigNum::new()?;
    serial.rand(127, MsbOption::MAYBE_ZERO, false)?;
    let serial = serial.to_asn1_integer()?;
    b.set_serial_number(&serial)?;
    b.set_subject_name(subject)?;
    b.set_issuer_name(issuer)?;
    let not_before = Asn1Time::from_unix(not_before.unix_timestamp())?;
    let not_after = Asn1Time::from_unix(not_after.unix_timestamp())?;
    b.set_not_before(&not_before)?;
    b.set_not_after(&not_after)?;
    Ok(b)
}

fn message_digest(digest: Digest) -> MessageDigest {
    match digest {
        Digest::Sha1 => MessageDigest::sha1(),
        Digest::Md5 => MessageDigest::md5(),
        Digest::Sha256 => MessageDigest::sha256(),
        Digest::Sha384 => MessageDigest::sha384(),
        Digest::Sha512 => MessageDigest::sha512(),
    }
}

/// A critical keyUsage extension with these bits.
fn key_usage(bits: &[scenario::KeyUsage]) -> Result<X509Extension, openssl::error::ErrorStack> {
    let mut usage = KeyUsage::new();
    usage.critical();
    for bit in bits {
        match bit {
            scenario::KeyUsage::DigitalSignature => usage.digital_signature(),
            scenario::KeyUsage::KeyEncipherment => usage.key_encipherment(),
            scenario::KeyUsage::KeyAgreement => usage.key_agreement(),
            scenario::KeyUsage::KeyCertSign => usage.key_cert_sign(),
            scenario::KeyUsage::CrlSign => usage.crl_sign(),
        };
    }
    usage.build()
}

/// A CA certificate for `ca_key` signed by `issuer` with `opts.shape.digest`: the same
/// extensions `authority::ca_params` writes, so the digest is the only difference.
pub fn issue_ca(
    opts: &CaOptions<'_>,
    ca_key: &Key,
    issuer: (&CertificateDer<'_>, &Key),
) -> Result<CertificateDer<'static>, PkiError> {
    build_ca(opts, ca_key, issuer).map_err(|e| {
        PkiError::Sign(format!(
            "OpenSSL CA '{}' ({:?}): {e}",
            opts.common_name, opts.shape.digest
        ))
    })
}

fn build_ca(
    opts: &CaOptions<'_>,
    ca_key: &Key,
    (issuer_cert, issuer_key): (&CertificateDer<'_>, &Key),
) -> Result<CertificateDer<'static>, openssl::error::ErrorStack> {
    let pkey = PKey::private_key_from_pkcs8(ca_key.pkcs8_der())?;
    let issuer_x509 = X509::from_der(issuer_cert)?;
    let issuer_pkey = PKey::private_key_from_pkcs8(issuer_key.pkcs8_der())?;
    let mut name = X509NameBuilder::new()?;
    name.append_entry_by_text("O", "badtls")?;
    name.append_entry_by_text("CN", opts.common_name)?;
    let name = name.build();

    let mut b = builder(
        &name,
        issuer_x509.subject_name(),
        (opts.not_before, opts.not_after),
    )?;
    b.set_pubkey(&pkey)?;
    let shape = &opts.shape;
    if !shape.no_basic_constraints {
        let mut bc = BasicConstraints::new();
        bc.critical();
        if opts.ca {
            bc.ca();
        }
        if let Some(n) = opts.pathlen {
            bc.pathlen(u32::from(n));
        }
        b.append_extension(bc.build()?)?;
    }
    let default_usage = [
        scenario::KeyUsage::KeyCertSign,
        scenario::KeyUsage::CrlSign,
        scenario::KeyUsage::DigitalSignature,
    ];
    b.append_extension(key_usage(
        shape.key_usage.as_deref().unwrap_or(&default_usage),
    )?)?;
    if !shape.eku.is_empty() {
        let mut eku = ExtendedKeyUsage::new();
        for e in &shape.eku {
            match e {
                Eku::ServerAuth => eku.server_auth(),
                Eku::ClientAuth => eku.client_auth(),
            };
        }
        b.append_extension(eku.build()?)?;
    }
    let ski = SubjectKeyIdentifier::new().build(&b.x509v3_context(Some(&issuer_x509), None))?;
    b.append_extension(ski)?;
    let aki = AuthorityKeyIdentifier::new()
        .keyid(true)
        .build(&b.x509v3_context(Some(&issuer_x509), None))?;
    b.append_extension(aki)?;
    b.sign(&issuer_pkey, message_digest(shape.digest))?;
    Ok(CertificateDer::from(b.build().to_der()?))
}
