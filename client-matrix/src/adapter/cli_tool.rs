//! Command-line TLS clients (curl, `openssl s_client`, `gnutls-cli`), one process per target.
//! `s_client` and `gnutls-cli` have no timeout of their own: the hard deadline is ours.

use std::io::{Read, Write};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use badtls_contract::Capability;

use super::{command, parallel_map, Adapter, Attempt, Target};
use crate::cell::Outcome;
use crate::clients::{Client, CommandLine, Syntax};

/// Extra time past the client's own timeout before we stop it (curl's `--max-time`).
const GRACE: Duration = Duration::from_secs(4);

/// For a tool with no timeout of its own, our deadline is the target's timeout itself, plus
/// the time to start the process: waiting longer only delays the verdict (a hang stays a hang).
const SPAWN_MARGIN: Duration = Duration::from_secs(1);

/// A command-line tool of the registry: its entry, and the invocation that entry gives it.
#[derive(Clone, Debug)]
pub struct CliTool {
    client: Client,
    line: CommandLine,
}

impl CliTool {
    /// The tool of the registry entry `client`, run as `line` says (its `Run::CliTool`).
    pub fn new(client: Client, line: CommandLine) -> CliTool {
        CliTool { client, line }
    }

    /// How long to let the tool run for target `t` before we stop it.
    fn deadline(&self, t: &Target) -> Duration {
        if self.line.own_timeout {
            t.timeout() + GRACE
        } else {
            t.timeout() + SPAWN_MARGIN
        }
    }

    /// The program (the registry refuses an empty `command`).
    fn program(&self) -> &str {
        self.line.command.first().map_or("", String::as_str)
    }

    /// The command's leading arguments, then what its syntax writes for `t`.
    fn args(&self, t: &Target) -> Vec<String> {
        let ca = t.ca_file.display().to_string();
        let ip_host = t.host.parse::<std::net::IpAddr>().is_ok();
        let mut a: Vec<String> = self.line.command.iter().skip(1).cloned().collect();
        let identity = t.client_cert.as_ref().zip(t.client_key.as_ref());
        match self.line.syntax {
            Syntax::Curl => {
                let secs = format!("{:.1}", t.timeout().as_secs_f64());
                a.extend(
                    [
                        "-q",
                        "-sS",
                        "-o",
                        "/dev/null",
                        "--max-time",
                        &secs,
                        "--cacert",
                        &ca,
                    ]
                    .map(String::from),
                );
                a.extend([
                    "--resolve".into(),
                    format!("{}:{}:{}", t.host, t.port, t.address),
                ]);
                if let Some(crl) = &t.crl_file {
                    // curl on OpenSSL checks the whole chain against the file's CRLs.
                    a.extend(["--crlfile".into(), crl.display().to_string()]);
                }
                if let Some((cert, key)) = identity {
                    a.extend([
                        "--cert".into(),
                        cert.display().to_string(),
                        "--key".into(),
                        key.display().to_string(),
                    ]);
                }
                a.push(t.url.clone());
            }
            Syntax::SClient => {
                a.push("-connect".into());
                a.push(format!("{}:{}", bracket(&t.address), t.port));
                if ip_host {
                    a.extend(["-noservername".into(), "-verify_ip".into(), t.host.clone()]);
                } else {
                    a.extend([
                        "-servername".into(),
                        t.host.clone(),
                        "-verify_hostname".into(),
                        t.host.clone(),
                    ]);
                }
                // s_client's -CRL takes one CRL, and the chain needs two (the leaf's issuer's and
                // the intermediate's): its -CAfile loads CRLs too, so with CRLs it gets the CA file
                // with the CRLs appended (written by `write_ca_with_crls`).
                let ca = match &t.crl_file {
                    Some(crl) => ca_with_crls(crl).display().to_string(),
                    None => ca,
                };
                a.extend(
                    ["-CAfile", &ca, "-verify_return_error", "-ign_eof", "-brief"]
                        .map(String::from),
                );
                if t.crl_file.is_some() {
                    a.push("-crl_check_all".into());
                }
                if let Some((cert, key)) = identity {
                    // -cert sends only the first certificate of its file: the intermediates go
                    // separately in -cert_chain (written by `write_chain_file`).
                    a.extend([
                        "-cert".into(),
                        cert.display().to_string(),
                        "-cert_chain".into(),
                        chain_file(cert).display().to_string(),
                        "-key".into(),
                        key.display().to_string(),
                    ]);
                }
            }
            Syntax::GnutlsCli => {
                // GnuTLS drops a CRL whose issuer is not among its CAs: with CRLs, the CA file
                // also holds their issuers.
                let ca = match (&t.crl_file, &t.crl_ca_file) {
                    (Some(_), Some(with_issuers)) => with_issuers.display().to_string(),
                    _ => ca,
                };
                a.extend([
                    "--x509cafile".into(),
                    ca,
                    "--port".into(),
                    t.port.to_string(),
                ]);
                if let Some(crl) = &t.crl_file {
                    a.extend(["--x509crlfile".into(), crl.display().to_string()]);
                }
                if !ip_host {
                    a.extend(["--sni-hostname".into(), t.host.clone()]);
                }
                a.extend(["--verify-hostname".into(), t.host.clone()]);
                if let Some((cert, key)) = identity {
                    a.extend([
                        "--x509certfile".into(),
                        cert.display().to_string(),
                        "--x509keyfile".into(),
                        key.display().to_string(),
                    ]);
                }
                a.push(t.address.clone());
            }
        }
        a
    }

