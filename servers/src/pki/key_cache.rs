//! The key cache: the scenarios' RSA keys kept on disk between runs, so that a start with a warm
//! cache generates no RSA key at all.
//!
//! Only the keys that [`keys::key`](super::keys::key) already shares across a process are cached:
//! the scenarios' leaf keys and the keys of the scenarios' own intermediates (a weak-digest
//! issuer is RSA). An intermediate key signs only below the issuing CA, whose name constraints
//! bind it, or below the untrusted root, which nobody trusts; the issuing CA's own key is already
//! kept in a state directory. The suite root's key never touches disk. Nothing about a certificate depends on a reused key but its
//! public key: validity dates, serials and the suite clock stay per start.
//!
//! Where: the state directory's `keys/` when one is given, else `$BADTLS_KEY_CACHE`, else
//! `$XDG_CACHE_HOME/badtls/keys`, else `$HOME/.cache/badtls/keys`. The directory is made 0700
//! and each key 0600, written to a temporary file and renamed into place, so two processes that
//! fill the cache at once each see a whole file. A directory that another user owns, or that
//! others may write, is not used (with a warning). A file that is not a key of its size (corrupt,
//! foreign, truncated, a weaker key) is replaced by a fresh key, with a warning that names it:
//! never a panic, never a silently weaker key.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::keys::{Key, Role};
use crate::scenario::KeyKind;

/// The environment variable that names the cache directory, or turns the cache `off`.
pub const KEY_CACHE_ENV: &str = "BADTLS_KEY_CACHE";

/// Where a suite keeps its leaf RSA keys between runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum KeyCache {
    /// The state directory's `keys/` if there is one, else the per-user cache directory
    /// (`$BADTLS_KEY_CACHE`, `$XDG_CACHE_HOME/badtls/keys`, `~/.cache/badtls/keys`);
    /// `BADTLS_KEY_CACHE=off` turns it off.
    #[default]
    Default,
    /// Never read or write keys on disk: every process makes its own.
    Off,
    /// This directory.
    Dir(PathBuf),
}

impl KeyCache {
    /// The directory this setting means for a suite with this state directory, if any.
    pub fn resolve(&self, state_dir: Option<&Path>) -> Option<PathBuf> {
        match self {
            KeyCache::Off => None,
            KeyCache::Dir(dir) => Some(dir.clone()),
            KeyCache::Default => match state_dir {
                Some(state) => Some(state.join("keys")),
                None => per_user_dir(),
            },
        }
    }
}

fn per_user_dir() -> Option<PathBuf> {
    let from_env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(v) = from_env(KEY_CACHE_ENV) {
        return (v != "off").then(|| PathBuf::from(v));
    }
    if let Some(xdg) = from_env("XDG_CACHE_HOME") {
        return Some(PathBuf::from(xdg).join("badtls").join("keys"));
    }
    from_env("HOME").map(|home| {
        PathBuf::from(home)
            .join(".cache")
            .join("badtls")
            .join("keys")
    })
}

/// The file name of a kind's key for a role in the cache, or `None` for kinds that are not
/// cached.
fn file_name(kind: KeyKind, role: Role) -> Option<String> {
    let size = match kind {
        KeyKind::Rsa1024 => "rsa1024",
        KeyKind::Rsa2048 => "rsa2048",
        KeyKind::Rsa4096 => "rsa4096",
        KeyKind::Rsa8192 => "rsa8192",
        KeyKind::EcdsaP256 | KeyKind::EcdsaP384 => return None,
    };
    Some(match role {
        Role::Leaf => format!("{size}.pk8"),
        Role::Intermediate => format!("intermediate-{size}.pk8"),
    })
}

fn bits(kind: KeyKind) -> u32 {
    match kind {
        KeyKind::Rsa1024 => 1024,
        KeyKind::Rsa2048 => 2048,
        KeyKind::Rsa4096 => 4096,
        KeyKind::Rsa8192 => 8192,
        KeyKind::EcdsaP256 => 256,
        KeyKind::EcdsaP384 => 384,
    }
}

/// A key cache directory. It is made (0700) when the first key is stored, and checked before
/// every read and write.
#[derive(Debug)]
pub struct CacheDir {
    dir: PathBuf,
}

impl CacheDir {
    pub fn new(dir: PathBuf) -> CacheDir {
        CacheDir { dir }
    }

