//! Responsiveness under fan-out: `cargo bench --bench responsive [-- --devices N] [--quick]
//! [--postgres]` (default sizes 100,000 and 300,000; `--quick`: 20,000 devices, fewer
//! samples; `--postgres`: the sandbox kept in a throwaway PostgreSQL cluster).
//!
//! Short requests, each timed as a whole `mdm` process, idle and while a fleet-wide push
//! fans out: `auth step-up`, `audit log --limit 10`, `devices list --limit 50` with a fresh
//! token (never used, or not for over a minute: its use is recorded) and with one in use,
//! and a single-device `lock --no-wait` (a second action). The floor is the same probe's
//! idle p99; the target is its p99 rising by at most 50 ms at 100,000 devices and 100 ms at
//! 300,000. The fan-outs themselves are timed too: preview, create and approval (from the
//! CLI's `-v` traces) and time to completion, with the 300k/100k ratios (target ≤ 3.3×).
//!
//! The probes' own state dir (the local journal and the pinned checkpoints, both
//! fsync-ed) is on tmpfs (`/dev/shm` when there is one): an admin's CLI runs on another
//! machine than the gateway, and here an fsync of the CLI's journal waited behind the
//! server's disk writes on the shared disk (50-100 ms now and then, inside the CLI, with
//! the server's answers in 10-20 ms). `MDM_BENCH_SHARED_DISK=1` keeps it beside the
//! server's data, to see that cost.

mod common;

use common::*;
use serde_json::Value;
use std::time::{Duration, Instant};

/// A TOTP step is accepted once per user and `sandbox otp` waits when a user's usable
/// steps are spent: a user steps up again only after two steps have passed.
const OTP_REUSE: Duration = Duration::from_secs(65);
/// A token's use is recorded when it was last used over a minute ago: a fresh token.
const FRESH_REUSE: Duration = Duration::from_secs(61);
const MAX_FAN_OUTS: usize = 12;
/// Rounds start at most this often: a steady load of short requests, not a flood of
/// them (a flood of locks would itself be the fan-out the others wait for).
const ROUND_EVERY: Duration = Duration::from_millis(200);

#[derive(Clone, Copy, PartialEq)]
enum Probe {
    StepUp,
    Audit,
    ListFresh,
    ListInUse,
    Lock,
}

const PROBES: [Probe; 5] = [
    Probe::StepUp,
    Probe::Audit,
    Probe::ListFresh,
    Probe::ListInUse,
    Probe::Lock,
];

impl Probe {
    fn name(self) -> &'static str {
        match self {
            Probe::StepUp => "`auth step-up`",
            Probe::Audit => "`audit log --limit 10`",
            Probe::ListFresh => "`devices list --limit 50`, fresh token",
            Probe::ListInUse => "`devices list --limit 50`, token in use",
            Probe::Lock => "`lock <serial> --no-wait` (one device)",
        }
    }
}

/// A credential used now and then, with when it was last used.
struct Pooled {
    name: String,
    token: String,
    used: Option<Instant>,
}

impl Pooled {
    fn ready(&self, after: Duration) -> bool {
        self.used.is_none_or(|t| t.elapsed() > after)
    }
}

struct Bench {
    sb: Sandbox,
    stepup: Vec<Pooled>,
    fresh: Vec<Pooled>,
    serials: Vec<String>,
    next_serial: usize,
    out: std::path::PathBuf,
    /// `MDM_STATE_DIR` of the probes (see the module docs).
    state: std::path::PathBuf,
}

