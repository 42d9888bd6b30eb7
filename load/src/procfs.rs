//! What the kernel says about a process: resident memory and open descriptors (Linux `/proc`);
//! and how many CPUs this process may use.

use std::path::PathBuf;

/// Memory figures of one process, in KiB.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Memory {
    /// Resident set size now (`VmRSS`).
    pub rss_kib: u64,
    /// Peak resident set size since the process started (`VmHWM`).
    pub peak_rss_kib: u64,
}

/// The CPUs this process may run on (1 when the kernel will not say).
pub fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `VmRSS` and `VmHWM` of `pid`, or `None` when the process is gone.
pub fn memory(pid: u32) -> Option<Memory> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    };
    Some(Memory {
        rss_kib: field("VmRSS:")?,
        peak_rss_kib: field("VmHWM:")?,
    })
}

/// Number of open file descriptors of `pid` (sockets included), or `None` when it is gone.
pub fn open_fds(pid: u32) -> Option<usize> {
    let dir = PathBuf::from(format!("/proc/{pid}/fd"));
    Some(std::fs::read_dir(dir).ok()?.count())
}

/// Resident memory of `pid` and all its descendants (nginx runs a master and workers).
pub fn tree_rss_kib(pid: u32) -> u64 {
    let mut total = memory(pid).map_or(0, |m| m.rss_kib);
    for child in children(pid) {
        total += tree_rss_kib(child);
    }
    total
}

/// The direct children of `pid` (nginx's workers), from `/proc/PID/task/*/children`.
pub fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for task in tasks.flatten() {
        if let Ok(list) = std::fs::read_to_string(task.path().join("children")) {
            out.extend(
                list.split_whitespace()
                    .filter_map(|p| p.parse::<u32>().ok()),
            );
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// User + system CPU seconds a process (all its threads) has used, from `/proc/PID/stat`,
/// whose clock ticks are USER_HZ: 100 per second on Linux whatever the kernel's HZ.
pub fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: count from its end.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    // utime and stime are fields 14 and 15; the list starts at field 3.
    Some((ticks(11)? + ticks(12)?) as f64 / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_this_process() {
        let me = std::process::id();
        let m = memory(me).expect("own /proc entry");
        assert!(m.rss_kib > 0 && m.peak_rss_kib >= m.rss_kib, "{m:?}");
        assert!(open_fds(me).expect("own fds") >= 3);
        assert!(tree_rss_kib(me) > 0);
    }

    #[test]
    fn finds_a_child_process() {
        // (Comparing tree and own RSS would race with the other tests' allocations.)
        let mut child = std::process::Command::new("sleep")
            .arg("10")
            .spawn()
            .expect("sleep starts");
        let found = children(std::process::id());
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            found.contains(&child.id()),
            "{found:?} lacks {}",
            child.id()
        );
    }

    #[test]
    fn a_missing_process_is_none() {
        // PIDs above pid_max (4194304 at most) never exist.
        assert_eq!(memory(u32::MAX), None);
        assert_eq!(open_fds(u32::MAX), None);
    }
}
