//! The plain-text report of `badtls diagnose`.

use std::fmt::Write;

use super::chain::CertInfo;
use super::Report;

/// The whole report, problems first, for a terminal.
pub fn render_text(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "diagnose {}  ({} at {}, roots: {})",
        r.url, r.host, r.address, r.roots
    );
    if r.problems.is_empty() {
        let _ = writeln!(o, "\nno problem found");
    } else {
        let _ = writeln!(o, "\n{} problem(s)", r.problems.len());
        for p in &r.problems {
            let _ = writeln!(
                o,
                "  {:<7} {}",
                p.severity.to_string().to_uppercase(),
                p.reason
            );
            let _ = writeln!(o, "          seen: {}", p.detail);
            let _ = writeln!(o, "          why and fix: {}", p.explain);
        }
    }
    let n = &r.negotiated;
    let _ = writeln!(o, "\nconnection (as a mainstream client)");
    match &n.error {
        None => {
            let _ = writeln!(
                o,
                "  {} {}{}, ALPN {}, answer {}",
                n.protocol.as_deref().unwrap_or("-"),
                n.cipher.as_deref().unwrap_or("-"),
                n.dh_bits
                    .map(|b| format!(" (DH {b} bits)"))
                    .unwrap_or_default(),
                n.alpn.as_deref().unwrap_or("none"),
                n.status.as_deref().unwrap_or("-")
            );
        }
        Some(e) => {
            let _ = writeln!(o, "  failed: {e}");
        }
    }
    if !r.chain.is_empty() {
        let _ = writeln!(o, "\nchain as sent ({} certificate(s))", r.chain.len());
        for c in &r.chain {
            cert(&mut o, c);
        }
        let trust = match r.trusted {
            Some(true) => "a path to a trusted root exists",
            Some(false) => "NO path to a trusted root",
            None => "not checked",
        };
        let _ = writeln!(o, "  trust: {trust}");
    }
    if let Some(h) = &r.host_check {
        let _ = match (&h.matched_by, &h.detail) {
            (Some(m), _) => writeln!(o, "\nhost name: {} matches {m}", h.host),
            (None, d) => writeln!(o, "\nhost name: MISMATCH: {}", d.as_deref().unwrap_or("")),
        };
    }
    if let Some(s) = &r.sni {
        let _ = writeln!(o, "SNI: {s}");
    }
    if let Some(rv) = &r.revocation {
        let _ = writeln!(o, "revocation: {rv}");
    }
    if !r.protocols.is_empty() {
        let _ = writeln!(o, "\nprotocols");
        for v in &r.protocols {
            if v.accepted {
                let dh = if v.dh_bits.is_empty() {
                    String::new()
                } else {
                    format!("  DH {:?} bits", v.dh_bits)
                };
                let _ = writeln!(
                    o,
                    "  {:<8} yes  {}{}{}",
                    v.version,
                    v.ciphers.join(" "),
                    if v.truncated { " ..." } else { "" },
                    dh
                );
            } else {
                let _ = writeln!(o, "  {:<8} no", v.version);
            }
        }
    }
    if !r.notes.is_empty() {
        let _ = writeln!(o, "\nnotes");
        for n in &r.notes {
            let _ = writeln!(o, "  - {n}");
        }
    }
    let _ = writeln!(o, "\n{} connection(s) to {}", r.connections, r.address);
    o
}

/// One certificate, the way `openssl x509 -text` would summarise it.
pub fn cert(o: &mut String, c: &CertInfo) {
    let _ = writeln!(o, "  #{} {}", c.position, c.subject);
    let _ = writeln!(
        o,
        "     issuer     {}{}",
        c.issuer,
        if c.self_signed { " (self-signed)" } else { "" }
    );
    let left = if c.days_left >= 0 {
        format!("{} days left", c.days_left)
    } else {
        format!("{} days ago", -c.days_left)
    };
    let _ = writeln!(
        o,
        "     validity   {} .. {}: {} ({left})",
        c.not_before, c.not_after, c.validity
    );
    let curve = c
        .curve
        .as_deref()
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "     key        {} {} bits{curve}, signed {}",
        c.key_type, c.key_bits, c.signature_algorithm
    );
    if !c.sans.is_empty() {
        let shown: Vec<&str> = c.sans.iter().take(6).map(String::as_str).collect();
        let more = if c.sans.len() > 6 {
            format!(" (+{} more)", c.sans.len() - 6)
        } else {
            String::new()
        };
        let _ = writeln!(o, "     SANs       {}{more}", shown.join(", "));
    }
    let mut usage = Vec::new();
    if let Some(bc) = &c.basic_constraints {
        usage.push(bc.clone());
    }
    if !c.key_usage.is_empty() {
        usage.push(format!("KU {}", c.key_usage.join(",")));
    }
    if !c.extended_key_usage.is_empty() {
        usage.push(format!("EKU {}", c.extended_key_usage.join(",")));
    }
    if !usage.is_empty() {
        let _ = writeln!(o, "     usage      {}", usage.join("; "));
    }
    for a in &c.aia {
        let _ = writeln!(o, "     AIA        {a}");
    }
    for u in &c.crl_urls {
        let _ = writeln!(o, "     CRL        {u}");
    }
    if !c.unknown_critical.is_empty() {
        let _ = writeln!(
            o,
            "     critical   unknown extension(s) {}",
            c.unknown_critical.join(", ")
        );
    }
}
