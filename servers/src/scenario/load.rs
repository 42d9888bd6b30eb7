//! Loading scenario files: TOML syntax, typed fields, then the rules that cross fields.
//!
//! Every error names the file, the scenario id (once it is known) and the field, so that a user
//! with a hundred scenarios can find the one that is wrong.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use include_dir::{include_dir, Dir};

use super::model::Scenario;
use super::validate::validate;

/// The catalogue shipped in the binary: every `*.toml` under the workspace's `scenarios/`.
static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/scenarios");

/// A scenario file (or one scenario in it) that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ScenarioError {
    /// The file, as given (embedded files are shown as `<embedded>/NAME.toml`).
    pub file: String,
    /// The scenario id, when the error is inside a scenario whose id could be read.
    pub scenario: Option<String>,
    /// The dotted field path, when the error is about one field.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(id) = &self.scenario {
            write!(f, ": scenario '{id}'")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field '{field}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A set of scenarios with unique ids, in catalogue order (controls first, then by id).
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    scenarios: Vec<Scenario>,
    /// id → the file it came from, to name both files on a duplicate.
    origin: BTreeMap<String, String>,
}

impl Catalogue {
    /// The catalogue embedded in the binary at build time. It is parsed once per process (the
    /// text is compiled in, so every parse gives the same result) and cloned for each caller:
    /// a second `Suite::start` does not pay for the parse again.
    pub fn embedded() -> Result<Catalogue, ScenarioError> {
        Catalogue::embedded_shared().cloned()
    }

    /// The embedded catalogue, parsed once per process and shared (see [`Catalogue::embedded`]).
    pub fn embedded_shared() -> Result<&'static Catalogue, ScenarioError> {
        static PARSED: OnceLock<Result<Catalogue, ScenarioError>> = OnceLock::new();
        PARSED
            .get_or_init(Catalogue::parse_embedded)
            .as_ref()
            .map_err(Clone::clone)
    }

    fn parse_embedded() -> Result<Catalogue, ScenarioError> {
        let mut files: Vec<_> = EMBEDDED
            .files()
            .filter(|f| f.path().extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort_by_key(|f| f.path());
        let mut cat = Catalogue::default();
        for file in files {
            let name = format!("<embedded>/{}", file.path().display());
            let text = file.contents_utf8().ok_or_else(|| ScenarioError {
                file: name.clone(),
                scenario: None,
                field: None,
                message: "not UTF-8".into(),
            })?;
            cat.add_file(&name, text)?;
        }
        cat.sort();
        Ok(cat)
    }

    /// Every `*.toml` file directly in `dir` (sorted by name), e.g. a user's `--scenarios DIR`.
    pub fn from_dir(dir: &Path) -> Result<Catalogue, ScenarioError> {
        let io_err = |e: std::io::Error| ScenarioError {
            file: dir.display().to_string(),
            scenario: None,
            field: None,
            message: format!("cannot read scenario directory: {e}"),
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(io_err)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(ScenarioError {
                file: dir.display().to_string(),
                scenario: None,
                field: None,
                message: "no *.toml scenario files in this directory".into(),
            });
        }
        let mut cat = Catalogue::default();
        for path in paths {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| ScenarioError {
                file: name.clone(),
                scenario: None,
                field: None,
                message: format!("cannot read: {e}"),
            })?;
            cat.add_file(&name, &text)?;
        }
        cat.sort();
        Ok(cat)
    }

    /// Parse one file's text and add its scenarios. `file` is only used in errors.
    pub fn add_file(&mut self, file: &str, text: &str) -> Result<(), ScenarioError> {
        for scenario in parse_file(file, text)? {
            self.add(file, scenario)?;
        }
        Ok(())
    }

    /// Add every scenario of `other` (a user's directory on top of the embedded catalogue).
    /// A repeated id is an error naming both files.
    pub fn extend(&mut self, other: Catalogue) -> Result<(), ScenarioError> {
        for s in other.scenarios {
            let file = other.origin.get(&s.id).cloned().unwrap_or_default();
            self.add(&file, s)?;
        }
        self.sort();
        Ok(())
    }

    fn add(&mut self, file: &str, scenario: Scenario) -> Result<(), ScenarioError> {
        if let Some(first) = self.origin.get(&scenario.id) {
            return Err(ScenarioError {
                file: file.to_string(),
                scenario: Some(scenario.id.clone()),
                field: Some("id".into()),
                message: format!("duplicate id: already defined in {first}"),
            });
        }
        self.origin.insert(scenario.id.clone(), file.to_string());
        self.scenarios.push(scenario);
        Ok(())
    }

    fn sort(&mut self) {
        // Controls first, good/default first of all: it gates every other cell of a client.
        let key = |s: &Scenario| (!s.is_control(), s.id != "good/default", s.id.clone());
        self.scenarios.sort_by_key(key);
    }

    /// The scenarios, controls first.
    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }

    /// The scenario with this id.
    pub fn get(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// The file a scenario came from.
    pub fn origin(&self, id: &str) -> Option<&str> {
        self.origin.get(id).map(String::as_str)
    }

    /// Keep only the scenarios `keep` says yes to.
    /// A new catalogue of the scenarios `keep` accepts, in the same order; only those are
    /// cloned.
    pub fn selected(&self, mut keep: impl FnMut(&Scenario) -> bool) -> Catalogue {
        let scenarios: Vec<Scenario> = self.scenarios.iter().filter(|s| keep(s)).cloned().collect();
        let origin = scenarios
            .iter()
            .filter_map(|s| Some((s.id.clone(), self.origin.get(&s.id)?.clone())))
            .collect();
        Catalogue { scenarios, origin }
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&Scenario) -> bool) {
        self.scenarios.retain(|s| keep(s));
        let ids: std::collections::BTreeSet<_> =
            self.scenarios.iter().map(|s| s.id.clone()).collect();
        self.origin.retain(|id, _| ids.contains(id));
    }

    pub fn len(&self) -> usize {
        self.scenarios.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scenarios.is_empty()
    }
}

