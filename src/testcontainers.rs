//! A testcontainers module for the badtls image (feature `testcontainers`).
//!
//! Build the image once with `docker/build.sh`; nothing is pulled. The container serves every
//! scenario on fixed ports that are mapped one-to-one onto free ports of the host, so the
//! manifest's URLs work from the test as they are.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let badtls = badtls::testcontainers::BadTls::default().start().await?;
//! let expired = badtls.endpoint("cert/expired").expect("in the catalogue");
//! println!("{} should fail with {:?}; trust {}", expired.url, expired.expect.reason, badtls.ca_pem());
//! # Ok(()) }
//! ```
//!
//! Readiness cannot race the port mapping: the container must print its ready line *and* pass
//! its own health check, and then the control port must answer through the mapped host port.

use std::borrow::Cow;
use std::time::Duration;

use testcontainers::core::{ContainerPort, WaitFor};
use testcontainers::runners::AsyncRunner;
use testcontainers::{ContainerAsync, Image, ImageExt};

use crate::{Manifest, ManifestEndpoint};

/// Ports the image uses above its base: control, SNI, then one per scenario of the catalogue.
fn port_count() -> u16 {
    let scenarios = badtls_servers::scenario::Catalogue::embedded().map_or(0, |c| c.len());
    2 + u16::try_from(scenarios).unwrap_or(0)
}

/// The badtls image (`badtls:latest` unless told otherwise).
#[derive(Clone, Debug)]
pub struct BadTls {
    name: String,
    tag: String,
    port_base: u16,
    ports: Vec<ContainerPort>,
    env: Vec<(String, String)>,
}

impl Default for BadTls {
    /// `badtls:latest`, on a range of ports that is free on this host right now.
    fn default() -> Self {
        BadTls::with_port_base(free_port_range(port_count()).unwrap_or(18400))
    }
}

impl BadTls {
    /// Serve (and map) on `base`: control `base`, SNI `base+1`, endpoints from `base+2`.
    pub fn with_port_base(base: u16) -> BadTls {
        let ports = (0..port_count())
            .filter_map(|i| base.checked_add(i))
            .map(ContainerPort::Tcp)
            .collect();
        BadTls {
            name: "badtls".into(),
            tag: "latest".into(),
            port_base: base,
            ports,
            env: vec![("BADTLS_PORT_BASE".into(), base.to_string())],
        }
    }

    /// Use another image name and tag.
    pub fn with_image(mut self, name: &str, tag: &str) -> BadTls {
        self.name = name.into();
        self.tag = tag.into();
        self
    }

    /// Start the container and wait until the control port answers through the host.
    pub async fn start(self) -> Result<RunningBadTls, ContainerError> {
        let base = self.port_base;
        let ports = self.ports.clone();
        let mut request = self.with_startup_timeout(Duration::from_secs(60));
        for p in ports {
            let port = p.as_u16();
            request = request.with_mapped_port(port, p);
        }
        let container = request
            .start()
            .await
            .map_err(|e| ContainerError(format!("cannot start the badtls container: {e}")))?;
        let control = format!("http://127.0.0.1:{base}");
        // The health check ran inside the container; now through the mapping, bounded.
        let mut last = String::new();
        for _ in 0..50 {
            match get(&control, "/healthz").await {
                Ok(body) if body.trim() == "ok" => {
                    let manifest: Manifest =
                        serde_json::from_str(&get(&control, "/manifest.json").await?)
                            .map_err(|e| ContainerError(format!("{control}/manifest.json: {e}")))?;
                    return Ok(RunningBadTls {
                        container,
                        control,
                        manifest,
                    });
                }
                Ok(body) => last = body,
                Err(e) => last = e.0,
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(ContainerError(format!(
            "{control}/healthz never answered through the port mapping: {last}"
        )))
    }
}

impl Image for BadTls {
    fn name(&self) -> &str {
        &self.name
    }

    fn tag(&self) -> &str {
        &self.tag
    }

    fn ready_conditions(&self) -> Vec<WaitFor> {
        vec![
            WaitFor::message_on_stdout("badtls ready:"),
            WaitFor::healthcheck(),
        ]
    }

    fn env_vars(
        &self,
    ) -> impl IntoIterator<Item = (impl Into<Cow<'_, str>>, impl Into<Cow<'_, str>>)> {
        self.env.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    fn expose_ports(&self) -> &[ContainerPort] {
        &self.ports
    }
}

/// A running badtls container. Dropping it removes the container.
pub struct RunningBadTls {
    container: ContainerAsync<BadTls>,
    control: String,
    manifest: Manifest,
}

impl RunningBadTls {
    /// The control port's URL on the host, e.g. `http://127.0.0.1:18400`.
    pub fn control_url(&self) -> &str {
        &self.control
    }

    /// The manifest; its URLs work from the host as they are.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The CA certificate (PEM) to trust.
    pub fn ca_pem(&self) -> &str {
        &self.manifest.ca_pem
    }

    /// The endpoint serving scenario `id`.
    pub fn endpoint(&self, id: &str) -> Option<&ManifestEndpoint> {
        self.manifest.endpoints.iter().find(|e| e.id == id)
    }

    /// The container, for logs or a stop.
    pub fn container(&self) -> &ContainerAsync<BadTls> {
        &self.container
    }
}

/// The container could not be started or reached.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ContainerError(pub String);

/// A start port such that `count` ports from it are free on 127.0.0.1 now (best effort: another
/// process may still take one before the container binds).
fn free_port_range(count: u16) -> Option<u16> {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").ok()?;
    let seed = probe.local_addr().ok()?.port();
    drop(probe);
    (0..40).find_map(|i: u16| {
        let base = 20000 + (seed.wrapping_add(i.wrapping_mul(997)) % 40000);
        let all_free =
            (0..count).all(|k| std::net::TcpListener::bind(("127.0.0.1", base + k)).is_ok());
        all_free.then_some(base)
    })
}

/// GET a path of the control port, off the async runtime (the shared client is blocking).
async fn get(control: &str, path: &str) -> Result<String, ContainerError> {
    let url = format!("{control}{path}");
    tokio::task::spawn_blocking(move || badtls_servers::control_client::get(&url))
        .await
        .map_err(|e| ContainerError(format!("{control}{path}: {e}")))?
        .map_err(|e| ContainerError(e.to_string()))
}
