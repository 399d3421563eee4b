//! The Jamf Pro and Fleet gateways against their fakes: `cargo bench --bench vendors`
//! (`-- --runs N`, the runs each figure is the median of, default 3; `-- --only jamf` or
//! `-- --only fleet`; `-- --part sync` or `-- --part lock`; `-- --sync-devices N`, default
//! 100,000; `-- --lock-devices N`, default 10,000; `-- --write-ms N`, how long each of the
//! fake's writes takes, default 20: quicker than a Jamf Cloud or Fleet server answers a
//! command, typically 100 ms or more, so the gateway's own work per device weighs more
//! here than against a real server).
//!
//! 1. **Inventory sync.** The gateway's first full sync of N devices (it runs before the
//!    listen address is printed: spawn to that line), against ONE keep-alive `curl`
//!    fetching the same URLs from the fake (Jamf: the computer pages, the mobile device
//!    pages and each mobile device's detail; Fleet: the count, the host pages along the
//!    id cursor and the teams), and the gateway's peak RSS (VmHWM).
//! 2. **Lock fan-out.** A second admin approves `mdm lock --all` of N devices (the
//!    fleet-wide two-person flow); the time from the approval to the last lock the fake
//!    took, against the least time the vendor's limits allow when each write takes
//!    `write-ms`: Jamf asks API clients for at most 5 connections, so N locks cannot end
//!    sooner than ⌈N / 5⌉ × write-ms; Fleet documents no concurrency limit (only 429 with
//!    `retry-after`) and the gateway keeps to 5 requests at once there too, so the floor
//!    is the same. Also the most requests the Jamf fake served at once.

mod common;

use common::gateway::*;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SECRET: &str = "bench-vendor-secret";

fn write_secret(dir: &Path, name: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join(name);
    std::fs::write(&p, SECRET).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    p
}

fn write_config(dir: &Path, backend: &str) -> PathBuf {
    let db = dir.join("gateway").join("gateway.sqlite3");
    let path = dir.join("gateway.toml");
    std::fs::write(
        &path,
        format!("listen = \"127.0.0.1:0\"\ndatabase = {db:?}\n[backend]\n{backend}\n"),
    )
    .unwrap();
    path
}

fn jamf_fake(computers: usize, mobiles: usize, write_ms: u64) -> graph_fake::jamf::JamfHandle {
    graph_fake::jamf::JamfFake::start(graph_fake::jamf::JamfOptions {
        computers,
        mobile_devices: mobiles,
        client_secret: SECRET.into(),
        // Long enough for the curl floor's one token.
        token_lifetime: Duration::from_secs(3600),
        polls_until_done: 0,
        write_delay: Duration::from_millis(write_ms),
        keep_log: false,
        ..graph_fake::jamf::JamfOptions::default()
    })
    .unwrap()
}

fn jamf_config(dir: &Path, fake: &graph_fake::jamf::JamfHandle) -> PathBuf {
    let secret = write_secret(dir, "jamf-secret");
    write_config(
        dir,
        &format!(
            "kind = \"jamf\"\nurl = \"{}\"\nclient_id = \"fake-jamf-client\"\n\
             client_secret_file = {secret:?}\npage_size = 2000\n",
            fake.url()
        ),
    )
}

fn fleet_fake(hosts: usize, write_ms: u64) -> graph_fake::fleetdm::FleetHandle {
    graph_fake::fleetdm::FleetFake::start(graph_fake::fleetdm::FleetOptions {
        hosts,
        api_token: SECRET.into(),
        polls_until_done: 0,
        write_delay: Duration::from_millis(write_ms),
        keep_log: false,
        ..graph_fake::fleetdm::FleetOptions::default()
    })
    .unwrap()
}

fn fleet_config(dir: &Path, fake: &graph_fake::fleetdm::FleetHandle) -> PathBuf {
    let token = write_secret(dir, "fleet-token");
    write_config(
        dir,
        &format!(
            "kind = \"fleet\"\nurl = \"{}\"\napi_token_file = {token:?}\nper_page = 2000\n",
            fake.url()
        ),
    )
}