    /// What to send on stdin: the tools that only do TLS get the HTTP request from us.
    fn stdin(&self, t: &Target) -> Vec<u8> {
        if self.line.http {
            return Vec::new();
        }
        format!(
            "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            t.host
        )
        .into_bytes()
    }

    /// The verdict from the exit status alone, and on failure the tool's own words. Never from
    /// what the server sent: an `HTTP/1.1 200` line printed before a truncated body is not an
    /// acceptance (s_client and gnutls-cli exit 1 when the connection ends without close_notify).
    fn judge_exit(&self, code: Option<i32>, stdout: &str, stderr: &str) -> Outcome {
        if code == Some(0) {
            return Outcome::Accepted {
                protocol: None,
                cipher: None,
            };
        }
        let mut raw = format!(
            "exit={}: {}",
            code.map_or("signal".into(), |c| c.to_string()),
            one_line(stderr)
        );
        if self.line.syntax == Syntax::GnutlsCli {
            // gnutls-cli prints the verification status on stdout.
            for line in stdout
                .lines()
                .filter(|l| l.contains("Status:") || l.starts_with("***"))
            {
                raw.push(' ');
                raw.push_str(line.trim());
            }
        }
        Outcome::Rejected { raw }
    }
}

/// The CA file followed by the CRLs, for `s_client -CAfile` (see `args`).
fn ca_with_crls(crl: &std::path::Path) -> std::path::PathBuf {
    crl.with_extension("with-ca.pem")
}

/// Write `ca` then the CRLs of `crl` to its `ca_with_crls` file.
fn write_ca_with_crls(ca: &std::path::Path, crl: &std::path::Path) -> std::io::Result<()> {
    let text = format!(
        "{}\n{}",
        std::fs::read_to_string(ca)?.trim_end(),
        std::fs::read_to_string(crl)?
    );
    std::fs::write(ca_with_crls(crl), text)
}

/// Where the intermediates of a client certificate file go for `s_client -cert_chain`.
fn chain_file(cert: &std::path::Path) -> std::path::PathBuf {
    cert.with_extension("chain.pem")
}

/// Write everything after the first certificate of `cert` to its `chain_file`.
fn write_chain_file(cert: &std::path::Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(cert)?;
    let marker = "-----BEGIN CERTIFICATE-----";
    let rest = text
        .match_indices(marker)
        .nth(1)
        .map_or("", |(i, _)| &text[i..]);
    std::fs::write(chain_file(cert), rest)
}

