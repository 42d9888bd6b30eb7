//! What a user's test does: start a few endpoints in-process and check the expectations that
//! come with them. With the lean features the OpenSSL scenarios are left out of a glob and
//! refused by name, with an error that says why.

#[tokio::test]
async fn a_lean_suite_serves_the_certificate_scenarios() {
    let suite = badtls::Suite::start(badtls::Config::default().only(["good/default", "cert/*"]))
        .await
        .expect("suite starts");
    let expired = suite.endpoint("cert/expired").expect("cert/expired served");
    assert_eq!(expired.expect().reason, Some(badtls::Reason::CertExpired));
    assert!(suite.ca_pem().starts_with("-----BEGIN CERTIFICATE-----"));
    // cert/sha1-leaf is signed through OpenSSL: a glob leaves it out...
    assert!(suite.endpoint("cert/sha1-leaf").is_err());
    // A real handshake: good/default passes with the suite's CA, cert/expired fails for the
    // reason its expectation names.
    assert!(handshake(&suite, "good/default").await.is_ok());
    let err = handshake(&suite, "cert/expired").await.unwrap_err();
    assert_eq!(badtls::classify_rustls(&err), Some(badtls::Reason::CertExpired));
}

async fn handshake(suite: &badtls::Suite, id: &str) -> std::io::Result<()> {
    use std::sync::Arc;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.add(suite.ca_der().clone()).expect("the suite's CA");
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    let ep = suite.endpoint(id).expect("endpoint");
    let tcp = tokio::net::TcpStream::connect(ep.socket_addr()).await?;
    let name = rustls::pki_types::ServerName::try_from(ep.host().to_string()).expect("name");
    tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map(drop)
}

#[tokio::test]
async fn naming_an_openssl_scenario_says_which_feature_it_needs() {
    let err = badtls::Suite::start(badtls::Config::default().only(["kex/dh512"]))
        .await
        .err()
        .expect("kex/dh512 needs OpenSSL");
    let text = err.to_string();
    assert!(text.contains("kex/dh512") && text.contains("`openssl` feature"), "{text}");
}
