//! A TOML document model for generated scenario files, rendered in the several styles a person
//! might write (dotted keys, inline tables, `[scenario.x]` headers, a mix), so the loader is
//! tested on every spelling of the same document.

use proptest::prelude::*;
use proptest::sample::select;

/// A value (already TOML text) or a table of named children, in order.
#[derive(Clone, Debug)]
pub enum Node {
    Val(String),
    Table(Vec<(String, Node)>),
}

impl Node {
    /// An empty table.
    pub fn table() -> Node {
        Node::Table(Vec::new())
    }

    /// Set `path` (dotted) to the value text `v`, making tables on the way.
    pub fn set(&mut self, path: &str, v: impl Into<String>) {
        let Node::Table(children) = self else {
            panic!("set {path} on a value")
        };
        let (head, rest) = match path.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (path, None),
        };
        let pos = children.iter().position(|(k, _)| k == head);
        match rest {
            None => {
                let v = Node::Val(v.into());
                match pos {
                    Some(i) => children[i].1 = v,
                    None => children.push((head.to_string(), v)),
                }
            }
            Some(rest) => {
                let i = pos.unwrap_or_else(|| {
                    children.push((head.to_string(), Node::table()));
                    children.len() - 1
                });
                if let Node::Val(_) = children[i].1 {
                    children[i].1 = Node::table();
                }
                children[i].1.set(rest, v);
            }
        }
    }

    /// Remove `path` if present.
    pub fn remove(&mut self, path: &str) {
        let Node::Table(children) = self else { return };
        match path.split_once('.') {
            None => children.retain(|(k, _)| k != path),
            Some((head, rest)) => {
                if let Some((_, child)) = children.iter_mut().find(|(k, _)| k == head) {
                    child.remove(rest);
                }
            }
        }
    }

    /// The node as an inline value: `{ a = 1, b = { c = 2 } }`.
    pub fn inline(&self) -> String {
        match self {
            Node::Val(v) => v.clone(),
            Node::Table(children) => {
                let inner: Vec<String> = children
                    .iter()
                    .map(|(k, v)| format!("{k} = {}", v.inline()))
                    .collect();
                format!("{{ {} }}", inner.join(", "))
            }
        }
    }

    /// `a.b.c = v` lines for every value under this table.
    pub fn dotted(&self, prefix: &str, out: &mut Vec<String>) {
        if let Node::Table(children) = self {
            for (k, v) in children {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                match v {
                    Node::Val(text) => out.push(format!("{key} = {text}")),
                    Node::Table(_) => v.dotted(&key, out),
                }
            }
        }
    }

    /// `[scenario.path]` headers: this table's values, then each sub-table under its header.
    pub fn headers(&self, path: &str, out: &mut Vec<String>) {
        let Node::Table(children) = self else { return };
        for (k, v) in children {
            if let Node::Val(text) = v {
                out.push(format!("{k} = {text}"));
            }
        }
        for (k, v) in children {
            if let Node::Table(_) = v {
                let sub = format!("{path}.{k}");
                out.push(format!("[{sub}]"));
                v.headers(&sub, out);
            }
        }
    }
}

/// How one `[[scenario]]` is written.
#[derive(Clone, Copy, Debug)]
pub enum Style {
    /// `pki.leaf.key = "..."`
    Dotted,
    /// `pki = { leaf = { key = "..." } }`
    Inline,
    /// `[scenario.pki.leaf]` headers.
    Headers,
    /// Top-level tables under headers, their sub-tables inline.
    Mixed,
}

/// Any of the styles.
pub fn style() -> impl Strategy<Value = Style> {
    select(vec![
        Style::Dotted,
        Style::Inline,
        Style::Headers,
        Style::Mixed,
    ])
}

fn render_one(node: &Node, style: Style, out: &mut Vec<String>) {
    out.push("[[scenario]]".into());
    let Node::Table(children) = node else {
        unreachable!()
    };
    match style {
        Style::Dotted => node.dotted("", out),
        Style::Inline => {
            for (k, v) in children {
                out.push(format!("{k} = {}", v.inline()));
            }
        }
        Style::Headers => node.headers("scenario", out),
        Style::Mixed => {
            for (k, v) in children {
                if let Node::Val(text) = v {
                    out.push(format!("{k} = {text}"));
                }
            }
            for (k, v) in children {
                if let Node::Table(grand) = v {
                    out.push(format!("[scenario.{k}]"));
                    for (gk, gv) in grand {
                        out.push(format!("{gk} = {}", gv.inline()));
                    }
                }
            }
        }
    }
}

/// A whole file: every scenario in its style, with LF or CRLF line ends.
pub fn render(scenarios: &[(Node, Style)], crlf: bool) -> String {
    let mut lines = vec!["# generated".to_string()];
    for (node, style) in scenarios {
        render_one(node, *style, &mut lines);
        lines.push(String::new());
    }
    lines.join(if crlf { "\r\n" } else { "\n" })
}

/// A TOML basic string, escaped by the toml crate itself.
pub fn s(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML array of basic strings.
pub fn str_array<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> String {
    let parts: Vec<String> = items.into_iter().map(|i| s(i.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}
