//! The suite's PKI, made at start-up from a clock the suite controls.
//!
//! - a root CA, name-constrained to `localhost`, `.badtls.test`, 127.0.0.0/8 and ::1, that signs
//!   one thing: the issuing CA (and its own, empty, CRL). Its key lives in memory only while the
//!   PKI is made, and is never written anywhere;
//! - the issuing CA, carrying the same name constraints, critical: every certificate that chains
//!   to the root passes through it, so a client that ignores a trust anchor's constraints (Java)
//!   still applies them here. It issues the leaves of most scenarios, the client identity and
//!   the scenarios' own intermediates. A state directory keeps it (and the root certificate);
//! - a second, untrusted root (with its own intermediate) for the "unknown issuer" scenarios;
//! - per-scenario intermediates where a scenario asks for odd ones (expired, CA:FALSE, ...);
//! - CRLs for the root and the issuing CA, served by the control port.
//!
//! ECDSA P-256 everywhere unless a scenario asks for something else.

mod aia;
mod authority;
mod client_ids;
pub mod cross_sign;
pub mod key_cache;
pub mod keys;
mod state;
#[cfg(feature = "openssl")]
mod weak_digest;

/// Without the `openssl` feature nothing signs with SHA-1, MD5 or RSA-SHA384/512: scenarios that
/// need it are left out at selection, and these say why if one is reached anyway.
#[cfg(not(feature = "openssl"))]
mod weak_digest {
    use rustls_pki_types::CertificateDer;

    use super::authority::{CaOptions, LeafOptions};
    use super::keys::Key;
    use super::PkiError;
    use crate::scenario::Digest;

    pub fn issue(
        _: &LeafOptions<'_>,
        _: &Key,
        _: Option<(&CertificateDer<'_>, &Key)>,
        digest: Digest,
    ) -> Result<CertificateDer<'static>, PkiError> {
        Err(PkiError::NeedsOpenssl(format!("a {digest:?} signature")))
    }

    pub fn issue_ca(
        opts: &CaOptions<'_>,
        _: &Key,
        _: (&CertificateDer<'_>, &Key),
    ) -> Result<CertificateDer<'static>, PkiError> {
        Err(PkiError::NeedsOpenssl(format!(
            "a {:?} signature",
            opts.shape.digest
        )))
    }
}

use std::path::Path;

use rcgen::{
    CertificateRevocationListParams, KeyIdMethod, RevocationReason, RevokedCertParams, SerialNumber,
};
use rustls_pki_types::CertificateDer;
use time::{Duration, OffsetDateTime};

use authority::{leaf_params, LeafOptions};
pub use authority::{Authority, CaOptions, CaShape, Constraints, UNKNOWN_EXTENSION_OID};
pub use key_cache::KeyCache;
use keys::Role;
pub use keys::{pem_block, Key};

use crate::scenario::{Eku, IntermediateSpec, KeyKind, RootSpec, Scenario, SendSpec};

/// The DNS domain under which every SNI name of the suite lives.
pub const SUITE_DOMAIN: &str = "badtls.test";

/// The names every good certificate carries: `localhost`, `*.badtls.test`, `127.0.0.1`, `::1`.
pub fn good_names() -> Vec<String> {
    ["localhost", "*.badtls.test", "127.0.0.1", "::1"]
        .map(String::from)
        .to_vec()
}

/// Something went wrong making keys or certificates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PkiError {
    #[error("key: {0}")]
    Key(String),
    #[error("signing: {0}")]
    Sign(String),
    #[error("{0} needs OpenSSL: this build of badtls has no `openssl` feature")]
    NeedsOpenssl(String),
    #[error("state directory {path}: {message}")]
    State { path: String, message: String },
}

/// A certificate chain (leaf first) and the leaf's private key.
#[derive(Clone)]
pub struct Identity {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: Key,
}

impl Identity {
    /// The chain as concatenated PEM blocks, leaf first.
    pub fn chain_pem(&self) -> String {
        self.chain
            .iter()
            .map(|c| pem_block("CERTIFICATE", c))
            .collect()
    }

    /// The private key as PKCS#8 PEM.
    pub fn key_pem(&self) -> String {
        self.key.pem()
    }
}