/// One sample per probe: its wall time in ms, or None when no credential is ready for it.
impl Bench {
    fn probe(&mut self, p: Probe) -> Option<f64> {
        let (mut cmd, lines) = match p {
            Probe::StepUp => {
                let u = self.stepup.iter_mut().find(|u| u.ready(OTP_REUSE))?;
                // The code is computed outside the timing.
                let code = otp(&self.sb, &u.name);
                u.used = Some(Instant::now());
                let mut cmd = mdm_as(&self.sb, &u.token, &["-q", "auth", "step-up"]);
                cmd.env("MDM_OTP", code);
                (cmd, None)
            }
            Probe::Audit => (
                mdm_as(
                    &self.sb,
                    &self.sb.token,
                    &["-q", "audit", "log", "--limit", "10", "-o", "jsonl"],
                ),
                Some(10),
            ),
            Probe::ListFresh => {
                let t = self.fresh.iter_mut().find(|u| u.ready(FRESH_REUSE))?;
                t.used = Some(Instant::now());
                (
                    mdm_as(
                        &self.sb,
                        &t.token,
                        &["-q", "devices", "list", "--limit", "50", "-o", "jsonl"],
                    ),
                    Some(50),
                )
            }
            Probe::ListInUse => (
                mdm_as(
                    &self.sb,
                    &self.sb.token,
                    &["-q", "devices", "list", "--limit", "50", "-o", "jsonl"],
                ),
                Some(50),
            ),
            Probe::Lock => {
                // A different device each time (the first 2000, in turn).
                let serial = self.serials[self.next_serial % self.serials.len()].clone();
                self.next_serial += 1;
                (
                    mdm_as(
                        &self.sb,
                        &self.sb.token,
                        &["-q", "lock", &serial, "--no-wait", "-o", "json"],
                    ),
                    None,
                )
            }
        };
        cmd.env("MDM_STATE_DIR", &self.state);
        let err = self.out.with_extension("err");
        cmd.stdout(std::fs::File::create(&self.out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap());
        let t = Instant::now();
        let run = try_wait_measured(cmd.spawn().unwrap(), t).unwrap_or_else(|status| {
            panic!(
                "{} failed ({status}): {}",
                p.name(),
                std::fs::read_to_string(&err).unwrap_or_default()
            )
        });
        let out = std::fs::read_to_string(&self.out).unwrap();
        // The probe really answered what it was asked.
        match (p, lines) {
            (_, Some(n)) => assert_eq!(out.lines().count(), n, "{}: {out}", p.name()),
            (Probe::Lock, _) => {
                let v: Value = serde_json::from_str(&out).unwrap();
                assert_eq!(v["total"], 1, "{out}");
            }
            _ => {}
        }
        Some(run.wall.as_secs_f64() * 1e3)
    }

    /// One round: every probe once (those with a ready credential).
    fn round(&mut self, samples: &mut [Vec<f64>; 5]) {
        let pace = Instant::now() + ROUND_EVERY;
        for (i, p) in PROBES.iter().enumerate() {
            if let Some(ms) = self.probe(*p) {
                samples[i].push(ms);
            }
        }
        std::thread::sleep(pace.saturating_duration_since(Instant::now()));
    }
}

struct FanOut {
    preview_ms: f64,
    create_ms: f64,
    approve_ms: f64,
    completion: Duration,
}

/// The server's time for the request after `> POST …{path}` in a `-v` trace.
fn traced_ms(trace: &str, path: &str) -> f64 {
    let mut lines = trace.lines();
    while let Some(l) = lines.next() {
        if l.starts_with("> POST") && l.ends_with(path) {
            let reply = lines.next().unwrap_or_default();
            let ms = reply
                .split_once('(')
                .and_then(|(_, r)| r.split_once(" ms)"))
                .and_then(|(n, _)| n.parse().ok());
            return ms.unwrap_or_else(|| panic!("no time in {reply:?}"));
        }
    }
    panic!("no POST {path} in the trace:\n{trace}")
}

fn arg(name: &str) -> Option<u32> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .map(|i| args[i + 1].parse().expect("a number"))
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let sizes = match (arg("--devices"), quick) {
        (Some(n), _) => vec![n],
        (None, true) => vec![20_000],
        (None, false) => vec![100_000, 300_000],
    };
    let want = if quick { 15 } else { 40 };
    let mut fan_outs = Vec::new();
    for size in sizes {
        let f = run(size, want);
        fan_outs.push((size, f));
    }
    if let (Some((_, a)), Some((_, b))) = (
        fan_outs.iter().find(|(n, _)| *n == 100_000),
        fan_outs.iter().find(|(n, _)| *n == 300_000),
    ) {
        let r = |x: f64, y: f64| y / x;
        let (pa, ca, aa, ta) = a;
        let (pb, cb, ab, tb) = b;
        println!("\n| fan-out, 300k / 100k | preview | create | approve | completion | target |");
        println!("|---|---|---|---|---|---|");
        println!(
            "| ratio | {:.2}× | {:.2}× | {:.2}× | {:.2}× | ≤ 3.3× ({}) |",
            r(*pa, *pb),
            r(*ca, *cb),
            r(*aa, *ab),
            r(*ta, *tb),
            if [r(*pa, *pb), r(*ca, *cb), r(*aa, *ab), r(*ta, *tb)]
                .iter()
                .all(|x| *x <= 3.3)
            {
                "met"
            } else {
                "missed"
            }
        );
    }
}

