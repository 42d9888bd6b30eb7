//! `badtls ca`: print the CA certificate of a running suite, a state directory, or a fresh PKI.

use std::path::PathBuf;

use clap::Args;

#[derive(Args)]
pub struct CaArgs {
    /// The control URL of a running suite, e.g. http://127.0.0.1:8443 (from its ready line).
    #[arg(long, value_name = "URL", conflicts_with = "state_dir")]
    control: Option<String>,
    /// A state directory: print its CA, making one there if it has none.
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,
    /// The CA profile to make (or find in --state-dir): strict or compat, as for `serve`.
    #[arg(
        long,
        default_value = "strict",
        value_name = "strict|compat",
        conflicts_with = "control"
    )]
    ca_profile: badtls::CaProfile,
}

pub fn run(args: CaArgs) -> anyhow::Result<()> {
    let pem = match (&args.control, &args.state_dir) {
        (Some(url), _) => fetch_ca(url)?,
        (None, dir) => {
            let pki = badtls_servers::pki::Pki::new(&badtls_servers::pki::PkiOptions {
                now: time::OffsetDateTime::now_utc(),
                crl_base: "http://127.0.0.1/crl".into(),
                state_dir: dir.as_deref(),
                profile: args.ca_profile,
                key_cache: badtls_servers::pki::KeyCache::Off,
            })?;
            pki.ca_pem()
        }
    };
    super::emit(&pem);
    Ok(())
}

fn fetch_ca(url: &str) -> anyhow::Result<String> {
    Ok(badtls_servers::control_client::get(&format!(
        "{}/ca.pem",
        url.trim_end_matches('/')
    ))?)
}
