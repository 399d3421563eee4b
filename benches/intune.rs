//! The Intune gateway against the Graph fake: `cargo bench --bench intune`
//! (`-- --runs N` for the runs each figure is the median of, default 3; `-- --only lock`
//! or `-- --only sync`; `-- --lock-devices N`, default 10,000; `-- --sync-devices A,B`,
//! default 10000,100000).
//!
//! 1. **Lock fan-out.** The fake's write budget is 1000 requests per 2 s (a token bucket,
//!    full at the start) and the gateway's `[backend] write_budget` matches it. A second
//!    admin approves `mdm lock --all` (the fleet-wide two-person flow, as the wipe bench);
//!    the bench polls the fake's counters and reports the time from the approval to the
//!    last lock the fake accepted, against the least time the budget allows: with
//!    capacity C and refill rate r = C / period, W accepted writes cannot end sooner than
//!    (W − C) / r after the first (18.0 s for 10,000 locks at 1000/2 s). Also the time
//!    until `mdm actions watch` ends (every device acknowledged), the share of write
//!    requests answered 429, and the fake's request counts by route. Run once per device
//!    (`use_beta = false`) and once with `use_beta = true` (bulk `executeAction` where the
//!    build supports it; a gateway refusing that config is reported as not supported).
//! 2. **Inventory sync.** The gateway's first full sync (it runs before the listen address
//!    is printed: spawn to that line) of N devices, against ONE keep-alive `curl`
//!    fetching the same pages from the fake, and the gateway's peak RSS (VmHWM) after it.

mod common;

use common::gateway::*;
use common::*;
use mdm_server::backend::intune::devices::MANAGED_DEVICE_SELECT;
use mdm_server::backend::intune::graph::ListQuery;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const SECRET: &str = "bench-graph-client-secret-13";
const TENANT: &str = "contoso.onmicrosoft.com";
const CLIENT_ID: &str = "00000000-0000-0000-0000-000000000000";
const BUDGET_WRITES: u32 = 1000;
const BUDGET_SECONDS: u64 = 2;

fn fake(devices: usize, polls: u32) -> graph_fake::FakeHandle {
    graph_fake::Fake::start(graph_fake::Options {
        devices,
        client_secret: Some(SECRET.into()),
        write_budget_writes: BUDGET_WRITES,
        write_budget_period: Duration::from_secs(BUDGET_SECONDS),
        action_polls_until_done: polls,
        // 100k devices' exchanges would weigh on the fake; the counters suffice.
        keep_log: false,
        ..graph_fake::Options::default()
    })
    .unwrap()
}

/// A gateway config against `fake`; `extra` goes into `[backend]`.
fn config(dir: &Path, fake: &graph_fake::FakeHandle, extra: &str) -> PathBuf {
    let secret = dir.join("graph-secret");
    std::fs::write(&secret, SECRET).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    let db = dir.join("gateway").join("gateway.sqlite3");
    let text = format!(
        "listen = \"127.0.0.1:0\"\ndatabase = {db:?}\n[backend]\nkind = \"intune\"\n\
         tenant = \"{TENANT}\"\nclient_id = \"{CLIENT_ID}\"\ngraph_url = \"{url}\"\n\
         login_url = \"{url}\"\ngroups = [\"mdm-pilot\"]\nclient_secret_file = {secret:?}\n\
         write_budget = {{ writes = {BUDGET_WRITES}, per_seconds = {BUDGET_SECONDS} }}\n{extra}\n",
        url = fake.url().trim_end_matches('/'),
    );
    let path = dir.join("gateway.toml");
    std::fs::write(&path, text).unwrap();
    path
}

struct LockRun {
    /// Approval sent → the fake accepted the last lock.
    to_last_write: Duration,
    /// First accepted lock → last.
    write_span: Duration,
    /// Approval sent → `actions watch` ended.
    to_acked: Duration,
    /// Write requests the fake accepted (device actions) and answered 429.
    accepted: u64,
    throttled: u64,
    /// Requests by route, from the fake's counters.
    routes: serde_json::Map<String, serde_json::Value>,
    duplicates: usize,
}

