//! The strategy for PKI cases: a good case over the PKI part of the schema, then bent to have
//! exactly the intended fault, with a chain shape the loader accepts.

use badtls_servers::pki::good_names;
use proptest::prelude::*;
use proptest::sample::select;

use super::offsets::{far_window, invalid_window, valid_window, Off, DAY, YEAR};
use super::pki_case::{covers, inside_constraints, Fault, PkiCase};
use super::scenario_gen::Inter;

/// Names a good leaf may carry (all inside the suite root's name constraints).
const NAME_POOL: &[&str] = &[
    "localhost",
    "a.badtls.test",
    "b.badtls.test",
    "*.badtls.test",
    "badtls.test",
    "x-1.badtls.test",
    "127.0.0.1",
    "127.1.2.3",
    "::1",
];
/// Names a client may connect to.
const TARGETS: &[&str] = &[
    "localhost",
    "a.badtls.test",
    "c.badtls.test",
    "badtls.test",
    "x-1.badtls.test",
    "n00001.badtls.test",
    "127.0.0.1",
    "127.1.2.3",
    "::1",
];
/// Names outside the suite root's constraints (some only just).
const OUTSIDE: &[&str] = &[
    "example.com",
    "*.example.org",
    "notbadtls.test",
    "badtls.test.example",
    "localhost.example",
    "10.0.0.1",
    "::2",
];

/// A harmless intermediate: ECDSA, valid now, a CA, with a pathLen slack or none.
fn good_inter() -> impl Strategy<Value = Inter> {
    (
        select(vec!["ecdsa-p256", "ecdsa-p384"]),
        valid_window(),
        proptest::option::of(0u8..3),
    )
        .prop_map(|(key, (nb, na), slack)| Inter {
            key,
            nb,
            na,
            ca: true,
            // Turned into "enough for what is below" once the chain's length is known.
            pathlen: slack,
        })
}

/// No fault (2 in 5), or one of the faults.
fn fault() -> impl Strategy<Value = Fault> {
    use Fault::*;
    prop_oneof![
        2 => Just(None),
        3 => select(vec![
            LeafExpired,
            LeafNotYetValid,
            IntermediateExpired,
            IntermediateNotYetValid,
            IntermediateNotCa,
            PathLen,
            UntrustedRoot,
            SelfSigned,
            IncompleteChain,
            WrongHost,
            NoSan,
            NameConstraints,
            ClientAuthOnly,
            UnknownCriticalExtension,
        ]),
    ]
}

/// A case on a random suite clock (2000 to 2090), with at most one intended fault, settled into
/// a chain shape the loader accepts and given a host to connect to.
pub fn pki_case() -> impl Strategy<Value = PkiCase> {
    let clock = (946_684_800i64..3_786_912_000, 0u32..1_000_000_000);
    let leaf = (
        prop_oneof![4 => Just("ecdsa-p256"), 2 => Just("ecdsa-p384"), 1 => Just("rsa2048")],
        prop_oneof![6 => valid_window(), 1 => far_window()],
        proptest::option::of(
            proptest::sample::subsequence(NAME_POOL.to_vec(), 1..=4).prop_shuffle(),
        ),
        0u32..=3,
        proptest::option::of(select(vec![
            "localhost",
            "badtls leaf",
            "a.badtls.test",
            "",
        ])),
        select(vec![
            None,
            Some(vec!["server-auth"]),
            Some(vec!["server-auth", "client-auth"]),
            Some(vec!["client-auth", "server-auth"]),
            Some(vec![]),
        ]),
        any::<bool>(),
    );
    let chain = (
        proptest::option::of(proptest::collection::vec(good_inter(), 0..=3)),
        select(vec!["chain", "chain", "reversed", "chain-and-root"]),
        any::<prop::sample::Index>(),
    );
    let faulty = (
        fault(),
        any::<prop::sample::Index>(),
        invalid_window(true),
        invalid_window(false),
        select(OUTSIDE.to_vec()),
        any::<bool>(),
        select(vec!["sha256", "sha1", "md5"]),
    );
    (clock, leaf, chain, faulty).prop_map(|(clock, leaf, chain, faulty)| {
        let ((now_secs, now_nanos), (key, (nb, na), names, extra, cn, eku, revoked)) =
            (clock, leaf);
        let (inters, send, target_pick) = chain;
        let (fault, pick, past, future, outside, flag, digest) = faulty;
        let mut c = PkiCase {
            now_secs,
            now_nanos,
            key,
            nb,
            na,
            names: names.map(|n| n.into_iter().map(str::to_string).collect()),
            extra,
            cn,
            eku,
            unknown: false,
            revoked,
            digest: "sha256",
            root: "suite",
            send,
            inters,
            target: String::new(),
            fault,
        };
        let leaf_is_far = c.nb.secs < -20 * YEAR;
        if fault != Fault::None && leaf_is_far {
            // Far windows stand alone: before 1970 is a fault of its own for webpki.
            c.nb = Off {
                text: "-1d".into(),
                secs: -DAY,
            };
            c.na = Off {
                text: "90d".into(),
                secs: 90 * DAY,
            };
        }
        apply_fault(&mut c, pick, past, future, outside, flag, digest);
        settle_chain(&mut c);
        c.target = choose_target(&c, target_pick);
        c
    })
}

