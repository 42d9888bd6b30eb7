//! Peer bytes: arbitrary bytes and real ClientHellos (intact, truncated, oversized, mutated) fed
//! to the pure ClientHello inspection and to a running suite over loopback.
//!
//! The suite serves `good/default` and `tls/sni-required`; every input goes to the shared SNI
//! port (the router), to the SNI-required endpoint (which peeks too) and to `good/default` (plain
//! rustls). The router's answer is checked against the pure function's verdict, and after every
//! input the suite must still complete a good handshake, by name on the SNI port and directly.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use badtls_servers::engine::hello::{inspect_hello, Hello, Inspection, PEEK_LIMIT};
use badtls_servers::fuzzing::proptest_cases;
use badtls_servers::{Config, Limits, Suite};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestRunner};
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore};

/// What the router and the SNI-required endpoint answer a hello they refuse with.
const UNRECOGNIZED_NAME_ALERT: [u8; 7] = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 112];
/// The names the suite routes on its SNI port.
const ROUTED: [&str; 2] = ["good-default.badtls.test", "tls-sni-required.badtls.test"];
/// How long the test waits for any answer: far above the suite's handshake timeout.
const PATIENCE: Duration = Duration::from_secs(8);

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

fn client_config(roots: RootCertStore, alpn: Vec<Vec<u8>>) -> Arc<ClientConfig> {
    let mut config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("default versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = alpn;
    Arc::new(config)
}

/// The bytes a real rustls client opens with, for `server_name` (an IP address sends no SNI),
/// offering `alpn_count` long ALPN names to make it as big as a test wants.
fn real_hello(server_name: &str, alpn_count: usize) -> Vec<u8> {
    let alpn = (0..alpn_count)
        .map(|i| vec![b'a' + (i % 26) as u8; 250])
        .collect();
    let name = ServerName::try_from(server_name.to_string()).expect("a valid name");
    let mut conn = ClientConnection::new(client_config(RootCertStore::empty(), alpn), name)
        .expect("client connection");
    let mut out = Vec::new();
    while conn.wants_write() {
        conn.write_tls(&mut out).expect("write to a Vec");
    }
    out
}

/// A way to spoil (or keep) a real ClientHello.
#[derive(Clone, Debug)]
enum Spoil {
    Intact,
    /// Cut before the end (a strict prefix).
    Truncate(prop::sample::Index),
    /// XOR some bytes.
    Flip(Vec<(prop::sample::Index, u8)>),
    /// Followed by more bytes.
    Append(Vec<u8>),
    /// Bytes in front of it.
    Prepend(Vec<u8>),
    /// The record header announces another length.
    RecordLength(u16),
}

#[derive(Clone, Debug)]
enum Input {
    Arbitrary(Vec<u8>),
    Hello {
        name: &'static str,
        alpn_count: usize,
        spoil: Spoil,
    },
    /// An SSLv2-style CLIENT-HELLO (two-byte header with the top bit set).
    SslV2(Vec<u8>),
}

impl Input {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Input::Arbitrary(b) => b.clone(),
            Input::SslV2(body) => {
                let len = (body.len() + 1) as u16 | 0x8000;
                let mut out = len.to_be_bytes().to_vec();
                out.push(0x01);
                out.extend_from_slice(body);
                out
            }
            Input::Hello {
                name,
                alpn_count,
                spoil,
            } => {
                let mut hello = real_hello(name, *alpn_count);
                match spoil {
                    Spoil::Intact => {}
                    Spoil::Truncate(at) => hello.truncate(at.index(hello.len())),
                    Spoil::Flip(flips) => {
                        for (at, mask) in flips {
                            let i = at.index(hello.len());
                            hello[i] ^= mask | 1;
                        }
                    }
                    Spoil::Append(more) => hello.extend_from_slice(more),
                    Spoil::Prepend(junk) => {
                        let mut out = junk.clone();
                        out.extend_from_slice(&hello);
                        hello = out;
                    }
                    Spoil::RecordLength(len) => hello[3..5].copy_from_slice(&len.to_be_bytes()),
                }
                hello
            }
        }
    }
}

