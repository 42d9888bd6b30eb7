//! badtls as a doctor: turn a client's TLS error text ([`explain`]) or a live server
//! ([`diagnose`]) into canonical reasons with their cause and fix, in the same vocabulary as the
//! suite and the client matrix.

#![forbid(unsafe_code)]

pub mod diagnose;
pub mod explain;
