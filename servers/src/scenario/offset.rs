//! Relative times such as `-30d` or `+2h`, measured from the suite's clock.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};
use time::Duration;

/// A signed offset from the suite's start-up clock: `-30d`, `+90d`, `2h`, `0`.
///
/// Units: `s`, `m`, `h`, `d`, `y` (365 days). No unit is only allowed for `0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offset(pub Duration);

impl Offset {
    /// An offset of `days` days (negative is in the past).
    pub const fn days(days: i64) -> Offset {
        Offset(Duration::days(days))
    }
}

/// Why an offset string did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad time offset '{0}': expected a signed number with a unit s/m/h/d/y, like -30d or +2h")]
pub struct BadOffset(String);

impl FromStr for Offset {
    type Err = BadOffset;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadOffset(s.to_string());
        let t = s.trim();
        if t == "0" || t == "now" {
            return Ok(Offset(Duration::ZERO));
        }
        let (sign, rest) = match t.as_bytes().first() {
            Some(b'-') => (-1, &t[1..]),
            Some(b'+') => (1, &t[1..]),
            _ => (1, t),
        };
        let split = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (digits, unit) = rest.split_at(split);
        let n: i64 = digits.parse().map_err(|_| bad())?;
        let seconds_per_unit = match unit {
            "s" => 1,
            "m" => 60,
            "h" => 3_600,
            "d" => 86_400,
            "y" => 365 * 86_400,
            _ => return Err(bad()),
        };
        // Bound to ±1000 years so arithmetic on dates can never overflow.
        let secs = n
            .checked_mul(seconds_per_unit)
            .filter(|s| s.abs() <= 1000 * 365 * 86_400)
            .ok_or_else(bad)?;
        Ok(Offset(Duration::seconds(sign * secs)))
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.whole_seconds();
        if s % 86_400 == 0 {
            write!(f, "{:+}d", s / 86_400)
        } else {
            write!(f, "{s:+}s")
        }
    }
}

/// In a scenario file an offset is a string: a signed number and a unit (`-30d`, `+2h`, `1y`).
impl schemars::JsonSchema for Offset {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Offset".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A time offset from now: a signed number and a unit, s, m, h, d or y (\"-30d\", \"+2h\", \"1y\"), or \"0\" / \"now\".",
            "pattern": "^\\s*(0|now|[+-]?[0-9]+[smhdy])\\s*$",
        })
    }
}

impl<'de> Deserialize<'de> for Offset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_signed_units() {
        assert_eq!("-30d".parse::<Offset>().unwrap(), Offset::days(-30));
        assert_eq!("+2h".parse::<Offset>().unwrap(), Offset(Duration::hours(2)));
        assert_eq!("90d".parse::<Offset>().unwrap(), Offset::days(90));
        assert_eq!("1y".parse::<Offset>().unwrap(), Offset::days(365));
        assert_eq!("0".parse::<Offset>().unwrap(), Offset(Duration::ZERO));
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "-",
            "30",
            "d",
            "-30x",
            "--3d",
            "99999999999999999d",
            "1.5d",
        ] {
            assert!(s.parse::<Offset>().is_err(), "{s:?} should not parse");
        }
    }
}
