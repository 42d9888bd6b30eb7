//! What diagnose is given: the URL of the server, and the roots to verify it against (a PEM
//! file, a PEM text, or the system's bundle).

use std::path::Path;

use openssl::x509::X509;

/// Bad input: never a panic, always what and where.
#[derive(Debug, thiserror::Error)]
pub enum DiagnoseError {
    #[error("'{url}': {problem}")]
    Url { url: String, problem: String },
    #[error("the trusted roots {file}: {problem}")]
    Roots { file: String, problem: String },
}

/// `https://host[:port]/...` → (host, port); IPv6 literals in brackets.
pub fn parse_url(url: &str) -> Result<(String, u16), DiagnoseError> {
    let bad = |problem: &str| DiagnoseError::Url {
        url: url.to_string(),
        problem: problem.to_string(),
    };
    let rest = url
        .strip_prefix("https://")
        .ok_or_else(|| bad("expected https://HOST[:PORT]/"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6
            .split_once(']')
            .ok_or_else(|| bad("unclosed '[' in the host"))?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().map_err(|_| bad("bad port"))?,
            None if after.is_empty() => 443,
            None => return Err(bad("junk after the IPv6 address")),
        };
        (h.to_string(), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), p.parse().map_err(|_| bad("bad port"))?),
            None => (authority.to_string(), 443),
        }
    };
    if host.is_empty() {
        return Err(bad("no host"));
    }
    Ok((host, port))
}

/// The roots in a PEM file.
pub fn load_roots(path: &Path) -> Result<Vec<X509>, DiagnoseError> {
    let err = |problem: String| DiagnoseError::Roots {
        file: path.display().to_string(),
        problem,
    };
    let pem = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    roots_from_pem(&pem).map_err(err)
}

/// The certificates of a PEM text, e.g. a suite's `ca_pem()`.
pub fn roots_from_pem(pem: &[u8]) -> Result<Vec<X509>, String> {
    let roots = X509::stack_from_pem(pem).map_err(|e| format!("not PEM certificates: {e}"))?;
    if roots.is_empty() {
        return Err("holds no PEM certificate".into());
    }
    Ok(roots)
}

/// The system's roots: `SSL_CERT_FILE`, else Debian's and Red Hat's bundles.
pub fn system_roots() -> Result<(Vec<X509>, String), DiagnoseError> {
    let candidates: Vec<std::path::PathBuf> = std::env::var_os("SSL_CERT_FILE")
        .map(Into::into)
        .into_iter()
        .chain(
            [
                "/etc/ssl/certs/ca-certificates.crt",
                "/etc/pki/tls/certs/ca-bundle.crt",
                "/etc/ssl/cert.pem",
            ]
            .iter()
            .map(Into::into),
        )
        .collect();
    for c in &candidates {
        if c.exists() {
            return Ok((load_roots(c)?, c.display().to_string()));
        }
    }
    Err(DiagnoseError::Roots {
        file: "of the system".into(),
        problem: "none found (SSL_CERT_FILE, /etc/ssl/certs/ca-certificates.crt, ...): install ca-certificates or give --ca FILE".into(),
    })
}