/// Medians of the fan-outs' preview, create, approve (ms) and completion (s).
type Medians = (f64, f64, f64, f64);

fn run(size: u32, want: usize) -> Medians {
    let tmp = std::env::temp_dir().join(format!("mdm-bench-resp-{}-{size}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let mut flags: Vec<String> = [
        "--tick-ms",
        "1000",
        "--offline-percent",
        "0",
        "--fail-percent",
        "0",
        "--push-approval-threshold",
        "10000000",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // `--postgres`: the sandbox in a throwaway PostgreSQL cluster instead of SQLite.
    let _pg = std::env::args().any(|a| a == "--postgres").then(|| {
        let pg = postgres::Postgres::start();
        pg.create_database("mdm");
        flags.extend(postgres_flags(&pg, "mdm"));
        pg
    });
    let refs: Vec<&str> = flags.iter().map(String::as_str).collect();
    let sb = sandbox(size, &tmp, &refs);
    let t = Instant::now();
    let pool = |prefix: &str, n: usize, role: &str| -> Vec<Pooled> {
        (0..n)
            .map(|i| {
                let name = format!("{prefix}{i}");
                let token = add_user(&sb, &name, role);
                Pooled {
                    name,
                    token,
                    used: None,
                }
            })
            .collect()
    };
    // Enough that neither runs out within a fan-out while the idle ones wait to be ready.
    let stepup = pool("p", want * 2 + 20, "admin");
    let fresh = pool("f", want * 2 + 20, "viewer");
    eprintln!(
        "{} users in {:.1?}",
        stepup.len() + fresh.len(),
        t.elapsed()
    );
    let out = mdm_as(
        &sb,
        &sb.token,
        &["devices", "list", "--limit", "2000", "-o", "jsonl"],
    )
    .output()
    .unwrap();
    assert!(out.status.success());
    let serials: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["serial"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let state = match std::path::Path::new("/dev/shm") {
        shm if shm.is_dir() && std::env::var_os("MDM_BENCH_SHARED_DISK").is_none() => {
            shm.join(format!("mdm-bench-resp-{}-{size}", std::process::id()))
        }
        _ => tmp.join("probe-state"),
    };
    let _ = std::fs::remove_dir_all(&state);
    let mut b = Bench {
        state,
        out: tmp.join("probe.out"),
        sb,
        stepup,
        fresh,
        serials,
        next_serial: 0,
    };

    let mut idle: [Vec<f64>; 5] = Default::default();
    while idle.iter().any(|s| s.len() < want) {
        b.round(&mut idle);
    }

    let mut during: [Vec<f64>; 5] = Default::default();
    let mut fans = Vec::new();
    while during.iter().any(|s| s.len() < want) {
        assert!(
            fans.len() < MAX_FAN_OUTS,
            "{MAX_FAN_OUTS} fan-outs gave too few samples: {:?}",
            during.iter().map(Vec::len).collect::<Vec<_>>()
        );
        fans.push(fan_out(&mut b, size, fans.len(), &mut during));
    }

    let target = if size > 100_000 { 100.0 } else { 50.0 };
    println!(
        "\n### {size} devices ({} fan-outs, samples per probe idle/during: {})\n",
        fans.len(),
        idle.iter()
            .zip(&during)
            .map(|(i, d)| format!("{}/{}", i.len(), d.len()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("| probe | idle p50 / p99 ms | during p50 / p99 ms | Δp99 ms | target | met |");
    println!("|---|---|---|---|---|---|");
    for (i, p) in PROBES.iter().enumerate() {
        let (i50, i99) = (percentile(&idle[i], 50.0), percentile(&idle[i], 99.0));
        let (d50, d99) = (percentile(&during[i], 50.0), percentile(&during[i], 99.0));
        let delta = d99 - i99;
        println!(
            "| {} | {i50:.0} / {i99:.0} | {d50:.0} / {d99:.0} | {delta:+.0} | ≤ {target:.0} ms | {} |",
            p.name(),
            if delta <= target { "yes" } else { "no" }
        );
    }
    let med =
        |f: &dyn Fn(&FanOut) -> f64| percentile(&fans.iter().map(f).collect::<Vec<_>>(), 50.0);
    let m = (
        med(&|f| f.preview_ms),
        med(&|f| f.create_ms),
        med(&|f| f.approve_ms),
        med(&|f| f.completion.as_secs_f64()),
    );
    println!(
        "\nFan-out to {size} devices (median of {}): preview {:.0} ms, create {:.0} ms, approve {:.0} ms (server times), completion {:.1} s from the approval request",
        fans.len(),
        m.0,
        m.1,
        m.2,
        m.3
    );
    let state = b.state.clone();
    drop(b);
    let _ = std::fs::remove_dir_all(&tmp);
    let _ = std::fs::remove_dir_all(&state);
    m
}

/// One fleet-wide push (a new requester and approver each time, so no hourly budget
/// changes the phrase), probed round-robin until it has finished on every device.
fn fan_out(b: &mut Bench, size: u32, n: usize, during: &mut [Vec<f64>; 5]) -> FanOut {
    let requester = format!("req{n}");
    let approver = format!("apr{n}");
    let rt = add_user(&b.sb, &requester, "admin");
    let at = add_user(&b.sb, &approver, "admin");
    let phrase = format!("push {size} devices in b");
    let out = mdm_as(
        &b.sb,
        &rt,
        &[
            "-v",
            "push",
            "command",
            "sync",
            "--filter",
            "status = online or status = offline",
            "--reason",
            "benchmark",
            "--confirm",
            &phrase,
            "--otp",
            &otp(&b.sb, &requester),
            "--no-wait",
            "-o",
            "json",
        ],
    )
    .output()
    .unwrap();
    let trace = String::from_utf8_lossy(&out.stderr).to_string();
    // 8: accepted, waiting for the second admin.
    assert_eq!(out.status.code(), Some(8), "{trace}");
    let id = serde_json::from_slice::<Value>(&out.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let preview_ms = traced_ms(&trace, "/v1/actions/preview");
    let create_ms = traced_ms(&trace, "/v1/actions");
    let code = otp(&b.sb, &approver);
    let started = Instant::now();
    let out = mdm_as(
        &b.sb,
        &at,
        &[
            "-v",
            "approvals",
            "approve",
            &id,
            "--confirm",
            &phrase,
            "--otp",
            &code,
        ],
    )
    .output()
    .unwrap();
    let trace = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{trace}");
    let approve_ms = traced_ms(&trace, "/approve");

    // Polled over HTTP (not a CLI process) every 200 ms until it has finished.
    let poller = {
        let url = format!("{}/v1/actions/{id}", b.sb.url);
        std::thread::spawn(move || {
            let http = reqwest::blocking::Client::new();
            loop {
                let v: Value = http
                    .get(&url)
                    .bearer_auth(&rt)
                    .send()
                    .and_then(|r| r.error_for_status())
                    .and_then(|r| r.json())
                    .expect("the action");
                if !v["finished_at"].is_null() {
                    let at = started.elapsed();
                    return (v, at);
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };
    // Until the poller has seen it finish (or failed: the join reports it).
    while !poller.is_finished() {
        b.round(during);
    }
    let (v, completion) = poller.join().unwrap();
    // The action really ran on every device.
    assert_eq!(v["status"], "completed", "{v}");
    assert_eq!(v["total"], size, "{v}");
    assert_eq!(v["counts"]["acknowledged"], size, "{v}");
    eprintln!("fan-out {n} to {size} devices completed in {completion:.1?}");
    FanOut {
        preview_ms,
        create_ms,
        approve_ms,
        completion,
    }
}
