//! `badtls list`.

use badtls::scenario::Scenario;
use serde_json::json;

use super::ListArgs;

pub fn run(args: ListArgs) -> anyhow::Result<()> {
    let config = args.selection.apply(badtls::Config::default());
    let (catalogue, _) = badtls_servers::suite::select_scenarios(&config)?;
    if args.json {
        let rows: Vec<_> = catalogue.scenarios().iter().map(row_json).collect();
        super::emit(&format!("{}\n", serde_json::to_string_pretty(&rows)?));
        return Ok(());
    }
    let width = catalogue
        .scenarios()
        .iter()
        .map(|s| s.id.len())
        .max()
        .unwrap_or(2);
    let mut out = format!("{:width$}  {:32}  SUMMARY\n", "ID", "EXPECT");
    for s in catalogue.scenarios() {
        let expect = s.expect.describe();
        out.push_str(&format!("{:width$}  {:32}  {}\n", s.id, expect, s.summary));
    }
    super::emit(&out);
    Ok(())
}

fn row_json(s: &Scenario) -> serde_json::Value {
    json!({
        "id": s.id,
        "summary": s.summary,
        "explain": s.explain,
        "sni": s.sni_name(),
        "expect": s.expect,
    })
}
