//! Cross-field rules of the fields added by catalogue v2 (bad client identities, AIA, the new
//! rustls faults), kept apart from `load.rs` so that each file stays one concept.

use super::model::{ClientAuth, ClientIdentity, Fault, RootSpec, Scenario, SendSpec};

/// The rules of the catalogue-v2 fields. Returns the field to blame and why.
pub(super) fn validate_v2(s: &Scenario) -> Result<(), (&'static str, String)> {
    if s.client.identity != ClientIdentity::Suite {
        if !s.client.present_cert {
            return Err((
                "client.identity",
                "an identity is presented only with client.present_cert = true".into(),
            ));
        }
        if s.tls.client_auth != ClientAuth::Required {
            return Err((
                "client.identity",
                "a bad client identity needs a server that asks for one (tls.client_auth = \"required\")"
                    .into(),
            ));
        }
    }
    let leaf = &s.pki.leaf;
    if leaf.aia && (s.pki.root != RootSpec::Suite || s.pki.intermediates.is_some()) {
        return Err((
            "pki.leaf.aia",
            "the control port serves the issuing CA only: AIA needs root = \"suite\" and no intermediates"
                .into(),
        ));
    }
    if leaf.aia && s.pki.send != SendSpec::Leaf {
        return Err((
            "pki.leaf.aia",
            "AIA is what a client needs when the server sends the leaf alone (send = \"leaf\")"
                .into(),
        ));
    }
    if s.tls.fault == Some(Fault::KeyMismatch) && leaf.key.is_rsa() {
        // One fault per scenario: the other key is made of the leaf's kind, and only ECDSA keys
        // are at hand without minutes of RSA generation per start.
        return Err((
            "tls.fault",
            "key-mismatch is served with an ECDSA leaf (ecdsa-p256 or ecdsa-p384)".into(),
        ));
    }
    Ok(())
}