/// Parse and validate every `[[scenario]]` of one file.
pub fn parse_file(file: &str, text: &str) -> Result<Vec<Scenario>, ScenarioError> {
    let err = |scenario: Option<&str>, field: Option<String>, message: String| ScenarioError {
        file: file.to_string(),
        scenario: scenario.map(str::to_string),
        field,
        message,
    };
    let mut table: toml::Table = toml::from_str(text).map_err(|e| {
        err(
            None,
            None,
            format!("invalid TOML: {}", one_line(&e.to_string())),
        )
    })?;
    let entries = match table.remove("scenario") {
        Some(toml::Value::Array(a)) => a,
        Some(_) => {
            return Err(err(
                None,
                Some("scenario".into()),
                "must be an array of tables ([[scenario]])".into(),
            ))
        }
        None => {
            return Err(err(
                None,
                None,
                "no [[scenario]] tables in this file".into(),
            ))
        }
    };
    if let Some(key) = table.keys().next() {
        return Err(err(
            None,
            Some(key.clone()),
            "unknown top-level key (a file holds only [[scenario]] tables)".into(),
        ));
    }
    let mut out = Vec::with_capacity(entries.len());
    for (i, value) in entries.into_iter().enumerate() {
        let id = value
            .get("id")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| format!("#{}", i + 1));
        let scenario: Scenario = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let field = (path != ".").then_some(path);
            err(Some(&id), field, one_line(&e.into_inner().to_string()))
        })?;
        validate(&scenario)
            .map_err(|(field, message)| err(Some(&id), Some(field.into()), message))?;
        out.push(scenario);
    }
    Ok(out)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::TlsVersion;

    const GOOD: &str = r#"