    /// Whether the directory may be used: a directory this user owns that nobody else may
    /// write to. A warning says why not.
    fn usable(&self) -> bool {
        let dir = &self.dir;
        match fs::metadata(dir) {
            Ok(m) if !m.is_dir() => {
                tracing::warn!(
                    "key cache {}: not a directory; not caching keys",
                    dir.display()
                );
                false
            }
            Ok(m) if Some(m.uid()) != own_uid() => {
                tracing::warn!(
                    "key cache {}: owned by uid {}, not by this user; not caching keys",
                    dir.display(),
                    m.uid()
                );
                false
            }
            Ok(m) if m.mode() & 0o022 != 0 => {
                tracing::warn!(
                    "key cache {}: others may write to it (mode {:o}); not caching keys",
                    dir.display(),
                    m.mode() & 0o777
                );
                false
            }
            Ok(_) => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => {
                tracing::warn!("key cache {}: {e}; not caching keys", dir.display());
                false
            }
        }
    }

    /// The cached key of this kind, if there is a usable one. A file that is there but not a
    /// key of this kind and size is reported (and will be replaced by [`CacheDir::store`]).
    pub fn load(&self, kind: KeyKind, role: Role) -> Option<Key> {
        let path = self.dir.join(file_name(kind, role)?);
        if !self.usable() {
            return None;
        }
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                tracing::warn!(
                    "key cache {}: cannot read it ({e}); making a new key",
                    path.display()
                );
                return None;
            }
        };
        match check(kind, &bytes) {
            Ok(()) => Some(Key::from_pkcs8(kind, bytes)),
            Err(why) => {
                tracing::warn!(
                    "key cache {}: {why}; replacing it with a new key",
                    path.display()
                );
                None
            }
        }
    }

    /// Keep `key` for the next run. A failure only costs the next run a key generation, so it
    /// is a warning, not an error.
    pub fn store(&self, key: &Key, role: Role) {
        let Some(name) = file_name(key.kind, role) else {
            return;
        };
        if let Err(e) = fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)
        {
            tracing::warn!("key cache {}: cannot create it ({e})", self.dir.display());
            return;
        }
        if !self.usable() {
            return;
        }
        let path = self.dir.join(&name);
        let tmp = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .and_then(|mut f| {
                f.write_all(key.pkcs8_der())?;
                f.sync_all()
            })
            .and_then(|()| fs::rename(&tmp, &path));
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            tracing::warn!("key cache {}: cannot write it ({e})", path.display());
        }
    }
}

/// This process's user id: Linux makes `/proc/self` owned by it.
fn own_uid() -> Option<u32> {
    fs::metadata("/proc/self").ok().map(|m| m.uid())
}

/// Whether `der` is a PKCS#8 RSA key of exactly this kind's size.
#[cfg(feature = "openssl")]
fn check(kind: KeyKind, der: &[u8]) -> Result<(), String> {
    let pkey = openssl::pkey::PKey::private_key_from_pkcs8(der)
        .map_err(|_| "not a PKCS#8 private key".to_string())?;
    let rsa = pkey
        .rsa()
        .map_err(|_| format!("not an RSA key (a {:?} key)", pkey.id()))?;
    if rsa.size() * 8 != bits(kind) {
        return Err(format!(
            "an RSA-{} key where RSA-{} belongs",
            rsa.size() * 8,
            bits(kind)
        ));
    }
    if consistent(&rsa) {
        Ok(())
    } else {
        Err("an inconsistent RSA key".into())
    }
}

/// The private parts belong together: n = p·q, d inverts e modulo p−1 and q−1, and the CRT
/// parameters are d mod (p−1), d mod (q−1) and q⁻¹ mod p. Arithmetic on the parts, no private
/// key operation: a signature with the cached RSA-8192 key took about 40 ms of a warm start,
/// more than all the other endpoints together. Not `RSA_check_key` either: its primality tests of
/// p and q took 0.33 s for an RSA-4096 key, and catch only a file crafted by someone who may
/// write to this 0700 directory, who could as well write any valid key. Corruption breaks one
/// of these equations.
#[cfg(feature = "openssl")]
fn consistent(rsa: &openssl::rsa::Rsa<openssl::pkey::Private>) -> bool {
    parts_agree(rsa).unwrap_or(false)
}

