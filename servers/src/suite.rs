//! The [`Suite`]: every endpoint of a catalogue bound, served and described by a manifest.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use time::OffsetDateTime;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::completion::Completion;
use crate::control::{self, ControlState};
use crate::engine::{Limits, SniRouter};
use crate::listener;
use crate::pki::{CaProfile, Identity, KeyCache, PkiError};
use crate::scenario::{HostSpec, Scenario, ScenarioError};
use crate::{CrlIssuer, Expectation, Manifest, ManifestEndpoint};

mod build;
mod select;

use build::{build_pki, BuiltPki};
pub use select::{select_scenarios, IdFilter};

/// How to start a suite. `Config::default()` serves the whole embedded catalogue on ephemeral
/// ports of 127.0.0.1.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address every listener binds.
    pub bind: IpAddr,
    /// `Some(N)`: control port N, shared SNI port N+1, and endpoint *i* of the full catalogue
    /// on N+2+*i* (stable whatever `only` selects). `None`, or `Some(0)`: every port ephemeral
    /// (port 0 asks the kernel for one; it is not a base).
    pub port_base: Option<u16>,
    /// Glob patterns over scenario ids (`cert/*`, `good/default`); empty means all.
    pub only: Vec<String>,
    /// A directory of the user's own scenario files, added to the embedded catalogue.
    pub scenarios_dir: Option<PathBuf>,
    /// Serve only the user's scenarios, not the embedded ones.
    pub no_embedded: bool,
    /// The suite clock; `None` is the current time.
    pub now: Option<OffsetDateTime>,
    /// Keep the root certificate and the issuing CA here across restarts (never the root key),
    /// and write the client identity; the directory is 0700, its files 0600.
    pub state_dir: Option<PathBuf>,
    /// How the suite's CAs mark their name constraints (`Compat` for mbedTLS clients).
    pub ca_profile: CaProfile,
    /// Where the scenarios' RSA keys are kept between runs (by default the state directory's `keys/`, else
    /// the per-user cache directory; `KeyCache::Off` for none).
    pub key_cache: KeyCache,
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port_base: None,
            only: Vec::new(),
            scenarios_dir: None,
            no_embedded: false,
            now: None,
            state_dir: None,
            ca_profile: CaProfile::default(),
            key_cache: KeyCache::default(),
            limits: Limits::default(),
        }
    }
}

impl Config {
    /// Serve only the scenarios whose ids match one of `patterns` (globs such as `cert/*`).
    ///
    /// ```
    /// let config = badtls_servers::Config::default().only(["good/default", "cert/*"]);
    /// assert_eq!(config.only.len(), 2);
    /// ```
    pub fn only<I, S>(mut self, patterns: I) -> Config
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.only.extend(patterns.into_iter().map(Into::into));
        self
    }

    /// Bind every listener to `addr`.
    pub fn bind(mut self, addr: IpAddr) -> Config {
        self.bind = addr;
        self
    }

    /// Use fixed ports from `base` (see [`Config::port_base`]).
    pub fn port_base(mut self, base: u16) -> Config {
        self.port_base = Some(base);
        self
    }

    /// Add the scenario files of `dir`.
    pub fn scenarios_dir(mut self, dir: impl Into<PathBuf>) -> Config {
        self.scenarios_dir = Some(dir.into());
        self
    }

    /// Set the suite clock.
    pub fn now(mut self, now: OffsetDateTime) -> Config {
        self.now = Some(now);
        self
    }
}

/// Why a suite could not start, or a lookup failed.
#[derive(Debug, thiserror::Error)]
pub enum SuiteError {
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("--only '{pattern}': {message}")]
    Filter { pattern: String, message: String },
    #[error("cannot bind {addr} for {what}: {source}")]
    Bind {
        what: String,
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("port {port} for {what} is out of range (port base too high)")]
    PortRange { what: String, port: u32 },
    #[error(transparent)]
    Pki(#[from] PkiError),
    #[error("scenario '{scenario}': certificates: {source}")]
    Issue { scenario: String, source: PkiError },
    #[error(transparent)]
    Config(#[from] crate::engine::tls::ConfigError),
    #[error(
        "scenario '{scenario}' needs OpenSSL, and this build of badtls has no `openssl` feature \
         (enable the default features of badtls / badtls-servers)"
    )]
    NeedsOpenssl { scenario: String },
    #[error("no endpoint '{0}' in this suite")]
    UnknownEndpoint(String),
    #[error("runtime: {0}")]
    Runtime(String),
}

