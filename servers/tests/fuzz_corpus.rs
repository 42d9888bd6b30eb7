//! Replays every file of the fuzz corpora (`fuzz/corpus/<target>/`) through the same function
//! its cargo-fuzz target calls, on the stable toolchain: `cargo test --workspace` keeps
//! exercising the seeds and everything fuzzing found worth keeping.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use badtls_servers::fuzzing;

/// A fuzz target's body: arbitrary bytes in, a panic on a broken invariant.
type Body = fn(&[u8]);

/// Each fuzz target and the body it runs. A corpus directory not listed here fails the test,
/// so that a new target cannot go without its replay.
const TARGETS: &[(&str, Body)] = &[
    ("scenario_parser", fuzzing::scenario_parser),
    ("client_hello", fuzzing::client_hello),
];

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_passes_its_target() {
    let root = corpus_root();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let names: Vec<String> = dirs
        .iter()
        .map(|d| {
            d.file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for (target, _) in TARGETS {
        assert!(names.iter().any(|n| n == target), "no corpus for {target}");
    }

    let mut failures = Vec::new();
    for (dir, name) in dirs.iter().zip(&names) {
        let body = TARGETS
            .iter()
            .find(|(t, _)| t == name)
            .map(|(_, body)| *body)
            .unwrap_or_else(|| panic!("corpus {name} has no target here: add it to TARGETS"));
        let files = files_in(dir);
        assert!(!files.is_empty(), "corpus {name} is empty");
        for file in files {
            let data = std::fs::read(&file).expect("readable corpus file");
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| body(&data))) {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{}: {why}", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The seeds that are copies of the embedded catalogue still load: the fuzzer starts from
/// valid files, not from ones a schema change broke.
#[test]
fn catalogue_seeds_load() {
    let dir = corpus_root().join("scenario_parser");
    let catalogue = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for file in files_in(&catalogue) {
        let name = file.file_name().expect("a name");
        let seed = dir.join(name);
        let text = std::fs::read_to_string(&seed).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (copy servers/scenarios/*.toml into the corpus)",
                seed.display()
            )
        });
        let loaded = badtls_servers::scenario::parse_file(&seed.display().to_string(), &text);
        assert!(loaded.is_ok(), "{loaded:?}");
    }
}
