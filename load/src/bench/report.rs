//! The printed report: the table with ratios, its notes, and the problems that fail the run.

use super::*;

impl Report {
    pub(super) fn new(
        opts: &BenchOptions,
        measured: BadtlsMeasured,
        in_process: Result<InProcess, String>,
        nginx: Column,
        s_server: Column,
    ) -> Report {
        let BadtlsMeasured {
            figures: badtls,
            cold,
            prime_seconds,
        } = measured;
        let of = |c: &Column, f: fn(&Figures) -> f64| ratio(f(&badtls), c.figures().map(f));
        let ready = |f: &Figures| f.ready.median;
        let rate = |f: &Figures| f.load.per_second;
        let sequential = |f: &Figures| f.load.sequential_per_second;
        let s_time = |c: &Column| c.figures().and_then(|f| f.load.s_time_per_second);
        let s_time_ratio =
            |c: &Column| (badtls.load.s_time_per_second).and_then(|a| ratio(a, s_time(c)));
        let rss = |f: &Figures| f.idle_rss_kib as f64;
        let cpu = |f: &Figures| f.load.server_cpu_ms_per_handshake;
        let ratios = Ratios {
            ready_vs_target: badtls.ready.median / READY_TARGET.as_secs_f64(),
            ready_vs_nginx: of(&nginx, ready),
            ready_vs_s_server: of(&s_server, ready),
            ready_cold_vs_nginx: ratio(cold.median, nginx.figures().map(ready)),
            ready_cold_vs_s_server: ratio(cold.median, s_server.figures().map(ready)),
            handshakes_vs_nginx: of(&nginx, rate),
            handshakes_vs_s_server: of(&s_server, rate),
            sequential_vs_nginx: of(&nginx, sequential),
            sequential_vs_s_server: of(&s_server, sequential),
            s_time_vs_nginx: s_time_ratio(&nginx),
            s_time_vs_s_server: s_time_ratio(&s_server),
            server_cpu_vs_nginx: of(&nginx, cpu),
            server_cpu_vs_s_server: of(&s_server, cpu),
            idle_rss_vs_nginx: of(&nginx, rss),
            idle_rss_vs_s_server: of(&s_server, rss),
        };
        let mut differences = Vec::new();
        let mut problems = figure_problems("badtls", &badtls);
        if let Err(e) = &in_process {
            problems.push(format!("in-process Suite::start was not measured: {e}"));
        }
        for (name, column) in [("nginx", &nginx), ("s_server", &s_server)] {
            match column {
                Column::Measured(f) => {
                    differences.extend(tls_differences(&badtls.tls, &f.tls, name));
                    problems.extend(figure_problems(name, f));
                }
                Column::Failed { error } => {
                    problems.push(format!("{name} was not measured: {error}"))
                }
                Column::NotInstalled { .. } => {}
            }
        }
        Report {
            cpus: procfs::cpus(),
            endpoint: ENDPOINT,
            starts: opts.starts,
            concurrency: opts.concurrency,
            warmup_seconds: opts.warmup.as_secs_f64(),
            duration_seconds: opts.duration.as_secs_f64(),
            idle_wait_seconds: opts.idle_wait.as_secs_f64(),
            ready_target_seconds: READY_TARGET.as_secs_f64(),
            cpu_busy_before_percent: 0.0,
            load_average_before: 0.0,
            badtls,
            badtls_cold_ready: cold,
            badtls_prime_seconds: prime_seconds,
            in_process,
            nginx,
            s_server,
            ratios,
            differences,
            problems,
        }
    }

