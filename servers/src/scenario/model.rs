//! The typed scenario model: what one `[[scenario]]` table in a catalogue file means.
//!
//! Every struct denies unknown fields, so a typo in a scenario file is an error that names the
//! field, never a silently ignored setting.

use serde::Deserialize;

use badtls_contract::Expectation;

use super::offset::Offset;

/// One endpoint of the suite: what certificates to make, how to serve them, what a client should do.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable, namespaced id: `category/name`, e.g. `cert/expired`.
    pub id: String,
    /// One line for lists and reports.
    pub summary: String,
    /// Cause and fix, for humans.
    #[serde(default)]
    pub explain: String,
    #[serde(default)]
    pub pki: PkiSpec,
    #[serde(default)]
    pub tls: TlsSpec,
    #[serde(default)]
    pub client: ClientSpec,
    pub expect: Expectation,
    /// What a permissive client negotiates (legacy scenarios); checked by the probe.
    #[serde(default)]
    pub negotiates: Negotiates,
}

/// How a client should connect.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientSpec {
    /// The host name the client uses (and sends as SNI when it is a name).
    #[serde(default)]
    pub host: HostSpec,
    /// The client presents the suite's client identity.
    #[serde(default)]
    pub present_cert: bool,
    /// Which identity the client presents (with `present_cert`): the good one, or one the
    /// server must refuse.
    #[serde(default)]
    pub identity: ClientIdentity,
    /// Connect to this name under `.badtls.test` instead (resolved to the bind address, sent
    /// as SNI): host-name scenarios that need a name other than the endpoint's SNI name.
    #[serde(default)]
    pub name: Option<String>,
}

/// Which name a client connects to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub enum HostSpec {
    /// `localhost`.
    #[default]
    #[serde(rename = "localhost")]
    Localhost,
    /// The IPv4 loopback address: clients send no SNI.
    #[serde(rename = "127.0.0.1")]
    Ipv4,
    /// The endpoint's SNI name, `<id with / as ->.badtls.test`, resolved to the bind address.
    #[serde(rename = "sni")]
    Sni,
}

/// Key algorithms a certificate can carry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, schemars::JsonSchema)]
pub enum KeyKind {
    #[default]
    #[serde(rename = "ecdsa-p256")]
    EcdsaP256,
    #[serde(rename = "ecdsa-p384")]
    EcdsaP384,
    #[serde(rename = "rsa1024")]
    Rsa1024,
    #[serde(rename = "rsa2048")]
    Rsa2048,
    #[serde(rename = "rsa4096")]
    Rsa4096,
    /// Slow to make (seconds): like RSA-4096, made after `ready` and kept in the key cache.
    #[serde(rename = "rsa8192")]
    Rsa8192,
}

impl KeyKind {
    pub fn is_rsa(self) -> bool {
        matches!(
            self,
            KeyKind::Rsa1024 | KeyKind::Rsa2048 | KeyKind::Rsa4096 | KeyKind::Rsa8192
        )
    }

    /// Whether only OpenSSL makes (and signs with) this key: aws-lc-rs takes RSA keys of 2048
    /// to 4096 bits.
    pub fn needs_openssl(self) -> bool {
        matches!(self, KeyKind::Rsa1024 | KeyKind::Rsa8192)
    }
}

/// The digest a certificate is signed with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Digest {
    /// SHA-256 (or the issuer key's natural hash for ECDSA P-384).
    #[default]
    Sha256,
    /// sha1WithRSAEncryption: needs an RSA issuer; signed through OpenSSL.
    Sha1,
    /// md5WithRSAEncryption: needs an RSA issuer; signed through OpenSSL.
    Md5,
    /// sha384WithRSAEncryption: needs an RSA issuer; signed through OpenSSL.
    Sha384,
    /// sha512WithRSAEncryption: needs an RSA issuer; signed through OpenSSL.
    Sha512,
}

impl Digest {
    /// Whether this digest is signed through OpenSSL (rcgen signs SHA-256 only here).
    pub fn needs_openssl(self) -> bool {
        self != Digest::Sha256
    }
}

/// Extended key usages a leaf can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Eku {
    ServerAuth,
    ClientAuth,
}

/// Who signs the chain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RootSpec {
    /// The suite's name-constrained root, which clients trust.
    #[default]
    Suite,
    /// A second root that no client trusts.
    Untrusted,
    /// No issuer: the leaf is self-signed.
    None,
}

