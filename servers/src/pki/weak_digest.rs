//! Leaves signed with SHA-1 or MD5. rcgen refuses to sign with broken digests, so these are
//! built and signed with (vendored) OpenSSL, which still can.

use openssl::asn1::{Asn1Object, Asn1OctetString, Asn1Time};
use openssl::bn::{BigNum, MsbOption};
use openssl::hash::MessageDigest;
use openssl::pkey::PKey;
use openssl::x509::extension::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAlternativeName,
};
use openssl::x509::{X509Builder, X509Extension, X509NameBuilder, X509};
use rustls_pki_types::CertificateDer;

use super::authority::{LeafOptions, UNKNOWN_EXTENSION_OID};
use super::keys::Key;
use super::PkiError;
use crate::scenario::Digest;

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
    let md = match digest {
        Digest::Sha1 => MessageDigest::sha1(),
        Digest::Md5 => MessageDigest::md5(),
        Digest::Sha256 => MessageDigest::sha256(),
    };
    let leaf_pkey = PKey::private_key_from_pkcs8(leaf_key.pkcs8_der())?;
    let (issuer_x509, issuer_pkey) = match issuer {
        Some((cert, key)) => (
            Some(X509::from_der(cert)?),
            PKey::private_key_from_pkcs8(key.pkcs8_der())?,
        ),
        None => (None, leaf_pkey.clone()),
    };

    let mut name = X509NameBuilder::new()?;
    name.append_entry_by_text("O", "badtls")?;
    if !opts.common_name.is_empty() {
        name.append_entry_by_text("CN", opts.common_name)?;
    }
    let name = name.build();

    let mut b = X509Builder::new()?;
    b.set_version(2)?;
    let mut serial = BigNum::new()?;
    serial.rand(127, MsbOption::MAYBE_ZERO, false)?;
    let serial = serial.to_asn1_integer()?;
    b.set_serial_number(&serial)?;
    b.set_subject_name(&name)?;
    match &issuer_x509 {
        Some(i) => b.set_issuer_name(i.subject_name())?,
        None => b.set_issuer_name(&name)?,
    }
    let not_before = Asn1Time::from_unix(opts.not_before.unix_timestamp())?;
    let not_after = Asn1Time::from_unix(opts.not_after.unix_timestamp())?;
    b.set_not_before(&not_before)?;
    b.set_not_after(&not_after)?;
    b.set_pubkey(&leaf_pkey)?;
    // The same extensions as `authority::leaf_params` gives a SHA-256 leaf, so that a weak
    // digest is the only difference between the two.
    b.append_extension(BasicConstraints::new().critical().build()?)?;
    let mut usage = KeyUsage::new();
    usage.critical().digital_signature();
    if opts.rsa {
        usage.key_encipherment();
    }
    b.append_extension(usage.build()?)?;
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
        for n in opts.names {
            if n.parse::<std::net::IpAddr>().is_ok() {
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
