//! Private keys for certificates, made once and reused where they are slow to make.
//!
//! ECDSA keys cost microseconds and are fresh for every certificate. RSA keys cost up to half a
//! second (RSA-4096), so each RSA size is made once per process and shared by every certificate
//! that asks for it: a test suite that starts many suites pays for them once. With a key cache
//! (see [`key_cache`](super::key_cache)) they are not made at all when a run before left them.
//!
//! Leaves and scenario intermediates never share a key (see [`Role`]): a leaf whose key is also
//! its issuer's would carry its issuer's key identifier, a second fault in a one-fault scenario.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rcgen::{KeyPair, PKCS_ECDSA_P256_SHA256, PKCS_ECDSA_P384_SHA384, PKCS_RSA_SHA256};
use rustls_pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

use super::key_cache::CacheDir;
use super::PkiError;
use crate::scenario::KeyKind;

/// A private key: its PKCS#8 DER and its SubjectPublicKeyInfo.
#[derive(Clone)]
pub struct Key {
    pub kind: KeyKind,
    pkcs8: Arc<Vec<u8>>,
}

impl Key {
    /// The key as rustls wants it.
    pub fn private_der(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.pkcs8.as_ref().clone()))
    }

    /// PKCS#8 PEM, for files and the control port.
    pub fn pem(&self) -> String {
        pem_block("PRIVATE KEY", &self.pkcs8)
    }

    pub fn pkcs8_der(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The key as an rcgen signer. Fails for keys rcgen's backend refuses (RSA-1024), which
    /// is why RSA-1024 may only be a leaf key, never an issuer's.
    pub fn key_pair(&self) -> Result<KeyPair, PkiError> {
        let alg = match self.kind {
            KeyKind::EcdsaP256 => &PKCS_ECDSA_P256_SHA256,
            KeyKind::EcdsaP384 => &PKCS_ECDSA_P384_SHA384,
            _ => &PKCS_RSA_SHA256,
        };
        KeyPair::from_pkcs8_der_and_sign_algo(&PrivatePkcs8KeyDer::from(self.pkcs8.as_slice()), alg)
            .map_err(|e| PkiError::Key(format!("{:?} key unusable for signing: {e}", self.kind)))
    }

    /// The public half, for certificates whose private key signs nothing here.
    pub fn public(&self) -> Result<rcgen::SubjectPublicKeyInfo, PkiError> {
        let spki = self.public_der()?;
        rcgen::SubjectPublicKeyInfo::from_der(&spki).map_err(|e| {
            PkiError::Key(format!("rcgen cannot read {:?} public key: {e}", self.kind))
        })
    }

    /// The SubjectPublicKeyInfo DER, through OpenSSL, which reads every key kind.
    #[cfg(feature = "openssl")]
    pub(crate) fn public_der(&self) -> Result<Vec<u8>, PkiError> {
        let pkey = openssl::pkey::PKey::private_key_from_pkcs8(&self.pkcs8)
            .map_err(|e| PkiError::Key(format!("cannot read {:?} key: {e}", self.kind)))?;
        pkey.public_key_to_der()
            .map_err(|e| PkiError::Key(format!("cannot encode {:?} public key: {e}", self.kind)))
    }

    /// The SubjectPublicKeyInfo DER, through aws-lc-rs (every key kind a build without OpenSSL
    /// makes).
    #[cfg(not(feature = "openssl"))]
    pub(crate) fn public_der(&self) -> Result<Vec<u8>, PkiError> {
        Ok(rcgen::PublicKeyData::subject_public_key_info(
            &self.key_pair()?,
        ))
    }

    /// Load a key of a known kind from PKCS#8 DER (a persisted state directory).
    pub fn from_pkcs8(kind: KeyKind, pkcs8: Vec<u8>) -> Key {
        Key {
            kind,
            pkcs8: Arc::new(pkcs8),
        }
    }
}

/// What a shared RSA key signs: each role has its own key of each size, in memory and in the
/// cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A scenario's leaf: signs its handshakes.
    Leaf,
    /// A scenario's own intermediate CA (below the issuing CA, or the untrusted root): signs
    /// that scenario's leaf. Never the suite root, the issuing CA or the untrusted root, whose
    /// keys are fresh (or, for the issuing CA, kept in the state directory).
    Intermediate,
}

