//! The registry: the built-in one loads and accounts for every file it embeds, and a bad entry
//! is an error naming the file and the entry.

use super::*;

#[test]
fn the_registry_loads_with_every_kind() {
    let all =
        from_toml("clients.toml", crate::embedded::REGISTRY).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all, builtin());
    for kind in Kind::ALL {
        assert!(of_kind(kind).next().is_some(), "no {}", kind.as_str());
    }
    for c in builtin() {
        assert_eq!(get(&c.name), Some(c));
        // The kind and how the client runs agree (the loader builds them together).
        let agrees = match (&c.run, c.kind) {
            (Run::InProcess(_), Kind::InProcess) | (Run::CliTool(_), Kind::CliTool) => true,
            (Run::Probe(_), k) => k == Kind::Probe || k == Kind::Browser,
            _ => false,
        };
        assert!(agrees, "{}", c.name);
    }
    assert!(get("lynx").is_none());
}

/// Names of the regular files directly in `dir` (relative to the crate), except hidden ones,
/// READMEs and what the directory's `.gitignore` names (a built Go probe, say).
fn files_in(dir: &str) -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let ignored: Vec<String> = std::fs::read_to_string(dir.join(".gitignore"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().trim_end_matches('/').to_string())
        .collect();
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n != "README.md" && !ignored.contains(n))
        .collect()
}