/// One fleet-wide lock of `n` devices; Err(why) when the gateway refuses the config.
fn lock_run(n: usize, extra: &str) -> Result<LockRun, String> {
    let dir = std::env::temp_dir().join(format!("mdm-bench-intune-lock-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Done at the first read after the send: the acknowledgement follows the submission.
    let fake = Arc::new(fake(n, 0));
    let cfg = config(&dir, &fake, extra);
    let gw = gateway(&dir, &cfg)?;
    let (requester, req_seed) = admin(&dir, &cfg, "requester");
    let (approver, app_seed) = admin(&dir, &cfg, "approver");
    let mut ctx = Command::new(BIN);
    env(&mut ctx, &dir);
    assert!(
        ctx.args(["context", "add", "b", "--server", &gw.url])
            .output()
            .unwrap()
            .status
            .success()
    );
    let phrase = format!("lock {n} devices in b");
    let out = mdm(
        &dir,
        &requester,
        &[
            "lock",
            "--all",
            "--reason",
            "benchmark",
            "--confirm",
            &phrase,
            "--otp",
            &totp(&req_seed),
            "-o",
            "json",
        ],
    )
    .output()
    .unwrap();
    assert_eq!(
        out.status.code(),
        Some(8),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v["id"].as_str().unwrap().to_string();

    // Polls the fake's counters: when the first and the n-th lock were accepted.
    let done = Arc::new(AtomicBool::new(false));
    let (f2, d2) = (fake.clone(), done.clone());
    let monitor = std::thread::spawn(move || {
        let (mut first, mut last) = (None, None);
        while !d2.load(Ordering::Relaxed) {
            let (sent, _) = f2.write_totals();
            if sent > 0 && first.is_none() {
                first = Some(Instant::now());
            }
            if sent >= n as u64 {
                last = Some(Instant::now());
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        (first, last)
    });
    let t0 = Instant::now();
    let out = mdm(
        &dir,
        &approver,
        &[
            "approvals",
            "approve",
            &id,
            "--confirm",
            &phrase,
            "--otp",
            &totp(&app_seed),
        ],
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let watch = mdm(&dir, &requester, &["actions", "watch", &id])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    let to_acked = t0.elapsed();
    done.store(true, Ordering::Relaxed);
    let (first, last) = monitor.join().unwrap();
    assert!(watch.success(), "actions watch: {watch}");
    let (first, last) = (
        first.expect("a lock reached the fake"),
        last.expect("every lock reached the fake"),
    );
    let (accepted, throttled) = fake.write_totals();
    let c = fake.counters();
    drop(gw);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(LockRun {
        to_last_write: last - t0,
        write_span: last - first,
        to_acked,
        accepted,
        throttled,
        routes: c["requests_by_route"]
            .as_object()
            .cloned()
            .unwrap_or_default(),
        duplicates: c["duplicate_commands"].as_array().map_or(0, Vec::len),
    })
}

/// The least time after its first write that the fake's bucket lets `writes` writes
/// end: C go at once from the full bucket, the rest at r = C / period.
fn floor(writes: u64) -> Duration {
    let c = f64::from(BUDGET_WRITES);
    let r = c / BUDGET_SECONDS as f64;
    Duration::from_secs_f64(((writes as f64 - c) / r).max(0.0))
}

fn route_sum(routes: &serde_json::Map<String, serde_json::Value>, f: impl Fn(&str) -> bool) -> u64 {
    routes
        .iter()
        .filter(|(k, _)| f(k))
        .filter_map(|(_, v)| v.as_u64())
        .sum()
}

fn bench_lock(n: usize, runs: usize) {
    println!("\n### Lock {n} devices, write budget {BUDGET_WRITES} per {BUDGET_SECONDS} s\n");
    println!(
        "| variant | approval → last lock accepted (median of {runs}) | floor | ratio (target ≤ 1.15×) | first → last lock | approval → all acknowledged | write requests (429) | 429 share (target ≤ 1%) | requests by route (last run) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, extra) in [
        ("per device (`use_beta = false`)", ""),
        ("`use_beta = true` (executeAction)", "use_beta = true"),
    ] {
        let mut done = Vec::new();
        for i in 0..runs {
            match lock_run(n, extra) {
                Ok(r) => {
                    eprintln!(
                        "{name} run {i}: {:.2} s to last lock, {:.2} s acked, {} accepted, {} throttled",
                        r.to_last_write.as_secs_f64(),
                        r.to_acked.as_secs_f64(),
                        r.accepted,
                        r.throttled
                    );
                    done.push(r);
                }
                Err(why) => {
                    let why = why.lines().find(|l| l.starts_with("error")).unwrap_or("");
                    println!(
                        "| {name} | not supported in this build: the gateway refuses the config ({why}) | | | | | | | |"
                    );
                    break;
                }
            }
        }
        let Some(last) = done.last() else { continue };
        let bulk = route_sum(&last.routes, |k| k.contains("executeAction"));
        if extra.contains("use_beta") && bulk == 0 {
            eprintln!("{name}: the gateway sent no executeAction: not supported in this build");
        }
        let writes = route_sum(&last.routes, |k| {
            k.starts_with("POST ") && !k.contains("token")
        });
        // The floor counts the write requests the fake had to accept (sent less 429s).
        let fl = floor(writes.saturating_sub(last.throttled));
        let to_last = median(done.iter().map(|r| r.to_last_write.as_secs_f64()).collect());
        let span = median(done.iter().map(|r| r.write_span.as_secs_f64()).collect());
        let acked = median(done.iter().map(|r| r.to_acked.as_secs_f64()).collect());
        let share = median(
            done.iter()
                .map(|r| {
                    let w = route_sum(&r.routes, |k| {
                        k.starts_with("POST ") && !k.contains("token")
                    });
                    100.0 * r.throttled as f64 / w.max(1) as f64
                })
                .collect(),
        );
        // Writes that fit in the bucket's first burst have no budget floor (0 s): the
        // ratio is then undefined, and what is left to measure is the gateway's own
        // time, shown as is.
        let ratio_text = if fl.as_secs_f64() < 0.001 {
            format!("n/a: {writes} writes fit in the bucket's first burst")
        } else {
            let ratio = to_last / fl.as_secs_f64();
            format!(
                "{ratio:.3}× ({})",
                if ratio <= 1.15 { "met" } else { "not met" }
            )
        };
        let mut routes: Vec<String> = last
            .routes
            .iter()
            .map(|(k, v)| format!("`{k}` {v}"))
            .collect();
        routes.sort();
        let label = if extra.contains("use_beta") && bulk == 0 {
            format!("{name}: no executeAction in this build, sent per device")
        } else {
            name.to_string()
        };
        println!(
            "| {label} | {to_last:.2} s | {:.2} s | {ratio_text} | {span:.2} s | {acked:.2} s | {writes} ({}) | {share:.2}% ({}) | {}; duplicates {} |",
            fl.as_secs_f64(),
            last.throttled,
            if share <= 1.0 { "met" } else { "not met" },
            routes.join(", "),
            last.duplicates,
        );
    }
}

/// The URLs of every managedDevices page, as the gateway asks for them (untimed).
fn page_urls(fake: &graph_fake::FakeHandle, token: &str) -> Vec<String> {
    let base = url::Url::parse(&format!(
        "{}/v1.0/deviceManagement/managedDevices",
        fake.url()
    ))
    .unwrap();
    let first = ListQuery::select(MANAGED_DEVICE_SELECT).apply(base);
    let http = reqwest::blocking::Client::new();
    let mut urls = vec![first.to_string()];
    loop {
        let page: serde_json::Value = http
            .get(urls.last().unwrap())
            .bearer_auth(token)
            .send()
            .unwrap()
            .json()
            .unwrap();
        match page["@odata.nextLink"].as_str() {
            Some(next) => urls.push(next.to_string()),
            None => return urls,
        }
    }
}

fn graph_token(fake: &graph_fake::FakeHandle) -> String {
    let v: serde_json::Value = reqwest::blocking::Client::new()
        .post(fake.token_url(TENANT))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("client_secret", SECRET),
            ("scope", "https://graph.microsoft.com/.default"),
        ])
        .send()
        .unwrap()
        .json()
        .unwrap();
    v["access_token"].as_str().unwrap().to_string()
}

fn bench_sync(sizes: &[usize], runs: usize) {
    println!("\n### First inventory sync\n");
    println!(
        "| devices | pages | gateway: spawn → address printed (median of {runs}) | one keep-alive curl, same pages | ratio | gateway peak RSS (VmHWM) |"
    );
    println!("|---|---|---|---|---|---|");
    let mut peaks = Vec::new();
    for &n in sizes {
        let dir =
            std::env::temp_dir().join(format!("mdm-bench-intune-sync-{}", std::process::id()));
        let fake = fake(n, 2);
        let token = graph_token(&fake);
        let (mut gw_t, mut curl_t, mut peak) = (Vec::new(), Vec::new(), Vec::new());
        let mut pages = 0;
        for i in 0..runs {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let cfg = config(&dir, &fake, "");
            let gw = gateway(&dir, &cfg).expect("the gateway starts");
            let (wall, hwm) = (gw.started, gw.peak_kb);
            drop(gw);
            let db =
                rusqlite::Connection::open(dir.join("gateway").join("gateway.sqlite3")).unwrap();
            let count: i64 = db
                .query_row("SELECT count(*) FROM devices", [], |r| r.get(0))
                .unwrap();
            assert_eq!(count as usize, n, "the sync wrote every device");
            let urls = page_urls(&fake, &token);
            pages = urls.len();
            let c = curl(&dir, &token, &urls);
            eprintln!(
                "sync {n} run {i}: gateway {:.2} s, curl {:.2} s, VmHWM {:.1} MiB",
                wall.as_secs_f64(),
                c.as_secs_f64(),
                hwm as f64 / 1024.0
            );
            gw_t.push(wall.as_secs_f64());
            curl_t.push(c.as_secs_f64());
            peak.push(hwm as f64 / 1024.0);
        }
        let (g, c, p) = (median(gw_t), median(curl_t), median(peak));
        peaks.push((n, p));
        println!(
            "| {n} | {pages} | {g:.2} s | {c:.2} s | {:.1}× | {p:.1} MiB |",
            g / c
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    if let (Some(lo), Some(hi)) = (peaks.first(), peaks.last()) {
        let growth = hi.1 / lo.1;
        println!(
            "\nPeak RSS {} → {} devices: {growth:.2}× (target: flat, ≤ 1.25×: {})",
            lo.0,
            hi.0,
            if growth <= 1.25 { "met" } else { "not met" }
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .map(|i| args[i + 1].clone())
    };
    let runs: usize = arg("--runs").map_or(3, |v| v.parse().expect("--runs N"));
    let only = arg("--only");
    let lock_n: usize = arg("--lock-devices").map_or(10_000, |v| v.parse().expect("N"));
    let sizes: Vec<usize> = arg("--sync-devices")
        .unwrap_or_else(|| "10000,100000".into())
        .split(',')
        .map(|v| v.parse().expect("--sync-devices A,B"))
        .collect();
    if only.as_deref() != Some("sync") {
        bench_lock(lock_n, runs);
    }
    if only.as_deref() != Some("lock") {
        bench_sync(&sizes, runs);
    }
}