/// What one scenario needs from the PKI.
pub struct Issued {
    /// What the server sends, in the order it sends it, and its key.
    pub identity: Identity,
    /// The leaf's serial when the scenario asks for it to be revoked.
    pub revoked_serial: Option<SerialNumber>,
}

/// A CRL to serve at `/crl/<name>.crl`, with its issuer's certificate at
/// `/crl/<name>.issuer.pem` (GnuTLS only checks a CRL whose issuer is in its CA list).
#[derive(Clone)]
pub struct Crl {
    pub name: &'static str,
    pub der: Vec<u8>,
    /// The common name of the CA that signed it.
    pub issuer_name: String,
    /// That CA's certificate, PEM.
    pub issuer_pem: String,
}

/// How the suite's CAs mark their name constraints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CaProfile {
    /// Critical on the root and the issuing CA, as RFC 5280 requires.
    #[default]
    Strict,
    /// Non-critical on both, as the CA/Browser Forum permits, for clients that cannot parse name
    /// constraints and refuse any certificate that marks them critical (mbedTLS, in the trust
    /// store and in the chain alike). Such clients then ignore the constraints.
    Compat,
}

impl CaProfile {
    /// The profile's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            CaProfile::Strict => "strict",
            CaProfile::Compat => "compat",
        }
    }

    fn constraints(self) -> Constraints {
        match self {
            CaProfile::Strict => Constraints::Critical,
            CaProfile::Compat => Constraints::NonCritical,
        }
    }
}

impl std::str::FromStr for CaProfile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "strict" => Ok(CaProfile::Strict),
            "compat" => Ok(CaProfile::Compat),
            other => Err(format!(
                "unknown CA profile '{other}' (expected strict or compat)"
            )),
        }
    }
}

/// Start-up settings for the PKI.
pub struct PkiOptions<'a> {
    /// The suite clock: every validity is relative to it.
    pub now: OffsetDateTime,
    /// Base URL of the CRLs, e.g. `http://127.0.0.1:8443/crl`.
    pub crl_base: String,
    /// Keep the root certificate and the issuing CA here across restarts (created if missing;
    /// the directory 0700, its files 0600). The root key is never written.
    pub state_dir: Option<&'a Path>,
    /// How the CAs mark their name constraints.
    pub profile: CaProfile,
    /// Where the scenarios' RSA keys are kept between runs.
    pub key_cache: KeyCache,
}

/// The suite's authorities and client identity.
pub struct Pki {
    now: OffsetDateTime,
    crl_base: String,
    root_cert: CertificateDer<'static>,
    root_crl: Crl,
    issuing: Authority,
    untrusted_root: Authority,
    untrusted_intermediate: Authority,
    client: Identity,
    /// The identities a mutual-TLS server must refuse (`client.identity` in scenario files).
    bad_clients: Vec<(crate::scenario::ClientIdentity, Identity)>,
    key_cache: Option<key_cache::CacheDir>,
    /// How the suite's CAs mark their name constraints (a cross-signed root repeats them).
    profile: CaProfile,
}

const ROOT_NAME: &str = "badtls Root CA";
const ISSUING_NAME: &str = "badtls Issuing CA";
/// How long the root and the issuing CA are valid: a kept issuing CA cannot be renewed (the root
/// key is gone), so it lives as long as the root.
const CA_DAYS: i64 = 3650;

/// The root certificate, the issuing CA and the root's CRL: what a restart needs to keep serving
/// the CA users trust. The root key is not part of it.
pub(crate) struct Hierarchy {
    pub root_cert: CertificateDer<'static>,
    pub root_crl: Vec<u8>,
    pub issuing: Authority,
}

