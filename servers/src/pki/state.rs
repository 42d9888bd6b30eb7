//! The state directory: keeps the root CA stable across restarts (a container volume, say) and
//! exports the files a user points clients at. Private keys are written 0600.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use rustls_pki_types::CertificateDer;
use time::OffsetDateTime;

use super::{pem_block, Authority, CaOptions, Key, Pki, PkiError};
use crate::scenario::KeyKind;

const ROOT_CERT: &str = "ca.pem";
const ROOT_KEY: &str = "ca.key";
const CLIENT_CERT: &str = "client.pem";
const CLIENT_KEY: &str = "client.key";

fn state_err(path: &Path, message: impl Into<String>) -> PkiError {
    PkiError::State {
        path: path.display().to_string(),
        message: message.into(),
    }
}

/// Reuse the root in `dir` if it is there and valid at `now`; otherwise make and save one.
pub fn load_or_create_root(
    dir: &Path,
    opts: &CaOptions<'_>,
    now: OffsetDateTime,
) -> Result<Authority, PkiError> {
    fs::create_dir_all(dir).map_err(|e| state_err(dir, format!("cannot create: {e}")))?;
    let cert_path = dir.join(ROOT_CERT);
    let key_path = dir.join(ROOT_KEY);
    if cert_path.exists() && key_path.exists() {
        match load_root(&cert_path, &key_path, opts.common_name, now) {
            Ok(root) => return Ok(root),
            Err(e) => tracing::warn!("making a new root CA: the saved one is unusable: {e}"),
        }
    }
    let root = Authority::root(opts)?;
    write_file(&key_path, root.key.pem().as_bytes(), true)?;
    write_file(
        &cert_path,
        pem_block("CERTIFICATE", &root.cert).as_bytes(),
        false,
    )?;
    Ok(root)
}

fn load_root(
    cert_path: &Path,
    key_path: &Path,
    name: &str,
    now: OffsetDateTime,
) -> Result<Authority, PkiError> {
    let read =
        |p: &Path| fs::read_to_string(p).map_err(|e| state_err(p, format!("cannot read: {e}")));
    let cert_pem = pem::parse(read(cert_path)?).map_err(|e| state_err(cert_path, e.to_string()))?;
    let key_pem = pem::parse(read(key_path)?).map_err(|e| state_err(key_path, e.to_string()))?;
    let cert = CertificateDer::from(cert_pem.into_contents());
    let (_, parsed) = x509_parser::parse_x509_certificate(&cert)
        .map_err(|e| state_err(cert_path, format!("not a certificate: {e}")))?;
    let validity = parsed.validity();
    // A root that expires within a year of the clock is replaced rather than reused.
    let now_ts = now.unix_timestamp();
    if validity.not_before.timestamp() > now_ts
        || validity.not_after.timestamp() < now_ts + 365 * 86_400
    {
        return Err(state_err(cert_path, "not valid for the suite clock"));
    }
    Authority::from_parts(
        name,
        cert,
        Key::from_pkcs8(KeyKind::EcdsaP256, key_pem.into_contents()),
    )
}

/// Write the files clients use: the CA certificate, the client certificate chain and key.
pub fn write_exports(dir: &Path, pki: &Pki) -> Result<(), PkiError> {
    write_file(
        &dir.join(CLIENT_CERT),
        pki.client.chain_pem().as_bytes(),
        false,
    )?;
    write_file(&dir.join(CLIENT_KEY), pki.client.key_pem().as_bytes(), true)?;
    Ok(())
}

/// Write atomically enough for our use (truncate + write); private files are created 0600 and
/// re-chmodded in case they already existed with looser bits.
fn write_file(path: &Path, bytes: &[u8], private: bool) -> Result<(), PkiError> {
    let mode = if private { 0o600 } else { 0o644 };
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(mode)
        .open(path)
        .map_err(|e| state_err(path, format!("cannot write: {e}")))?;
    f.set_permissions(fs::Permissions::from_mode(mode))
        .and_then(|_| f.write_all(bytes))
        .map_err(|e| state_err(path, format!("cannot write: {e}")))
}
