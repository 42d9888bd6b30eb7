//! The README's client table is the registry's (`clients.toml`), rendered: the README must hold
//! it verbatim between its markers. After changing the registry, rewrite it with
//! `BADTLS_WRITE_README=1 cargo test -p badtls-matrix --test readme`.

use std::path::PathBuf;

const BEGIN: &str = "<!-- clients: generated from client-matrix/clients.toml by `BADTLS_WRITE_README=1 cargo test -p badtls-matrix --test readme`; do not edit -->\n";
const END: &str = "<!-- clients: end -->\n";

fn readme() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md")
}

#[test]
fn the_readme_holds_the_registrys_client_table() {
    let path = readme();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (Some(begin), Some(end)) = (text.find(BEGIN), text.find(END)) else {
        panic!(
            "{}: no client table markers ({BEGIN:?} ... {END:?})",
            path.display()
        );
    };
    assert!(begin < end, "the markers are out of order");
    // Blank lines around the table: Markdown ends the comment's block there.
    let table = format!("\n{}\n", badtls_matrix::clients::markdown_table());
    let current = &text[begin + BEGIN.len()..end];
    if current == table {
        return;
    }
    if std::env::var_os("BADTLS_WRITE_README").is_some() {
        let updated = format!("{}{table}{}", &text[..begin + BEGIN.len()], &text[end..]);
        std::fs::write(&path, updated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        eprintln!("rewrote the client table of {}", path.display());
        return;
    }
    panic!(
        "the README's client table is not the registry's: run \
         `BADTLS_WRITE_README=1 cargo test -p badtls-matrix --test readme`.\n\
         Expected:\n{table}\nFound:\n{current}"
    );
}