#[cfg(feature = "openssl")]
fn parts_agree(
    rsa: &openssl::rsa::Rsa<openssl::pkey::Private>,
) -> Result<bool, openssl::error::ErrorStack> {
    use openssl::bn::{BigNum, BigNumContext};
    let (Some(p), Some(q), Some(dmp1), Some(dmq1), Some(iqmp)) =
        (rsa.p(), rsa.q(), rsa.dmp1(), rsa.dmq1(), rsa.iqmp())
    else {
        return Ok(false);
    };
    let mut ctx = BigNumContext::new()?;
    let one = BigNum::from_u32(1)?;
    let mut n = BigNum::new()?;
    n.checked_mul(p, q, &mut ctx)?;
    if n != *rsa.n() {
        return Ok(false);
    }
    for (prime, d_mod) in [(p, dmp1), (q, dmq1)] {
        let mut prime_minus_one = prime.to_owned()?;
        prime_minus_one.sub_word(1)?;
        let mut r = BigNum::new()?;
        r.mod_mul(rsa.d(), rsa.e(), &prime_minus_one, &mut ctx)?;
        if r != one {
            return Ok(false);
        }
        r.nnmod(rsa.d(), &prime_minus_one, &mut ctx)?;
        if *r != *d_mod {
            return Ok(false);
        }
    }
    let mut r = BigNum::new()?;
    r.mod_mul(iqmp, q, p, &mut ctx)?;
    Ok(r == one)
}

