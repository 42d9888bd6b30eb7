//! The state directory: the root CA survives a restart, and private keys are written 0600.

use std::os::unix::fs::PermissionsExt;

use badtls::{Config, Suite};

mod common;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ca_is_stable_across_restarts_and_keys_are_private() {
    let scratch = common::TempDir::new("state");
    let dir = scratch.path().join("state");
    let config = || {
        let mut c = Config::default().only(["good/default"]);
        c.state_dir = Some(dir.clone());
        c
    };

    let first = Suite::start(config()).await.unwrap();
    let ca = first.ca_pem().to_string();
    first.shutdown(std::time::Duration::from_secs(1)).await;
    let second = Suite::start(config()).await.unwrap();
    assert_eq!(second.ca_pem(), ca, "the root CA must be reused");
    assert_eq!(std::fs::read_to_string(dir.join("ca.pem")).unwrap(), ca);

    for (file, mode) in [
        ("ca.key", 0o600),
        ("client.key", 0o600),
        ("ca.pem", 0o644),
        ("client.pem", 0o644),
    ] {
        let meta = std::fs::metadata(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(meta.permissions().mode() & 0o777, mode, "{file}");
    }
    // A fresh suite without a state directory makes a different CA.
    let other = Suite::start(Config::default().only(["good/default"]))
        .await
        .unwrap();
    assert_ne!(other.ca_pem(), ca);
    second.shutdown(std::time::Duration::from_secs(1)).await;
}