impl Pki {
    /// Make (or reload, with a state directory) the authorities and the client identity.
    pub fn new(opts: &PkiOptions<'_>) -> Result<Pki, PkiError> {
        let now = opts.now;
        // Timing spans for the debug log (BADTLS_LOG=debug).
        let t0 = std::time::Instant::now();
        let hierarchy = match opts.state_dir {
            Some(dir) => state::load_or_create(dir, opts)?,
            None => Pki::hierarchy(opts)?,
        };
        let ca = |name| CaOptions {
            common_name: name,
            key_kind: KeyKind::EcdsaP256,
            not_before: now - Duration::days(1),
            not_after: now + Duration::days(365),
            ca: true,
            pathlen: None,
            constraints: Constraints::None,
            crl_url: None,
            shape: CaShape::default(),
        };
        let hierarchy_made = t0.elapsed();
        let untrusted_root = Authority::root(&ca("badtls Untrusted Root CA"))?;
        let untrusted_intermediate =
            untrusted_root.issue_ca(&ca("badtls Untrusted Intermediate CA"))?;
        let Hierarchy {
            root_cert,
            root_crl,
            issuing,
        } = hierarchy;

        let untrusted_made = t0.elapsed();
        let client = client_ids::identity(
            &issuing,
            "badtls client",
            now - Duration::days(1),
            now + Duration::days(365),
            true,
        )?;
        let bad_clients = client_ids::bad_identities(&issuing, &untrusted_intermediate, now)?;
        tracing::debug!(
            "Pki::new: root and issuing CA at {hierarchy_made:?}, untrusted root and intermediate at \
             {untrusted_made:?}, client identity at {:?}",
            t0.elapsed()
        );
        let root_crl = Crl {
            name: "root",
            der: root_crl,
            issuer_name: ROOT_NAME.to_string(),
            issuer_pem: pem_block("CERTIFICATE", &root_cert),
        };
        let pki = Pki {
            now,
            crl_base: opts.crl_base.clone(),
            root_cert,
            root_crl,
            issuing,
            untrusted_root,
            untrusted_intermediate,
            client,
            bad_clients,
            key_cache: opts
                .key_cache
                .resolve(opts.state_dir)
                .map(key_cache::CacheDir::new),
            profile: opts.profile,
        };
        if let Some(dir) = opts.state_dir {
            state::write_exports(dir, &pki)?;
        }
        Ok(pki)
    }

    /// A fresh root and issuing CA. The root's key signs the issuing CA and the root's CRL, and
    /// is dropped when this returns.
    pub(crate) fn hierarchy(opts: &PkiOptions<'_>) -> Result<Hierarchy, PkiError> {
        let now = opts.now;
        let ca = |name, crl_url| CaOptions {
            common_name: name,
            key_kind: KeyKind::EcdsaP256,
            not_before: now - Duration::days(1),
            not_after: now + Duration::days(CA_DAYS),
            ca: true,
            pathlen: None,
            constraints: opts.profile.constraints(),
            crl_url,
            shape: CaShape::default(),
        };
        let root = Authority::root(&ca(ROOT_NAME, None))?;
        let issuing = root.issue_ca(&ca(
            ISSUING_NAME,
            Some(format!("{}/root.crl", opts.crl_base)),
        ))?;
        // The root's CRL must outlive a restart without the root key: it is valid as long as
        // the root, and lists nothing (the root only ever signs the issuing CA).
        let params = CertificateRevocationListParams {
            this_update: now - Duration::days(1),
            next_update: now + Duration::days(CA_DAYS),
            crl_number: SerialNumber::from(1u64),
            issuing_distribution_point: None,
            revoked_certs: Vec::new(),
            key_identifier_method: KeyIdMethod::Sha256,
        };
        let root_crl = params
            .signed_by(&root.issuer)
            .map_err(|e| PkiError::Sign(format!("CRL of {}: {e}", root.name)))?
            .der()
            .to_vec();
        Ok(Hierarchy {
            root_cert: root.cert.clone(),
            root_crl,
            issuing,
        })
    }