/// Which certificates the server sends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SendSpec {
    /// Leaf, then intermediates from the leaf's issuer upwards.
    #[default]
    Chain,
    /// The leaf alone.
    Leaf,
    /// The chain followed by the root itself.
    ChainAndRoot,
    /// The chain, then the suite root cross-signed by an old root that has expired: the suite
    /// root's subject and key in a certificate the old root signed (suite root only).
    ChainAndCrossSignedRoot,
    /// Leaf, then the intermediates in reverse (top-most first).
    Reversed,
}

/// What certificates to make for a scenario.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PkiSpec {
    #[serde(default)]
    pub leaf: LeafSpec,
    /// Intermediates from the root down to the leaf's issuer. Absent: the suite's shared
    /// intermediate (or, under an untrusted root, one intermediate of that root).
    #[serde(default)]
    pub intermediates: Option<Vec<IntermediateSpec>>,
    #[serde(default)]
    pub root: RootSpec,
    #[serde(default)]
    pub send: SendSpec,
}

/// The leaf certificate.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeafSpec {
    #[serde(default)]
    pub key: KeyKind,
    #[serde(default = "LeafSpec::default_not_before")]
    pub not_before: Offset,
    #[serde(default = "LeafSpec::default_not_after")]
    pub not_after: Offset,
    /// subjectAltNames (DNS names or IP addresses). Absent: the suite's good names
    /// (`localhost`, `*.badtls.test`, `127.0.0.1`, `::1`). Empty: no SAN extension at all.
    #[serde(default)]
    pub names: Option<Vec<String>>,
    /// Subject common name; absent: the first plain DNS name (not an IP, wildcard or `dns:`
    /// name), else no CN at all.
    #[serde(default)]
    pub cn: Option<String>,
    /// Extended key usages; absent: serverAuth.
    #[serde(default)]
    pub eku: Option<Vec<Eku>>,
    #[serde(default)]
    pub digest: Digest,
    /// Pad the SAN list with this many generated `nNNNN.badtls.test` names.
    #[serde(default)]
    pub extra_names: u32,
    /// Add a critical extension with a private OID no client understands.
    #[serde(default)]
    pub unknown_critical_extension: bool,
    /// List the leaf on its issuer's CRL and point a CRL distribution point at the control port.
    #[serde(default)]
    pub revoked: bool,
    /// Add an Authority Information Access caIssuers URL naming the issuer's certificate (DER)
    /// on the control port.
    #[serde(default)]
    pub aia: bool,
    /// keyUsage bits; absent: digitalSignature (and keyEncipherment for RSA).
    #[serde(default)]
    pub key_usage: Option<Vec<KeyUsage>>,
    /// An empty subject (no O, no CN): the subjectAltName is then marked critical (RFC 5280).
    #[serde(default)]
    pub empty_subject: bool,
}

impl LeafSpec {
    fn default_not_before() -> Offset {
        Offset::days(-1)
    }
    fn default_not_after() -> Offset {
        Offset::days(90)
    }
}

impl Default for LeafSpec {
    fn default() -> Self {
        LeafSpec {
            key: KeyKind::default(),
            not_before: Self::default_not_before(),
            not_after: Self::default_not_after(),
            names: None,
            cn: None,
            eku: None,
            digest: Digest::default(),
            extra_names: 0,
            unknown_critical_extension: false,
            revoked: false,
            aia: false,
            key_usage: None,
            empty_subject: false,
        }
    }
}

/// One intermediate CA.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IntermediateSpec {
    #[serde(default)]
    pub key: KeyKind,
    #[serde(default = "IntermediateSpec::default_not_before")]
    pub not_before: Offset,
    #[serde(default = "IntermediateSpec::default_not_after")]
    pub not_after: Offset,
    /// basicConstraints CA flag; `false` makes a certificate that signs although it may not.
    #[serde(default = "IntermediateSpec::default_ca")]
    pub ca: bool,
    /// basicConstraints pathLenConstraint.
    #[serde(default)]
    pub pathlen: Option<u8>,
    /// `false` leaves basicConstraints out altogether (RFC 5280: then it is not a CA).
    #[serde(default = "IntermediateSpec::default_ca")]
    pub basic_constraints: bool,
    /// The digest its issuer signs it with; other than SHA-256 needs an RSA issuer above it.
    #[serde(default)]
    pub digest: Digest,
    /// keyUsage bits; absent: keyCertSign, cRLSign, digitalSignature.
    #[serde(default)]
    pub key_usage: Option<Vec<KeyUsage>>,
    /// extendedKeyUsage; absent: none (any purpose).
    #[serde(default)]
    pub eku: Option<Vec<Eku>>,
    /// Name constraints of its own, below the suite's.
    #[serde(default)]
    pub name_constraints: Option<NameConstraintsSpec>,
}