fn bracket(addr: &str) -> String {
    if addr.contains(':') {
        format!("[{addr}]")
    } else {
        addr.to_string()
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Adapter for CliTool {
    fn name(&self) -> &str {
        &self.client.name
    }

    fn capabilities(&self) -> Vec<Capability> {
        self.client.capabilities.clone()
    }

    fn version(&self) -> Result<String, String> {
        let Some((program, args)) = self.line.version.split_first() else {
            return Err(format!("{}: no version command", self.client.name));
        };
        let out = command(program)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("{program} is not installed ({e})"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        Ok(text.lines().next().unwrap_or("").trim().to_string())
    }

    fn run(&self, targets: &[Target], jobs: usize) -> Vec<Attempt> {
        let tool = self;
        if self.line.syntax == Syntax::SClient {
            let certs: std::collections::BTreeSet<_> = targets
                .iter()
                .filter_map(|t| t.client_cert.as_ref())
                .collect();
            for cert in certs {
                if let Err(e) = write_chain_file(cert) {
                    tracing_free_warn(&format!("cannot split {}: {e}", cert.display()));
                }
            }
            let crls: std::collections::BTreeSet<_> = targets
                .iter()
                .filter_map(|t| Some((&t.ca_file, t.crl_file.as_ref()?)))
                .collect();
            for (ca, crl) in crls {
                if let Err(e) = write_ca_with_crls(ca, crl) {
                    tracing_free_warn(&format!("cannot write the CA file with CRLs: {e}"));
                }
            }
        }
        parallel_map(targets, jobs, |t| {
            let start = Instant::now();
            let outcome = match run_bounded(
                tool.program(),
                &tool.args(t),
                &tool.stdin(t),
                tool.deadline(t),
            ) {
                Ok(Finished {
                    code,
                    stdout,
                    stderr,
                }) => tool.judge_exit(code, &stdout, &stderr),
                Err(Bounded::Hang) => Outcome::Hang,
                Err(Bounded::Spawn(e)) => Outcome::Error(e),
            };
            Attempt {
                id: t.id.clone(),
                outcome,
                reason: None,
                elapsed: start.elapsed(),
            }
        })
    }
}

/// Adapters print nothing on stdout (reports go there); a note for the user goes to stderr.
fn tracing_free_warn(message: &str) {
    eprintln!("badtls: warning: {message}");
}

/// A process that finished.
pub struct Finished {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Why a bounded run did not finish.
pub enum Bounded {
    Hang,
    Spawn(String),
}

/// Run `program args` with `input` on stdin; kill it (by its handle) at `deadline`.
pub fn run_bounded(
    program: &str,
    args: &[String],
    input: &[u8],
    deadline: Duration,
) -> Result<Finished, Bounded> {
    let mut child = command(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Bounded::Spawn(format!("cannot run {program}: {e}")))?;
    // Keep stdin open (s_client -ign_eof and gnutls-cli would otherwise close early); it closes
    // when the child is reaped.
    let mut stdin = child.stdin.take();
    if let Some(s) = stdin.as_mut() {
        let _ = s.write_all(input);
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() >= deadline => break None,
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => break None,
        }
    };
    drop(stdin);
    let Some(status) = status else {
        kill(&mut child);
        return Err(Bounded::Hang);
    };
    Ok(Finished {
        code: status.code(),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            // Bounded: a runaway client cannot fill our memory.
            let _ = p.by_ref().take(1 << 20).read_to_end(&mut buf);
        }
        String::from_utf8_lossy(&buf).into_owned()
    })
}

#[cfg(test)]
mod tests {
    //! The verdict of each command-line tool over its real, recorded output: an answer that
    //! printed `HTTP/1.1 200` and then failed is a rejection, judged by the tool's own words.

    use super::*;
    use crate::classify::Classifier;
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Recording {
        tool: String,
        scenario: String,
        /// How it was recorded, for the reader.
        #[allow(dead_code)]
        command: String,
        exit: i32,
        stdout: String,
        stderr: String,
        /// `accept`, or the reason the rejection must classify as.
        expect: String,
    }

    #[derive(Deserialize)]
    struct Recordings {
        recording: Vec<Recording>,
    }

    #[test]
    fn recorded_outputs_are_judged_by_exit_status_and_the_tools_own_words() {
        let text = include_str!("../../tests/data/cli-recordings.toml");
        let all: Recordings = toml::from_str(text).expect("cli-recordings.toml parses");
        assert!(all.recording.len() >= 6);
        for r in &all.recording {
            let client = crate::clients::get(&r.tool)
                .unwrap_or_else(|| panic!("{}: not in the registry", r.tool));
            let crate::clients::Run::CliTool(line) = &client.run else {
                panic!("{}: not a command-line tool", r.tool);
            };
            let tool = CliTool::new(client.clone(), line.clone());
            let outcome = tool.judge_exit(Some(r.exit), &r.stdout, &r.stderr);
            let what = format!("{} × {}", r.tool, r.scenario);
            match (&outcome, r.expect.as_str()) {
                (Outcome::Accepted { .. }, "accept") => {}
                (Outcome::Rejected { raw }, want) if want != "accept" => {
                    let got = Classifier::for_client(&r.tool).and_then(|c| c.classify(raw));
                    assert_eq!(
                        got.map(|g| g.to_string()).as_deref(),
                        Some(want),
                        "{what}: {raw}"
                    );
                }
                _ => panic!("{what}: expected {}, judged {outcome:?}", r.expect),
            }
            if r.stdout.contains("HTTP/1.1 200") && r.exit != 0 {
                assert!(
                    matches!(outcome, Outcome::Rejected { .. }),
                    "{what}: a 200 line before the failure is not an acceptance"
                );
            }
        }
    }
}
