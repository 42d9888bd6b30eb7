//! The state directory: keeps the CA users trust stable across restarts (a container volume,
//! say) and exports the files a user points clients at.
//!
//! It holds the root certificate, the root's CRL, the issuing CA's certificate and key, and the
//! client identity: never the root key, so nothing in it can sign outside the name constraints
//! the issuing CA carries. The directory is 0700 and every file in it 0600.

use std::fs;
use std::io::Write;
use std::path::Path;

use rustls_pki_types::CertificateDer;
use time::OffsetDateTime;
use x509_parser::certificate::X509Certificate;

use super::{pem_block, Authority, CaProfile, Hierarchy, Key, Pki, PkiError, PkiOptions};
use crate::scenario::KeyKind;

const ROOT_CERT: &str = "ca.pem";
const ROOT_CRL: &str = "root.crl";
const ISSUING_CERT: &str = "issuing-ca.pem";
const ISSUING_KEY: &str = "issuing-ca.key";
const CLIENT_CERT: &str = "client.pem";
const CLIENT_KEY: &str = "client.key";
/// Where badtls before the issuing CA kept the root key.
const LEGACY_ROOT_KEY: &str = "ca.key";

fn state_err(path: &Path, message: impl Into<String>) -> PkiError {
    PkiError::State {
        path: path.display().to_string(),
        message: message.into(),
    }
}

/// Reuse the root certificate and issuing CA in `dir` if they are there, whole, of this profile
/// and valid at the suite clock; otherwise make new ones and save them (without the root key).
pub fn load_or_create(dir: &Path, opts: &PkiOptions<'_>) -> Result<Hierarchy, PkiError> {
    fs::create_dir_all(dir).map_err(|e| state_err(dir, format!("cannot create: {e}")))?;
    private(dir, 0o700)
        .map_err(|e| state_err(dir, format!("cannot make it private (0700): {e}")))?;
    let legacy_key = dir.join(LEGACY_ROOT_KEY);
    if legacy_key.exists() {
        // Its root could sign anything for clients that ignore a trust anchor's constraints:
        // the key goes, and so does the root (a copy of the key may exist).
        fs::remove_file(&legacy_key)
            .map_err(|e| state_err(&legacy_key, format!("cannot remove the old root key: {e}")))?;
        tracing::warn!(
            "{}: removed the root CA key an older badtls kept there; made a new root CA, so \
             ca.pem changed: trust the new one and remove the old one wherever it is trusted",
            legacy_key.display()
        );
    } else if [ROOT_CERT, ROOT_CRL, ISSUING_CERT, ISSUING_KEY]
        .iter()
        .all(|f| dir.join(f).exists())
    {
        match load(dir, opts) {
            Ok(h) => return Ok(h),
            Err(e) => tracing::warn!("making a new root CA: the saved one is unusable: {e}"),
        }
    }
    let h = Pki::hierarchy(opts)?;
    write_file(&dir.join(ISSUING_KEY), h.issuing.key.pem().as_bytes())?;
    write_file(
        &dir.join(ISSUING_CERT),
        pem_block("CERTIFICATE", &h.issuing.cert).as_bytes(),
    )?;
    write_file(&dir.join(ROOT_CRL), &h.root_crl)?;
    // Last: a ca.pem on disk always comes with the issuing CA it signed.
    write_file(
        &dir.join(ROOT_CERT),
        pem_block("CERTIFICATE", &h.root_cert).as_bytes(),
    )?;
    Ok(h)
}

fn load(dir: &Path, opts: &PkiOptions<'_>) -> Result<Hierarchy, PkiError> {
    let now = opts.now;
    let root_path = dir.join(ROOT_CERT);
    let root_cert = read_cert(&root_path)?;
    check_ca(&root_path, &root_cert, now, opts.profile)?;
    let (_, root) = x509_parser::parse_x509_certificate(&root_cert)
        .map_err(|e| state_err(&root_path, format!("unreadable: {e}")))?;

    let issuing_path = dir.join(ISSUING_CERT);
    let issuing_cert = read_cert(&issuing_path)?;
    check_ca(&issuing_path, &issuing_cert, now, opts.profile)?;
    let (_, issuing) = x509_parser::parse_x509_certificate(&issuing_cert)
        .map_err(|e| state_err(&issuing_path, format!("unreadable: {e}")))?;
    if !signed_by(
        issuing.tbs_certificate.as_ref(),
        &issuing.signature_value.data,
        &root,
    ) {
        return Err(state_err(
            &issuing_path,
            format!("not signed by {ROOT_CERT}"),
        ));
    }
    let key_path = dir.join(ISSUING_KEY);
    let key = Key::from_pkcs8(KeyKind::EcdsaP256, read_pem(&key_path)?);
    let matches = key
        .public_der()
        .is_ok_and(|spki| spki == issuing.public_key().raw);
    if !matches {
        return Err(state_err(
            &key_path,
            format!("not the key of {ISSUING_CERT}"),
        ));
    }
    let want_crl_url = format!("{}/root.crl", opts.crl_base);
    if !issuing_cert
        .windows(want_crl_url.len())
        .any(|w| w == want_crl_url.as_bytes())
    {
        tracing::warn!(
            "{}: its CRL distribution point is not {want_crl_url} (another control port): a \
             client that fetches CRLs from distribution points will not find the root's; start \
             with the same --port-base to keep it",
            issuing_path.display()
        );
    }

    let crl_path = dir.join(ROOT_CRL);
    let root_crl =
        fs::read(&crl_path).map_err(|e| state_err(&crl_path, format!("cannot read: {e}")))?;
    check_crl(&crl_path, &root_crl, &root, now)?;

    Ok(Hierarchy {
        root_cert,
        root_crl,
        issuing: Authority::from_parts(super::ISSUING_NAME, issuing_cert, key)?,
    })
}

