//! Fleet-wide wipe benchmark: `cargo bench --bench wipe` (`-- --devices N` to change the
//! fleet size, default 100,000). Runs the whole two-person flow against a real sandbox:
//!
//! 1. `mdm wipe --all` (preview, step-up, create → pending approval, exit 8),
//! 2. `mdm approvals approve` by a second admin,
//! 3. `mdm actions watch` until every device has answered,
//!
//! and reports the HTTP requests each command sent (counted from `-v`), the polling rate
//! while following, and the follower's own CPU time as a share of its wall time.

mod common;

use common::*;
use std::process::Stdio;
use std::time::Instant;

fn main() {
    let mut devices = 100_000u32;
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--devices") {
        devices = args[i + 1].parse().expect("--devices N");
    }
    let tmp = std::env::temp_dir().join(format!("mdm-bench-wipe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let sb = sandbox(
        devices,
        &tmp,
        &[
            "--tick-ms",
            "1000",
            "--offline-percent",
            "0",
            "--fail-percent",
            "0",
        ],
    );
    let requester = add_admin(&sb, "requester");
    let approver = add_admin(&sb, "approver");
    let phrase = format!("wipe {devices} devices in b");

    let t = Instant::now();
    let out = mdm_as(
        &sb,
        &requester,
        &[
            "-v",
            "wipe",
            "--all",
            "--reason",
            "benchmark",
            "--confirm",
            &phrase,
            "--otp",
            &otp(&sb, "requester"),
            "-o",
            "json",
        ],
    )
    .output()
    .unwrap();
    let request_wall = t.elapsed();
    assert_eq!(
        out.status.code(),
        Some(8),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v["id"].as_str().unwrap().to_string();
    let request_reqs = requests(&String::from_utf8_lossy(&out.stderr));

    let t = Instant::now();
    let out = mdm_as(
        &sb,
        &approver,
        &[
            "-v",
            "approvals",
            "approve",
            &id,
            "--confirm",
            &phrase,
            "--otp",
            &otp(&sb, "approver"),
        ],
    )
    .output()
    .unwrap();
    let approve_wall = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let approve_reqs = requests(&String::from_utf8_lossy(&out.stderr));

    let log = tmp.join("watch.log");
    let mut cmd = mdm_as(&sb, &requester, &["-v", "actions", "watch", &id]);
    cmd.stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap());
    let t = Instant::now();
    let run = wait_measured(cmd.spawn().unwrap(), t);
    let watch_log = std::fs::read_to_string(&log).unwrap();
    let polls = requests(&watch_log);

    println!("| step | wall | HTTP requests | notes |");
    println!("|---|---|---|---|");
    println!(
        "| `wipe --all` ({devices} devices) → pending approval | {:.0} ms | {request_reqs} | preview + step-up + create |",
        request_wall.as_secs_f64() * 1e3
    );
    println!(
        "| `approvals approve` (second admin) | {:.0} ms | {approve_reqs} | get + step-up + approve (server fans out {devices} commands) |",
        approve_wall.as_secs_f64() * 1e3
    );
    println!(
        "| `actions watch` until all {devices} acknowledged | {:.1} s | {polls} | {:.2} polls/s; CPU {:.0} ms = {:.2}% of wall; peak RSS {:.1} MB |",
        run.wall.as_secs_f64(),
        polls as f64 / run.wall.as_secs_f64(),
        run.cpu.as_secs_f64() * 1e3,
        100.0 * run.cpu.as_secs_f64() / run.wall.as_secs_f64(),
        run.max_rss_kb as f64 / 1024.0
    );
    drop(sb);
    let _ = std::fs::remove_dir_all(&tmp);
}
