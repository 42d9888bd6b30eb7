//! The first bytes of a connection, as the SNI router and the raw engine see them: rustls'
//! `Acceptor` through `inspect_hello`, whole and in pieces, and the record framing. See
//! `badtls_servers::fuzzing::client_hello` for the checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| badtls_servers::fuzzing::client_hello(data));
