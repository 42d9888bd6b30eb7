//! The JSON Schema of a scenario file, generated from the model's types, for editors (taplo,
//! Even Better TOML) and for checking scenario files outside Rust. The repository keeps a copy in
//! docs/scenario.schema.json, which a test keeps in step.
//!
//! The schema says what each field takes; the rules that cross fields (which engine takes which
//! setting, which keys can sign) are only in the loader, which names the file, scenario and field
//! of any error.

use super::model::Scenario;

/// A scenario file: one or more `[[scenario]]` tables, nothing else.
#[derive(schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // only its schema is used; the loader reads files table by table
struct ScenarioFile {
    /// The scenarios of this file.
    #[schemars(length(min = 1))]
    scenario: Vec<Scenario>,
}

/// The JSON Schema (draft 2020-12) of a scenario file.
pub fn file_schema() -> schemars::Schema {
    schemars::schema_for!(ScenarioFile)
}

/// [`file_schema`] as pretty JSON text, ending in a newline.
pub fn file_schema_json() -> String {
    badtls_contract::schema::pretty(&file_schema())
}
