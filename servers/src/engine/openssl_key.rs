//! A rustls signing key backed by OpenSSL, for server keys aws-lc-rs refuses to load
//! (RSA-1024: it insists on 2048 bits or more). The handshake stays rustls'; only the
//! CertificateVerify / ServerKeyExchange signature is made by OpenSSL.

use std::sync::Arc;

use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Padding;
use openssl::sign::{RsaPssSaltlen, Signer as OpensslSigner};
use rustls::sign::{Signer, SigningKey};
use rustls::{SignatureAlgorithm, SignatureScheme};

/// An RSA private key held by OpenSSL.
#[derive(Debug)]
pub struct OpensslRsaKey {
    key: Arc<PKey<Private>>,
}

impl OpensslRsaKey {
    /// Load an RSA key from PKCS#8 DER.
    pub fn from_pkcs8(der: &[u8]) -> Result<OpensslRsaKey, openssl::error::ErrorStack> {
        let key = PKey::private_key_from_pkcs8(der)?;
        key.rsa()?; // refuse anything that is not RSA
        Ok(OpensslRsaKey { key: Arc::new(key) })
    }
}

/// Schemes we can sign with, in preference order. PSS first: TLS 1.3 allows nothing else.
const SCHEMES: &[SignatureScheme] = &[
    SignatureScheme::RSA_PSS_SHA256,
    SignatureScheme::RSA_PSS_SHA384,
    SignatureScheme::RSA_PKCS1_SHA256,
    SignatureScheme::RSA_PKCS1_SHA384,
];

impl SigningKey for OpensslRsaKey {
    fn choose_scheme(&self, offered: &[SignatureScheme]) -> Option<Box<dyn Signer>> {
        SCHEMES.iter().find(|s| offered.contains(s)).map(|&scheme| {
            Box::new(OpensslRsaSigner {
                key: self.key.clone(),
                scheme,
            }) as Box<dyn Signer>
        })
    }

    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::RSA
    }
}

#[derive(Debug)]
struct OpensslRsaSigner {
    key: Arc<PKey<Private>>,
    scheme: SignatureScheme,
}

impl Signer for OpensslRsaSigner {
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, rustls::Error> {
        let (md, pss) = match self.scheme {
            SignatureScheme::RSA_PSS_SHA256 => (MessageDigest::sha256(), true),
            SignatureScheme::RSA_PSS_SHA384 => (MessageDigest::sha384(), true),
            SignatureScheme::RSA_PKCS1_SHA384 => (MessageDigest::sha384(), false),
            _ => (MessageDigest::sha256(), false),
        };
        let sign = || -> Result<Vec<u8>, openssl::error::ErrorStack> {
            let mut signer = OpensslSigner::new(md, &self.key)?;
            if pss {
                signer.set_rsa_padding(Padding::PKCS1_PSS)?;
                signer.set_rsa_pss_saltlen(RsaPssSaltlen::DIGEST_LENGTH)?;
                signer.set_rsa_mgf1_md(md)?;
            }
            signer.sign_oneshot_to_vec(message)
        };
        sign().map_err(|e| rustls::Error::General(format!("OpenSSL signature failed: {e}")))
    }

    fn scheme(&self) -> SignatureScheme {
        self.scheme
    }
}
