//! Certificate authorities: the suite root, intermediates, and the certificates they issue.

use rcgen::{
    BasicConstraints, CertificateParams, CidrSubnet, CrlDistributionPoint, DistinguishedName,
    DnType, ExtendedKeyUsagePurpose, GeneralSubtree, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    NameConstraints, SanType, SerialNumber,
};
use rustls_pki_types::CertificateDer;
use time::OffsetDateTime;

use super::keys::{self, Key};
use super::PkiError;
use crate::scenario::{Digest, Eku, KeyKind, KeyUsage};

/// A CA that can sign: its certificate, its key and rcgen's view of it as an issuer.
pub struct Authority {
    pub name: String,
    pub cert: CertificateDer<'static>,
    pub key: Key,
    pub(crate) issuer: Issuer<'static, KeyPair>,
}

/// Whether a CA certificate carries the suite's name constraints, and marked how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constraints {
    /// No name constraints (scenario intermediates: the issuing CA above them has them).
    None,
    /// Critical, as RFC 5280 requires of a CA.
    Critical,
    /// Non-critical, as the CA/Browser Forum permits: clients that cannot parse the extension
    /// (mbedTLS) then load the certificate and ignore the constraints instead of refusing it.
    NonCritical,
}

/// What a new CA certificate should look like.
pub struct CaOptions<'a> {
    pub common_name: &'a str,
    pub key_kind: KeyKind,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// `false` makes a certificate that signs although basicConstraints says CA:FALSE.
    pub ca: bool,
    pub pathlen: Option<u8>,
    /// Whether it restricts issuance to the suite's names (the suite root and issuing CA).
    pub constraints: Constraints,
    /// Where relying parties find the issuer's CRL for this certificate.
    pub crl_url: Option<String>,
    /// The odd parts a scenario intermediate may ask for; `CaShape::default()` is a normal CA.
    pub shape: CaShape,
}

/// How a CA certificate departs from the normal shape (scenario intermediates only).
#[derive(Clone, Debug, Default)]
pub struct CaShape {
    /// Leave basicConstraints out altogether.
    pub no_basic_constraints: bool,
    /// keyUsage bits instead of keyCertSign, cRLSign, digitalSignature.
    pub key_usage: Option<Vec<KeyUsage>>,
    /// extendedKeyUsage (none when empty).
    pub eku: Vec<Eku>,
    /// Name constraints of its own.
    pub name_constraints: Option<NameConstraints>,
    /// The digest its issuer signs it with (other than SHA-256: through OpenSSL, RSA issuer).
    pub digest: Digest,
}

impl Authority {
    /// A self-signed root.
    pub fn root(opts: &CaOptions<'_>) -> Result<Authority, PkiError> {
        let key = keys::fresh(opts.key_kind)?;
        let params = ca_params(opts)?;
        let pair = key.key_pair()?;
        let cert = params
            .self_signed(&pair)
            .map_err(|e| PkiError::Sign(format!("root '{}': {e}", opts.common_name)))?;
        Ok(Authority {
            name: opts.common_name.to_string(),
            cert: cert.der().clone(),
            key,
            issuer: Issuer::new(params, pair),
        })
    }

    /// Reload a persisted root: its certificate and key.
    pub fn from_parts(
        name: &str,
        cert: CertificateDer<'static>,
        key: Key,
    ) -> Result<Authority, PkiError> {
        let pair = key.key_pair()?;
        let issuer = Issuer::from_ca_cert_der(&cert, pair)
            .map_err(|e| PkiError::Sign(format!("persisted CA '{name}' is unusable: {e}")))?;
        Ok(Authority {
            name: name.to_string(),
            cert,
            key,
            issuer,
        })
    }

    /// An intermediate (or any CA-shaped certificate) issued by `self`, with a fresh key.
    pub fn issue_ca(&self, opts: &CaOptions<'_>) -> Result<Authority, PkiError> {
        self.issue_ca_with(opts, keys::fresh(opts.key_kind)?)
    }