/// keyUsage bits a certificate can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum KeyUsage {
    DigitalSignature,
    KeyEncipherment,
    KeyAgreement,
    KeyCertSign,
    CrlSign,
}

/// Name constraints on a scenario intermediate: DNS names (`badtls.test`) or IP ranges in CIDR
/// form (`127.0.0.2/32`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameConstraintsSpec {
    #[serde(default)]
    pub permitted: Vec<String>,
    #[serde(default)]
    pub excluded: Vec<String>,
}

impl IntermediateSpec {
    fn default_ca() -> bool {
        true
    }
    fn default_not_before() -> Offset {
        Offset::days(-1)
    }
    fn default_not_after() -> Offset {
        Offset::days(3650)
    }
}

/// Which engine serves the scenario.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// rustls: TLS 1.2 and 1.3 with modern suites.
    #[default]
    Rustls,
    /// No TLS at all: a transport fault.
    Raw,
    /// The vendored OpenSSL: old protocols, weak ciphers, weak DH.
    Openssl,
}

/// TLS protocol versions a scenario may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, schemars::JsonSchema)]
pub enum TlsVersion {
    #[serde(rename = "ssl3")]
    Ssl3,
    #[serde(rename = "1.0")]
    Tls10,
    #[serde(rename = "1.1")]
    Tls11,
    #[serde(rename = "1.2")]
    Tls12,
    #[serde(rename = "1.3")]
    Tls13,
}

impl TlsVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            TlsVersion::Ssl3 => "ssl3",
            TlsVersion::Tls10 => "1.0",
            TlsVersion::Tls11 => "1.1",
            TlsVersion::Tls12 => "1.2",
            TlsVersion::Tls13 => "1.3",
        }
    }
}

/// Client certificate policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClientAuth {
    #[default]
    None,
    /// The client must present a certificate issued by the suite CA.
    Required,
}

/// Deliberate misbehaviour of the connection itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Fault {
    /// (raw) Answer the ClientHello with a plain HTTP/1.1 400 response.
    PlainHttp,
    /// (raw) Send an SSH banner as soon as the connection is accepted.
    ServerSpeaksFirst,
    /// (raw) Read the ClientHello, then close cleanly (FIN).
    CloseAfterHello,
    /// (raw) Read the ClientHello, then reset the connection (RST).
    Reset,
    /// (raw) Accept and read, never answer.
    Hang,
    /// (rustls) Complete the handshake, then cut the response body short of its Content-Length
    /// and close TCP without close_notify.
    Truncated,
    /// (rustls) Complete the handshake, answer with a body delimited by the connection's end (no
    /// Content-Length), then close TCP without close_notify.
    NoCloseNotify,
    /// (rustls) Send the first record of the server's flight (the ServerHello), then nothing.
    HangAfterServerHello,
    /// (rustls) Complete the handshake, read the request, never answer.
    HangAfterHandshake,
    /// (rustls) Complete the handshake, then trickle the answer a byte at a time, never
    /// finishing it; bounded by the drip limits.
    SlowDrip,
    /// (rustls) Close on a ClientHello that offers TLS 1.3; serve a TLS 1.2-only hello.
    Tls13Intolerant,
    /// (rustls) Sign the handshake with a key that is not the certificate's.
    KeyMismatch,
    /// (raw) The port is bound but never listens: every connection is refused.
    Refused,
}

impl Fault {
    /// The engine a fault belongs to.
    pub fn engine(self) -> Engine {
        match self {
            Fault::Truncated
            | Fault::NoCloseNotify
            | Fault::HangAfterServerHello
            | Fault::HangAfterHandshake
            | Fault::SlowDrip
            | Fault::Tls13Intolerant
            | Fault::KeyMismatch => Engine::Rustls,
            Fault::PlainHttp
            | Fault::ServerSpeaksFirst
            | Fault::CloseAfterHello
            | Fault::Reset
            | Fault::Hang
            | Fault::Refused => Engine::Raw,
        }
    }
}

