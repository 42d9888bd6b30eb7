//! Loading a text both ways (`parse_file` and `Catalogue::add_file`), with the checks every
//! error must pass whatever the input.

use badtls_servers::scenario::{parse_file, Catalogue, ScenarioError};
use proptest::prelude::*;

/// The file name the loader is given: not ASCII, with a space and a slash, to show it is quoted
/// as given.
pub const FILE: &str = "mine/prop ✓.toml";

/// The checks every error must pass, whatever the input: it names the file.
pub fn names_the_file(e: &ScenarioError, file: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(&e.file, file);
    let shown = e.to_string();
    prop_assert!(
        shown.starts_with(file),
        "{shown:?} does not start with {file:?}"
    );
    Ok(())
}

/// What `parse_file` (the ids) and `Catalogue::add_file` made of one text.
pub type Loaded = (
    Result<Vec<String>, ScenarioError>,
    Result<(), ScenarioError>,
);

/// Load `text` both ways; both must agree, and any error must name `file`.
pub fn load_both(file: &str, text: &str) -> Result<Loaded, TestCaseError> {
    let parsed = parse_file(file, text).map(|v| v.into_iter().map(|s| s.id).collect());
    let mut catalogue = Catalogue::default();
    let added = catalogue.add_file(file, text);
    for e in parsed
        .as_ref()
        .err()
        .into_iter()
        .chain(added.as_ref().err())
    {
        names_the_file(e, file)?;
    }
    if let Err(e) = &parsed {
        prop_assert_eq!(
            Err(e),
            added.as_ref(),
            "add_file must give parse_file's error"
        );
    }
    Ok((parsed, added))
}
