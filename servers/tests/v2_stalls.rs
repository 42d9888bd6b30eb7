//! The catalogue-v2 transport faults, against real clients over loopback: the mid-handshake and
//! post-handshake hangs are hangs (and end within the server's bound), the slow drip trickles
//! and stops, the TLS 1.3-intolerant server closes on TLS 1.3 and serves TLS 1.2, and the
//! refused port refuses and cannot be taken.

mod common;

use std::time::{Duration, Instant};

use badtls_contract::Reason;
use badtls_servers::classify_rustls;
use common::{client, get, suite, Stage, BOTH, TLS12};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The server's bound on a stalled connection in these tests.
const HANG: Duration = Duration::from_secs(3);

/// A ClientHello as rustls writes it for `localhost`.
fn client_hello() -> Vec<u8> {
    let config = rustls::ClientConfig::builder_with_provider(common::provider())
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from("localhost").expect("name");
    let mut conn = rustls::ClientConnection::new(config.into(), name).expect("client");
    let mut out = Vec::new();
    while conn.wants_write() {
        conn.write_tls(&mut out).expect("write to a Vec");
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hang_after_server_hello_sends_one_record_then_holds_until_its_bound() {
    let s = suite(&["transport/hang-after-server-hello"], HANG).await;
    let ep = s.endpoint("transport/hang-after-server-hello").unwrap();

    // By hand: exactly one handshake record (the ServerHello), then silence, then a close at
    // the server's bound.
    let mut tcp = TcpStream::connect(ep.socket_addr()).await.unwrap();
    tcp.write_all(&client_hello()).await.unwrap();
    let start = Instant::now();
    let mut got = Vec::new();
    let mut chunk = [0u8; 4096];
    let closed_at = loop {
        match tokio::time::timeout(HANG * 2, tcp.read(&mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break start.elapsed(),
            Ok(Ok(n)) => got.extend_from_slice(&chunk[..n]),
            Err(_) => panic!("still open after twice the bound"),
        }
    };
    assert_eq!(got.first(), Some(&0x16), "a handshake record: {got:02x?}");
    let len = usize::from(u16::from_be_bytes([got[3], got[4]]));
    assert_eq!(got.len(), 5 + len, "one record and nothing after it");
    assert_eq!(got[5], 2, "handshake type ServerHello");
    assert!(
        closed_at >= HANG - Duration::from_millis(200) && closed_at < HANG * 2,
        "closed after {closed_at:?}"
    );

    // A real rustls client with a deadline: its handshake times out.
    let start = Instant::now();
    let r = tokio::time::timeout(Duration::from_secs(1), get(client(&s, BOTH, None), ep)).await;
    assert!(r.is_err(), "the handshake should hang: {r:?}");
    assert!(start.elapsed() < Duration::from_secs(2));
}

/// A rustls client that completes the handshake with `ep` and sends `GET /`.
async fn handshake_and_request(
    s: &badtls_servers::Suite,
    ep: &badtls_servers::Endpoint,
) -> tokio_rustls::client::TlsStream<TcpStream> {
    let tcp = TcpStream::connect(ep.socket_addr()).await.unwrap();
    let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
    let mut tls = tokio_rustls::TlsConnector::from(client(s, BOTH, None))
        .connect(name, tcp)
        .await
        .expect("the handshake completes");
    tls.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    tls
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hang_after_handshake_completes_the_handshake_and_never_answers() {
    let s = suite(&["transport/hang-after-handshake"], HANG).await;
    let ep = s.endpoint("transport/hang-after-handshake").unwrap();
    let mut tls = handshake_and_request(&s, ep).await;
    let mut buf = [0u8; 64];
    let first = tokio::time::timeout(Duration::from_secs(1), tls.read(&mut buf)).await;
    assert!(first.is_err(), "no answer within a second: {first:?}");
    // The server lets go at its bound: EOF (it never sends close_notify here) or an error.
    let start = Instant::now();
    let end = tokio::time::timeout(HANG * 2, tls.read(&mut buf)).await;
    assert!(
        matches!(end, Ok(Ok(0)) | Ok(Err(_))),
        "closed by the bound: {end:?}"
    );
    assert!(start.elapsed() < HANG * 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_drip_trickles_inside_a_read_timeout_and_stops_unfinished() {
    let s = suite(&["transport/slow-drip"], Duration::from_secs(60)).await;
    let ep = s.endpoint("transport/slow-drip").unwrap();
    let mut tls = handshake_and_request(&s, ep).await;
    // A client with a 1 s per-read timeout never times out: a byte comes every 250 ms.
    let start = Instant::now();
    let mut got = Vec::new();
    let mut reads = 0;
    let mut buf = [0u8; 64];
    let end = loop {
        match tokio::time::timeout(Duration::from_secs(1), tls.read(&mut buf)).await {
            Err(_) => panic!("a gap of over 1 s after {} bytes", got.len()),
            Ok(Ok(0)) => break None,
            Ok(Err(e)) => break Some(e),
            Ok(Ok(n)) => {
                reads += 1;
                got.extend_from_slice(&buf[..n]);
            }
        }
        assert!(start.elapsed() < Duration::from_secs(20), "unbounded drip");
    };
    let took = start.elapsed();
    assert!(
        reads >= 30,
        "one byte at a time: {reads} reads for {} bytes",
        got.len()
    );
    assert_eq!(got.len(), badtls_servers::engine::stall::DRIP_MAX_BYTES);
    assert!(got.starts_with(b"HTTP/1.1 200 OK\r\n"));
    assert!(
        !got.windows(4).any(|w| w == b"\r\n\r\n"),
        "the head never completes"
    );
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(15),
        "{took:?}"
    );
    // It ends without close_notify: rustls says the peer closed without one.
    let e = end.expect("an error, not a clean end");
    assert_eq!(classify_rustls(&e), Some(Reason::TransportEof), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls13_intolerance_closes_on_tls13_and_serves_tls12() {
    let s = suite(&["transport/tls13-intolerant"], HANG).await;
    let ep = s.endpoint("transport/tls13-intolerant").unwrap();
    match get(client(&s, BOTH, None), ep).await {
        Err(Stage::Handshake(e)) => {
            assert_eq!(classify_rustls(&e), Some(Reason::TransportEof), "{e}")
        }
        other => panic!("a TLS 1.3 hello must be dropped: {other:?}"),
    }
    // What a client that falls back would get: a good TLS 1.2 connection (FALSE-ACCEPT).
    let body = get(client(&s, TLS12, None), ep)
        .await
        .expect("TLS 1.2 only connects");
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_refused_port_refuses_and_nobody_else_can_bind_it() {
    let s = suite(&["good/default", "transport/refused"], HANG).await;
    let ep = s.endpoint("transport/refused").unwrap();
    let e = TcpStream::connect(ep.socket_addr()).await.unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::ConnectionRefused, "{e}");
    assert_eq!(classify_rustls(&e), Some(Reason::TransportRefused));
    // Held while the suite runs: neither a plain bind nor a listener can take it.
    let taken = std::net::TcpListener::bind(ep.socket_addr()).unwrap_err();
    assert_eq!(taken.kind(), std::io::ErrorKind::AddrInUse, "{taken}");
    assert!(tokio::net::TcpListener::bind(ep.socket_addr())
        .await
        .is_err());
    // The manifest lists it with its port.
    let m = s.manifest();
    let listed = m.endpoints.iter().find(|e| e.id == "transport/refused");
    assert_eq!(listed.map(|e| e.port), Some(ep.port()));
    let addr = ep.socket_addr();
    s.shutdown(Duration::from_secs(1)).await;
    // Released with the suite.
    assert!(std::net::TcpListener::bind(addr).is_ok());
}