/// How the endpoint serves.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TlsSpec {
    #[serde(default)]
    pub engine: Engine,
    #[serde(default = "TlsSpec::default_versions")]
    pub versions: Vec<TlsVersion>,
    /// ALPN protocols the server accepts; absent: `h2`, `http/1.1`.
    #[serde(default)]
    pub alpn: Option<Vec<String>>,
    #[serde(default)]
    pub client_auth: ClientAuth,
    /// Refuse (alert unrecognized_name) handshakes that carry no SNI.
    #[serde(default)]
    pub require_sni: bool,
    #[serde(default)]
    pub fault: Option<Fault>,
    /// (openssl) Cipher list for TLS 1.2 and below, in OpenSSL syntax.
    #[serde(default)]
    pub ciphers: Option<String>,
    /// (openssl) TLS 1.3 cipher suites, in OpenSSL syntax.
    #[serde(default)]
    pub ciphersuites: Option<String>,
    /// (openssl) Finite-field Diffie-Hellman group size for DHE suites: 512, 1024 or 2048.
    #[serde(default)]
    pub dh_bits: Option<u32>,
    /// (openssl) OpenSSL security level; 0 lets everything through.
    #[serde(default)]
    pub security_level: u8,
}

/// What a client that allows it negotiates with this endpoint: checked by the probe tests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Negotiates {
    /// Protocol as OpenSSL names it: `SSLv3`, `TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`.
    #[serde(default)]
    pub protocol: Option<String>,
    /// Cipher as OpenSSL names it, e.g. `RC4-SHA`.
    #[serde(default)]
    pub cipher: Option<String>,
    /// Size of the server's ephemeral finite-field DH key.
    #[serde(default)]
    pub dh_bits: Option<u32>,
}

impl TlsSpec {
    fn default_versions() -> Vec<TlsVersion> {
        vec![TlsVersion::Tls12, TlsVersion::Tls13]
    }
}

impl Default for TlsSpec {
    fn default() -> Self {
        TlsSpec {
            engine: Engine::default(),
            versions: Self::default_versions(),
            alpn: None,
            client_auth: ClientAuth::default(),
            require_sni: false,
            fault: None,
            ciphers: None,
            ciphersuites: None,
            dh_bits: None,
            security_level: 0,
        }
    }
}

impl Scenario {
    /// Whether serving this scenario takes the crate's `openssl` feature: the OpenSSL engine,
    /// a signature other than SHA-256 (SHA-1, MD5, ...), or an RSA key size only OpenSSL makes.
    pub fn needs_openssl(&self) -> bool {
        let pki = &self.pki;
        self.tls.engine == Engine::Openssl
            || pki.leaf.key.needs_openssl()
            || pki.leaf.digest.needs_openssl()
            || pki
                .intermediates
                .iter()
                .flatten()
                .any(|i| i.key.needs_openssl() || i.digest.needs_openssl())
    }

    /// The category: the part of the id before the first `/`.
    pub fn category(&self) -> &str {
        self.id.split_once('/').map_or(&self.id, |(c, _)| c)
    }

    /// The SNI name on the shared port: `cert/expired` → `cert-expired.badtls.test`.
    pub fn sni_name(&self) -> String {
        let label: String = self
            .id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        format!("{label}.{}", crate::pki::SUITE_DOMAIN)
    }

    /// Whether this is a control: an endpoint every sane client must accept.
    pub fn is_control(&self) -> bool {
        self.category() == "good"
    }
}

impl Default for IntermediateSpec {
    fn default() -> Self {
        IntermediateSpec {
            key: KeyKind::default(),
            not_before: Self::default_not_before(),
            not_after: Self::default_not_after(),
            ca: true,
            pathlen: None,
            basic_constraints: true,
            digest: Digest::default(),
            key_usage: None,
            eku: None,
            name_constraints: None,
        }
    }
}

/// The client identity a scenario asks the client to present.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ClientIdentity {
    /// The suite's good client identity (issuing CA, clientAuth, valid).
    #[default]
    Suite,
    /// Issued by the issuing CA, clientAuth, but expired.
    Expired,
    /// Valid and clientAuth, but issued by the untrusted root's intermediate.
    Untrusted,
    /// Issued by the issuing CA and valid, but its EKU is serverAuth only.
    WrongEku,
}

impl ClientIdentity {
    /// Every bad identity the control port serves.
    pub const BAD: [ClientIdentity; 3] = [
        ClientIdentity::Expired,
        ClientIdentity::Untrusted,
        ClientIdentity::WrongEku,
    ];

    /// The name in scenario files and in the control port's URLs (`/client/<name>.pem`).
    pub fn as_str(self) -> &'static str {
        match self {
            ClientIdentity::Suite => "suite",
            ClientIdentity::Expired => "expired",
            ClientIdentity::Untrusted => "untrusted",
            ClientIdentity::WrongEku => "wrong-eku",
        }
    }
}
