//! Seeding and server memory: `cargo bench --bench seed [-- --quick]`.
//!
//! The sandbox seeds its fleet (and, with `--seed-audit N`, an audit history) in one
//! transaction before it listens, so the time from the spawn to its address line is the
//! seeding time. After a `devices list --all` (so the server did some work) the server's
//! peak resident memory (VmHWM) and its anonymous memory now (RssAnon) are read from
//! /proc before the kill: at 10,000, 100,000 and 300,000 devices, and at 10 devices with
//! 1,000,000 audit events (`--quick`: 10,000 devices, and 10 devices with 100,000 events).

mod common;

use common::*;
use std::process::Stdio;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let cases: &[(u32, u64)] = if quick {
        &[(10_000, 0), (10, 100_000)]
    } else {
        &[(10_000, 0), (100_000, 0), (300_000, 0), (10, 1_000_000)]
    };
    let mut rows = Vec::new();
    for &(devices, events) in cases {
        let tmp = std::env::temp_dir().join(format!(
            "mdm-bench-seed-{}-{devices}-{events}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).unwrap();
        let events_arg = events.to_string();
        let mut settings = vec!["--tick-ms", "0"];
        if events > 0 {
            settings.extend(["--seed-audit", &events_arg]);
        }
        let sb = sandbox(devices, &tmp, &settings);
        let out = mdm_as(&sb, &sb.token, &["devices", "list", "--all", "-o", "jsonl"])
            .stderr(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success());
        // Every seeded device was served.
        assert_eq!(
            out.stdout.iter().filter(|b| **b == b'\n').count(),
            devices as usize
        );
        if events > 0 {
            // The history is there: the newest page of it is served too.
            let out = mdm_as(
                &sb,
                &sb.token,
                &["audit", "log", "--limit", "1000", "-o", "jsonl"],
            )
            .stderr(Stdio::null())
            .output()
            .unwrap();
            assert!(out.status.success());
            assert_eq!(out.stdout.iter().filter(|b| **b == b'\n').count(), 1000);
        }
        let (hwm, anon) = server_mem(sb.child.id());
        let what = if events > 0 {
            format!("{devices} devices + {events} audit events")
        } else {
            format!("{devices} devices")
        };
        rows.push((what, sb.seeded, hwm, anon));
        drop(sb);
        let _ = std::fs::remove_dir_all(&tmp);
    }
    println!("| sandbox | seeding (spawn to listening) | server VmHWM | server RssAnon |");
    println!("|---|---|---|---|");
    for (what, seeded, hwm, anon) in rows {
        println!(
            "| {what} | {:.2} s | {:.1} MB | {:.1} MB |",
            seeded.as_secs_f64(),
            hwm as f64 / 1024.0,
            anon as f64 / 1024.0
        );
    }
}