fn fresh_dir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mdm-bench-{what}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every URL the Jamf backend reads in a sync, with a token for them (untimed).
fn jamf_urls(fake: &graph_fake::jamf::JamfHandle) -> (String, Vec<String>) {
    let http = reqwest::blocking::Client::new();
    let base = format!("{}/api", fake.url());
    let tok: serde_json::Value = http
        .post(format!("{base}/v1/oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "fake-jamf-client"),
            ("client_secret", SECRET),
        ])
        .send()
        .unwrap()
        .json()
        .unwrap();
    let token = tok["access_token"].as_str().unwrap().to_string();
    let sections = "section=GENERAL&section=HARDWARE&section=OPERATING_SYSTEM&section=USER_AND_LOCATION&section=GROUP_MEMBERSHIPS";
    let mut urls = Vec::new();
    let mut walk = |path: &str, extra: &str, detail: bool| {
        for page in 0.. {
            let u = format!("{base}/{path}?page={page}&page-size=2000&sort=id%3Aasc{extra}");
            let v: serde_json::Value = http
                .get(&u)
                .bearer_auth(&token)
                .send()
                .unwrap()
                .json()
                .unwrap();
            urls.push(u);
            let results = v["results"].as_array().unwrap();
            if results.is_empty() {
                break;
            }
            if detail {
                for m in results {
                    urls.push(format!(
                        "{base}/v2/mobile-devices/{}/detail",
                        m["id"].as_str().unwrap()
                    ));
                }
            }
            if ((page + 1) * 2000) as u64 >= v["totalCount"].as_u64().unwrap() {
                break;
            }
        }
    };
    walk("v3/computers-inventory", &format!("&{sections}"), false);
    walk("v2/mobile-devices", "", true);
    urls.push(format!("{base}/v1/computer-groups"));
    (token, urls)
}

/// Every URL the Fleet backend reads in a sync (untimed).
fn fleet_urls(fake: &graph_fake::fleetdm::FleetHandle) -> Vec<String> {
    let http = reqwest::blocking::Client::new();
    let base = format!("{}/api/v1/fleet", fake.url());
    let mut urls = vec![format!("{base}/hosts/count")];
    let mut after = 0u64;
    loop {
        let u =
            format!("{base}/hosts?order_key=id&after={after}&per_page=2000&device_mapping=true");
        let v: serde_json::Value = http
            .get(&u)
            .bearer_auth(SECRET)
            .send()
            .unwrap()
            .json()
            .unwrap();
        urls.push(u);
        let hosts = v["hosts"].as_array().unwrap();
        match hosts.last() {
            Some(h) if hosts.len() == 2000 => after = h["id"].as_u64().unwrap(),
            _ => break,
        }
    }
    urls.push(format!("{base}/teams"));
    urls
}

fn row(vendor: &str, n: usize, runs: usize, one: impl Fn() -> (f64, f64, f64, usize)) {
    let (mut g, mut c, mut p) = (Vec::new(), Vec::new(), Vec::new());
    let mut requests = 0;
    for i in 0..runs {
        let (gw, curl, peak, reqs) = one();
        eprintln!(
            "{vendor} sync {n} run {i}: gateway {gw:.2} s, curl {curl:.2} s, VmHWM {peak:.1} MiB"
        );
        g.push(gw);
        c.push(curl);
        p.push(peak);
        requests = reqs;
    }
    let (g, c, p) = (median(g), median(c), median(p));
    println!(
        "| {vendor} | {n} | {requests} | {g:.2} s | {c:.2} s | {:.2}× | {p:.1} MiB |",
        g / c
    );
}