    /// The three columns: figures, or why there are none.
    pub(super) fn columns(&self) -> [(&'static str, Result<&Figures, &Column>); 3] {
        [
            ("badtls", Ok(&self.badtls)),
            ("nginx", self.nginx.figures().ok_or(&self.nginx)),
            ("s_server", self.s_server.figures().ok_or(&self.s_server)),
        ]
    }

    /// The human-readable report: setup, negotiated parameters, the table, how to read it.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "badtls-bench: {} CPUs; before the run {:.0}% CPU busy (1 s sample), load average {:.2}. The load \
             generator (rustls, resumption disabled: every connection is a full handshake + GET /; {} concurrent \
             tasks, {} s warm-up, then {} s) runs on the SAME cores as the server under test, one server at a time.",
            self.cpus,
            self.cpu_busy_before_percent,
            self.load_average_before,
            self.concurrency,
            self.warmup_seconds,
            self.duration_seconds
        );
        if self.cpu_busy_before_percent > BUSY_WARNING_PERCENT {
            let _ = writeln!(
                s,
                "WARNING: other processes were using {:.0}% of the CPUs before the run: the figures are noisy.",
                self.cpu_busy_before_percent
            );
        }
        let busiest = self
            .columns()
            .into_iter()
            .filter_map(|(name, c)| Some((name, c.ok()?.load.other_cpu_percent(self.cpus))))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((name, percent)) = busiest.filter(|(_, p)| *p > BUSY_WARNING_PERCENT) {
            let _ = writeln!(
                s,
                "WARNING: other processes used up to {percent:.0}% of the CPUs during a handshake run ({name}'s): \
                 the handshake and CPU figures are noisy (see \"other processes' CPU in run\")."
            );
        }
        let _ = writeln!(s, "\nservers:");
        for (name, column) in self.columns() {
            let text = match column {
                Ok(f) => format!("{}: {}", f.version, f.setup),
                Err(c) => column_text(c),
            };
            let _ = writeln!(s, "  {name:<9} {text}");
        }
        let _ = writeln!(
            s,
            "\nnegotiated (one probe connection each, rustls client):"
        );
        for (name, column) in self.columns() {
            if let Ok(f) = column {
                let _ = writeln!(s, "  {name:<9} {}", f.tls.summary());
            }
        }
        let compared = self.nginx.figures().is_some() || self.s_server.figures().is_some();
        if compared && self.differences.is_empty() {
            let _ = writeln!(
                s,
                "  like-for-like: same protocol, cipher suite, key exchange, certificate keys and tickets"
            );
        }
        for d in &self.differences {
            let _ = writeln!(s, "  DIFFERS: {d}");
        }
        s.push('\n');
        for row in self.rows() {
            let _ = writeln!(s, "{row}");
        }
        self.render_notes(&mut s);
        s
    }

    /// The table, header first.
    pub(super) fn rows(&self) -> Vec<Row> {
        let columns = self.columns();
        let row =
            |label: String, cell: &dyn Fn(&Figures) -> String, ratios: [Option<f64>; 2]| Row {
                label,
                cells: columns.map(|(_, c)| match c {
                    Ok(f) => cell(f),
                    Err(Column::NotInstalled { .. }) => "not installed".into(),
                    Err(_) => "FAILED".into(),
                }),
                ratios: ratios.map(|r| r.map_or("-".into(), |r| format!("{r:.2}x"))),
            };
        let r = &self.ratios;
        let no_ratio = [None, None];
        let badtls_only = |text: String| {
            move |f: &Figures| {
                if f.endpoints.is_some() {
                    text.clone()
                } else {
                    "-".into()
                }
            }
        };
        let mut rows = vec![
            Row {
                label: "figure".into(),
                cells: ["badtls", "nginx", "s_server"].map(String::from),
                ratios: ["badtls/nginx", "badtls/s_server"].map(String::from),
            },
            row(
                format!("ready, warm cache (median of {})", self.starts),
                &|f| format!("{:.3} s", f.ready.median),
                [r.ready_vs_nginx, r.ready_vs_s_server],
            ),
            row(
                "  warm (min-max)".into(),
                &|f| format!("{:.3}-{:.3} s", f.ready.min, f.ready.max),
                no_ratio,
            ),
            row(
                format!("ready, cold cache (median of {})", self.starts),
                &|f| {
                    let median = match f.endpoints {
                        Some(_) => self.badtls_cold_ready.median,
                        None => f.ready.median,
                    };
                    format!("{median:.3} s")
                },
                [r.ready_cold_vs_nginx, r.ready_cold_vs_s_server],
            ),
            row(
                "  cold (min-max)".into(),
                &badtls_only(format!(
                    "{:.3}-{:.3} s",
                    self.badtls_cold_ready.min, self.badtls_cold_ready.max
                )),
                no_ratio,
            ),
            row(
                format!("ready, warm / target {:.1} s", self.ready_target_seconds),
                &badtls_only(format!("{:.2}x", r.ready_vs_target)),
                no_ratio,
            ),
            row(
                format!("handshakes/s ({ENDPOINT})"),
                &|f| format!("{:.0}", f.load.per_second),
                [r.handshakes_vs_nginx, r.handshakes_vs_s_server],
            ),
            row(
                "  failed / succeeded".into(),
                &|f| format!("{} / {}", f.load.failed, f.load.ok),
                no_ratio,
            ),
            row(
                "  failed in warm-up".into(),
                &|f| f.load.warmup_failed.to_string(),
                no_ratio,
            ),
            row(
                "handshakes/s, one at a time".into(),
                &|f| format!("{:.0}", f.load.sequential_per_second),
                [r.sequential_vs_nginx, r.sequential_vs_s_server],
            ),
            row(
                "  failed".into(),
                &|f| f.load.sequential_failed.to_string(),
                no_ratio,
            ),
            row(
                "s_time -new -tls1_3 connections/s".into(),
                &|f| {
                    f.load
                        .s_time_per_second
                        .map_or("-".into(), |r| format!("{r:.0}"))
                },
                [r.s_time_vs_nginx, r.s_time_vs_s_server],
            ),
            row(
                "server CPU per handshake".into(),
                &|f| format!("{:.3} ms", f.load.server_cpu_ms_per_handshake),
                [r.server_cpu_vs_nginx, r.server_cpu_vs_s_server],
            ),
            row(
                "client CPU per handshake".into(),
                &|f| format!("{:.3} ms", f.load.client_cpu_ms_per_handshake),
                no_ratio,
            ),
            row(
                "other processes' CPU in run".into(),
                &|f| format!("{:.2} s", f.load.other_cpu_seconds),
                no_ratio,
            ),
            row(
                "idle RSS".into(),
                &|f| mib(f.idle_rss_kib),
                [r.idle_rss_vs_nginx, r.idle_rss_vs_s_server],
            ),
            row(
                format!(
                    "idle RSS per endpoint ({})",
                    self.badtls.endpoints.unwrap_or(0)
                ),
                &|f| {
                    f.endpoints.map_or("-".into(), |n| {
                        format!("{} KiB", f.idle_rss_kib / n.max(1) as u64)
                    })
                },
                no_ratio,
            ),
        ];
        if let Ok(p) = &self.in_process {
            let n = p.selection.len();
            for (label, stats) in [
                (format!("Suite::start of {n}: 1st in process"), &p.first),
                (format!("Suite::start of {n}: 2nd in process"), &p.second),
                (format!("Suite::start of {n}: 3rd and later"), &p.later),
            ] {
                rows.push(row(
                    label,
                    &badtls_only(format!("{:.1} ms", stats.median * 1000.0)),
                    no_ratio,
                ));
            }
        }
        rows
    }

    pub(super) fn render_notes(&self, s: &mut String) {
        let lines = [
            "",
            "ratios are badtls / other: above 1, badtls takes longer, uses more CPU per handshake or more memory;",
            "  for handshakes/s, below 1 means badtls completes fewer.",
            "ready: badtls until its `badtls ready` line (every listener bound, every key made but a cold RSA-4096's, which follows on",
            "  the other core); nginx and s_server until their port accepts a TCP connection (they have no key cache: the same",
            "  figure in the warm and cold rows). Every badtls start is given --key-cache DIR: cold = a fresh, empty directory",
            "  each start (every RSA key generated); warm = one directory filled by a priming start that is not counted.",
        ];
        for line in lines {
            let _ = writeln!(s, "{line}");
        }
        let _ = writeln!(
            s,
            "  The priming start (its keys generated into the empty warm cache) was ready in {:.3} s.",
            self.badtls_prime_seconds
        );
        let lines = [
            "handshakes/s: successful full handshakes + GET / per second, all tasks, over the run's wall time",
            "  (in-flight connections at the end are waited for). The client shares the cores: see client CPU.",
            "handshakes/s, one at a time: the same, with one connection in flight, for as long again: the latency of a",
            "  single full handshake + GET /, which is what each matrix cell pays.",
            "s_time: `openssl s_time -new -tls1_3 -time SECS`, one handshake after another, no request: connections over",
            "  the s_time process's wall time. OpenSSL's client does more work for a longer chain, so all three serve",
            "  chains of the same shape (leaf and intermediate, ECDSA P-256).",
            "server CPU per handshake: utime+stime of the server's processes during the run / connections.",
        ];
        for line in lines {
            let _ = writeln!(s, "{line}");
        }
        match &self.in_process {
            Ok(p) => {
                let _ = writeln!(
                    s,
                    "Suite::start: in-process start of [{}] on the warm cache, {} starts in each of {} fresh processes,\n  \
                     each suite shut down before the next; medians (min-max): 1st {}, 2nd {}, 3rd and later {}.",
                    p.selection.join(", "),
                    p.starts_per_process,
                    p.processes,
                    ms_range(&p.first),
                    ms_range(&p.second),
                    ms_range(&p.later)
                );
            }
            Err(e) => {
                let _ = writeln!(s, "Suite::start: not measured: {e}");
            }
        }
        let _ = writeln!(
            s,
            "idle RSS: {} s after ready, before any load, of:",
            self.idle_wait_seconds
        );
        for (name, column) in self.columns() {
            if let Ok(f) = column {
                let _ = writeln!(s, "  {name:<9} {}", f.rss_of);
            }
        }
        for (name, column) in self.columns() {
            for (what, n) in column.ok().map(|f| &f.load.failures).into_iter().flatten() {
                let _ = writeln!(s, "{name} failure ({n}x): {what}");
            }
        }
        if self.problems.is_empty() {
            let _ = writeln!(s, "bench: every figure measured, no failed handshake");
        }
        for p in &self.problems {
            let _ = writeln!(s, "PROBLEM: {p}");
        }
    }
}