    /// The root CA certificate clients should trust.
    pub fn ca_der(&self) -> &CertificateDer<'static> {
        &self.root_cert
    }

    /// The root CA certificate as PEM.
    pub fn ca_pem(&self) -> String {
        pem_block("CERTIFICATE", &self.root_cert)
    }

    /// The client identity (chain: client, issuing CA) for mutual-TLS scenarios.
    pub fn client_identity(&self) -> &Identity {
        &self.client
    }

    /// The issuing CA's certificate (DER), served for AIA at `/aia/issuing.der`.
    pub fn issuing_der(&self) -> &CertificateDer<'static> {
        &self.issuing.cert
    }

    /// The identity a client presents for `which` (the good one for `Suite`).
    pub fn client_identity_for(&self, which: crate::scenario::ClientIdentity) -> &Identity {
        self.bad_clients
            .iter()
            .find(|(w, _)| *w == which)
            .map_or(&self.client, |(_, id)| id)
    }

    /// Whether a leaf key of this kind can be had at once (no RSA key to generate).
    pub fn key_at_hand(&self, kind: KeyKind) -> bool {
        keys::at_hand(kind, Role::Leaf, self.key_cache.as_ref())
    }

    /// The suite clock this PKI was made for.
    pub fn now(&self) -> OffsetDateTime {
        self.now
    }

    /// Make the certificates of one scenario.
    pub fn issue(&self, s: &Scenario) -> Result<Issued, PkiError> {
        let spec = &s.pki;
        let leaf = &spec.leaf;
        let key = keys::key(leaf.key, Role::Leaf, self.key_cache.as_ref())?;

        let mut names = leaf.names.clone().unwrap_or_else(good_names);
        names.extend((0..leaf.extra_names).map(|i| format!("n{i:05}.{SUITE_DOMAIN}")));
        // The CN repeats the first plain DNS name, or is left out: GnuTLS checks a CN against
        // the root's DNS name constraints when no DNS SAN is present, so a made-up CN on an
        // IP-only leaf would fail there for the wrong reason.
        let common_name = leaf.cn.clone().unwrap_or_else(|| {
            names
                .iter()
                .find(|n| {
                    n.parse::<std::net::IpAddr>().is_err()
                        && !n.starts_with('*')
                        && !n.starts_with(authority::FORCE_DNS)
                })
                .cloned()
                .unwrap_or_default()
        });
        let ekus = leaf.eku.clone().unwrap_or_else(|| vec![Eku::ServerAuth]);
        let opts = LeafOptions {
            common_name: &common_name,
            names: &names,
            not_before: self.now + leaf.not_before.0,
            not_after: self.now + leaf.not_after.0,
            server_auth: ekus.contains(&Eku::ServerAuth),
            client_auth: ekus.contains(&Eku::ClientAuth),
            rsa: leaf.key.is_rsa(),
            crl_url: leaf
                .revoked
                .then(|| format!("{}/intermediate.crl", self.crl_base)),
            unknown_critical_extension: leaf.unknown_critical_extension,
            key_usage: leaf.key_usage.clone(),
            empty_subject: leaf.empty_subject,
        };

        if spec.root == RootSpec::None {
            let cert = if !leaf.digest.needs_openssl() {
                let params = leaf_params(&opts)?;
                params
                    .self_signed(&key.key_pair()?)
                    .map(|c| c.der().clone())
                    .map_err(|e| PkiError::Sign(format!("self-signed leaf of {}: {e}", s.id)))?
            } else {
                weak_digest::issue(&opts, &key, None, leaf.digest)?
            };
            return Ok(Issued {
                identity: Identity {
                    chain: vec![cert],
                    key,
                },
                revoked_serial: None,
            });
        }

        let (root_cert, top, owned) = self.authorities_for(s)?;
        // From the root down: chain_cas[0] is signed by the root. Under the suite root the
        // issuing CA always comes first, so its name constraints cover every certificate below.
        let mut chain_cas: Vec<&Authority> = match spec.root {
            RootSpec::Untrusted => Vec::new(),
            _ => vec![&self.issuing],
        };
        match (spec.intermediates.is_some(), spec.root) {
            (true, _) => chain_cas.extend(owned.iter()),
            (false, RootSpec::Untrusted) => chain_cas.push(&self.untrusted_intermediate),
            (false, _) => {}
        }
        // Only `intermediates = []` under the untrusted root leaves the root itself to sign.
        let issuer = chain_cas.last().copied().unwrap_or(top);

        let mut params = leaf_params(&opts)?;
        if leaf.aia {
            params
                .custom_extensions
                .push(aia::extension(&aia::issuing_url(&self.crl_base)));
        }
        let revoked_serial = leaf.revoked.then(|| params.serial_number.clone()).flatten();
        let leaf_cert = if !leaf.digest.needs_openssl() {
            issuer.issue(&params, &key.public()?)?
        } else {
            weak_digest::issue(&opts, &key, Some((&issuer.cert, &issuer.key)), leaf.digest)?
        };

        let upward = chain_cas.iter().rev().map(|a| a.cert.clone());
        let mut chain = vec![leaf_cert];
        match spec.send {
            SendSpec::Chain => chain.extend(upward),
            SendSpec::Leaf => {}
            SendSpec::ChainAndRoot => {
                chain.extend(upward);
                chain.push(root_cert.clone());
            }
            SendSpec::Reversed => chain.extend(chain_cas.iter().map(|a| a.cert.clone())),
            SendSpec::ChainAndCrossSignedRoot => {
                chain.extend(upward);
                let cross = cross_sign::expired_cross_sign(root_cert, self.now, self.profile)?;
                chain.push(cross.cert);
            }
        }
        Ok(Issued {
            identity: Identity { chain, key },
            revoked_serial,
        })
    }

    /// The root certificate for a scenario, the CA its own intermediates hang from (the issuing
    /// CA under the suite root, the untrusted root itself), and those intermediates (made fresh,
    /// top downwards, with the shared intermediate keys of their kinds).
    fn authorities_for(
        &self,
        s: &Scenario,
    ) -> Result<(&CertificateDer<'static>, &Authority, Vec<Authority>), PkiError> {
        let (root_cert, top) = match s.pki.root {
            RootSpec::Untrusted => (&self.untrusted_root.cert, &self.untrusted_root),
            _ => (&self.root_cert, &self.issuing),
        };
        let mut owned: Vec<Authority> = Vec::new();
        for (i, spec) in s.pki.intermediates.iter().flatten().enumerate() {
            let name = format!("badtls {} CA {}", s.id, i + 1);
            let opts = self.intermediate_options(&name, spec)?;
            let key = keys::key(spec.key, Role::Intermediate, self.key_cache.as_ref())?;
            let ca = match owned.last() {
                Some(parent) => parent.issue_ca_with(&opts, key)?,
                None => top.issue_ca_with(&opts, key)?,
            };
            owned.push(ca);
        }
        Ok((root_cert, top, owned))
    }

    fn intermediate_options<'a>(
        &self,
        name: &'a str,
        spec: &IntermediateSpec,
    ) -> Result<CaOptions<'a>, PkiError> {
        Ok(CaOptions {
            common_name: name,
            key_kind: spec.key,
            not_before: self.now + spec.not_before.0,
            not_after: self.now + spec.not_after.0,
            ca: spec.ca,
            pathlen: spec.pathlen,
            constraints: Constraints::None,
            crl_url: None,
            shape: CaShape {
                no_basic_constraints: !spec.basic_constraints,
                key_usage: spec.key_usage.clone(),
                eku: spec.eku.clone().unwrap_or_default(),
                name_constraints: spec
                    .name_constraints
                    .as_ref()
                    .map(authority::scenario_name_constraints)
                    .transpose()?,
                digest: spec.digest,
            },
        })
    }

    /// The CRLs: the root's (empty, made with the root) and the issuing CA's (listing `revoked`).
    pub fn crls(&self, revoked: &[SerialNumber]) -> Result<Vec<Crl>, PkiError> {
        let params = |revoked_certs| CertificateRevocationListParams {
            this_update: self.now - Duration::hours(1),
            next_update: self.now + Duration::days(7),
            crl_number: SerialNumber::from(1u64),
            issuing_distribution_point: None,
            revoked_certs,
            key_identifier_method: KeyIdMethod::Sha256,
        };
        let revoked_certs = revoked
            .iter()
            .map(|serial| RevokedCertParams {
                serial_number: serial.clone(),
                revocation_time: self.now - Duration::hours(1),
                reason_code: Some(RevocationReason::KeyCompromise),
                invalidity_date: None,
            })
            .collect();
        let sign = |name: &'static str, ca: &Authority, p: CertificateRevocationListParams| {
            p.signed_by(&ca.issuer)
                .map(|crl| Crl {
                    name,
                    der: crl.der().to_vec(),
                    issuer_name: ca.name.clone(),
                    issuer_pem: pem_block("CERTIFICATE", &ca.cert),
                })
                .map_err(|e| PkiError::Sign(format!("CRL of {}: {e}", ca.name)))
        };
        Ok(vec![
            self.root_crl.clone(),
            sign("intermediate", &self.issuing, params(revoked_certs))?,
        ])
    }
}