/// One served endpoint.
#[derive(Clone, Debug)]
pub struct Endpoint {
    scenario: Scenario,
    host: String,
    addr: SocketAddr,
    sni: String,
}

impl Endpoint {
    pub fn id(&self) -> &str {
        &self.scenario.id
    }

    /// The scenario this endpoint serves.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The host name a client should use (`localhost`, `127.0.0.1` or a `*.badtls.test` name).
    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The socket address to connect to, whatever `host` resolves to.
    pub fn socket_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `https://host:port/`.
    pub fn url(&self) -> String {
        format!("https://{}/", host_port(&self.host, self.addr.port()))
    }

    /// The endpoint's name on the shared SNI port.
    pub fn sni(&self) -> &str {
        &self.sni
    }

    /// What a sane client should do.
    pub fn expect(&self) -> &Expectation {
        &self.scenario.expect
    }

    /// Whether a client should present the suite's client identity.
    pub fn wants_client_cert(&self) -> bool {
        self.scenario.client.present_cert
    }

    /// The name of the bad client identity this endpoint asks for, if any.
    pub fn bad_identity(&self) -> Option<&'static str> {
        let which = self.scenario.client.identity;
        (self.wants_client_cert() && which != crate::scenario::ClientIdentity::Suite)
            .then(|| which.as_str())
    }
}