/// One line of the table.
pub(super) struct Row {
    pub(super) label: String,
    pub(super) cells: [String; 3],
    pub(super) ratios: [String; 2],
}

impl std::fmt::Display for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [badtls, nginx, s_server] = &self.cells;
        let [vs_nginx, vs_s_server] = &self.ratios;
        write!(
            f,
            "{:<30}{badtls:>15}{nginx:>15}{s_server:>15}{vs_nginx:>15}{vs_s_server:>17}",
            self.label
        )
    }
}

/// "4.2 ms (3.9-5.0)".
fn ms_range(stats: &ReadyStats) -> String {
    format!(
        "{:.1} ms ({:.1}-{:.1})",
        stats.median * 1000.0,
        stats.min * 1000.0,
        stats.max * 1000.0
    )
}

/// The text of a column that was not measured.
pub(super) fn column_text(column: &Column) -> String {
    match column {
        Column::Measured(_) => "measured".into(),
        Column::NotInstalled { hint } => hint.clone(),
        Column::Failed { error } => format!("FAILED: {error}"),
    }
}

/// What makes one server's figures untrustworthy.
pub(super) fn figure_problems(name: &str, f: &Figures) -> Vec<String> {
    let mut out = f.problems.clone();
    if f.load.failed + f.load.warmup_failed > 0 {
        out.push(format!(
            "{name}: {} handshakes failed ({} in the warm-up)",
            f.load.failed + f.load.warmup_failed,
            f.load.warmup_failed
        ));
    }
    if f.load.sequential_failed > 0 {
        out.push(format!(
            "{name}: {} handshakes failed in the one-at-a-time run",
            f.load.sequential_failed
        ));
    }
    if f.load.ok == 0 {
        out.push(format!(
            "{name}: no successful handshake in the measured run"
        ));
    }
    out
}
