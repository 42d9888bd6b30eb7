//! Building a suite's PKI and endpoints: the authorities, each scenario's certificates and
//! handler, the CRLs, and the endpoints deferred until after `ready` (a cold RSA-4096 key).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rcgen::SerialNumber;
use time::OffsetDateTime;

use super::SuiteError;
use crate::completion::Completion;
use crate::engine::{openssl::OpensslEndpoint, tls::TlsEndpoint, Handler};
use crate::pki::{CaProfile, KeyCache, Pki, PkiOptions};
use crate::scenario::{Engine, KeyKind, Scenario};

/// What the PKI build hands to the suite.
pub struct BuiltPki {
    pub pki: Arc<Pki>,
    pub handlers: Vec<Handler>,
    pub crls: Vec<crate::pki::Crl>,
    pub completion: Completion,
}

/// Whether a scenario's endpoint is built after `ready` rather than before: its key is slow to
/// make (RSA-4096, about a second on this kind of machine), neither this process nor the key
/// cache has it, and it does not feed the CRLs.
fn deferred(pki: &Pki, s: &Scenario) -> bool {
    s.pki.leaf.key == KeyKind::Rsa4096
        && !s.pki.leaf.revoked
        && s.tls.engine != Engine::Raw
        && !pki.key_at_hand(KeyKind::Rsa4096)
}

/// An endpoint that takes longer than this to build is named in the debug log.
const SLOW_ENDPOINT: Duration = Duration::from_millis(10);

/// Make the authorities and every scenario's endpoint (cold RSA-4096 ones after `ready`).
pub fn build_pki(
    scenarios: &[Scenario],
    now: OffsetDateTime,
    crl_base: String,
    (state_dir, profile, key_cache): (Option<PathBuf>, CaProfile, KeyCache),
) -> Result<BuiltPki, SuiteError> {
    let t0 = Instant::now();
    let pki = Arc::new(Pki::new(&PkiOptions {
        now,
        crl_base,
        state_dir: state_dir.as_deref(),
        profile,
        key_cache,
    })?);
    let authorities = t0.elapsed();
    let mut handlers = Vec::with_capacity(scenarios.len());
    let mut revoked: Vec<SerialNumber> = Vec::new();
    let mut later = Vec::new();
    let mut pending = Vec::new();
    for s in scenarios {
        let handler = if deferred(&pki, s) {
            let (tx, rx) = tokio::sync::watch::channel(None);
            later.push((s.clone(), tx));
            pending.push(rx.clone());
            Handler::Deferred(rx)
        } else {
            let t1 = Instant::now();
            let (handler, serial) = build_handler(&pki, s)?;
            if t1.elapsed() > SLOW_ENDPOINT {
                tracing::debug!("{}: built in {:?}", s.id, t1.elapsed());
            }
            revoked.extend(serial);
            handler
        };
        handlers.push(handler);
    }
    if !later.is_empty() {
        // On the other core, while the suite gets ready. A failure reaches every connection to
        // that endpoint (and the log) instead of failing a suite that is otherwise fine.
        let pki = pki.clone();
        std::thread::spawn(move || {
            for (s, tx) in later {
                let built = build_handler(&pki, &s)
                    .map(|(h, _)| Arc::new(h))
                    .map_err(|e| {
                        tracing::error!("{}: {e}", s.id);
                        e.to_string()
                    });
                let _ = tx.send(Some(built));
            }
        });
    }
    let handlers_made = t0.elapsed();
    let crls = pki.crls(&revoked)?;
    tracing::debug!(
        "PKI: authorities and client identity at {authorities:?}, {} endpoints ({} deferred) at \
         {handlers_made:?}, CRLs at {:?}",
        handlers.len(),
        pending.len(),
        t0.elapsed()
    );
    Ok(BuiltPki {
        pki,
        handlers,
        crls,
        completion: Completion::new(pending),
    })
}

/// Issue a scenario's certificates and make its endpoint; also the serial to revoke, if any.
fn build_handler(pki: &Pki, s: &Scenario) -> Result<(Handler, Option<SerialNumber>), SuiteError> {
    let handler = match s.tls.engine {
        Engine::Raw => match s.tls.fault {
            Some(fault) => return Ok((Handler::Raw(fault), None)),
            None => {
                return Err(SuiteError::Runtime(format!(
                    "scenario '{}': raw engine without a fault",
                    s.id
                )))
            }
        },
        Engine::Rustls | Engine::Openssl => {
            let issued = pki.issue(s).map_err(|source| SuiteError::Issue {
                scenario: s.id.clone(),
                source,
            })?;
            let handler = if s.tls.engine == Engine::Openssl {
                Handler::Openssl(Box::new(OpensslEndpoint::new(s, &issued.identity)?))
            } else {
                Handler::Tls(Box::new(TlsEndpoint::new(
                    s,
                    &issued.identity,
                    pki.ca_der(),
                )?))
            };
            (handler, issued.revoked_serial)
        }
    };
    Ok(handler)
}