fn bench_sync(vendors: &[&str], n: usize, runs: usize) {
    println!("\n### First inventory sync\n");
    println!(
        "| backend | devices | requests | gateway: spawn → address printed (median of {runs}) | one keep-alive curl, same URLs | ratio | gateway peak RSS |"
    );
    println!("|---|---|---|---|---|---|---|");
    if vendors.contains(&"jamf") {
        // Six in ten computers, the rest phones and tablets (each read in detail).
        let (computers, mobiles) = (n * 6 / 10, n - n * 6 / 10);
        let fake = jamf_fake(computers, mobiles, 0);
        row("jamf", n, runs, || {
            let dir = fresh_dir("jamf-sync");
            let cfg = jamf_config(&dir, &fake);
            let gw = gateway(&dir, &cfg).expect("the gateway starts");
            let (wall, peak) = (gw.started, gw.peak_kb);
            drop(gw);
            let (token, urls) = jamf_urls(&fake);
            let c = curl(&dir, &token, &urls);
            let _ = std::fs::remove_dir_all(&dir);
            (
                wall.as_secs_f64(),
                c.as_secs_f64(),
                peak as f64 / 1024.0,
                urls.len(),
            )
        });
    }
    if vendors.contains(&"fleet") {
        let fake = fleet_fake(n, 0);
        row("fleet", n, runs, || {
            let dir = fresh_dir("fleet-sync");
            let cfg = fleet_config(&dir, &fake);
            let gw = gateway(&dir, &cfg).expect("the gateway starts");
            let (wall, peak) = (gw.started, gw.peak_kb);
            drop(gw);
            let urls = fleet_urls(&fake);
            let c = curl(&dir, SECRET, &urls);
            let _ = std::fs::remove_dir_all(&dir);
            (
                wall.as_secs_f64(),
                c.as_secs_f64(),
                peak as f64 / 1024.0,
                urls.len(),
            )
        });
    }
}