/// A table, a sample file or a probe with no registry entry would be neither embedded nor run:
/// every such file is some entry's, and every file an entry names is embedded once.
#[test]
fn every_file_is_some_entrys_and_embedded() {
    let names = |list: &[(&str, &str)]| -> BTreeSet<String> {
        list.iter().map(|(f, _)| f.to_string()).collect()
    };
    let tables: BTreeSet<String> = builtin()
        .iter()
        .filter_map(|c| c.classifier.clone())
        .collect();
    assert_eq!(files_in("classifiers"), tables);
    assert_eq!(names(crate::embedded::CLASSIFIERS), tables);
    assert_eq!(files_in("classifiers/samples"), tables);
    assert_eq!(names(crate::embedded::SAMPLES), tables);

    let probes: BTreeSet<String> = builtin()
        .iter()
        .filter_map(|c| match &c.run {
            Run::Probe(p) => Some(std::iter::once(&p.source).chain(&p.files).cloned()),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(files_in("probes"), probes);
    assert_eq!(names(crate::embedded::PROBE_SOURCES), probes);
    assert_eq!(
        crate::embedded::PROBE_SOURCES.len(),
        probes.len(),
        "each once"
    );
}

#[test]
fn defaults_fill_what_an_entry_leaves_out() {
    let text = r#"
[[client]]
name = "tool"
kind = "cli-tool"
description = "a tool"
command = ["tool", "sub"]
syntax = "curl"

[[client]]
name = "p"
kind = "probe"
description = "a probe"
runtime = "node"
source = "p.js"
"#;
    let all = from_toml("mine.toml", text).unwrap_or_else(|e| panic!("{e}"));
    let Run::CliTool(line) = &all[0].run else {
        panic!("{:?}", all[0])
    };
    assert_eq!(line.version, ["tool", "--version"]);
    assert!(!line.own_timeout && line.http);
    let Run::Probe(p) = &all[1].run else {
        panic!("{:?}", all[1])
    };
    assert_eq!(p.parallelism, DEFAULT_PARALLELISM);
    assert_eq!(p.start_up, Duration::from_secs(DEFAULT_START_UP_SECS));
    assert!(p.args.is_empty() && p.files.is_empty());
    assert!(all[1].capabilities.is_empty() && all[1].classifier.is_none());
}

fn load_err(text: &str) -> String {
    from_toml("mine.toml", text)
        .map(|_| ())
        .unwrap_err()
        .to_string()
}

const HEAD: &str =
    "[[client]]\nname = 'ok'\nkind = 'in-process'\ndescription = 'fine'\nengine = 'rustls'\n\n";

#[test]
fn a_bad_entry_names_the_file_the_entry_and_the_problem() {
    let entry = |body: &str| format!("{HEAD}[[client]]\nname = 'x'\n{body}");
    for (body, needle) in [
        (
            "kind = 'cli'\ndescription = 'd'",
            "unknown variant `cli`",
        ),
        (
            "kind = 'cli-tool'\ndescription = 'd'\nsyntax = 'curl'",
            "a cli-tool needs `command`",
        ),
        (
            "kind = 'cli-tool'\ndescription = 'd'\ncommand = []\nsyntax = 'curl'",
            "`command` needs a program",
        ),
        (
            "kind = 'probe'\ndescription = 'd'\nruntime = 'python'\nsource = 'p.py'\nsyntax = 'curl'",
            "`syntax` is for cli-tool, not probe",
        ),
        (
            "kind = 'browser'\ndescription = 'd'\nruntime = 'python'\nsource = '../p.py'",
            "'../p.py' is not a file name in probes/",
        ),
        (
            "kind = 'probe'\ndescription = 'd'\nruntime = 'python'\nsource = 'p.py'\nparallelism = 0",
            "`parallelism` must be at least 1",
        ),
        (
            "kind = 'in-process'\ndescription = 'd'\nengine = 'rustls'\ncannot_express = ['cert.expired']",
            "`cannot_express` is about a classifier table",
        ),
        (
            "kind = 'in-process'\ndescription = 'd'\nengine = 'rustls'\ncapabilities = ['alpn', 'alpn']",
            "`capabilities`: alpn twice",
        ),
        (
            "kind = 'in-process'\ndescription = 'd'\nengine = 'rustls'\ncapabilities = ['telepathy']",
            "telepathy",
        ),
        (
            "kind = 'in-process'\ndescription = 'd'\nengine = 'rustls'\nclassifier = 'x.json'",
            "'x.json' is not a .toml file name",
        ),
        (
            "kind = 'in-process'\ndescription = ' '\nengine = 'rustls'",
            "`description`: one line",
        ),
        (
            "kind = 'in-process'\ndescription = 'd'\nengine = 'rustls'\ncolour = 'red'",
            "unknown field `colour`",
        ),
        ("kind = 'in-process'\ndescription = 'd'", "needs `engine`"),
    ] {
        let err = load_err(&entry(body));
        assert!(
            err.starts_with("mine.toml: [[client]] #2 (x): ") && err.contains(needle),
            "{needle}: {err}"
        );
    }
    let err = load_err(&format!("{HEAD}{HEAD}"));
    assert_eq!(
        err,
        "mine.toml: [[client]] #2 (ok): a second client of this name"
    );
    let err = load_err(
        "[[client]]\nname = 'Curl!'\nkind = 'in-process'\ndescription = 'd'\nengine = 'rustls'",
    );
    assert!(
        err.starts_with("mine.toml: [[client]] #1 (Curl!): `name`"),
        "{err}"
    );
    let err = load_err("[[client]]\nkind = 'in-process'\ndescription = 'd'\nengine = 'rustls'");
    assert!(
        err.starts_with("mine.toml: [[client]] #1 (no name): "),
        "{err}"
    );
    assert!(err.contains("name"), "{err}");
    for text in ["[[client]\n", "clients = []"] {
        let err = load_err(text);
        assert!(err.starts_with("mine.toml: invalid TOML: "), "{err}");
    }
}

#[test]
fn the_help_and_the_table_name_every_client() {
    let help = client_help();
    let table = markdown_table();
    for c in builtin() {
        assert!(help.contains(&c.name), "{help}");
        let row = format!("| `{}` | {} | ", c.name, c.kind.as_str());
        assert_eq!(table.matches(&row).count(), 1, "{table}");
        assert_eq!(
            table_client_help().contains(&format!(" {},", c.name))
                || table_client_help().contains(&format!("({},", c.name))
                || table_client_help().contains(&format!(" {})", c.name)),
            c.classifier.is_some(),
            "{}",
            c.name
        );
    }
    assert!(
        help.starts_with(
            "Only this client (repeatable): in-process rustls, openssl; command-line tools curl,"
        ),
        "{help}"
    );
    assert_eq!(table.lines().count(), 2 + builtin().len());
    assert!(
        table.contains("| `go-nethttp` | probe | Go net/http (crypto/tls) | `client-matrix/probes/go-probe` per run (built from `probe.go`) |"),
        "{table}"
    );
}
