//! Embeds the client registry (`clients.toml`) and the files its entries name: each classifier
//! table, its samples, and each probe's source and helper files. The lists of what to embed come
//! from the registry, so adding a client is a registry entry and its files, with no list in code.
//!
//! This only gathers files; `badtls_matrix::clients` parses and validates the registry (a wrong
//! field is its error, with the entry). A file an entry names that does not exist stops the build
//! here, naming the entry.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let registry = root.join("clients.toml");
    println!("cargo:rerun-if-changed=clients.toml");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(&registry)
        .unwrap_or_else(|e| panic!("{}: {e}", registry.display()));
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("clients.toml: invalid TOML: {e}"));
    let entries = table
        .get("client")
        .and_then(toml::Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();

    let mut classifiers = Vec::new();
    let mut samples = Vec::new();
    let mut probes = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let field = |key: &str| entry.get(key).and_then(toml::Value::as_str);
        let what = format!(
            "clients.toml: [[client]] #{} ({})",
            i + 1,
            field("name").unwrap_or("no name")
        );
        if let Some(file) = field("classifier") {
            add(&mut classifiers, &root, "classifiers", file, &what);
            add(&mut samples, &root, "classifiers/samples", file, &what);
        }
        let helpers = entry
            .get("files")
            .and_then(toml::Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for file in field("source")
            .into_iter()
            .chain(helpers.iter().filter_map(toml::Value::as_str))
        {
            add(&mut probes, &root, "probes", file, &what);
        }
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "/// The client registry.\npub(crate) const REGISTRY: &str = include_str!({:?});",
        registry.display().to_string()
    );
    list(
        &mut out,
        "CLASSIFIERS",
        "The classifier tables, in registry order.",
        &classifiers,
    );
    list(
        &mut out,
        "SAMPLES",
        "Each table's samples, in the same order.",
        &samples,
    );
    list(
        &mut out,
        "PROBE_SOURCES",
        "The probes' files, each once.",
        &probes,
    );
    let dest =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("embedded.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}

/// Add `dir/file` to `to` once; a file that is not a plain name in `dir`, or is missing, is an
/// error naming the entry.
fn add(to: &mut Vec<(String, PathBuf)>, root: &Path, dir: &str, file: &str, what: &str) {
    let plain = !file.is_empty() && !file.contains(['/', '\\']) && !file.starts_with('.');
    if !plain {
        panic!("{what}: '{file}' must be a file name in {dir}/");
    }
    let path = root.join(dir).join(file);
    if !path.is_file() {
        panic!("{what}: {dir}/{file} does not exist");
    }
    if !to.iter().any(|(name, _)| name == file) {
        to.push((file.to_string(), path));
    }
}

/// `pub(crate) const NAME: &[(&str, &str)]`: file name and text, compiled in.
fn list(out: &mut String, name: &str, doc: &str, files: &[(String, PathBuf)]) {
    let _ = writeln!(
        out,
        "/// {doc}\npub(crate) const {name}: &[(&str, &str)] = &["
    );
    for (file, path) in files {
        let path = path.display().to_string();
        let _ = writeln!(out, "    ({file:?}, include_str!({path:?})),");
    }
    let _ = writeln!(out, "];");
}
