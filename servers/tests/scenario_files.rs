//! Properties of the scenario loader on scenario files generated from the real schema: valid
//! ones load with exactly their ids, a repeated id is refused by a catalogue, and one deliberate
//! near miss (or a top-level mistake) fails with the error known in advance: the file, the
//! scenario and the field it blames.

mod common;

use badtls_servers::fuzzing::proptest_cases;
use common::load::{load_both, FILE};
use common::near_miss::{miss, Want};
use common::scenario_gen::valid_scenario;
use common::toml_doc::{render, s, style, Node, Style};
use proptest::prelude::*;

/// What the whole file must do.
#[derive(Debug)]
enum FileWant {
    /// Loads: these ids, in order.
    Loads(Vec<String>),
    /// `parse_file` loads, but a catalogue refuses the id repeated by the scenario at this index.
    Duplicate(usize),
    /// Both refuse, with this error.
    Error(Want),
    /// A top-level problem, before any scenario.
    TopLevel(Option<&'static str>, &'static str),
}

/// A file of 1–4 valid scenarios in various styles, possibly with one near miss in one of them,
/// or a repeated id, or a top-level mistake.
fn scenario_file() -> impl Strategy<Value = (String, FileWant)> {
    let scenarios = proptest::collection::vec((valid_scenario(), style()), 1..=4);
    let mistake = prop_oneof![
        3 => Just(None),
        6 => (any::<prop::sample::Index>(), miss()).prop_map(|(i, m)| Some(Ok((i, m)))),
        1 => any::<prop::sample::Index>().prop_map(|i| Some(Err(i))),
    ];
    let top = prop_oneof![
        20 => Just(None),
        1 => Just(Some(0u8)),
        1 => Just(Some(1u8)),
        1 => Just(Some(2u8)),
    ];
    (scenarios, mistake, top, any::<bool>()).prop_map(|(mut scenarios, mistake, top, crlf)| {
        let ids: Vec<String> = scenarios.iter().map(|((id, _), _)| id.clone()).collect();
        let first_dup = |ids: &[String]| (1..ids.len()).find(|&i| ids[..i].contains(&ids[i]));
        let mut want = match first_dup(&ids) {
            Some(i) => FileWant::Duplicate(i),
            None => FileWant::Loads(ids.clone()),
        };
        match mistake {
            None => {}
            Some(Ok((index, miss))) => {
                let i = index.index(scenarios.len());
                let ((id, node), _) = &mut scenarios[i];
                let mut w = miss.apply(id, node);
                if w.label.as_deref() == Some("#") {
                    w.label = Some(format!("#{}", i + 1));
                }
                want = FileWant::Error(w);
            }
            Some(Err(index)) if scenarios.len() > 1 => {
                // Repeat an earlier id later in the file.
                let i = 1 + index.index(scenarios.len() - 1);
                let earlier = scenarios[index.index(i)].0 .0.clone();
                scenarios[i].0 .1.set("id", s(&earlier));
                let mut ids = ids;
                ids[i] = earlier;
                want = FileWant::Duplicate(first_dup(&ids).expect("an id repeats"));
            }
            Some(Err(_)) => {}
        }
        let body: Vec<(Node, Style)> = scenarios
            .iter()
            .map(|((_, n), st)| (n.clone(), *st))
            .collect();
        let mut text = render(&body, crlf);
        match top {
            Some(0) => {
                text = format!("title = \"mine\"\n{text}");
                want = FileWant::TopLevel(Some("title"), "unknown top-level key");
            }
            Some(1) => {
                text = "scenario = 1\n".to_string();
                want = FileWant::TopLevel(Some("scenario"), "array of tables");
            }
            Some(_) => {
                text = "# nothing here\n".to_string();
                want = FileWant::TopLevel(None, "no [[scenario]] tables");
            }
            None => {}
        }
        (text, want)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(512), ..ProptestConfig::default() })]

    /// Generated files over the real schema load exactly when they should, and a near miss
    /// fails with the error it must give: the file, the scenario and the field it blames.
    #[test]
    fn generated_files_load_or_fail_as_intended((text, want) in scenario_file()) {
        let (parsed, added) = load_both(FILE, &text)?;
        match want {
            FileWant::Loads(ids) => {
                prop_assert_eq!(parsed.as_ref(), Ok(&ids), "{}", text);
                prop_assert!(added.is_ok(), "{added:?}\n{text}");
            }
            FileWant::Duplicate(i) => {
                prop_assert!(parsed.is_ok(), "{parsed:?}\n{text}");
                let e = added.expect_err("a repeated id must be refused");
                let ids = parsed.unwrap_or_default();
                prop_assert_eq!(e.scenario.as_deref(), Some(ids[i].as_str()));
                prop_assert_eq!(e.field.as_deref(), Some("id"));
                prop_assert!(e.message.contains(&format!("already defined in {FILE}")), "{e}");
            }
            FileWant::Error(w) => {
                let e = parsed.expect_err(&format!("must fail\n{text}"));
                prop_assert_eq!(e.field.as_deref(), w.field.as_deref(), "{}\n{}", e, text);
                prop_assert!(e.message.contains(w.message), "{e}\n{text}");
                prop_assert_eq!(e.scenario.as_deref(), w.label.as_deref(), "{}", e);
                if let Some(id) = &w.label {
                    prop_assert!(e.to_string().starts_with(&format!("{FILE}: scenario '{id}'")), "{e}");
                }
            }
            FileWant::TopLevel(field, message) => {
                let e = parsed.expect_err("a top-level mistake must fail");
                prop_assert_eq!(e.field.as_deref(), field, "{}", e);
                prop_assert!(e.message.contains(message), "{e}");
                prop_assert_eq!(e.scenario, None);
            }
        }
    }
}
