//! The state directory: the CA users trust survives a restart, the directory is 0700 and its
//! files 0600, the root key is never written, and a root key left by an older badtls goes.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use badtls::{CaProfile, Config, Suite};

fn config(dir: &Path, profile: CaProfile) -> Config {
    let mut c = Config::default().only(["good/default"]);
    c.state_dir = Some(dir.to_path_buf());
    c.ca_profile = profile;
    c
}

/// The files in `dir`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the state directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ca_is_stable_across_restarts_and_the_directory_is_private() {
    let scratch = tempfile::Builder::new()
        .prefix("badtls-state")
        .tempdir()
        .expect("temp dir");
    let dir: PathBuf = scratch.path().join("state");

    let first = Suite::start(config(&dir, CaProfile::Strict)).await.unwrap();
    let ca = first.ca_pem().to_string();
    let issuing = std::fs::read_to_string(dir.join("issuing-ca.pem")).unwrap();
    first.shutdown(std::time::Duration::from_secs(1)).await;
    let second = Suite::start(config(&dir, CaProfile::Strict)).await.unwrap();
    assert_eq!(second.ca_pem(), ca, "the root CA must be reused");
    assert_eq!(std::fs::read_to_string(dir.join("ca.pem")).unwrap(), ca);
    assert_eq!(
        std::fs::read_to_string(dir.join("issuing-ca.pem")).unwrap(),
        issuing,
        "the issuing CA must be reused"
    );
    // What the suite serves is the kept issuing CA: the client identity's chain ends with it.
    assert!(second.client_identity().chain_pem().ends_with(&issuing));

    assert_eq!(
        files(&dir),
        [
            "ca.pem",
            "client.key",
            "client.pem",
            "issuing-ca.key",
            "issuing-ca.pem",
            "root.crl"
        ],
        "no root key (ca.key), nothing else"
    );
    assert_eq!(mode(&dir), 0o700, "the state directory");
    for file in files(&dir) {
        assert_eq!(mode(&dir.join(&file)), 0o600, "{file}");
    }
    second.shutdown(std::time::Duration::from_secs(1)).await;

    // A fresh suite without a state directory makes a different CA.
    let other = Suite::start(Config::default().only(["good/default"]))
        .await
        .unwrap();
    assert_ne!(other.ca_pem(), ca);
    other.shutdown(std::time::Duration::from_secs(1)).await;

    // Another profile makes another CA (its root marks the constraints differently), and
    // switching back makes a third: a profile's CA is never half reused.
    let compat = Suite::start(config(&dir, CaProfile::Compat)).await.unwrap();
    assert_ne!(compat.ca_pem(), ca);
    let compat_ca = compat.ca_pem().to_string();
    compat.shutdown(std::time::Duration::from_secs(1)).await;
    let again = Suite::start(config(&dir, CaProfile::Compat)).await.unwrap();
    assert_eq!(again.ca_pem(), compat_ca, "the compat CA is kept too");
    again.shutdown(std::time::Duration::from_secs(1)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_root_key_left_by_an_older_badtls_is_removed_and_the_root_replaced() {
    let scratch = tempfile::Builder::new()
        .prefix("badtls-state-legacy")
        .tempdir()
        .expect("temp dir");
    let dir = scratch.path().join("state");
    let first = Suite::start(config(&dir, CaProfile::Strict)).await.unwrap();
    let ca = first.ca_pem().to_string();
    first.shutdown(std::time::Duration::from_secs(1)).await;
    // An older badtls kept the root key as ca.key next to ca.pem (any key: the file's presence
    // is what says the root's key was on disk).
    let key = std::fs::read_to_string(dir.join("issuing-ca.key")).unwrap();
    std::fs::write(dir.join("ca.key"), key).unwrap();

    let second = Suite::start(config(&dir, CaProfile::Strict)).await.unwrap();
    assert!(!dir.join("ca.key").exists(), "the old root key is removed");
    assert_ne!(
        second.ca_pem(),
        ca,
        "a root whose key was on disk is not trusted again"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("ca.pem")).unwrap(),
        second.ca_pem()
    );
    second.shutdown(std::time::Duration::from_secs(1)).await;
}
