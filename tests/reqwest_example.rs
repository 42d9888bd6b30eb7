//! The example a user of badtls copies: reqwest (with rustls) against several endpoints, asserting
//! that it rejects each bad one for the right reason.
//!
//! reqwest is built with `rustls-no-provider` and handed a rustls config built with an explicit
//! crypto provider: the robust way when more than one provider may be compiled in.

use std::sync::Arc;

use badtls::{classify_rustls, Config, Reason, Suite, Verdict};

fn client_for(suite: &Suite, ep: &badtls::Endpoint) -> reqwest::Client {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(suite.ca_der().clone())
        .expect("the suite CA is a valid root");
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS 1.2 and 1.3")
        .with_root_certificates(roots)
        .with_no_client_auth();
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        // Some hosts are *.badtls.test names: pin them to the endpoint's address.
        .resolve(ep.host(), ep.socket_addr())
        .no_proxy()
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .expect("client builds")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reqwest_rejects_bad_endpoints_for_the_right_reason() {
    let ids = [
        "good/default",
        "good/wildcard",
        "cert/expired",
        "cert/not-yet-valid",
        "cert/wrong-host",
        "cert/self-signed",
        "cert/bad-eku",
        "transport/plain-http",
        "transport/reset",
    ];
    let suite = Suite::start(Config::default().only(ids))
        .await
        .expect("suite starts");
    for id in ids {
        let ep = suite.endpoint(id).expect("selected above");
        let result = client_for(&suite, ep).get(ep.url()).send().await;
        let expect = ep.expect();
        match (expect.verdict, result) {
            (Verdict::Accept, Ok(resp)) => {
                assert!(resp.status().is_success(), "{id}: {}", resp.status());
                let body = resp.text().await.expect("body");
                assert!(body.contains(id), "{id}: body {body:?}");
            }
            (Verdict::Reject, Err(err)) => {
                let got = classify_rustls(&err);
                let want = expect.reason.expect("a reject names its reason");
                assert!(
                    got.is_some_and(|r: Reason| r.matches(want)),
                    "{id}: wanted {want}, classified {got:?} from {err:?}"
                );
            }
            (verdict, other) => panic!("{id}: expected {verdict}, got {other:?}"),
        }
    }
}
