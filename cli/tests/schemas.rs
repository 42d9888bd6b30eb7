//! The JSON Schemas in docs/ are the ones the code generates: the manifest's (also served at
//! `/manifest.schema.json`) and the scenario file format's. `BADTLS_WRITE_SCHEMAS=1 cargo test
//! --test schemas` rewrites them after a change to the types.

use std::path::PathBuf;

fn docs(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs")).join(name)
}

fn check(name: &str, generated: &str) {
    let path = docs(name);
    if std::env::var_os("BADTLS_WRITE_SCHEMAS").is_some() {
        std::fs::write(&path, generated).expect("write schema");
        return;
    }
    let kept = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (BADTLS_WRITE_SCHEMAS=1 writes it)", path.display()));
    assert!(
        kept == generated,
        "{} is stale: the types changed; rewrite it with BADTLS_WRITE_SCHEMAS=1 cargo test --test schemas",
        path.display()
    );
}

#[test]
fn docs_hold_the_generated_manifest_schema() {
    check(
        "manifest.schema.json",
        &badtls_contract::schema::manifest_json(),
    );
}

#[test]
fn docs_hold_the_generated_scenario_file_schema() {
    check(
        "scenario.schema.json",
        &badtls_servers::scenario::file_schema_json(),
    );
}

#[test]
fn a_running_suite_serves_the_manifest_schema_and_its_manifest_fits_it() {
    let suite = badtls::Suite::start_blocking(badtls::Config::default().only(["good/default"]))
        .expect("suite starts");
    let url = format!("{}/manifest.schema.json", suite.manifest().control);
    let served = badtls_contract::control_client::get(&url).expect("schema served");
    assert_eq!(served, badtls_contract::schema::manifest_json());
    // Every property the manifest has is one the schema names (the schema's shape, checked
    // without a validator: the CI's check-jsonschema validates real documents).
    let schema: serde_json::Value = serde_json::from_str(&served).unwrap();
    let manifest = serde_json::to_value(suite.manifest()).unwrap();
    let props = schema["properties"].as_object().expect("properties");
    for key in manifest.as_object().unwrap().keys() {
        assert!(
            props.contains_key(key),
            "manifest field {key} not in the schema"
        );
    }
}