/// `mdm lock --all` of every device, approved by a second admin: the time from the
/// approval until `sent()` reaches `want`, and from the first lock the fake took to the
/// last (the fan-out itself; the approval first re-reads the vendor's inventory).
fn lock_all(dir: &Path, cfg: &Path, want: usize, sent: impl Fn() -> usize) -> (Duration, Duration) {
    let gw = gateway(dir, cfg).expect("the gateway starts");
    let (requester, req_seed) = admin(dir, cfg, "requester");
    let (approver, app_seed) = admin(dir, cfg, "approver");
    let mut ctx = Command::new(common::BIN);
    common::env(&mut ctx, dir);
    assert!(
        ctx.args(["context", "add", "b", "--server", &gw.url])
            .output()
            .unwrap()
            .status
            .success()
    );
    let list = mdm(dir, &requester, &["devices", "list", "--all", "-o", "json"])
        .output()
        .unwrap();
    let n = serde_json::from_slice::<serde_json::Value>(&list.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    let phrase = format!("lock {n} devices in b");
    let out = mdm(
        dir,
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
    .stderr(Stdio::null())
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(8), "lock --all waits for approval");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v["id"].as_str().unwrap().to_string();
    let t0 = Instant::now();
    let ok = mdm(
        dir,
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
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .status()
    .unwrap();
    assert!(ok.success(), "the approval");
    let deadline = Instant::now() + Duration::from_secs(1800);
    let mut first = None;
    loop {
        let got = sent();
        if got > 0 && first.is_none() {
            first = Some(Instant::now());
        }
        if got >= want {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the locks never all reached the fake"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let end = Instant::now();
    drop(gw);
    (end - t0, end - first.unwrap_or(t0))
}

fn bench_lock(vendors: &[&str], n: usize, write_ms: u64, runs: usize) {
    println!("\n### Lock {n} devices, {write_ms} ms per write at the fake\n");
    println!(
        "| backend | approval → last lock taken (median of {runs}; the approval re-reads the inventory first) | first → last lock taken | floor the vendor's limits allow | ratio, first → last (target ≤ 1.15×) | most requests at once |"
    );
    println!("|---|---|---|---|---|---|");
    let verdict = |r: f64| if r <= 1.15 { "met" } else { "not met" };
    if vendors.contains(&"jamf") {
        let (mut times, mut spans) = (Vec::new(), Vec::new());
        let mut most = 0;
        for i in 0..runs {
            let fake = jamf_fake(n, 0, write_ms);
            let dir = fresh_dir("jamf-lock");
            let cfg = jamf_config(&dir, &fake);
            let (t, span) = lock_all(&dir, &cfg, n, || fake.command_total());
            most = most.max(fake.max_in_flight());
            eprintln!(
                "jamf lock {n} run {i}: {:.2} s, first → last {:.2} s, {} at once",
                t.as_secs_f64(),
                span.as_secs_f64(),
                fake.max_in_flight()
            );
            times.push(t.as_secs_f64());
            spans.push(span.as_secs_f64());
            let _ = std::fs::remove_dir_all(&dir);
        }
        let floor = n.div_ceil(5) as f64 * write_ms as f64 / 1000.0;
        let (t, span) = (median(times), median(spans));
        let ratio = span / floor;
        println!(
            "| jamf (5 connections) | {t:.2} s | {span:.2} s | {floor:.2} s (⌈{n} / 5⌉ × {write_ms} ms) | {ratio:.3}× ({}) | {most} (limit 5: {}) |",
            verdict(ratio),
            if most <= 5 { "kept" } else { "exceeded" }
        );
    }
    if vendors.contains(&"fleet") {
        let (mut times, mut spans) = (Vec::new(), Vec::new());
        let (mut want, mut requests) = (0, 0);
        for i in 0..runs {
            let fake = fleet_fake(n, write_ms);
            // Android hosts answer 422 (Fleet has no lock for them), Linux ones are not
            // in mdm's inventory: the rest take the lock.
            let ids = fake.host_ids();
            let platform = |h: &u64| fake.host(*h).unwrap().platform;
            want = ids
                .iter()
                .filter(|h| matches!(platform(h), "darwin" | "ios" | "ipados" | "windows"))
                .count();
            requests = want + ids.iter().filter(|h| platform(h) == "android").count();
            let dir = fresh_dir("fleet-lock");
            let cfg = fleet_config(&dir, &fake);
            let (t, span) = lock_all(&dir, &cfg, want, || fake.commands_total() as usize);
            eprintln!(
                "fleet lock {n} run {i}: {:.2} s, first → last {:.2} s ({want} locks, {requests} requests)",
                t.as_secs_f64(),
                span.as_secs_f64()
            );
            times.push(t.as_secs_f64());
            spans.push(span.as_secs_f64());
            let _ = std::fs::remove_dir_all(&dir);
        }
        // Android hosts get a request too (Fleet answers 422): every request takes the
        // fake's write time.
        let floor = requests.div_ceil(5) as f64 * write_ms as f64 / 1000.0;
        let (t, span) = (median(times), median(spans));
        let ratio = span / floor;
        println!(
            "| fleet (5 at once; Fleet documents no limit) | {t:.2} s | {span:.2} s | {floor:.2} s (⌈{requests} / 5⌉ × {write_ms} ms: {want} locks, the rest Android, refused) | {ratio:.3}× ({}) | 5 (the client's limit) |",
            verdict(ratio)
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
    let vendors: Vec<&str> = match arg("--only").as_deref() {
        Some("jamf") => vec!["jamf"],
        Some("fleet") => vec!["fleet"],
        Some(other) => panic!("--only jamf|fleet, not {other}"),
        None => vec!["jamf", "fleet"],
    };
    let part = arg("--part");
    let sync_n: usize = arg("--sync-devices").map_or(100_000, |v| v.parse().expect("N"));
    let lock_n: usize = arg("--lock-devices").map_or(10_000, |v| v.parse().expect("N"));
    let write_ms: u64 = arg("--write-ms").map_or(20, |v| v.parse().expect("N"));
    let _ = std::io::stdout().flush();
    if part.as_deref() != Some("lock") {
        bench_sync(&vendors, sync_n, runs);
    }
    if part.as_deref() != Some("sync") {
        bench_lock(&vendors, lock_n, write_ms, runs);
    }
}