/// Whether `der` is a PKCS#8 RSA key of exactly this kind's size, without OpenSSL: aws-lc
/// checks that the parts belong together when it parses the key (BoringSSL's `RSA_check_key`:
/// the arithmetic, no primality tests).
#[cfg(not(feature = "openssl"))]
fn check(kind: KeyKind, der: &[u8]) -> Result<(), String> {
    use x509_parser::prelude::FromDer;
    use x509_parser::public_key::PublicKey;
    let pair = rcgen::KeyPair::from_pkcs8_der_and_sign_algo(
        &rustls_pki_types::PrivatePkcs8KeyDer::from(der),
        &rcgen::PKCS_RSA_SHA256,
    )
    .map_err(|_| "not a usable PKCS#8 RSA private key".to_string())?;
    let spki = rcgen::PublicKeyData::subject_public_key_info(&pair);
    let size = x509_parser::x509::SubjectPublicKeyInfo::from_der(&spki)
        .ok()
        .and_then(|(_, info)| match info.parsed() {
            Ok(PublicKey::RSA(rsa)) => Some(rsa.key_size()),
            _ => None,
        })
        .ok_or_else(|| "not an RSA key".to_string())?;
    if size as u32 != bits(kind) {
        return Err(format!(
            "an RSA-{size} key where RSA-{} belongs",
            bits(kind)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn key(kind: KeyKind) -> Key {
        super::super::keys::fresh(kind).expect("key generation")
    }

    #[test]
    fn a_stored_key_comes_back_whole_and_private() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("cache").join("keys");
        let cache = CacheDir::new(dir.clone());
        assert!(cache.load(KeyKind::Rsa1024, Role::Leaf).is_none());
        assert!(!dir.exists(), "made only when a key is stored");
        let k = key(KeyKind::Rsa1024);
        cache.store(&k, Role::Leaf);
        assert_eq!(
            fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        let file = dir.join("rsa1024.pk8");
        assert_eq!(
            fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let back = cache
            .load(KeyKind::Rsa1024, Role::Leaf)
            .expect("the stored key");
        assert_eq!(back.pkcs8_der(), k.pkcs8_der());
        // ECDSA keys are fresh per certificate: never cached.
        cache.store(&key(KeyKind::EcdsaP256), Role::Leaf);
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        // An intermediate's key of the same size is another file: a leaf never gets its
        // issuer's key.
        assert!(cache.load(KeyKind::Rsa1024, Role::Intermediate).is_none());
        let ca = key(KeyKind::Rsa1024);
        cache.store(&ca, Role::Intermediate);
        assert!(dir.join("intermediate-rsa1024.pk8").is_file());
        let back = cache
            .load(KeyKind::Rsa1024, Role::Intermediate)
            .expect("stored");
        assert_eq!(back.pkcs8_der(), ca.pkcs8_der());
        assert_eq!(
            cache
                .load(KeyKind::Rsa1024, Role::Leaf)
                .unwrap()
                .pkcs8_der(),
            k.pkcs8_der()
        );
    }

    #[test]
    #[cfg(feature = "openssl")] // makes an RSA-1024 key and mixes keys' parts with OpenSSL
    fn corrupt_foreign_and_weaker_files_are_not_used() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = CacheDir::new(tmp.path().to_path_buf());
        let path = tmp.path().join("rsa2048.pk8");
        for bytes in [
            b"garbage".to_vec(),
            Vec::new(),
            key(KeyKind::EcdsaP256).pkcs8_der().to_vec(),
            key(KeyKind::Rsa1024).pkcs8_der().to_vec(), // weaker than the slot says
        ] {
            fs::write(&path, &bytes).unwrap();
            assert!(cache.load(KeyKind::Rsa2048, Role::Leaf).is_none());
        }
        let why = check(KeyKind::Rsa2048, key(KeyKind::Rsa1024).pkcs8_der()).unwrap_err();
        assert!(why.contains("RSA-1024 key where RSA-2048 belongs"), "{why}");
        // A key whose private parts do not belong together (d of another key): n = p·q holds,
        // d does not invert e.
        let parts = |k: &Key| {
            openssl::pkey::PKey::private_key_from_pkcs8(k.pkcs8_der())
                .unwrap()
                .rsa()
                .unwrap()
        };
        let (a, b) = (parts(&key(KeyKind::Rsa2048)), parts(&key(KeyKind::Rsa2048)));
        let c = |n: &openssl::bn::BigNumRef| n.to_owned().unwrap();
        let mixed = openssl::rsa::Rsa::from_private_components(
            c(a.n()),
            c(a.e()),
            c(b.d()),
            c(a.p().unwrap()),
            c(a.q().unwrap()),
            c(b.dmp1().unwrap()),
            c(b.dmq1().unwrap()),
            c(a.iqmp().unwrap()),
        )
        .unwrap();
        let der = openssl::pkey::PKey::from_rsa(mixed)
            .unwrap()
            .private_key_to_pkcs8()
            .unwrap();
        let why = check(KeyKind::Rsa2048, &der).unwrap_err();
        assert!(why.contains("inconsistent"), "{why}");
        // Only the CRT coefficient is another key's: caught as well.
        let crt = openssl::rsa::Rsa::from_private_components(
            c(a.n()),
            c(a.e()),
            c(a.d()),
            c(a.p().unwrap()),
            c(a.q().unwrap()),
            c(a.dmp1().unwrap()),
            c(a.dmq1().unwrap()),
            c(b.iqmp().unwrap()),
        )
        .unwrap();
        let crt = openssl::pkey::PKey::from_rsa(crt)
            .unwrap()
            .private_key_to_pkcs8()
            .unwrap();
        assert!(check(KeyKind::Rsa2048, &crt).is_err());
        // And a whole key passes.
        let whole = key(KeyKind::Rsa2048);
        assert_eq!(check(KeyKind::Rsa2048, whole.pkcs8_der()), Ok(()));
        fs::write(&path, &der).unwrap();
        assert!(cache.load(KeyKind::Rsa2048, Role::Leaf).is_none());
        // Storing replaces the bad file.
        let good = key(KeyKind::Rsa2048);
        cache.store(&good, Role::Leaf);
        assert_eq!(
            cache
                .load(KeyKind::Rsa2048, Role::Leaf)
                .unwrap()
                .pkcs8_der(),
            good.pkcs8_der()
        );
    }

    #[test]
    fn a_directory_others_may_write_is_not_used() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = CacheDir::new(tmp.path().to_path_buf());
        let k = key(KeyKind::Rsa1024);
        cache.store(&k, Role::Leaf);
        assert!(cache.load(KeyKind::Rsa1024, Role::Leaf).is_some());
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o777)).unwrap();
        assert!(
            cache.load(KeyKind::Rsa1024, Role::Leaf).is_none(),
            "a world-writable cache is not read"
        );
        let file = tmp.path().join("a-file");
        fs::write(&file, b"x").unwrap();
        let not_a_dir = CacheDir::new(file);
        not_a_dir.store(&k, Role::Leaf);
        assert!(not_a_dir.load(KeyKind::Rsa1024, Role::Leaf).is_none());
    }

    #[test]
    fn where_the_cache_is() {
        let state = Path::new("/srv/state");
        assert_eq!(KeyCache::Off.resolve(Some(state)), None);
        assert_eq!(
            KeyCache::Default.resolve(Some(state)),
            Some(state.join("keys"))
        );
        let dir = PathBuf::from("/tmp/k");
        assert_eq!(KeyCache::Dir(dir.clone()).resolve(Some(state)), Some(dir));
    }
}