fn host_port(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// A running suite. Dropping it stops every listener; [`Suite::shutdown`] also waits for them.
pub struct Suite {
    endpoints: Vec<Endpoint>,
    manifest: Manifest,
    ca_pem: String,
    ca_der: rustls_pki_types::CertificateDer<'static>,
    client: Identity,
    control: SocketAddr,
    sni: SocketAddr,
    completion: Completion,
    shutdown: CancellationToken,
    tracker: TaskTracker,
    /// The ports of refusing endpoints, held (bound, not listening) as long as the suite runs.
    _reserved: Vec<socket2::Socket>,
}

impl Suite {
    /// Bind and serve every selected scenario. Returns once every listener is bound.
    pub async fn start(config: Config) -> Result<Suite, SuiteError> {
        // Timing spans for the debug log (BADTLS_LOG=debug): where a start's time goes.
        let t0 = Instant::now();
        let (catalogue, slots) = select_scenarios(&config)?;
        let selected = t0.elapsed();
        let advertised = match config.bind {
            ip if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            ip => ip,
        };
        let port_for = |slot: u32, what: &str| -> Result<u16, SuiteError> {
            match config.port_base {
                // Port 0 means "any" to the kernel: as a base it would put the endpoints on
                // ports 2, 3, ... (bindable by root) while the control port was ephemeral.
                None | Some(0) => Ok(0),
                Some(base) => {
                    let port = u32::from(base) + slot;
                    u16::try_from(port).map_err(|_| SuiteError::PortRange {
                        what: what.to_string(),
                        port,
                    })
                }
            }
        };
        let control_listener = bind(
            config.bind,
            port_for(0, "the control port")?,
            "the control port",
        )
        .await?;
        let sni_listener = bind(config.bind, port_for(1, "the SNI port")?, "the SNI port").await?;
        let mut listeners = Vec::with_capacity(catalogue.len());
        for (s, slot) in catalogue.scenarios().iter().zip(&slots) {
            let what = format!("endpoint {}", s.id);
            let port = port_for(2 + slot, &what)?;
            listeners.push(if s.tls.fault == Some(crate::scenario::Fault::Refused) {
                let addr = SocketAddr::new(config.bind, port);
                listener::Bound::Reserved(
                    listener::reserve(addr).map_err(|source| SuiteError::Bind {
                        what,
                        addr,
                        source,
                    })?,
                )
            } else {
                listener::Bound::Listening(bind(config.bind, port, &what).await?)
            });
        }
        let bound = t0.elapsed();
        let control_addr = SocketAddr::new(advertised, local_port(&control_listener));
        let sni_addr = SocketAddr::new(advertised, local_port(&sni_listener));
        let control_url = format!("http://{control_addr}");

        // Certificates: CPU-bound (RSA keys), so off the async threads.
        let now = config.now.unwrap_or_else(OffsetDateTime::now_utc);
        let pki_options = (
            config.state_dir.clone(),
            config.ca_profile,
            config.key_cache.clone(),
        );
        let crl_base = format!("{control_url}/crl");
        let scenarios = catalogue.scenarios().to_vec();
        let built =
            tokio::task::spawn_blocking(move || build_pki(&scenarios, now, crl_base, pki_options))
                .await
                .map_err(|e| SuiteError::Runtime(e.to_string()))??;
        let made = t0.elapsed();
        let BuiltPki {
            pki,
            handlers,
            crls,
            completion,
        } = built;

        let mut endpoints = Vec::with_capacity(listeners.len());
        for (s, l) in catalogue.scenarios().iter().zip(&listeners) {
            let addr = SocketAddr::new(advertised, l.port());
            let host = match (&s.client.name, s.client.host) {
                (Some(name), _) => name.clone(),
                (None, HostSpec::Localhost) => "localhost".to_string(),
                (None, HostSpec::Ipv4) => advertised.to_string(),
                (None, HostSpec::Sni) => s.sni_name(),
            };
            endpoints.push(Endpoint {
                scenario: s.clone(),
                host,
                addr,
                sni: s.sni_name(),
            });
        }
        let manifest = Manifest {
            version: Manifest::VERSION,
            ca_pem: pki.ca_pem(),
            control: control_url.clone(),
            sni_port: sni_addr.port(),
            client_cert_url: format!("{control_url}/client.pem"),
            client_key_url: format!("{control_url}/client.key"),
            crls: crls
                .iter()
                .map(|c| format!("{control_url}/crl/{}.crl", c.name))
                .collect(),
            crl_issuers: crls
                .iter()
                .map(|c| CrlIssuer {
                    crl: format!("{control_url}/crl/{}.crl", c.name),
                    issuer: c.issuer_name.clone(),
                    issuer_url: format!("{control_url}/crl/{}.issuer.pem", c.name),
                })
                .collect(),
            endpoints: endpoints
                .iter()
                .map(|e| ManifestEndpoint {
                    id: e.id().to_string(),
                    summary: e.scenario.summary.clone(),
                    host: e.host.clone(),
                    address: e.addr.ip().to_string(),
                    port: e.port(),
                    url: e.url(),
                    sni: e.sni.clone(),
                    expect: e.expect().clone(),
                    client_cert: e.wants_client_cert(),
                    client_cert_url: e
                        .bad_identity()
                        .map(|n| format!("{control_url}/client/{n}.pem")),
                    client_key_url: e
                        .bad_identity()
                        .map(|n| format!("{control_url}/client/{n}.key")),
                })
                .collect(),
        };

        let shutdown = CancellationToken::new();
        let tracker = TaskTracker::new();
        let limits = Arc::new(config.limits.clone());
        let mut routes = HashMap::new();
        let mut reserved = Vec::new();
        for ((bound, handler), e) in listeners.into_iter().zip(handlers).zip(&endpoints) {
            let handler = Arc::new(handler);
            routes.insert(e.sni.clone(), handler.clone());
            let listener = match bound {
                listener::Bound::Listening(l) => l,
                listener::Bound::Reserved(socket) => {
                    reserved.push(socket);
                    continue;
                }
            };
            listener::spawn(
                e.id().to_string(),
                listener,
                limits.clone(),
                shutdown.clone(),
                &tracker,
                move |s, l| {
                    let h = handler.clone();
                    async move { h.serve(s, &l).await }
                },
            );
        }
        let router = Arc::new(SniRouter::new(routes));
        listener::spawn(
            "sni".into(),
            sni_listener,
            limits.clone(),
            shutdown.clone(),
            &tracker,
            move |s, l| {
                let r = router.clone();
                async move { r.serve(s, &l).await }
            },
        );
        let client = pki.client_identity().clone();
        let state = ControlState {
            page_html: crate::page::render(&endpoints)
                .map_err(|e| SuiteError::Runtime(e.to_string()))?,
            manifest_json: serde_json::to_string_pretty(&manifest)
                .map_err(|e| SuiteError::Runtime(e.to_string()))?,
            ca_pem: pki.ca_pem(),
            client_pem: client.chain_pem(),
            client_key_pem: client.key_pem(),
            crls,
            bad_clients: crate::scenario::ClientIdentity::BAD
                .iter()
                .map(|w| {
                    let id = pki.client_identity_for(*w);
                    (w.as_str().to_string(), id.chain_pem(), id.key_pem())
                })
                .collect(),
            issuing_der: pki.issuing_der().to_vec(),
            completion: completion.clone(),
        };
        control::spawn(
            control_listener,
            Arc::new(state),
            shutdown.clone(),
            &tracker,
        );
        tracker.close();
        tracing::debug!(
            "Suite::start of {} scenarios: selected at {selected:?}, bound at {bound:?}, PKI and \
             endpoints made at {made:?}, serving at {:?}",
            endpoints.len(),
            t0.elapsed()
        );

        Ok(Suite {
            endpoints,
            manifest,
            ca_pem: pki.ca_pem(),
            ca_der: pki.ca_der().clone(),
            client,
            control: control_addr,
            sni: sni_addr,
            completion,
            shutdown,
            tracker,
            _reserved: reserved,
        })
    }

    /// Start on a runtime of its own, for tests that are not async.
    pub fn start_blocking(config: Config) -> Result<BlockingSuite, SuiteError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .thread_name("badtls")
            .build()
            .map_err(|e| SuiteError::Runtime(e.to_string()))?;
        let suite = runtime.block_on(Suite::start(config))?;
        Ok(BlockingSuite {
            suite: Some(suite),
            runtime,
        })
    }

    /// Every endpoint, controls first.
    pub fn endpoints(&self) -> &[Endpoint] {
        &self.endpoints
    }

    /// The endpoint serving scenario `id`.
    pub fn endpoint(&self, id: &str) -> Result<&Endpoint, SuiteError> {
        self.endpoints
            .iter()
            .find(|e| e.id() == id)
            .ok_or_else(|| SuiteError::UnknownEndpoint(id.to_string()))
    }

    /// The manifest, as served at `/manifest.json`.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The root CA certificate (PEM) that clients should trust.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// The root CA certificate (DER).
    pub fn ca_der(&self) -> &rustls_pki_types::CertificateDer<'static> {
        &self.ca_der
    }

    /// The client identity for mutual-TLS endpoints: chain (client, intermediate) and key.
    pub fn client_identity(&self) -> &Identity {
        &self.client
    }

    /// The control port's base URL, `http://127.0.0.1:PORT`.
    pub fn control_url(&self) -> String {
        format!("http://{}", self.control)
    }

    /// The shared SNI port's address.
    pub fn sni_addr(&self) -> SocketAddr {
        self.sni
    }

    /// Whether every endpoint can answer yet (see [`Completion`]); `/complete` on the control
    /// port says the same.
    pub fn completion(&self) -> &Completion {
        &self.completion
    }

    /// Stop accepting, end open connections and wait (at most `grace`) for every task.
    pub async fn shutdown(self, grace: Duration) {
        self.shutdown.cancel();
        let _ = tokio::time::timeout(grace, self.tracker.wait()).await;
    }
}

