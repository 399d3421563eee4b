//! Audit benchmark: `cargo bench --bench audit` (`-- --events N` to change the size;
//! default 1,000,000 synthetic events seeded into a fresh sandbox).
//!
//! * `mdm audit verify` (stream the chain, hash every event, check links, signatures and
//!   pins) next to `openssl dgst -sha256` over the same canonical bytes (the floor: it
//!   uses the CPU's SHA extensions, which coreutils `sha256sum` does not, so that one is
//!   an extra row only), and next to `curl | openssl dgst -sha256` (the same bytes over
//!   the same HTTP from the same server);
//! * `mdm audit export --format cef` of every event: wall time and the CLI's own peak
//!   RSS (wait4), next to `curl` fetching the same chain to /dev/null.
//!
//! Runs are interleaved and the median of 3 is reported.

mod common;

use common::*;
use std::os::unix::fs::OpenOptionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .map(|i| args[i + 1].parse().expect("a number"))
        .unwrap_or(default)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn sh(script: &str) -> Duration {
    let t = Instant::now();
    let st = Command::new("sh")
        .args(["-c", script])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success(), "{script}");
    t.elapsed()
}

fn main() {
    let events = arg("--events", 1_000_000);
    let tmp = std::env::temp_dir().join(format!("mdm-bench-audit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let t = Instant::now();
    let sb = sandbox(
        10,
        &tmp,
        &["--tick-ms", "0", "--seed-audit", &events.to_string()],
    );
    eprintln!("seeded {events} audit events in {:.1?}", t.elapsed());
    // curl reads the token from a 0600 file, never from its argv.
    let header = tmp.join("auth.header");
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&header)
            .unwrap();
        writeln!(f, "Authorization: Bearer {}", sb.token).unwrap();
    }
    let chain = tmp.join("chain.ndjson");
    let chain_url = format!("{}/v1/audit/chain?until_id={events}", sb.url);
    let curl = format!("curl -sf -H @{} '{chain_url}'", header.display());
    sh(&format!("{curl} -o {}", chain.display()));
    let bytes = std::fs::metadata(&chain).unwrap().len();
    eprintln!(
        "canonical chain: {bytes} bytes ({:.0} per event)",
        bytes as f64 / events as f64
    );

    let mdm = |args: &[&str]| {
        let mut cmd = Command::new(BIN);
        env(&mut cmd, &sb.dir);
        cmd.env("MDM_TOKEN", &sb.token)
            .args(["-c", "b"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    };
    let (mut floor, mut piped, mut verify) = (Vec::new(), Vec::new(), Vec::new());
    let mut coreutils = Vec::new();
    let (mut export, mut fetch) = (Vec::new(), Vec::new());
    let mut export_rss = 0;
    let mut verify_rss = 0;
    for round in 0..3 {
        floor.push(sh(&format!("openssl dgst -sha256 {}", chain.display())));
        coreutils.push(sh(&format!("sha256sum {}", chain.display())));
        piped.push(sh(&format!("{curl} | openssl dgst -sha256")));
        let t = Instant::now();
        let r = wait_measured(mdm(&["audit", "verify"]).spawn().unwrap(), t);
        verify.push(r.wall);
        verify_rss = verify_rss.max(r.max_rss_kb);
        fetch.push(sh(&format!("{curl} -o /dev/null")));
        let t = Instant::now();
        let r = wait_measured(
            mdm(&["audit", "export", "--format", "cef"])
                .spawn()
                .unwrap(),
            t,
        );
        export.push(r.wall);
        export_rss = export_rss.max(r.max_rss_kb);
        eprintln!("round {} done", round + 1);
    }
    let (floor, piped, verify) = (median(floor), median(piped), median(verify));
    let coreutils = median(coreutils);
    let (fetch, export) = (median(fetch), median(export));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| measurement | time | floor | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| `audit verify`, {events} events | {:.0} ms (peak RSS {:.1} MB) | `openssl dgst -sha256` over the same {:.0} MB: {:.0} ms | {:.2}× |",
        ms(verify),
        verify_rss as f64 / 1024.0,
        bytes as f64 / 1e6,
        ms(floor),
        ms(verify) / ms(floor)
    );
    println!(
        "| | | `curl \\| openssl dgst -sha256` (same bytes, same HTTP): {:.0} ms | {:.2}× |",
        ms(piped),
        ms(verify) / ms(piped)
    );
    println!(
        "| | | coreutils `sha256sum` (no SHA extensions): {:.0} ms | {:.2}× |",
        ms(coreutils),
        ms(verify) / ms(coreutils)
    );
    println!(
        "| `audit export --format cef`, {events} events | {:.0} ms (peak RSS {:.1} MB) | `curl` of the chain to /dev/null: {:.0} ms | {:.2}× |",
        ms(export),
        export_rss as f64 / 1024.0,
        ms(fetch),
        ms(export) / ms(fetch)
    );
    drop(sb);
    let _ = std::fs::remove_dir_all(&tmp);
}