fn read_pem(path: &Path) -> Result<Vec<u8>, PkiError> {
    let text =
        fs::read_to_string(path).map_err(|e| state_err(path, format!("cannot read: {e}")))?;
    pem::parse(text)
        .map(|p| p.into_contents())
        .map_err(|e| state_err(path, e.to_string()))
}

fn read_cert(path: &Path) -> Result<CertificateDer<'static>, PkiError> {
    read_pem(path).map(CertificateDer::from)
}

/// A kept CA must be valid at the suite clock for another year, and mark its name constraints
/// as the profile asks (a switch of profile makes a new CA).
fn check_ca(
    path: &Path,
    cert: &CertificateDer<'_>,
    now: OffsetDateTime,
    profile: CaProfile,
) -> Result<(), PkiError> {
    let (_, parsed) = x509_parser::parse_x509_certificate(cert)
        .map_err(|e| state_err(path, format!("not a certificate: {e}")))?;
    let validity = parsed.validity();
    let now_ts = now.unix_timestamp();
    if validity.not_before.timestamp() > now_ts
        || validity.not_after.timestamp() < now_ts + 365 * 86_400
    {
        return Err(state_err(path, "not valid for the suite clock"));
    }
    let oid = x509_parser::oid_registry::OID_X509_EXT_NAME_CONSTRAINTS;
    let critical = parsed
        .extensions()
        .iter()
        .find(|e| e.oid == oid)
        .map(|e| e.critical);
    if critical != Some(profile == CaProfile::Strict) {
        return Err(state_err(
            path,
            format!("made for another CA profile than '{}'", profile.name()),
        ));
    }
    Ok(())
}

fn check_crl(
    path: &Path,
    der: &[u8],
    root: &X509Certificate<'_>,
    now: OffsetDateTime,
) -> Result<(), PkiError> {
    let (_, parsed) =
        x509_parser::parse_x509_crl(der).map_err(|e| state_err(path, format!("not a CRL: {e}")))?;
    if !signed_by(
        parsed.tbs_cert_list.as_ref(),
        &parsed.signature_value.data,
        root,
    ) {
        return Err(state_err(path, format!("not signed by {ROOT_CERT}")));
    }
    let now_ts = now.unix_timestamp();
    let next = parsed.next_update().map(|t| t.timestamp());
    if parsed.last_update().timestamp() > now_ts || next.is_none_or(|n| n < now_ts + 365 * 86_400) {
        return Err(state_err(path, "not valid for the suite clock"));
    }
    Ok(())
}

/// Whether `signature` over `tbs` (a certificate's or a CRL's to-be-signed part) verifies with
/// `issuer`'s public key, under any algorithm aws-lc-rs verifies for rustls: the signature is
/// only valid under the key's own algorithm, so trying each is as strict as reading the
/// algorithm identifier, and needs no OpenSSL.
fn signed_by(tbs: &[u8], signature: &[u8], issuer: &X509Certificate<'_>) -> bool {
    let key = &issuer.public_key().subject_public_key.data;
    rustls::crypto::aws_lc_rs::default_provider()
        .signature_verification_algorithms
        .all
        .iter()
        .any(|alg| alg.verify_signature(key, tbs, signature).is_ok())
}

/// Write the files clients use: the client certificate chain and key.
pub fn write_exports(dir: &Path, pki: &Pki) -> Result<(), PkiError> {
    write_file(&dir.join(CLIENT_CERT), pki.client.chain_pem().as_bytes())?;
    write_file(&dir.join(CLIENT_KEY), pki.client.key_pem().as_bytes())?;
    Ok(())
}

/// Write atomically enough for our use (truncate + write). Files are created 0600 and
/// re-chmodded in case they already existed with looser bits.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), PkiError> {
    let mode = 0o600;
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    let mut f = options
        .open(path)
        .map_err(|e| state_err(path, format!("cannot write: {e}")))?;
    private(path, mode)
        .and_then(|_| f.write_all(bytes))
        .map_err(|e| state_err(path, format!("cannot write: {e}")))
}

/// Set Unix permission bits; elsewhere (Windows) files inherit their directory's ACL, which is
/// the user's own when `--state-dir` is under their profile.
fn private(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}
