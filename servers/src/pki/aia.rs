//! Authority Information Access (RFC 5280 §4.2.2.1): the caIssuers URL a client may fetch a
//! missing issuer from. `cert/incomplete-chain-aia` points it at the control port.

use super::authority::tlv;

/// id-pe-authorityInfoAccess, 1.3.6.1.5.5.7.1.1.
const AIA_OID: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 1];
/// id-ad-caIssuers, 1.3.6.1.5.5.7.48.2, DER-encoded.
const CA_ISSUERS_DER: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02];

/// Where the control port serves the issuing CA's certificate (DER) for AIA, given the CRL base
/// URL (`http://HOST:PORT/crl`).
pub fn issuing_url(crl_base: &str) -> String {
    let control = crl_base.strip_suffix("/crl").unwrap_or(crl_base);
    format!("{control}/aia/issuing.der")
}

/// A non-critical AIA extension with one caIssuers URL.
pub fn extension(url: &str) -> rcgen::CustomExtension {
    // AccessDescription ::= SEQUENCE { accessMethod OID, accessLocation [6] IA5String (URI) }.
    let mut description = CA_ISSUERS_DER.to_vec();
    description.extend(tlv(0x86, url.as_bytes()));
    let value = tlv(0x30, &tlv(0x30, &description));
    rcgen::CustomExtension::from_oid_content(AIA_OID, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_is_beside_the_crls_on_the_control_port() {
        assert_eq!(
            issuing_url("http://127.0.0.1:9400/crl"),
            "http://127.0.0.1:9400/aia/issuing.der"
        );
    }

    #[test]
    fn x509_parser_reads_the_ca_issuers_url() {
        use x509_parser::extensions::{GeneralName, ParsedExtension};
        let mut params = rcgen::CertificateParams::new(vec!["localhost".into()]).expect("params");
        params
            .custom_extensions
            .push(extension("http://127.0.0.1:1/aia/issuing.der"));
        let key = rcgen::KeyPair::generate().expect("key");
        let cert = params.self_signed(&key).expect("signed");
        let (_, parsed) = x509_parser::parse_x509_certificate(cert.der()).expect("parses");
        let found: Vec<String> = parsed
            .extensions()
            .iter()
            .filter_map(|e| match e.parsed_extension() {
                ParsedExtension::AuthorityInfoAccess(aia) => Some(aia),
                _ => None,
            })
            .flat_map(|aia| aia.accessdescs.iter())
            .filter_map(|d| match &d.access_location {
                GeneralName::URI(u) => Some(u.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(found, ["http://127.0.0.1:1/aia/issuing.der"]);
    }
}
