//! The plain-HTTP control port: a web page for people (`/`), the manifest, the CA, the client identity, CRLs and a health check.
//! It never serves a CA private key.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::completion::Completion;
use crate::pki::Crl;

/// What the control port serves; all of it fixed at start-up.
pub struct ControlState {
    /// The web page at `/` (`crate::page`).
    pub page_html: String,
    pub manifest_json: String,
    pub ca_pem: String,
    pub client_pem: String,
    pub client_key_pem: String,
    pub crls: Vec<Crl>,
    /// The bad client identities, by name: (name, chain PEM, key PEM), at
    /// `/client/<name>.pem` and `/client/<name>.key`.
    pub bad_clients: Vec<(String, String, String)>,
    /// The issuing CA's certificate (DER), for AIA caIssuers URLs.
    pub issuing_der: Vec<u8>,
    /// Whether every endpoint is built (`/complete`).
    pub completion: Completion,
}

/// Start serving the control port on `listener`.
pub fn spawn(
    listener: TcpListener,
    state: Arc<ControlState>,
    shutdown: CancellationToken,
    tracker: &TaskTracker,
) {
    let app = Router::new()
        .route("/", get(page))
        .route("/manifest.json", get(manifest))
        .route("/manifest.schema.json", get(manifest_schema))
        .route("/ca.pem", get(ca))
        .route("/client.pem", get(client_pem))
        .route("/client.key", get(client_key))
        .route("/crl/{name}", get(crl))
        .route("/client/{file}", get(bad_client))
        .route("/aia/issuing.der", get(aia_issuing))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/complete", get(complete))
        .with_state(state);
    tracker.spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(shutdown.cancelled_owned())
            .await;
        if let Err(e) = served {
            tracing::error!("control port stopped: {e}");
        }
    });
}

fn text(content_type: &'static str, body: String) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// 200 once every endpoint can answer, 503 while a slow key is still being made after `ready`.
async fn complete(State(s): State<Arc<ControlState>>) -> Response {
    if s.completion.is_complete() {
        text("text/plain", "complete\n".into())
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "ready, still building an endpoint (a slow key)\n",
        )
            .into_response()
    }
}

async fn page(State(s): State<Arc<ControlState>>) -> Response {
    text("text/html; charset=utf-8", s.page_html.clone())
}

async fn manifest(State(s): State<Arc<ControlState>>) -> Response {
    text("application/json", s.manifest_json.clone())
}

/// The manifest's JSON Schema, generated from the contract's types (the same for every suite of
/// this version, so it is made per request rather than kept).
async fn manifest_schema() -> Response {
    text(
        "application/schema+json",
        badtls_contract::schema::manifest_json(),
    )
}

async fn ca(State(s): State<Arc<ControlState>>) -> Response {
    text("application/x-pem-file", s.ca_pem.clone())
}

async fn client_pem(State(s): State<Arc<ControlState>>) -> Response {
    text("application/x-pem-file", s.client_pem.clone())
}

async fn client_key(State(s): State<Arc<ControlState>>) -> Response {
    text("application/x-pem-file", s.client_key_pem.clone())
}

async fn crl(State(s): State<Arc<ControlState>>, Path(name): Path<String>) -> Response {
    if let Some(issuer) = name.strip_suffix(".issuer.pem") {
        return match s.crls.iter().find(|c| c.name == issuer) {
            Some(c) => text("application/x-pem-file", c.issuer_pem.clone()),
            None => (StatusCode::NOT_FOUND, format!("no CRL named {issuer}\n")).into_response(),
        };
    }
    let wanted = name.strip_suffix(".crl").unwrap_or(&name);
    match s.crls.iter().find(|c| c.name == wanted) {
        Some(c) => (
            [(header::CONTENT_TYPE, "application/pkix-crl")],
            c.der.clone(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, format!("no CRL named {name}\n")).into_response(),
    }
}

/// A bad client identity: `/client/<name>.pem` (chain) or `/client/<name>.key`.
async fn bad_client(State(s): State<Arc<ControlState>>, Path(file): Path<String>) -> Response {
    let found = s.bad_clients.iter().find_map(|(name, pem, key)| {
        if file.strip_suffix(".pem") == Some(name.as_str()) {
            Some(pem.clone())
        } else if file.strip_suffix(".key") == Some(name.as_str()) {
            Some(key.clone())
        } else {
            None
        }
    });
    match found {
        Some(body) => text("application/x-pem-file", body),
        None => (
            StatusCode::NOT_FOUND,
            format!("no client identity file {file}\n"),
        )
            .into_response(),
    }
}

/// The issuing CA's certificate as DER (`application/pkix-cert`, RFC 5280 §4.2.2.1).
async fn aia_issuing(State(s): State<Arc<ControlState>>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/pkix-cert")],
        s.issuing_der.clone(),
    )
        .into_response()
}