    /// An intermediate issued by `self` for `key`, which must be of `opts.key_kind`.
    pub fn issue_ca_with(&self, opts: &CaOptions<'_>, key: Key) -> Result<Authority, PkiError> {
        let pair = key.key_pair()?;
        if opts.shape.digest.needs_openssl() {
            let cert = super::weak_digest::issue_ca(opts, &key, (&self.cert, &self.key))?;
            let issuer = Issuer::from_ca_cert_der(&cert, pair).map_err(|e| {
                PkiError::Sign(format!("'{}' unusable as issuer: {e}", opts.common_name))
            })?;
            return Ok(Authority {
                name: opts.common_name.to_string(),
                cert,
                key,
                issuer,
            });
        }
        let params = ca_params(opts)?;
        let cert = params.signed_by(&pair, &self.issuer).map_err(|e| {
            PkiError::Sign(format!("'{}' by '{}': {e}", opts.common_name, self.name))
        })?;
        Ok(Authority {
            name: opts.common_name.to_string(),
            cert: cert.der().clone(),
            key,
            issuer: Issuer::new(params, pair),
        })
    }

    /// Sign end-entity params for `public`.
    pub fn issue(
        &self,
        params: &CertificateParams,
        public: &impl rcgen::PublicKeyData,
    ) -> Result<CertificateDer<'static>, PkiError> {
        params
            .signed_by(public, &self.issuer)
            .map(|c| c.der().clone())
            .map_err(|e| PkiError::Sign(format!("leaf by '{}': {e}", self.name)))
    }
}

pub(crate) fn ca_params(opts: &CaOptions<'_>) -> Result<CertificateParams, PkiError> {
    let mut params = CertificateParams::default();
    params.distinguished_name = dn(opts.common_name);
    params.not_before = opts.not_before;
    params.not_after = opts.not_after;
    params.serial_number = Some(random_serial()?);
    params.is_ca = match (opts.shape.no_basic_constraints, opts.ca, opts.pathlen) {
        (true, _, _) => IsCa::NoCa,
        (false, false, _) => IsCa::ExplicitNoCa,
        (false, true, Some(n)) => IsCa::Ca(BasicConstraints::Constrained(n)),
        (false, true, None) => IsCa::Ca(BasicConstraints::Unconstrained),
    };
    params.key_usages = match &opts.shape.key_usage {
        Some(bits) => bits.iter().map(|b| key_usage(*b)).collect(),
        None => vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ],
    };
    params.extended_key_usages = opts.shape.eku.iter().map(|e| eku(*e)).collect();
    params.use_authority_key_identifier_extension = true;
    if let Some(nc) = &opts.shape.name_constraints {
        // Only scenario intermediates have their own, and they hang below the issuing CA.
        params.name_constraints = Some(nc.clone());
    }
    match opts.constraints {
        Constraints::None => {}
        Constraints::Critical => params.name_constraints = Some(suite_name_constraints()),
        // rcgen always marks its name constraints critical: write the same value ourselves.
        Constraints::NonCritical => {
            params
                .custom_extensions
                .push(rcgen::CustomExtension::from_oid_content(
                    NAME_CONSTRAINTS_OID,
                    name_constraints_der(),
                ))
        }
    }
    if let Some(url) = &opts.crl_url {
        params.crl_distribution_points = vec![CrlDistributionPoint {
            uris: vec![url.clone()],
        }];
    }
    Ok(params)
}

/// rcgen's keyUsage bit for ours.
pub(crate) fn key_usage(bit: KeyUsage) -> KeyUsagePurpose {
    match bit {
        KeyUsage::DigitalSignature => KeyUsagePurpose::DigitalSignature,
        KeyUsage::KeyEncipherment => KeyUsagePurpose::KeyEncipherment,
        KeyUsage::KeyAgreement => KeyUsagePurpose::KeyAgreement,
        KeyUsage::KeyCertSign => KeyUsagePurpose::KeyCertSign,
        KeyUsage::CrlSign => KeyUsagePurpose::CrlSign,
    }
}

fn eku(e: Eku) -> ExtendedKeyUsagePurpose {
    match e {
        Eku::ServerAuth => ExtendedKeyUsagePurpose::ServerAuth,
        Eku::ClientAuth => ExtendedKeyUsagePurpose::ClientAuth,
    }
}

/// Name constraints from a scenario's DNS names and CIDR ranges (checked when it loaded).
pub fn scenario_name_constraints(
    spec: &crate::scenario::NameConstraintsSpec,
) -> Result<NameConstraints, PkiError> {
    let subtrees = |names: &[String]| names.iter().map(|n| subtree(n)).collect::<Result<_, _>>();
    Ok(NameConstraints {
        permitted_subtrees: subtrees(&spec.permitted)?,
        excluded_subtrees: subtrees(&spec.excluded)?,
    })
}