fn input() -> impl Strategy<Value = Input> {
    let names = select(vec![
        "good-default.badtls.test",
        "tls-sni-required.badtls.test",
        "GOOD-DEFAULT.badtls.test",
        "unknown.badtls.test",
        "localhost",
        "127.0.0.1",
    ]);
    let spoil = prop_oneof![
        2 => Just(Spoil::Intact),
        2 => any::<prop::sample::Index>().prop_map(Spoil::Truncate),
        2 => proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)
            .prop_map(Spoil::Flip),
        1 => proptest::collection::vec(any::<u8>(), 1..300).prop_map(Spoil::Append),
        1 => proptest::collection::vec(any::<u8>(), 1..8).prop_map(Spoil::Prepend),
        1 => any::<u16>().prop_map(Spoil::RecordLength),
    ];
    // Up to 60 ALPN names of 250 bytes: hellos from 1.5 KiB to beyond one 16 KiB record.
    let alpn_count = prop_oneof![3 => Just(0usize), 2 => 1usize..30, 1 => 30usize..70];
    prop_oneof![
        2 => proptest::collection::vec(any::<u8>(), 0..600).prop_map(Input::Arbitrary),
        5 => (names, alpn_count, spoil).prop_map(|(name, alpn_count, spoil)| Input::Hello {
            name,
            alpn_count,
            spoil
        }),
        1 => proptest::collection::vec(any::<u8>(), 0..64).prop_map(Input::SslV2),
    ]
}

/// What the pure inspection says about what a peer sent before closing its side.
fn verdict(bytes: &[u8]) -> Inspection {
    inspect_hello(&bytes[..bytes.len().min(PEEK_LIMIT)])
}

/// Send `bytes`, close our sending side and read the answer until the server closes. `None`
/// when the server neither answered nor closed in time.
fn exchange(addr: SocketAddr, bytes: &[u8], read_answer: bool) -> Option<Vec<u8>> {
    let mut s = TcpStream::connect(addr).expect("the suite accepts connections");
    s.set_read_timeout(Some(PATIENCE)).expect("timeout");
    // The server may answer (and close) before it has read everything: a failed write is fine.
    let _ = s.write_all(bytes);
    let _ = s.shutdown(Shutdown::Write);
    if !read_answer {
        return Some(Vec::new());
    }
    let started = Instant::now();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(answer),
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return None
            }
            // A reset ends the answer too.
            Err(_) => return Some(answer),
        }
        if started.elapsed() > PATIENCE {
            return None;
        }
    }
}

/// A full handshake and HTTP exchange that must succeed: the suite is alive and well.
fn good_handshake(
    addr: SocketAddr,
    ca: &CertificateDer<'static>,
    name: &str,
) -> Result<(), String> {
    let mut roots = RootCertStore::empty();
    roots.add(ca.clone()).map_err(|e| e.to_string())?;
    let server_name = ServerName::try_from(name.to_string()).map_err(|e| e.to_string())?;
    let conn = ClientConnection::new(
        client_config(roots, vec![b"http/1.1".to_vec()]),
        server_name,
    )
    .map_err(|e| e.to_string())?;
    let sock = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    sock.set_read_timeout(Some(PATIENCE))
        .map_err(|e| e.to_string())?;
    let mut tls = rustls::StreamOwned::new(conn, sock);
    tls.write_all(format!("GET / HTTP/1.1\r\nHost: {name}\r\n\r\n").as_bytes())
        .map_err(|e| format!("handshake with {addr} as {name}: {e}"))?;
    let mut body = Vec::new();
    // The answer ends with close_notify; a plain EOF after the body would do as well here.
    let _ = tls.read_to_end(&mut body);
    let body = String::from_utf8_lossy(&body);
    if body.starts_with("HTTP/1.1 200") && body.contains("badtls: good/default: handshake OK") {
        Ok(())
    } else {
        Err(format!("{addr} as {name}: unexpected answer {body:?}"))
    }
}

