//! Which scenarios a suite serves: the catalogue (embedded and the user's), the `only` globs,
//! and each kept scenario's slot in the full catalogue.

use std::borrow::Cow;
use std::collections::HashMap;

use globset::{Glob, GlobMatcher};

use super::{Config, SuiteError};
use crate::scenario::{Catalogue, Scenario};

/// Load the catalogue, apply `only`, and give each kept scenario its slot in the full catalogue
/// (so fixed ports do not move when a filter changes).
pub fn select_scenarios(config: &Config) -> Result<(Catalogue, Vec<u32>), SuiteError> {
    // The embedded catalogue is parsed once per process; only the selection is cloned.
    let mut all = if config.no_embedded {
        Cow::Owned(Catalogue::default())
    } else {
        Cow::Borrowed(Catalogue::embedded_shared()?)
    };
    if let Some(dir) = &config.scenarios_dir {
        all.to_mut().extend(Catalogue::from_dir(dir)?)?;
    }
    let slot_of: HashMap<&str, u32> = all
        .scenarios()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i as u32))
        .collect();
    let filter = IdFilter::new(&config.only)?;
    filter.check_each_matches(&all)?;
    filter.check_servable(&all)?;
    let catalogue = all.selected(|s| filter.matches(&s.id) && servable(s));
    let slots = catalogue
        .scenarios()
        .iter()
        .map(|s| slot_of[s.id.as_str()])
        .collect();
    Ok((catalogue, slots))
}

/// The `only` globs.
pub struct IdFilter {
    globs: Vec<(String, GlobMatcher)>,
}

impl IdFilter {
    pub fn new(patterns: &[String]) -> Result<IdFilter, SuiteError> {
        let globs = patterns
            .iter()
            .map(|p| {
                Glob::new(p)
                    .map(|g| (p.clone(), g.compile_matcher()))
                    .map_err(|e| SuiteError::Filter {
                        pattern: p.clone(),
                        message: format!("not a valid glob: {}", e.kind()),
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(IdFilter { globs })
    }

    /// No patterns matches everything.
    pub fn matches(&self, id: &str) -> bool {
        self.globs.is_empty() || self.globs.iter().any(|(_, g)| g.is_match(id))
    }

    /// Naming one scenario this build cannot serve is an error; a glob leaves such scenarios
    /// out (see `servable`).
    pub fn check_servable(&self, catalogue: &Catalogue) -> Result<(), SuiteError> {
        for (pattern, glob) in &self.globs {
            let named = catalogue.scenarios().iter().find(|s| s.id == *pattern);
            if let Some(s) = named.filter(|s| !servable(s) && glob.is_match(&s.id)) {
                return Err(SuiteError::NeedsOpenssl {
                    scenario: s.id.clone(),
                });
            }
        }
        Ok(())
    }

    /// A pattern that selects nothing is almost certainly a typo: say so.
    pub fn check_each_matches(&self, catalogue: &Catalogue) -> Result<(), SuiteError> {
        for (pattern, glob) in &self.globs {
            if !catalogue.scenarios().iter().any(|s| glob.is_match(&s.id)) {
                return Err(SuiteError::Filter {
                    pattern: pattern.clone(),
                    message: "matches no scenario (ids look like cert/expired; `badtls list` shows them all)".into(),
                });
            }
        }
        Ok(())
    }
}

/// Whether this build can serve the scenario: everything with the `openssl` feature; without
/// it, what needs no OpenSSL ([`Scenario::needs_openssl`]).
pub fn servable(s: &Scenario) -> bool {
    cfg!(feature = "openssl") || !s.needs_openssl()
}
