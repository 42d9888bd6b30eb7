//! Drives a running badtls from outside, the way its users do: a separate `badtls serve`
//! process on loopback, real sockets, real handshakes.
//!
//! - [`soak`]: thousands of hostile connections (garbage, truncated and oversized
//!   ClientHellos, slowloris handshakes, abrupt resets) while a well-behaved client keeps
//!   checking that `good/default` still works and a bad endpoint still fails for its reason.
//! - [`bench`](mod@bench): time to ready, full handshakes per second against nginx and `openssl s_server`
//!   on the same key type, idle memory; printed as ratios.
//!
//! - [`matrix_bench`]: the client matrix's wall time, and the probe programs batched against
//!   one process per cell.
//!
//! All three are binaries (`badtls-soak`, `badtls-bench`, `badtls-matrix-bench`); the soak also
//! runs, shorter, as a test.

#![forbid(unsafe_code)]

pub mod abuse;
pub mod bench;
pub mod client;
pub mod matrix_bench;
pub mod procfs;
pub mod server;
pub mod soak;
