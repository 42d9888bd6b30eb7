//! What the server does for a client that sends no SNI, compared with the mainstream connection.

use super::budget::Budget;
use super::chain;
use super::conn::{connect, Attempt, Outcome};
use super::Options;

/// What the server does without SNI, compared with the mainstream connection.
pub(super) fn sni_behaviour(
    opts: &Options,
    is_ip: bool,
    main: &Outcome,
    budget: &mut Budget,
) -> Option<String> {
    if is_ip {
        return Some("no SNI sent: the URL names an IP address".into());
    }
    if !main.handshake {
        return None;
    }
    let t = budget.take()?;
    let mut a = Attempt::mainstream(false, None);
    a.request = false;
    let o = connect(&opts.host, opts.addr, &a, opts.client_identity.as_ref(), t);
    Some(match (o.handshake, o.chain.first(), main.chain.first()) {
        (true, Some(a), Some(b)) if a == b => {
            "without SNI the server sends the same certificate".into()
        }
        (true, Some(a), _) => {
            let subject = chain::cert_info(0, a, 0)
                .map(|c| c.subject)
                .unwrap_or_default();
            format!("without SNI the server sends another certificate ({subject}): clients that send no SNI see that one")
        }
        (true, None, _) => "without SNI the server sends no certificate".into(),
        (false, _, _) => format!(
            "without SNI the server refuses: {}",
            o.error.unwrap_or_default()
        ),
    })
}
