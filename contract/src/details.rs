//! Longer explanations of a reason, as data (`data/details.toml`): its usual causes, how to tell
//! apart the faults a coarse reason stands for, and how to reproduce a reason that no scenario
//! serves. `badtls explain` and `badtls diagnose` print them.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::Reason;

const DATA: &str = include_str!("../data/details.toml");

/// What a reason usually comes from.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Details {
    /// The usual causes, most common first.
    #[serde(default)]
    pub causes: Vec<String>,
    /// For a coarse reason: how to find out which of its children it is.
    #[serde(default)]
    pub tell_apart: Option<String>,
    /// For a reason no scenario serves: how to see it locally.
    #[serde(default)]
    pub reproduce: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    reason: BTreeMap<String, Details>,
}

fn parse(text: &str) -> Result<BTreeMap<Reason, Details>, String> {
    let file: File = toml::from_str(text).map_err(|e| format!("details.toml: {e}"))?;
    file.reason
        .into_iter()
        .map(|(name, d)| {
            let r = name
                .parse::<Reason>()
                .map_err(|e| format!("details.toml: [reason.\"{name}\"]: {e}"))?;
            Ok((r, d))
        })
        .collect()
}

fn table() -> &'static BTreeMap<Reason, Details> {
    static TABLE: OnceLock<BTreeMap<Reason, Details>> = OnceLock::new();
    // Compiled in; `the_details_load_and_cover_every_reason` proves the file is valid.
    TABLE.get_or_init(|| parse(DATA).unwrap_or_else(|e| panic!("{e}")))
}

impl Reason {
    /// The reason's usual causes and, for coarse ones, how to tell its children apart; `None`
    /// for a reason the data does not describe (yet).
    pub fn details(self) -> Option<&'static Details> {
        table().get(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_details_load_and_cover_every_reason() {
        let t = parse(DATA).unwrap();
        for r in Reason::all() {
            let d = t.get(&r).unwrap_or_else(|| panic!("{r} has no details"));
            assert!(!d.causes.is_empty(), "{r}");
        }
        // Every coarse reason says how to tell its children apart.
        for r in Reason::all().filter_map(Reason::parent) {
            assert!(r.details().unwrap().tell_apart.is_some(), "{r}");
        }
    }

    #[test]
    fn an_unknown_reason_or_field_is_an_error_naming_it() {
        let err = parse("[reason.\"cert.bogus\"]\ncauses = []").unwrap_err();
        assert!(err.contains("cert.bogus"), "{err}");
        let err = parse("[reason.\"cert.expired\"]\ncause = []").unwrap_err();
        assert!(err.contains("cause"), "{err}");
    }
}
