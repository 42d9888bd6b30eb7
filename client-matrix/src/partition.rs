//! Partitions of the matrix, as cargo-nextest's `count:K/N`: the (client, scenario) cells in
//! report order (clients, then scenarios) are dealt round-robin, cell i to partition i mod N + 1,
//! so N jobs cover every cell exactly once and no two differ by more than one cell.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Partition `index` of `count` (1-based, as on the command line).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Partition {
    pub index: usize,
    pub count: usize,
}

/// A `--partition` that is not `K/N` with 1 ≤ K ≤ N.
#[derive(Debug, thiserror::Error)]
#[error("partition '{given}': {why} (expected K/N with 1 <= K <= N, e.g. 2/3)")]
pub struct BadPartition {
    pub given: String,
    pub why: String,
}

impl FromStr for Partition {
    type Err = BadPartition;
    fn from_str(s: &str) -> Result<Partition, BadPartition> {
        let bad = |why: &str| BadPartition {
            given: s.to_string(),
            why: why.to_string(),
        };
        // nextest spells it count:K/N; accept that too.
        let spec = s.strip_prefix("count:").unwrap_or(s);
        let (k, n) = spec.split_once('/').ok_or_else(|| bad("no '/'"))?;
        let number = |x: &str, what: &str| {
            x.trim()
                .parse::<usize>()
                .map_err(|_| bad(&format!("{what} '{x}' is not a whole number")))
        };
        let (index, count) = (number(k, "K")?, number(n, "N")?);
        if count == 0 {
            return Err(bad("N must be at least 1"));
        }
        if index == 0 || index > count {
            return Err(bad(&format!("K must be between 1 and {count}")));
        }
        Ok(Partition { index, count })
    }
}

impl fmt::Display for Partition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Partition {
    /// Whether cell `i` (0-based, in report order) belongs to this partition.
    pub fn owns(&self, i: usize) -> bool {
        i % self.count == self.index - 1
    }

    /// For each client (by position in `clients`), the positions of the scenarios this
    /// partition owns, out of `scenarios` scenarios per client.
    pub fn deal(&self, clients: usize, scenarios: usize) -> Vec<Vec<usize>> {
        (0..clients)
            .map(|c| {
                (0..scenarios)
                    .filter(|s| self.owns(c * scenarios + s))
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_cover_every_cell_once_and_are_balanced() {
        for n in 1..=7 {
            let (clients, scenarios) = (11, 53);
            let mut seen = vec![0; clients * scenarios];
            let mut sizes = Vec::new();
            for k in 1..=n {
                let p: Partition = format!("{k}/{n}").parse().unwrap();
                let dealt = p.deal(clients, scenarios);
                sizes.push(dealt.iter().map(Vec::len).sum::<usize>());
                for (c, ss) in dealt.iter().enumerate() {
                    for s in ss {
                        seen[c * scenarios + s] += 1;
                    }
                }
                assert_eq!(dealt, p.deal(clients, scenarios), "deterministic");
            }
            assert!(seen.iter().all(|&x| x == 1), "{n}: every cell exactly once");
            let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            assert!(hi - lo <= 1, "{n}: balanced, {sizes:?}");
        }
    }

    #[test]
    fn bad_partitions_are_clear_errors() {
        assert_eq!(
            "count:2/3".parse::<Partition>().unwrap(),
            Partition { index: 2, count: 3 }
        );
        for (bad, says) in [
            ("0/3", "between 1 and 3"),
            ("4/3", "between 1 and 3"),
            ("x/y", "'x' is not a whole number"),
            ("1/0", "at least 1"),
            ("3", "no '/'"),
        ] {
            let e = bad.parse::<Partition>().unwrap_err().to_string();
            assert!(e.contains(bad) && e.contains(says), "{bad}: {e}");
        }
    }
}
