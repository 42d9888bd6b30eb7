//! Time offsets as scenario files write them (`-30d`, `+1y`, `now`), with their meaning in
//! seconds, and validity windows drawn from them.

use proptest::prelude::*;
use proptest::sample::select;

const MINUTE: i64 = 60;
const HOUR: i64 = 3_600;
/// Seconds in a day.
pub const DAY: i64 = 86_400;
/// Seconds in a year as the loader counts it (365 days).
pub const YEAR: i64 = 365 * DAY;
/// The loader's bound on an offset.
pub const MAX_OFFSET: i64 = 1000 * YEAR;

/// An offset as written in a file, and what it means in seconds.
#[derive(Clone, Debug)]
pub struct Off {
    pub text: String,
    pub secs: i64,
}

/// Offsets in `[lo, hi]` seconds, written with a unit that divides them exactly.
pub fn offset_in(lo: i64, hi: i64) -> impl Strategy<Value = Off> {
    assert!(lo <= hi);
    let units: Vec<(&'static str, i64)> = [
        ("s", 1),
        ("m", MINUTE),
        ("h", HOUR),
        ("d", DAY),
        ("y", YEAR),
    ]
    .into_iter()
    .filter(|(_, u)| ceil_div(lo, *u) <= hi.div_euclid(*u))
    .collect();
    (select(units), any::<u64>(), 0u8..4).prop_map(move |((unit, u), r, form)| {
        let (a, b) = (ceil_div(lo, u), hi.div_euclid(u));
        let n = a + (r % (b - a + 1) as u64) as i64;
        let text = match (n.signum(), form) {
            (0, 0) => "0".to_string(),
            (0, 1) => "now".to_string(),
            (0, 2) => format!("+0{unit}"),
            (0, _) => format!("-0{unit}"),
            (1, f) if f % 2 == 0 => format!("+{n}{unit}"),
            _ => format!("{n}{unit}"),
        };
        Off { text, secs: n * u }
    })
}

fn ceil_div(a: i64, b: i64) -> i64 {
    a.div_euclid(b) + i64::from(a.rem_euclid(b) != 0)
}

/// A window `not_before < not_after` anywhere the loader allows.
pub fn any_window() -> impl Strategy<Value = (Off, Off)> {
    let near = offset_in(-3 * YEAR, 3 * YEAR);
    let far = offset_in(-MAX_OFFSET, MAX_OFFSET);
    let one = prop_oneof![3 => near, 1 => far];
    (one.clone(), one)
        .prop_filter("distinct", |(a, b)| a.secs != b.secs)
        .prop_map(|(a, b)| if a.secs < b.secs { (a, b) } else { (b, a) })
}

/// A window containing the clock (`not_before <= 0 <= not_after`).
pub fn valid_window() -> impl Strategy<Value = (Off, Off)> {
    (offset_in(-20 * YEAR, 0), offset_in(0, 20 * YEAR))
        .prop_filter("distinct", |(a, b)| a.secs != b.secs)
}

/// A window entirely before (`past`) or after the clock.
pub fn invalid_window(past: bool) -> impl Strategy<Value = (Off, Off)> {
    let (lo, hi) = if past {
        (-20 * YEAR, -1)
    } else {
        (1, 20 * YEAR)
    };
    (offset_in(lo, hi), offset_in(lo, hi))
        .prop_filter("distinct", |(a, b)| a.secs != b.secs)
        .prop_map(|(a, b)| if a.secs < b.secs { (a, b) } else { (b, a) })
}

/// A window reaching far back and forth: before 1970 for some clocks.
pub fn far_window() -> impl Strategy<Value = (Off, Off)> {
    (
        offset_in(-MAX_OFFSET, -21 * YEAR),
        offset_in(21 * YEAR, MAX_OFFSET),
    )
}
