//! The suite root cross-signed by an old root that has expired, as ISRG Root X1 was by DST Root
//! CA X3 (which expired in September 2021): a certificate with the suite root's subject and
//! public key, signed by a root no client trusts and that is past its notAfter.
//!
//! A server that sends it after its chain offers two paths: leaf, issuing CA, suite root (a
//! trust anchor: valid) and leaf, issuing CA, cross-certificate, old root (expired, untrusted).
//! A client must stop at the anchor it trusts. The cross-certificate repeats the suite root's
//! name constraints, so nothing below it can name anything the suite root could not.

use rustls_pki_types::CertificateDer;
use time::{Duration, OffsetDateTime};

use super::authority::{ca_params, Authority, CaOptions, CaShape};
use super::{CaProfile, PkiError, CA_DAYS, ROOT_NAME};
use crate::scenario::KeyKind;

/// The old root's common name.
pub const OLD_ROOT_NAME: &str = "badtls Old Root CA (expired)";

/// A cross-certificate and the old root that signed it (which the server never sends).
pub struct CrossSigned {
    pub cert: CertificateDer<'static>,
    pub old_root: CertificateDer<'static>,
}

/// The suite root `root`, cross-signed by a fresh old root that expired a day before `now`. The
/// cross-certificate itself is valid (as the ISRG one was after DST Root CA X3 expired): only
/// its issuer is not.
pub fn expired_cross_sign(
    root: &CertificateDer<'_>,
    now: OffsetDateTime,
    profile: CaProfile,
) -> Result<CrossSigned, PkiError> {
    let options = |name, not_before, not_after| CaOptions {
        common_name: name,
        key_kind: KeyKind::EcdsaP256,
        not_before,
        not_after,
        ca: true,
        pathlen: None,
        constraints: profile.constraints(),
        crl_url: None,
        shape: CaShape::default(),
    };
    let old = Authority::root(&options(
        OLD_ROOT_NAME,
        now - Duration::days(20 * 365),
        now - Duration::days(1),
    ))?;
    // The suite root's subject (the same DN it was made with) and key identifier method, so the
    // cross-certificate's subject and subjectKeyIdentifier equal the root's.
    let params = ca_params(&options(
        ROOT_NAME,
        now - Duration::days(365),
        now + Duration::days(CA_DAYS),
    ))?;
    let (_, parsed) = x509_parser::parse_x509_certificate(root)
        .map_err(|e| PkiError::Sign(format!("cannot read the suite root: {e}")))?;
    let public = rcgen::SubjectPublicKeyInfo::from_der(parsed.public_key().raw)
        .map_err(|e| PkiError::Key(format!("cannot read the suite root's key: {e}")))?;
    let cert = params
        .signed_by(&public, &old.issuer)
        .map(|c| c.der().clone())
        .map_err(|e| PkiError::Sign(format!("cross-signing the suite root: {e}")))?;
    Ok(CrossSigned {
        cert,
        old_root: old.cert,
    })
}
