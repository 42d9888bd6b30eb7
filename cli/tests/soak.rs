//! The soak/abuse run, short: hostile connections against a real `badtls serve` process while
//! a well-behaved client keeps checking it. `.ci/run` also runs the release binary
//! `badtls-soak` for a minute; this keeps the property in every `cargo test`.

use std::time::Duration;

use badtls_load::soak::{self, SoakOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_survives_hostile_peers_and_keeps_serving() {
    let opts = SoakOptions {
        badtls: env!("CARGO_BIN_EXE_badtls").into(),
        // Short enough that slowloris connections are cut by the server within the run.
        server_args: vec!["--handshake-timeout".into(), "2".into()],
        duration: Duration::from_secs(12),
        max_attacks: 20_000,
        concurrency: 32,
        ..SoakOptions::default()
    };
    let report = soak::run(&opts).await.expect("the soak run starts");
    let text = report.render();
    println!("{text}");
    assert!(report.problems().is_empty(), "{text}");
    assert!(
        report.connections_tried >= 1000,
        "too few hostile connections:\n{text}"
    );
    assert!(
        report.good_probes.tried >= 20,
        "the good probe hardly ran:\n{text}"
    );
    assert!(
        report.legacy_handshakes.tried >= 20,
        "few legacy handshakes:\n{text}"
    );
    // Every kind of attack was tried, and the slowloris ones were cut by the server's
    // handshake timeout, not only by the end of the run.
    for kind in badtls_load::abuse::Attack::ALL {
        let tried = report.attacks.get(kind.name()).map_or(0, |c| c.tried);
        assert!(tried > 0, "{} never tried:\n{text}", kind.name());
    }
    let slow = &report.attacks["slowloris"];
    assert!(
        slow.server_closed > 0,
        "no slowloris connection was cut by the server:\n{text}"
    );
}
