//! The client identities: the suite's good one, and the bad ones a mutual-TLS server must
//! refuse. Each bad one differs from the good one in one thing only.

use time::{Duration, OffsetDateTime};

use super::authority::{leaf_params, Authority, LeafOptions};
use super::{keys, Identity, PkiError, SUITE_DOMAIN};
use crate::scenario::{ClientIdentity, KeyKind};

/// Make every bad identity: expired (the issuing CA's, clientAuth, past its notAfter),
/// untrusted (valid, clientAuth, from the untrusted hierarchy) and wrong-eku (the issuing CA's,
/// valid, serverAuth only). Each chain is the client certificate and its issuer.
pub fn bad_identities(
    issuing: &Authority,
    untrusted: &Authority,
    now: OffsetDateTime,
) -> Result<Vec<(ClientIdentity, Identity)>, PkiError> {
    let mut made = Vec::new();
    for which in ClientIdentity::BAD {
        let (issuer, not_before, not_after, client_auth) = match which {
            ClientIdentity::Expired => (
                issuing,
                now - Duration::days(30),
                now - Duration::days(1),
                true,
            ),
            ClientIdentity::Untrusted => (
                untrusted,
                now - Duration::days(1),
                now + Duration::days(365),
                true,
            ),
            _ => (
                issuing,
                now - Duration::days(1),
                now + Duration::days(365),
                false,
            ),
        };
        let common_name = format!("badtls client ({})", which.as_str());
        let identity = identity(issuer, &common_name, not_before, not_after, client_auth)?;
        made.push((which, identity));
    }
    Ok(made)
}

/// A client identity for `client.badtls.test` issued by `issuer`: a fresh P-256 key, a
/// certificate with clientAuth (or, without `client_auth`, serverAuth only), and the chain
/// client certificate, issuer.
pub fn identity(
    issuer: &Authority,
    common_name: &str,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
    client_auth: bool,
) -> Result<Identity, PkiError> {
    let names = [format!("client.{SUITE_DOMAIN}")];
    let key = keys::fresh(KeyKind::EcdsaP256)?;
    let cert = issuer.issue(
        &leaf_params(&LeafOptions {
            common_name,
            names: &names,
            not_before,
            not_after,
            server_auth: !client_auth,
            client_auth,
            rsa: false,
            crl_url: None,
            unknown_critical_extension: false,
            key_usage: None,
            empty_subject: false,
        })?,
        &key.public()?,
    )?;
    Ok(Identity {
        chain: vec![cert, issuer.cert.clone()],
        key,
    })
}