/// One subtree: `a.b` is a DNS name, `127.0.0.2/32` an IP range.
pub fn subtree(text: &str) -> Result<GeneralSubtree, PkiError> {
    let bad = || PkiError::Sign(format!("bad name constraint '{text}'"));
    match text.split_once('/') {
        Some((ip, prefix)) => {
            let prefix: u8 = prefix.parse().map_err(|_| bad())?;
            match ip.parse::<std::net::IpAddr>().map_err(|_| bad())? {
                std::net::IpAddr::V4(v4) if prefix <= 32 => Ok(GeneralSubtree::IpAddress(
                    CidrSubnet::from_v4_prefix(v4.octets(), prefix),
                )),
                std::net::IpAddr::V6(v6) if prefix <= 128 => Ok(GeneralSubtree::IpAddress(
                    CidrSubnet::from_v6_prefix(v6.octets(), prefix),
                )),
                _ => Err(bad()),
            }
        }
        None => Ok(GeneralSubtree::DnsName(text.to_string())),
    }
}

/// The suite's CAs may only issue for these: a client that applies name constraints on the CAs
/// it is given refuses anything else (see README "Safety" for which clients do).
fn suite_name_constraints() -> NameConstraints {
    NameConstraints {
        permitted_subtrees: vec![
            GeneralSubtree::DnsName("localhost".into()),
            GeneralSubtree::DnsName(super::SUITE_DOMAIN.into()),
            GeneralSubtree::IpAddress(CidrSubnet::from_v4_prefix([127, 0, 0, 0], 8)),
            GeneralSubtree::IpAddress(CidrSubnet::from_v6_prefix(
                std::net::Ipv6Addr::LOCALHOST.octets(),
                128,
            )),
        ],
        excluded_subtrees: vec![],
    }
}

/// id-ce-nameConstraints.
const NAME_CONSTRAINTS_OID: &[u64] = &[2, 5, 29, 30];

/// The DER value of the extension [`suite_name_constraints`] describes, as rcgen writes it:
/// `NameConstraints { permittedSubtrees [0] { dNSName, dNSName, iPAddress, iPAddress } }`.
fn name_constraints_der() -> Vec<u8> {
    let v4 = [127, 0, 0, 0, 255, 0, 0, 0];
    let mut v6 = [0u8; 32];
    v6[..16].copy_from_slice(&std::net::Ipv6Addr::LOCALHOST.octets());
    v6[16..].fill(0xff);
    let subtrees: Vec<u8> = [
        tlv(0x82, b"localhost"),
        tlv(0x82, super::SUITE_DOMAIN.as_bytes()),
        tlv(0x87, &v4),
        tlv(0x87, &v6),
    ]
    .iter()
    .flat_map(|base| tlv(0x30, base))
    .collect();
    tlv(0x30, &tlv(0xa0, &subtrees))
}

/// One DER tag-length-value (definite length, short or long form).
pub(super) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// A subject with our organisation and this common name (none when empty).
pub fn dn(common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::OrganizationName, "badtls");
    if !common_name.is_empty() {
        dn.push(DnType::CommonName, common_name);
    }
    dn
}

/// 16 random bytes with the top bit clear: positive, and unique enough to revoke by.
pub fn random_serial() -> Result<SerialNumber, PkiError> {
    let mut bytes = [0u8; 16];
    rustls::crypto::aws_lc_rs::default_provider()
        .secure_random
        .fill(&mut bytes)
        .map_err(|_| PkiError::Key("no randomness from the OS".into()))?;
    bytes[0] &= 0x7f;
    bytes[0] |= 0x01;
    Ok(SerialNumber::from_slice(&bytes))
}

/// Parameters for an end-entity certificate.
pub struct LeafOptions<'a> {
    pub common_name: &'a str,
    pub names: &'a [String],
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    pub server_auth: bool,
    pub client_auth: bool,
    pub rsa: bool,
    pub crl_url: Option<String>,
    pub unknown_critical_extension: bool,
    /// keyUsage bits instead of the default for the key.
    pub key_usage: Option<Vec<KeyUsage>>,
    /// No subject at all (the SAN is then critical).
    pub empty_subject: bool,
}

/// The private OID `1.3.6.1.4.1.55555.1.1` ("badtls test extension"): no client knows it.
pub const UNKNOWN_EXTENSION_OID: &[u64] = &[1, 3, 6, 1, 4, 1, 55555, 1, 1];

