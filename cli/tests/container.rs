//! The badtls image through testcontainers, and the client matrix against it with `--target`.
//!
//! Needs a Docker engine and the image (`docker/build.sh`; built here if missing). Without an
//! engine the test is skipped with a printed reason, unless BADTLS_REQUIRE_DOCKER=1 (which
//! `.ci/run` sets) makes that a failure.
#![cfg(feature = "testcontainers")]

use std::process::Command;

use badtls::testcontainers::BadTls;
use badtls_matrix::clients::{self, Kind};

fn docker_available() -> Result<(), String> {
    let out = Command::new("docker")
        .args(["info", "--format", "{{.ServerVersion}}"])
        .output();
    match out {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(String::from_utf8_lossy(&o.stderr).trim().to_string()),
        Err(e) => Err(format!("no docker command: {e}")),
    }
}

fn ensure_image() {
    let found = Command::new("docker")
        .args(["image", "inspect", "badtls:latest"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let status = Command::new("bash")
            .arg(format!("{root}/docker/build.sh"))
            .status()
            .expect("docker/build.sh runs");
        assert!(status.success(), "docker/build.sh failed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_image_serves_the_catalogue_and_passes_the_matrix() {
    if let Err(why) = docker_available() {
        if std::env::var("BADTLS_REQUIRE_DOCKER").as_deref() == Ok("1") {
            panic!("BADTLS_REQUIRE_DOCKER=1 but no Docker engine is reachable: {why}");
        }
        eprintln!("SKIP: no Docker engine reachable ({why}); set BADTLS_REQUIRE_DOCKER=1 to make this a failure");
        return;
    }
    ensure_image();
    let badtls = BadTls::default()
        .start()
        .await
        .expect("the container starts and answers");
    let manifest = badtls.manifest();
    assert_eq!(manifest.version, badtls::Manifest::VERSION);
    assert_eq!(
        manifest.endpoints.len(),
        badtls_servers::scenario::Catalogue::embedded()
            .unwrap()
            .len()
    );
    assert!(badtls.ca_pem().starts_with("-----BEGIN CERTIFICATE-----"));
    let good = badtls.endpoint("good/default").expect("good/default");
    assert_eq!(good.url, format!("https://localhost:{}/", good.port));

    // The whole matrix, against the container, through its manifest.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = Command::new(env!("CARGO_BIN_EXE_badtls"))
        .args(["matrix", "--target", badtls.control_url(), "--baseline"])
        // Docker's port publishing turns the reset scenario's RST into a clean close.
        .arg(format!("{root}/ci/baseline-container.toml"))
        // Every client but the browsers: they would need their own container baseline rows, and
        // cli/tests/browser.rs runs Chromium against a suite already.
        .args(
            clients::builtin()
                .iter()
                .filter(|c| c.kind != Kind::Browser)
                .flat_map(|c| ["--client", c.name.as_str()]),
        )
        .output()
        .expect("badtls matrix runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "matrix against the container:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}
