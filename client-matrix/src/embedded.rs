//! Files compiled into the crate. `build.rs` lists them from the registry (`clients.toml`): the
//! registry itself, each entry's classifier table and samples, and each probe's files.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
