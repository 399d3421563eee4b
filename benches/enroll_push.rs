//! Enrollment and push benchmark: `cargo bench --bench enroll_push`
//! (`-- --devices N --rows N` to change the sizes; defaults 100,000 and 10,000).
//!
//! * `push command sync` to every device of a 100,000-device sandbox, fleet-wide (a
//!   reason, a second admin's approval), then followed with `actions watch`: the HTTP
//!   requests the CLI sends (from its `-v` traces) and its CPU time while following;
//! * `enroll bulk` of a 10,000-row CSV versus 10,000 separate `enroll create` calls.

mod common;

use common::*;
use std::process::{Command, Stdio};
use std::time::Instant;

fn mdm(sb: &Sandbox, args: &[&str]) -> Command {
    mdm_as(sb, &sb.token, args)
}

fn arg(name: &str, default: u32) -> u32 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .map(|i| args[i + 1].parse().expect("a number"))
        .unwrap_or(default)
}

fn main() {
    let devices = arg("--devices", 100_000);
    let rows = arg("--rows", 10_000);
    let tmp = std::env::temp_dir().join(format!("mdm-bench-push-{}", std::process::id()));
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
            "--push-approval-threshold",
            "10000000",
        ],
    );

    // Push to the whole fleet through a filter: fleet-wide (it covers the fleet's share),
    // so it needs a reason and a second admin, as any such push does.
    let approver = add_admin(&sb, "approver");
    let phrase = format!("push {devices} devices in b");
    let t = Instant::now();
    let out = mdm(
        &sb,
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
            &otp(&sb, "bench"),
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
    let id = serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut sent = requests(&String::from_utf8_lossy(&out.stderr));
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
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    sent += requests(&String::from_utf8_lossy(&out.stderr));
    let approved_wall = t.elapsed();
    // Followed until every device acknowledged: the CLI's polls, CPU and memory.
    let log = tmp.join("watch.log");
    let mut cmd = mdm(&sb, &["-v", "actions", "watch", &id]);
    cmd.stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap());
    let w = Instant::now();
    let run = wait_measured(cmd.spawn().unwrap(), w);
    let total_wall = t.elapsed();
    let trace = std::fs::read_to_string(&log).unwrap();
    sent += requests(&trace);
    let polls = trace
        .lines()
        .filter(|l| l.starts_with("> GET") && l.contains("/v1/actions/"))
        .count();

    // Bulk enrollment versus one call per row.
    let csv = tmp.join("users.csv");
    let mut s = String::from("email\n");
    for i in 0..rows {
        s.push_str(&format!("person{i}@example.org\n"));
    }
    std::fs::write(&csv, s).unwrap();
    let t = Instant::now();
    let out = mdm(
        &sb,
        &[
            "enroll",
            "bulk",
            csv.to_str().unwrap(),
            "--out",
            tmp.join("tokens.csv").to_str().unwrap(),
        ],
    )
    .output()
    .unwrap();
    let bulk = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = Instant::now();
    for i in 0..rows {
        let out = mdm(
            &sb,
            &[
                "enroll",
                "create",
                "--user",
                &format!("single{i}@example.org"),
                "-o",
                "json",
            ],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
        assert!(out.success());
    }
    let singles = t.elapsed();

    println!("| measurement | result | notes |");
    println!("|---|---|---|");
    println!(
        "| `push command sync` to {devices} devices (fleet-wide: request {:.0} ms, second admin's approval by {:.0} ms), until all acknowledged | {:.1} s, {sent} HTTP requests | {polls} polls ({:.2}/s) while following; CPU {:.0} ms = {:.2}% of the follow; peak RSS {:.1} MB |",
        request_wall.as_secs_f64() * 1e3,
        approved_wall.as_secs_f64() * 1e3,
        total_wall.as_secs_f64(),
        polls as f64 / run.wall.as_secs_f64(),
        run.cpu.as_secs_f64() * 1e3,
        100.0 * run.cpu.as_secs_f64() / run.wall.as_secs_f64(),
        run.max_rss_kb as f64 / 1024.0
    );
    println!(
        "| `enroll bulk` of {rows} rows | {:.2} s | {rows} separate `enroll create` calls: {:.1} s ({:.0}× slower) |",
        bulk.as_secs_f64(),
        singles.as_secs_f64(),
        singles.as_secs_f64() / bulk.as_secs_f64()
    );
    drop(sb);
    let _ = std::fs::remove_dir_all(&tmp);
}