/// Bend a good case into one with exactly the intended fault.
fn apply_fault(
    c: &mut PkiCase,
    pick: prop::sample::Index,
    past: (Off, Off),
    future: (Off, Off),
    outside: &str,
    flag: bool,
    digest: &'static str,
) {
    let need_inters = |c: &mut PkiCase, at_least: usize| {
        let inters = c.inters.get_or_insert_with(Vec::new);
        while inters.len() < at_least {
            inters.push(Inter {
                key: "ecdsa-p256",
                nb: Off {
                    text: "-1d".into(),
                    secs: -DAY,
                },
                na: Off {
                    text: "+3650d".into(),
                    secs: 3650 * DAY,
                },
                ca: true,
                pathlen: None,
            });
        }
    };
    match c.fault {
        Fault::None => {}
        Fault::LeafExpired => (c.nb, c.na) = past,
        Fault::LeafNotYetValid => (c.nb, c.na) = future,
        Fault::IntermediateExpired | Fault::IntermediateNotYetValid => {
            need_inters(c, 1);
            let inters = c.inters.as_mut().expect("just made");
            let i = pick.index(inters.len());
            (inters[i].nb, inters[i].na) = if c.fault == Fault::IntermediateExpired {
                past
            } else {
                future
            };
        }
        Fault::IntermediateNotCa => {
            need_inters(c, 1);
            let inters = c.inters.as_mut().expect("just made");
            let i = pick.index(inters.len());
            inters[i].ca = false;
        }
        Fault::PathLen => {
            need_inters(c, 2);
            let inters = c.inters.as_mut().expect("just made");
            // Only a CA with another CA below it can have too small a pathLen.
            let i = pick.index(inters.len() - 1);
            let below = inters.len() - 1 - i;
            // The others lose their pathLen: a generated slack of 0 on a second CA would be
            // read as a second deliberate fault by `settle_chain`.
            for inter in inters.iter_mut() {
                inter.pathlen = None;
            }
            inters[i].pathlen = Some(u8::try_from(pick.index(below)).expect("small"));
            inters[i].ca = true;
        }
        Fault::UntrustedRoot => {
            c.root = "untrusted";
            if flag {
                c.send = "leaf";
            }
        }
        Fault::SelfSigned => {
            c.root = "none";
            c.inters = flag.then(Vec::new);
            c.send = if flag { "leaf" } else { "chain" };
            if digest != "sha256" {
                // rcgen will not sign SHA-1/MD5: this leaf goes through OpenSSL instead.
                c.key = "rsa2048";
                c.digest = digest;
                c.eku = None;
            }
        }
        Fault::IncompleteChain => {
            c.send = "leaf";
            if c.inters.as_ref().is_some_and(Vec::is_empty) {
                c.inters = None;
            }
        }
        Fault::WrongHost => {
            let uncovered = |c: &PkiCase| {
                let sans = c.sans();
                TARGETS.iter().any(|t| !sans.iter().any(|n| covers(n, t)))
            };
            if !uncovered(c) {
                c.names = Some(vec!["b.badtls.test".into()]);
            }
        }
        Fault::NoSan => {
            c.names = Some(Vec::new());
            c.extra = 0;
            c.cn = Some("localhost");
        }
        Fault::NameConstraints => {
            let mut names = c.names.clone().unwrap_or_else(good_names);
            names.insert(pick.index(names.len() + 1), outside.to_string());
            c.names = Some(names);
        }
        Fault::ClientAuthOnly => c.eku = Some(vec!["client-auth"]),
        Fault::UnknownCriticalExtension => c.unknown = true,
    }
}

/// Make the chain shape legal and otherwise harmless: pathLens that fit, `reversed` only with
/// two intermediates, revocation only where the loader allows it.
fn settle_chain(c: &mut PkiCase) {
    if let Some(inters) = c.inters.as_mut() {
        let len = inters.len();
        for (i, inter) in inters.iter_mut().enumerate() {
            let below = len - 1 - i;
            let deliberate =
                c.fault == Fault::PathLen && inter.pathlen.is_some_and(|p| usize::from(p) < below);
            if !deliberate {
                inter.pathlen = inter
                    .pathlen
                    .map(|slack| u8::try_from(below).expect("small").saturating_add(slack));
            }
        }
    }
    if c.root == "none" {
        c.inters = c.inters.take().filter(Vec::is_empty);
        if c.send != "leaf" {
            c.send = "chain";
        }
    }
    if c.send == "reversed" && c.inters.as_ref().is_none_or(|i| i.len() < 2) {
        c.send = "chain";
    }
    if c.fault != Fault::IncompleteChain && c.send == "leaf" && c.root == "suite" {
        c.send = "chain";
    }
    c.revoked = c.revoked && c.root == "suite" && c.inters.is_none();
}

/// A host to connect to: one the leaf covers, unless the fault is about the host name.
fn choose_target(c: &PkiCase, pick: prop::sample::Index) -> String {
    let sans = c.sans();
    let mut candidates: Vec<String> = TARGETS.iter().map(|t| t.to_string()).collect();
    candidates.extend(sans.iter().filter(|n| !n.starts_with('*')).cloned());
    let wrong_host = matches!(c.fault, Fault::WrongHost | Fault::NoSan);
    let fitting: Vec<String> = candidates
        .into_iter()
        .filter(|t| sans.iter().any(|n| covers(n, t)) != wrong_host)
        .filter(|t| inside_constraints(t))
        .collect();
    fitting[pick.index(fitting.len())].clone()
}
