//! Threads check for the vendored OpenSSL: refuse an OpenSSL built without thread support.
//! OpenSSL's Configure turns a `-static` C flag (which the cc crate adds under `+crt-static`) into
//! `no-threads`, and such a library has no locks at all: the legacy engine, which handshakes on
//! several threads at once, then corrupts the heap. ci/static-build.sh keeps the flag away; this
//! check makes sure.

use std::path::Path;

fn main() {
    // openssl-sys publishes the include directory of the OpenSSL it built or found.
    let Some(include) = std::env::var_os("DEP_OPENSSL_INCLUDE") else {
        return;
    };
    let config = Path::new(&include).join("openssl").join("configuration.h");
    println!("cargo:rerun-if-changed={}", config.display());
    let Ok(text) = std::fs::read_to_string(&config) else {
        // Some system OpenSSLs have no configuration.h; they are built with threads.
        return;
    };
    if !text.contains("define OPENSSL_THREADS") {
        panic!(
            "{} does not define OPENSSL_THREADS: this OpenSSL was configured without thread \
             support (a `-static` in its C flags does that, e.g. under +crt-static), and badtls \
             would corrupt its heap serving concurrent handshakes. For a static build, run \
             ci/static-build.sh, which keeps `-static` away from OpenSSL's Configure.",
            config.display()
        );
    }
}
