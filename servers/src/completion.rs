//! Whether every endpoint can answer: the suite is `ready` once every listener is bound, but an
//! endpoint with a slow key (RSA-4096) is built after that, on another thread. A client that
//! connects before it is complete waits for it within the handshake timeout; a runner that must
//! not mistake that wait for a fault (the matrix's controls, under CPU load) waits here first.

use std::time::Duration;

use crate::engine::Deferred;

/// The endpoints still being built after `ready`.
#[derive(Clone, Default)]
pub struct Completion {
    pending: Vec<Deferred>,
}

impl Completion {
    pub(crate) fn new(pending: Vec<Deferred>) -> Completion {
        Completion { pending }
    }

    /// Whether every endpoint is built (successfully or not: a failure is the endpoint's to
    /// report, to each connection).
    pub fn is_complete(&self) -> bool {
        self.pending.iter().all(|rx| rx.borrow().is_some())
    }

    /// Wait until every endpoint is built, at most `limit`; whether it is.
    pub async fn wait(&self, limit: Duration) -> bool {
        let all = async {
            for rx in &self.pending {
                let mut rx = rx.clone();
                // An error means the builder thread is gone: nothing left to wait for.
                let _ = rx.wait_for(Option::is_some).await;
            }
        };
        tokio::time::timeout(limit, all).await.is_ok()
    }
}
