//! Building a suite's PKI and endpoints: the authorities, each scenario's certificates and
//! handler, the CRLs, and the endpoints deferred until after `ready` (a cold RSA-4096 key).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rcgen::SerialNumber;
use time::OffsetDateTime;

use super::SuiteError;
use crate::completion::Completion;
#[cfg(feature = "openssl")]
use crate::engine::openssl::OpensslEndpoint;
use crate::engine::{tls::TlsEndpoint, Handler};
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
/// make (RSA-4096, about a second on this kind of machine; RSA-8192, several), neither this
/// process nor the key cache has it, and it does not feed the CRLs.
fn deferred(pki: &Pki, s: &Scenario) -> bool {
    let key = s.pki.leaf.key;
    matches!(key, KeyKind::Rsa4096 | KeyKind::Rsa8192)
        && !s.pki.leaf.revoked
        && s.tls.engine != Engine::Raw
        && !pki.key_at_hand(key)
}

/// An endpoint that takes longer than this to build is named in the debug log.
const SLOW_ENDPOINT: Duration = Duration::from_millis(10);

/// Make the authorities and every scenario's endpoint (cold RSA-4096 and RSA-8192 ones after `ready`).
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
    let deferred: Vec<bool> = scenarios.iter().map(|s| deferred(&pki, s)).collect();
    let now: Vec<&Scenario> = scenarios
        .iter()
        .zip(&deferred)
        .filter(|(_, &d)| !d)
        .map(|(s, _)| s)
        .collect();
    let mut built = build_in_parallel(&pki, &now).into_iter();
    let mut handlers = Vec::with_capacity(scenarios.len());
    let mut revoked: Vec<SerialNumber> = Vec::new();
    let mut later = Vec::new();
    let mut pending = Vec::new();
    for (s, deferred) in scenarios.iter().zip(deferred) {
        let handler = if deferred {
            let (tx, rx) = tokio::sync::watch::channel(None);
            later.push((s.clone(), tx));
            pending.push(rx.clone());
            Handler::Deferred(rx)
        } else {
            let Some(result) = built.next() else {
                unreachable!("one result per endpoint built now")
            };
            let (handler, serial) = result?;
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

/// Build these endpoints on every core, and return their results in order.
///
/// Each endpoint costs about a millisecond (an ECDSA key, a signature or two, a TLS config), and
/// a full catalogue has dozens: on a start with a warm key cache this loop was a third of the
/// time to ready. Workers take the next endpoint from a shared counter, so one slow endpoint
/// (a cold RSA key) does not hold back the others' share.
fn build_in_parallel(
    pki: &Pki,
    scenarios: &[&Scenario],
) -> Vec<Result<(Handler, Option<SerialNumber>), SuiteError>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;

    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(scenarios.len());
    if workers <= 1 {
        return scenarios.iter().map(|s| build_timed(pki, s)).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<_>>> = Mutex::new((0..scenarios.len()).map(|_| None).collect());
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(s) = scenarios.get(i) else { break };
        let result = build_timed(pki, s);
        results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(result);
    };
    // This thread is one of the workers: each extra thread costs a malloc arena that stays
    // mapped, which shows in the idle RSS.
    std::thread::scope(|scope| {
        for _ in 1..workers {
            scope.spawn(work);
        }
        work();
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .zip(scenarios)
        .map(|(r, s)| {
            // Every slot is filled: a worker that panicked makes `scope` panic before this.
            r.unwrap_or_else(|| {
                Err(SuiteError::Runtime(format!(
                    "scenario '{}': building its endpoint panicked",
                    s.id
                )))
            })
        })
        .collect()
}

/// [`build_handler`], with slow endpoints named in the debug log.
fn build_timed(pki: &Pki, s: &Scenario) -> Result<(Handler, Option<SerialNumber>), SuiteError> {
    let t1 = Instant::now();
    let built = build_handler(pki, s);
    if t1.elapsed() > SLOW_ENDPOINT {
        tracing::debug!("{}: built in {:?}", s.id, t1.elapsed());
    }
    built
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
            let handler = match s.tls.engine {
                #[cfg(feature = "openssl")]
                Engine::Openssl => {
                    Handler::Openssl(Box::new(OpensslEndpoint::new(s, &issued.identity)?))
                }
                // Left out at selection (suite::select::servable); never reached.
                #[cfg(not(feature = "openssl"))]
                Engine::Openssl => {
                    return Err(SuiteError::NeedsOpenssl {
                        scenario: s.id.clone(),
                    })
                }
                _ => Handler::Tls(Box::new(TlsEndpoint::new(
                    s,
                    &issued.identity,
                    pki.ca_der(),
                )?)),
            };
            (handler, issued.revoked_serial)
        }
    };
    Ok(handler)
}
