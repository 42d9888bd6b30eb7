//! Where a run happened: operating system, architecture and distribution, and the label that
//! qualifies its clients' columns in a merged report (`curl@linux-x86_64`).

use serde::{Deserialize, Serialize};

/// The machine a matrix ran on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Platform {
    /// `std::env::consts::OS`: linux, macos, windows, ...
    pub os: String,
    /// `std::env::consts::ARCH`: x86_64, aarch64, ...
    pub arch: String,
    /// `PRETTY_NAME` of /etc/os-release (else `NAME VERSION_ID`), when the file exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<String>,
    /// The column qualifier in merged reports: `OS-ARCH` unless the run was given
    /// `--platform-label` (two Linux jobs with different Python versions, say).
    pub label: String,
}

/// A `--platform-label` that cannot qualify a column name.
#[derive(Debug, thiserror::Error)]
#[error("platform label '{0}': use lowercase letters, digits, '-', '.' or '_' (it follows '@' in column names)")]
pub struct BadLabel(pub String);

impl Platform {
    /// This machine, labelled `OS-ARCH` or `label`.
    pub fn detect(label: Option<&str>) -> Result<Platform, BadLabel> {
        let os = std::env::consts::OS.to_string();
        let arch = std::env::consts::ARCH.to_string();
        let label = match label {
            Some(l) => check_label(l)?,
            None => format!("{os}-{arch}"),
        };
        let distribution = std::fs::read_to_string("/etc/os-release")
            .ok()
            .and_then(|t| distribution(&t));
        Ok(Platform {
            os,
            arch,
            distribution,
            label,
        })
    }
}

/// A label, if it is one: it becomes part of a column name and of baseline rows.
pub fn check_label(label: &str) -> Result<String, BadLabel> {
    let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c);
    if label.is_empty() || !label.chars().all(valid) {
        return Err(BadLabel(label.to_string()));
    }
    Ok(label.to_string())
}

/// The distribution named by os-release text (freedesktop.org os-release(5)).
pub fn distribution(os_release: &str) -> Option<String> {
    let field = |key: &str| {
        os_release.lines().find_map(|l| {
            let value = l.trim().strip_prefix(key)?.strip_prefix('=')?;
            let value = value.trim().trim_matches('"').trim_matches('\'');
            (!value.is_empty()).then(|| value.to_string())
        })
    };
    field("PRETTY_NAME").or_else(|| {
        let name = field("NAME")?;
        Some(match field("VERSION_ID") {
            Some(v) => format!("{name} {v}"),
            None => name,
        })
    })
}

/// A merged column's name: the client qualified by the platform label. A name that is already
/// qualified (a merged report merged again) keeps its qualifier.
pub fn qualify(client: &str, label: &str) -> String {
    if client.contains('@') {
        client.to_string()
    } else {
        format!("{client}@{label}")
    }
}

/// `curl@linux-x86_64` → (`curl`, Some(`linux-x86_64`)); `curl` → (`curl`, None).
pub fn split(column: &str) -> (&str, Option<&str>) {
    match column.split_once('@') {
        Some((client, label)) => (client, Some(label)),
        None => (column, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_release_names_the_distribution() {
        let debian = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n";
        assert_eq!(
            distribution(debian).as_deref(),
            Some("Debian GNU/Linux 12 (bookworm)")
        );
        assert_eq!(
            distribution("NAME=Alpine\nVERSION_ID=3.20\n").as_deref(),
            Some("Alpine 3.20")
        );
        assert_eq!(distribution("# nothing\n"), None);
    }

    #[test]
    fn columns_are_client_at_label() {
        assert_eq!(qualify("curl", "macos-aarch64"), "curl@macos-aarch64");
        assert_eq!(qualify("curl@linux-x86_64", "other"), "curl@linux-x86_64");
        assert_eq!(split("curl@linux-x86_64"), ("curl", Some("linux-x86_64")));
        assert_eq!(split("curl"), ("curl", None));
        assert!(check_label("py3.13-urllib3.2").is_ok());
        assert!(check_label("Linux x86").is_err() && check_label("a@b").is_err());
        let here = Platform::detect(None).unwrap();
        assert_eq!(here.label, format!("{}-{}", here.os, here.arch));
    }
}
