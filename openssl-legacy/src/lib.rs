//! The vendored OpenSSL, configured for what modern stacks refuse: SSLv3, TLS 1.0/1.1, RC4,
//! 3DES, NULL and anonymous suites, DH-512. The suite's legacy engine serves with it; the
//! matrix's in-process `openssl` client and `badtls diagnose` connect with it.
//!
//! This crate is where the workspace's OpenSSL is configured (openssl-src with `ssl3`,
//! `weak-crypto` and `legacy`; see build.rs for the thread check) and the one crate that may use
//! `unsafe`: OpenSSL's security callback has no safe binding in the `openssl` crate.
#![allow(unsafe_code)]

use std::ffi::{c_int, c_void};
use std::sync::OnceLock;

use openssl::provider::Provider;
use openssl::ssl::SslContextBuilder;

/// Load OpenSSL's legacy provider (RC4, MD5-based suites) next to the default one, once per
/// process. The vendored build compiles it in (`no-module`), so this cannot fail for a missing file.
pub fn load_legacy_provider() -> Result<(), String> {
    static PROVIDERS: OnceLock<Result<(Provider, Provider), String>> = OnceLock::new();
    PROVIDERS
        .get_or_init(|| {
            let default = Provider::try_load(None, "default", true)
                .map_err(|e| format!("default provider: {e}"))?;
            let legacy = Provider::try_load(None, "legacy", true)
                .map_err(|e| format!("legacy provider: {e}"))?;
            Ok((default, legacy))
        })
        .as_ref()
        .map(|_| ())
        .map_err(Clone::clone)
}

extern "C" {
    // Not wrapped by openssl-sys; part of libssl's public API since 1.1.0.
    fn SSL_CTX_set_security_callback(
        ctx: *mut openssl_sys::SSL_CTX,
        cb: Option<
            unsafe extern "C" fn(
                *const openssl_sys::SSL,
                *const openssl_sys::SSL_CTX,
                c_int,
                c_int,
                c_int,
                *mut c_void,
                *mut c_void,
            ) -> c_int,
        >,
    );
}

/// A security callback that allows everything. OpenSSL's default callback refuses DH groups
/// under 80 bits of security (DH-512) even at security level 0.
///
/// It also drops the error that OpenSSL queues, without failing, when it cannot rate a key
/// (`EVP_PKEY_get_security_bits`: "unknown security bits", for DH-512, just before calling us
/// with `bits == 0`). Left on the queue, that stale entry makes libssl's next
/// `SSL_get_error` report a fatal error instead of "want read", and the handshake fails.
unsafe extern "C" fn allow_everything(
    _ssl: *const openssl_sys::SSL,
    _ctx: *const openssl_sys::SSL_CTX,
    _op: c_int,
    bits: c_int,
    _nid: c_int,
    _other: *mut c_void,
    _ex: *mut c_void,
) -> c_int {
    if bits <= 0 {
        // SAFETY: ERR_clear_error only touches this thread's error queue; it takes no pointers.
        unsafe { openssl_sys::ERR_clear_error() };
    }
    1
}

/// Let this context negotiate anything its settings name, whatever the security level says.
pub fn allow_weak_security(builder: &mut SslContextBuilder) {
    builder.set_security_level(0);
    // SAFETY: `builder.as_ptr()` is a valid SSL_CTX owned by `builder` for this call, and the
    // callback is a plain function with the signature libssl expects, using none of its args.
    unsafe { SSL_CTX_set_security_callback(builder.as_ptr(), Some(allow_everything)) };
}

/// The DH key size the peer used, if the handshake used finite-field DH.
pub fn peer_dh_bits(ssl: &openssl::ssl::SslRef) -> Option<u32> {
    let key = ssl.peer_tmp_key().ok()?;
    (key.id() == openssl::pkey::Id::DH).then(|| key.bits())
}