/// End-entity certificate parameters. The serial is returned so it can be revoked.
pub fn leaf_params(opts: &LeafOptions<'_>) -> Result<CertificateParams, PkiError> {
    let mut params = CertificateParams::default();
    params.distinguished_name = if opts.empty_subject {
        // rcgen marks the SAN critical when the subject is empty, as RFC 5280 4.2.1.6 asks.
        DistinguishedName::new()
    } else {
        dn(opts.common_name)
    };
    params.subject_alt_names = opts
        .names
        .iter()
        .map(|n| san(n))
        .collect::<Result<_, _>>()?;
    params.not_before = opts.not_before;
    params.not_after = opts.not_after;
    params.serial_number = Some(random_serial()?);
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = if let Some(bits) = &opts.key_usage {
        bits.iter().map(|b| key_usage(*b)).collect()
    } else if opts.rsa {
        vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ]
    } else {
        vec![KeyUsagePurpose::DigitalSignature]
    };
    if opts.server_auth {
        params
            .extended_key_usages
            .push(ExtendedKeyUsagePurpose::ServerAuth);
    }
    if opts.client_auth {
        params
            .extended_key_usages
            .push(ExtendedKeyUsagePurpose::ClientAuth);
    }
    params.use_authority_key_identifier_extension = true;
    if let Some(url) = &opts.crl_url {
        params.crl_distribution_points = vec![CrlDistributionPoint {
            uris: vec![url.clone()],
        }];
    }
    if opts.unknown_critical_extension {
        // DER NULL as the value: well-formed, meaningless.
        let mut ext =
            rcgen::CustomExtension::from_oid_content(UNKNOWN_EXTENSION_OID, vec![0x05, 0x00]);
        ext.set_criticality(true);
        params.custom_extensions.push(ext);
    }
    Ok(params)
}

/// A `dns:` prefix makes a DNS name of anything (`dns:127.0.0.1`, a name with a NUL in it).
pub(crate) const FORCE_DNS: &str = "dns:";

fn san(name: &str) -> Result<SanType, PkiError> {
    if let Some(forced) = name.strip_prefix(FORCE_DNS) {
        return forced
            .to_string()
            .try_into()
            .map(SanType::DnsName)
            .map_err(|e| PkiError::Sign(format!("bad DNS name '{}': {e}", forced.escape_debug())));
    }
    match name.parse::<std::net::IpAddr>() {
        Ok(ip) => Ok(SanType::IpAddress(ip)),
        Err(_) => name
            .to_string()
            .try_into()
            .map(SanType::DnsName)
            .map_err(|e| PkiError::Sign(format!("bad DNS name '{name}': {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (critical, value) of the name constraints extension of a CA made with `constraints`.
    fn name_constraints_of(constraints: Constraints) -> Option<(bool, Vec<u8>)> {
        let now = OffsetDateTime::now_utc();
        let ca = Authority::root(&CaOptions {
            common_name: "t",
            key_kind: KeyKind::EcdsaP256,
            not_before: now,
            not_after: now + time::Duration::days(1),
            ca: true,
            pathlen: None,
            constraints,
            crl_url: None,
            shape: CaShape::default(),
        })
        .expect("a CA");
        let (_, cert) = x509_parser::parse_x509_certificate(&ca.cert).expect("parses");
        let oid = x509_parser::oid_registry::OID_X509_EXT_NAME_CONSTRAINTS;
        cert.extensions()
            .iter()
            .find(|e| e.oid == oid)
            .map(|e| (e.critical, e.value.to_vec()))
    }

    #[test]
    fn non_critical_constraints_are_rcgens_constraints_without_the_flag() {
        let (critical, strict) = name_constraints_of(Constraints::Critical).expect("present");
        assert!(critical);
        let (critical, compat) = name_constraints_of(Constraints::NonCritical).expect("present");
        assert!(!critical);
        assert_eq!(compat, strict, "the same permitted subtrees, byte for byte");
        assert_eq!(name_constraints_of(Constraints::None), None);
    }

    #[test]
    fn der_lengths_use_the_long_form_from_128_bytes() {
        assert_eq!(tlv(0x04, &[7; 3]), [0x04, 3, 7, 7, 7]);
        let long = tlv(0x04, &[0; 300]);
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2c]);
        assert_eq!(long.len(), 304);
    }
}
