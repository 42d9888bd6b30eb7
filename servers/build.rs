//! The scenario catalogue is embedded with `include_dir!`, which cargo does not track: rebuild
//! when anything under `scenarios/` changes.

fn main() {
    println!("cargo:rerun-if-changed=scenarios");
}