/// The pure function on its own: no panic, its own consistency checks (pieces against whole),
/// and the verdicts real hellos must get.
#[test]
fn client_hello_inspection_properties() {
    let mut runner = TestRunner::new(ProptestConfig {
        cases: proptest_cases(256),
        ..ProptestConfig::default()
    });
    runner
        .run(&input(), |input| {
            let bytes = input.bytes();
            badtls_servers::fuzzing::client_hello(&bytes);
            let got = inspect_hello(&bytes);
            if let Input::Hello { name, spoil, .. } = &input {
                let sni = name
                    .parse::<std::net::IpAddr>()
                    .is_err()
                    .then(|| name.to_ascii_lowercase());
                let appended = match spoil {
                    Spoil::Append(more) => more.len(),
                    _ => 0,
                };
                // A hello longer than one record (over PEEK_LIMIT) is refused at the limit.
                let whole = if bytes.len() - appended <= PEEK_LIMIT {
                    Inspection::Done(Hello::Tls { sni })
                } else {
                    Inspection::Done(Hello::NotTls)
                };
                match spoil {
                    Spoil::Intact | Spoil::Append(_) => prop_assert_eq!(got, whole),
                    Spoil::Truncate(_) if bytes.len() < PEEK_LIMIT => {
                        prop_assert_eq!(got, Inspection::NeedMore)
                    }
                    Spoil::Truncate(_) => prop_assert_eq!(got, Inspection::Done(Hello::NotTls)),
                    _ => {}
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The real server over loopback: no input stops it or makes it hang, the router answers as the
/// pure function says it must, and a good handshake works after every input.
#[test]
fn the_suite_survives_any_first_bytes() {
    let mut config = Config::default().only(["good/default", "tls/sni-required"]);
    // Short, so that undecided hellos are given up quickly; loopback handshakes take
    // milliseconds.
    config.limits = Limits {
        handshake_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(2),
        ..Limits::default()
    };
    let suite = Suite::start_blocking(config).expect("suite starts");
    let sni_port = suite.sni_addr();
    let good = suite
        .endpoint("good/default")
        .expect("served")
        .socket_addr();
    let sni_required = suite
        .endpoint("tls/sni-required")
        .expect("served")
        .socket_addr();
    let ca = suite.ca_der().clone();

    let mut runner = TestRunner::new(ProptestConfig {
        cases: proptest_cases(64),
        ..ProptestConfig::default()
    });
    runner
        .run(&input(), |input| {
            let bytes = input.bytes();
            let decided = verdict(&bytes);
            // An undecided hello is only given up at the handshake timeout: do not wait for it.
            let wait = decided != Inspection::NeedMore;

            let answer = exchange(sni_port, &bytes, wait);
            let answer = answer.ok_or_else(|| TestCaseError::fail("the SNI port hung"))?;
            match &decided {
                Inspection::Done(Hello::Tls { sni: Some(name) })
                    if ROUTED.contains(&name.to_ascii_lowercase().as_str()) =>
                {
                    // Routed: rustls takes over. An intact hello must get a ServerHello.
                    if matches!(
                        input,
                        Input::Hello {
                            spoil: Spoil::Intact,
                            ..
                        }
                    ) {
                        prop_assert_eq!(
                            answer.first(),
                            Some(&0x16),
                            "no ServerHello: {:02x?}",
                            answer
                        );
                    }
                }
                Inspection::Done(_) => prop_assert_eq!(
                    &answer[..],
                    &UNRECOGNIZED_NAME_ALERT[..],
                    "the router must refuse {:?} with unrecognized_name",
                    decided
                ),
                Inspection::NeedMore => {}
            }

            let answer = exchange(sni_required, &bytes, wait)
                .ok_or_else(|| TestCaseError::fail("the SNI-required endpoint hung"))?;
            if decided == Inspection::Done(Hello::Tls { sni: None }) {
                prop_assert_eq!(&answer[..], &UNRECOGNIZED_NAME_ALERT[..]);
            }

            // Plain rustls decides for itself; only ask that it answers or closes in time.
            let rustls_decides = decided != Inspection::NeedMore;
            exchange(good, &bytes, rustls_decides)
                .ok_or_else(|| TestCaseError::fail("good/default hung"))?;

            good_handshake(sni_port, &ca, ROUTED[0]).map_err(TestCaseError::fail)?;
            good_handshake(good, &ca, "localhost").map_err(TestCaseError::fail)?;
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Regression: a ClientHello larger than one rustls read (4 KiB) in one segment used to leave
/// the router waiting for bytes it had already been given, until the handshake timeout.
#[test]
fn a_big_client_hello_is_routed_at_once() {
    let suite = Suite::start_blocking(Config::default().only(["good/default"])).expect("starts");
    let ca = suite.ca_der().clone();
    let mut roots = RootCertStore::empty();
    roots.add(ca).expect("root");
    // 40 ALPN names of 250 bytes: a 10 KiB hello; the server picks http/1.1 from the end.
    let mut alpn: Vec<Vec<u8>> = (0..40).map(|i| vec![b'a' + (i % 26) as u8; 250]).collect();
    alpn.push(b"http/1.1".to_vec());
    let name = ServerName::try_from(ROUTED[0]).expect("name");
    let conn = ClientConnection::new(client_config(roots, alpn), name).expect("client");
    let sock = TcpStream::connect(suite.sni_addr()).expect("connect");
    sock.set_read_timeout(Some(Duration::from_secs(3)))
        .expect("timeout");
    let started = Instant::now();
    let mut tls = rustls::StreamOwned::new(conn, sock);
    tls.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("the handshake completes");
    let mut body = Vec::new();
    let _ = tls.read_to_end(&mut body);
    assert!(
        String::from_utf8_lossy(&body).contains("badtls: good/default: handshake OK"),
        "{body:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}
