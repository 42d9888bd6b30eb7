//! What a run was run against: the suite's CA and its catalogue, as digests, so runs from
//! different machines can be told to belong together (same catalogue) or not.

use serde::{Deserialize, Serialize};

use badtls_contract::{Manifest, ManifestEndpoint};

/// The identity of the manifest a run used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestIdentity {
    /// The manifest format version.
    pub version: u32,
    /// SHA-256 of the CA certificate's DER, lower-case hex. Differs between suites that made
    /// their own CA (one `badtls serve` per CI runner); merging does not require it to match.
    pub ca_sha256: String,
    /// SHA-256 over every endpoint's id and expectation, in id order: two runs with the same
    /// digest judged the same scenarios against the same expectations. Merging requires it.
    pub catalogue_sha256: String,
    /// How many scenarios the catalogue has.
    pub scenarios: usize,
}

impl ManifestIdentity {
    /// The identity of `manifest`.
    pub fn of(manifest: &Manifest) -> ManifestIdentity {
        let ca_der = pem::parse(&manifest.ca_pem)
            .map(|p| p.contents().to_vec())
            .unwrap_or_else(|_| manifest.ca_pem.as_bytes().to_vec());
        ManifestIdentity {
            version: manifest.version,
            ca_sha256: hex(&openssl::sha::sha256(&ca_der)),
            catalogue_sha256: catalogue_digest(&manifest.endpoints),
            scenarios: manifest.endpoints.len(),
        }
    }
}

/// SHA-256 over `id NUL expectation-as-JSON NL` for each endpoint, sorted by id. Ports, host
/// names and summaries are left out: they differ between suites, the judgement does not.
pub fn catalogue_digest(endpoints: &[ManifestEndpoint]) -> String {
    let mut rows: Vec<String> = endpoints
        .iter()
        .map(|e| {
            let expect = serde_json::to_string(&e.expect).unwrap_or_default();
            format!("{}\0{expect}\n", e.id)
        })
        .collect();
    rows.sort();
    hex(&openssl::sha::sha256(rows.concat().as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