impl Drop for Suite {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// A [`Suite`] with its own runtime; dereferences to the suite.
pub struct BlockingSuite {
    suite: Option<Suite>,
    runtime: tokio::runtime::Runtime,
}

impl BlockingSuite {
    /// Wait until every endpoint is built, at most `limit`; whether it is.
    pub fn wait_complete(&self, limit: Duration) -> bool {
        self.runtime.block_on(self.completion.wait(limit))
    }
}

impl std::ops::Deref for BlockingSuite {
    type Target = Suite;
    fn deref(&self) -> &Suite {
        self.suite.as_ref().expect("present until drop")
    }
}

impl Drop for BlockingSuite {
    fn drop(&mut self) {
        if let Some(suite) = self.suite.take() {
            self.runtime
                .block_on(suite.shutdown(Duration::from_secs(1)));
        }
    }
}

async fn bind(ip: IpAddr, port: u16, what: &str) -> Result<TcpListener, SuiteError> {
    let addr = SocketAddr::new(ip, port);
    TcpListener::bind(addr)
        .await
        .map_err(|source| SuiteError::Bind {
            what: what.to_string(),
            addr,
            source,
        })
}

fn local_port(l: &TcpListener) -> u16 {
    l.local_addr().map(|a| a.port()).unwrap_or(0)
}