[[scenario]]
id = "test/one"
summary = "one"
expect = { verdict = "accept" }
"#;

    fn error_of(text: &str) -> ScenarioError {
        parse_file("t.toml", text).unwrap_err()
    }

    #[test]
    fn the_embedded_catalogue_loads_with_controls_first() {
        let cat = Catalogue::embedded().unwrap();
        assert!(cat.len() >= 30, "only {} scenarios", cat.len());
        assert_eq!(cat.scenarios()[0].id, "good/default");
    }

    #[test]
    fn a_minimal_scenario_gets_defaults() {
        let s = &parse_file("t.toml", GOOD).unwrap()[0];
        assert_eq!(s.tls.versions, vec![TlsVersion::Tls12, TlsVersion::Tls13]);
        assert_eq!(s.sni_name(), "test-one.badtls.test");
    }

    #[test]
    fn unknown_field_names_file_scenario_and_field() {
        let e = error_of(&format!("{GOOD}[scenario.pki.leaf]\nkye = 1\n"));
        let text = e.to_string();
        assert_eq!(e.scenario.as_deref(), Some("test/one"), "{text}");
        assert!(text.starts_with("t.toml: scenario 'test/one'"), "{text}");
        assert_eq!(e.field.as_deref(), Some("pki.leaf.kye"), "{text}");
        assert!(text.contains("unknown field `kye`"), "{text}");
    }

    #[test]
    fn unknown_reason_is_an_error_on_expect_reason() {
        let e = error_of(&GOOD.replace(
            r#"{ verdict = "accept" }"#,
            r#"{ verdict = "reject", reason = "cert.bogus" }"#,
        ));
        assert_eq!(e.field.as_deref(), Some("expect.reason"), "{e}");
        assert!(e.message.contains("cert.bogus"), "{e}");
    }

    #[test]
    fn rustls_cannot_be_asked_for_tls10() {
        let e = error_of(&format!("{GOOD}tls = {{ versions = [\"1.0\"] }}\n"));
        assert_eq!(e.field.as_deref(), Some("tls.versions"), "{e}");
        assert!(e.message.contains("openssl"), "{e}");
    }

    #[test]
    fn duplicate_ids_name_both_files() {
        let mut cat = Catalogue::default();
        cat.add_file("a.toml", GOOD).unwrap();
        let e = cat.add_file("b.toml", GOOD).unwrap_err();
        assert_eq!(e.file, "b.toml");
        assert!(e.message.contains("a.toml"), "{e}");
    }

    #[test]
    fn syntax_errors_are_one_line() {
        let e = error_of("[[scenario]]\nid = \n");
        assert!(e.message.starts_with("invalid TOML"), "{e}");
        assert!(!e.to_string().contains('\n'), "{e}");
    }

    #[test]
    fn cross_field_rules_hold() {
        let cases = [
            ("expect = { verdict = \"reject\" }", "expect.reason"),
            ("tls = { engine = \"raw\" }\nexpect = { verdict = \"accept\" }", "tls.fault"),
            ("tls = { fault = \"reset\" }\nexpect = { verdict = \"accept\" }", "tls.fault"),
            ("pki = { leaf = { digest = \"sha1\" } }\nexpect = { verdict = \"accept\" }", "pki.leaf.digest"),
            ("pki = { leaf = { not_before = \"1d\", not_after = \"-1d\" } }\nexpect = { verdict = \"accept\" }", "pki.leaf.not_after"),
            ("pki = { send = \"reversed\" }\nexpect = { verdict = \"accept\" }", "pki.send"),
            ("pki = { leaf = { names = [\"bad name\"] } }\nexpect = { verdict = \"accept\" }", "pki.leaf.names"),
            ("pki = { intermediates = [{ key = \"rsa1024\" }] }\nexpect = { verdict = \"accept\" }", "pki.intermediates"),
            ("pki = { root = \"none\", leaf = { key = \"rsa1024\" } }\nexpect = { verdict = \"accept\" }", "pki.leaf.key"),
            ("tls = { engine = \"openssl\", alpn = [\"h2\"] }\nexpect = { verdict = \"accept\" }", "tls.alpn"),
        ];
        for (body, field) in cases {
            let text = format!("[[scenario]]\nid = \"t/x\"\nsummary = \"x\"\n{body}\n");
            let e = error_of(&text);
            assert_eq!(e.field.as_deref(), Some(field), "{body}: {e}");
        }
    }
}
