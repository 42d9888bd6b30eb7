//! `badtls explain` recognises every real error text of the classifier samples and names a
//! scenario (or a way) to reproduce each; the command line prints it and exits 0/1.

use std::io::Write;
use std::process::{Command, Stdio};

use badtls_doctor::explain::explain;
use badtls_matrix::samples::{self, SampleSet};

fn recorded() -> impl Iterator<Item = &'static samples::Sample> {
    samples::builtin()
        .iter()
        .filter(|s| s.set != SampleSet::Unclassified)
}

#[test]
fn every_recorded_error_text_is_recognised_with_a_way_to_reproduce_it() {
    let mut failures = Vec::new();
    let (mut total, mut same_first) = (0, 0);
    for s in recorded() {
        total += 1;
        let exact = s.exact.expect("recorded samples have a reason");
        // With the client's own table: exactly the table's reason, explained.
        let mine = explain(&s.raw, Some(&s.client)).unwrap();
        if mine.reason != Some(exact) {
            failures.push(format!(
                "{} [{}] --client: {:?}, want {exact}",
                s.client, s.source, mine.reason
            ));
        }
        if mine.scenarios.is_empty() && mine.reproduce.is_none() {
            failures.push(format!(
                "{} [{}]: no way to reproduce {exact}",
                s.client, s.source
            ));
        }
        if mine.meaning.is_none() || mine.causes.is_empty() {
            failures.push(format!(
                "{} [{}]: no meaning or causes for {exact}",
                s.client, s.source
            ));
        }
        // With every table: recognised, and the client's reading is among the readings.
        let any = explain(&s.raw, None).unwrap();
        match any.readings.iter().find(|r| r.reason == exact) {
            Some(r) if r.clients.contains(&s.client) => {}
            _ => failures.push(format!(
                "{} [{}] all tables: {:?}",
                s.client, s.source, any.readings
            )),
        }
        if any.scenarios.is_empty() && any.reproduce.is_none() {
            failures.push(format!(
                "{} [{}] all tables: no way to reproduce {:?}",
                s.client, s.source, any.reason
            ));
        }
        same_first += usize::from(any.reason == Some(exact));
    }
    assert!(total > 650, "{total} samples");
    assert!(
        failures.is_empty(),
        "{} of {total}:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The reading explained first is the client's own for most texts; the rest are texts that
    // other tables read otherwise (a coarse OpenSSL reading of Go's words, ...). Printed for
    // the record (`--nocapture`).
    println!("{same_first} of {total} recorded texts: the first reading is the client's own");
    assert!(same_first * 10 >= total * 9, "{same_first} of {total}");
}

#[test]
fn ambiguous_openssl_text_names_the_faults_and_how_to_tell_them_apart() {
    let e = explain(
        "SSL certificate problem: unable to get local issuer certificate",
        None,
    )
    .unwrap();
    assert_eq!(e.reason, Some(badtls::Reason::CertUntrusted));
    for r in [
        badtls::Reason::CertIncompleteChain,
        badtls::Reason::CertUnknownIssuer,
    ] {
        assert!(e.can_mean.contains(&r), "{:?}", e.can_mean);
    }
    assert!(e.tell_apart.is_some());
}

fn badtls(args: &[&str], stdin: Option<&str>) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_badtls"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_command_line_explains_from_an_argument_or_stdin_with_its_exit_status() {
    let (code, out) = badtls(
        &[
            "explain",
            "curl: (60) SSL certificate problem: certificate has expired",
        ],
        None,
    );
    assert_eq!(code, 0, "{out}");
    for needle in [
        "reason   cert.expired",
        "causes",
        "badtls serve --only cert/expired",
        "how clients say it",
    ] {
        assert!(out.contains(needle), "{needle}: {out}");
    }
    let (code, out) = badtls(
        &["explain", "--client", "go-nethttp"],
        Some("x509: certificate signed by unknown authority\n"),
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("reason   cert.untrusted") && out.contains("tell apart"),
        "{out}"
    );
    let (code, out) = badtls(&["explain", "--json", "the printer is on fire"], None);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["recognised"], false);
    let (code, out) = badtls(&["explain", "--client", "lynx", "x"], None);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("no classifier for client 'lynx'"), "{out}");
}
