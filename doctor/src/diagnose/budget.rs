//! The bound on a diagnosis: a total deadline and a number of connections.

use std::time::{Duration, Instant};

/// Connections left and the time they must fit in.
#[derive(Debug)]
pub struct Budget {
    deadline: Instant,
    left: usize,
    per_connection: Duration,
    used: usize,
}

impl Budget {
    pub fn new(total: Duration, connections: usize, per_connection: Duration) -> Budget {
        Budget {
            deadline: Instant::now() + total,
            left: connections,
            per_connection,
            used: 0,
        }
    }

    /// Spend one connection: its timeout (never past the deadline), or `None` when the budget is
    /// spent or under a quarter second is left.
    pub fn take(&mut self) -> Option<Duration> {
        let remaining = self.deadline.checked_duration_since(Instant::now())?;
        if self.left == 0 || remaining < Duration::from_millis(250) {
            return None;
        }
        self.left -= 1;
        self.used += 1;
        Some(self.per_connection.min(remaining))
    }

    /// Connections made so far.
    pub fn used(&self) -> usize {
        self.used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_runs_out_by_count_and_by_time() {
        let mut b = Budget::new(Duration::from_secs(60), 2, Duration::from_secs(5));
        assert_eq!(b.take(), Some(Duration::from_secs(5)));
        assert!(b.take().is_some());
        assert_eq!(b.take(), None);
        assert_eq!(b.used(), 2);
        let mut b = Budget::new(Duration::from_millis(100), 10, Duration::from_secs(5));
        assert_eq!(b.take(), None, "under a quarter second left");
        let mut b = Budget::new(Duration::from_secs(2), 10, Duration::from_secs(5));
        assert!(b.take().is_some_and(|t| t <= Duration::from_secs(2)));
    }
}