/// A key of this kind for this role: fresh for ECDSA; for RSA, shared per process and taken
/// from (or left in) the key cache `cache` when there is one.
pub fn key(kind: KeyKind, role: Role, cache: Option<&CacheDir>) -> Result<Key, PkiError> {
    match kind {
        KeyKind::EcdsaP256 | KeyKind::EcdsaP384 => fresh(kind),
        _ => shared_rsa(kind, role, cache, true),
    }
}

/// Whether a key of this kind and role can be had without generating one: ECDSA always; RSA
/// when this process has it or the cache holds a usable one (which this loads).
pub fn at_hand(kind: KeyKind, role: Role, cache: Option<&CacheDir>) -> bool {
    match kind {
        KeyKind::EcdsaP256 | KeyKind::EcdsaP384 => true,
        _ => shared_rsa(kind, role, cache, false).is_ok(),
    }
}

/// Generate a brand-new key, never shared (the suite's own CA keys).
pub fn fresh(kind: KeyKind) -> Result<Key, PkiError> {
    let pkcs8 = match kind {
        KeyKind::EcdsaP256 => rcgen_key(KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256))?,
        KeyKind::EcdsaP384 => rcgen_key(KeyPair::generate_for(&PKCS_ECDSA_P384_SHA384))?,
        KeyKind::Rsa2048 => rcgen_key(KeyPair::generate_rsa_for(
            &PKCS_RSA_SHA256,
            rcgen::RsaKeySize::_2048,
        ))?,
        KeyKind::Rsa4096 => rcgen_key(KeyPair::generate_rsa_for(
            &PKCS_RSA_SHA256,
            rcgen::RsaKeySize::_4096,
        ))?,
        // aws-lc-rs will not generate keys under 2048 bits (nor, through rcgen, over 4096):
        // OpenSSL will.
        KeyKind::Rsa1024 => openssl_rsa(1024)?,
        KeyKind::Rsa8192 => openssl_rsa(8192)?,
    };
    Ok(Key::from_pkcs8(kind, pkcs8))
}

#[cfg(feature = "openssl")]
fn openssl_rsa(bits: u32) -> Result<Vec<u8>, PkiError> {
    openssl::rsa::Rsa::generate(bits)
        .and_then(openssl::pkey::PKey::from_rsa)
        .and_then(|k| k.private_key_to_pkcs8())
        .map_err(|e| PkiError::Key(format!("cannot generate RSA-{bits}: {e}")))
}

#[cfg(not(feature = "openssl"))]
fn openssl_rsa(bits: u32) -> Result<Vec<u8>, PkiError> {
    Err(PkiError::NeedsOpenssl(format!("an RSA-{bits} key")))
}

fn rcgen_key(r: Result<KeyPair, rcgen::Error>) -> Result<Vec<u8>, PkiError> {
    r.map(|k| k.serialize_der())
        .map_err(|e| PkiError::Key(format!("key generation failed: {e}")))
}

/// The process-wide RSA key of this kind: from memory, else from the cache, else (when
/// `generate`) made now and left in the cache. Without `generate`, a key that would have to be
/// made is an error and nothing is remembered.
fn shared_rsa(
    kind: KeyKind,
    role: Role,
    cache: Option<&CacheDir>,
    generate: bool,
) -> Result<Key, PkiError> {
    type Slot = Arc<OnceLock<Result<Key, PkiError>>>;
    static CACHE: OnceLock<Mutex<HashMap<(KeyKind, Role), Slot>>> = OnceLock::new();
    // Take the slot under the lock, generate outside it: two sizes can be made in parallel.
    let slot = {
        let mut map = CACHE
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        map.entry((kind, role)).or_default().clone()
    };
    if let Some(key) = slot.get() {
        return key.clone();
    }
    if let Some(key) = cache.and_then(|c| c.load(kind, role)) {
        return slot.get_or_init(|| Ok(key)).clone();
    }
    if !generate {
        return Err(PkiError::Key(format!("no {kind:?} {role:?} key at hand")));
    }
    slot.get_or_init(|| {
        let key = fresh(kind)?;
        if let Some(c) = cache {
            c.store(&key, role);
        }
        Ok(key)
    })
    .clone()
}

/// Wrap DER in a PEM block with 64-column base64 lines.
pub fn pem_block(label: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(label, der.to_vec()),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}
