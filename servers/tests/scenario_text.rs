//! Properties of the scenario loader on any text: arbitrary strings under any file name, and
//! TOML soup made of the schema's own keys and values, load or are an error that names the
//! file; `parse_file` and `Catalogue::add_file` agree.

mod common;

use badtls_servers::fuzzing::proptest_cases;
use common::load::{load_both, FILE};
use common::near_miss::SCHEMA_KEYS;
use proptest::prelude::*;
use proptest::sample::select;

/// Soup: lines made of the schema's keys, tables and values, in any order.
fn toml_soup() -> impl Strategy<Value = String> {
    let keys = select(SCHEMA_KEYS.to_vec());
    let path = proptest::collection::vec(keys.clone(), 1..4).prop_map(|k| k.join("."));
    let value = prop_oneof![
        select(vec![
            "\"ecdsa-p256\"",
            "\"rsa1024\"",
            "\"-30d\"",
            "\"+90d\"",
            "\"0\"",
            "\"now\"",
            "\"-1001y\"",
            "\"suite\"",
            "\"none\"",
            "\"reversed\"",
            "\"raw\"",
            "\"reset\"",
            "\"truncated\"",
            "\"1.0\"",
            "\"1.3\"",
            "\"reject\"",
            "\"accept\"",
            "\"cert.expired\"",
            "\"good/default\"",
            "\"localhost\"",
            "\"::1\"",
            "\"*.badtls.test\"",
            "true",
            "false",
            "0",
            "-1",
            "20001",
            "1e400",
            "nan",
            "inf",
            "[]",
            "{}",
            "[\"1.2\", \"1.2\"]",
            "[{}, {}]",
            "{ verdict = \"accept\" }",
            "1979-05-27T07:32:00Z",
            "2024-02-30",
            "24:00:00",
            "\"\"",
            "'lit'",
            "\"\"\"multi\nline\"\"\"",
            "[[]]",
            "{ a = { b = { c = 1 } } }",
        ])
        .prop_map(str::to_string),
        ".{0,12}".prop_map(|v| v),
    ];
    let line = prop_oneof![
        3 => (path.clone(), value).prop_map(|(p, v)| format!("{p} = {v}")),
        1 => Just("[[scenario]]".to_string()),
        1 => path.clone().prop_map(|p| format!("[scenario.{p}]")),
        1 => path.clone().prop_map(|p| format!("[[scenario.{p}]]")),
        1 => path.prop_map(|p| format!("[{p}]")),
        1 => ".{0,20}",
    ];
    proptest::collection::vec(line, 0..24).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(512), ..ProptestConfig::default() })]

    /// Any string, under any file name: loads or names the file.
    #[test]
    fn any_text_loads_or_names_the_file(file in "\\PC{1,24}", text in any::<String>()) {
        let _loaded = load_both(&file, &text)?;
    }

    /// Schema-shaped soup: the same, and the fuzz target's own checks hold.
    #[test]
    fn toml_soup_loads_or_names_the_file(text in toml_soup()) {
        let _loaded = load_both(FILE, &text)?;
        badtls_servers::fuzzing::scenario_parser(text.as_bytes());
    }
}
