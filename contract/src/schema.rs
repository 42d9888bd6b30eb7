//! JSON Schemas generated from the contract's types, so that a reader in any language can check
//! what it receives. `badtls serve` serves the manifest's at `/manifest.schema.json`; the
//! repository keeps a copy in docs/manifest.schema.json, which a test keeps in step.

use crate::Manifest;

/// The JSON Schema (draft 2020-12) of `manifest.json`.
pub fn manifest() -> schemars::Schema {
    schemars::schema_for!(Manifest)
}

/// [`manifest`] as pretty JSON text, ending in a newline.
pub fn manifest_json() -> String {
    pretty(&manifest())
}

/// A schema as pretty JSON text, ending in a newline (how the repository stores them).
pub fn pretty(schema: &schemars::Schema) -> String {
    // `{:#}` is serde_json's pretty printing of a Value (two-space indent).
    format!("{:#}\n", schema.as_value())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_schema_names_every_reason_and_requires_the_core_fields() {
        let schema = serde_json::to_value(manifest()).unwrap();
        let text = schema.to_string();
        for reason in crate::Reason::all() {
            assert!(text.contains(&format!("\"{reason}\"")), "{reason} missing");
        }
        let required = schema["required"].as_array().expect("required list");
        for field in ["version", "ca_pem", "endpoints"] {
            assert!(required.iter().any(|f| f == field), "{field} not required");
        }
    }
}
