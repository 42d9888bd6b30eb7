//! `badtls reasons`: the canonical reason taxonomy, for people and for tools in other languages
//! (the Python package reads `--json` to know which coarse reason matches which finer one).

use badtls::Reason;
use serde_json::json;

use super::ReasonsArgs;

pub fn run(args: ReasonsArgs) -> anyhow::Result<()> {
    if args.json {
        let rows: Vec<_> = Reason::all()
            .map(|r| json!({ "name": r, "parent": r.parent(), "explain": r.explain() }))
            .collect();
        super::emit(&format!("{}\n", serde_json::to_string_pretty(&rows)?));
        return Ok(());
    }
    let width = Reason::all().map(|r| r.as_str().len()).max().unwrap_or(6);
    let mut out = format!("{:width$}  {:width$}  EXPLANATION\n", "REASON", "PARENT");
    for r in Reason::all() {
        let parent = r.parent().map_or("-", Reason::as_str);
        out.push_str(&format!(
            "{:width$}  {parent:width$}  {}\n",
            r.as_str(),
            r.explain()
        ));
    }
    super::emit(&out);
    Ok(())
}
