//! Fleet-scale benchmark: `cargo bench --bench fleet` (add `-- --quick` for 10,000 devices
//! only). Compares the real binary against its floor, measured in the same run:
//!
//! * `devices list --all -o jsonl` over 100,000 devices vs a bash+curl loop that fetches
//!   the same pages (following `Link: rel="next"`), wall time and ratio;
//! * peak RSS of `mdm` at 10,000 and 100,000 devices (it streams; it must not buffer);
//! * `mdm --version` start-up time.
//!
//! Results are printed as a Markdown table; BENCHMARKS.md records a run.

mod common;

use common::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn mdm_list(sb: &Sandbox) -> Run {
    let mut cmd = Command::new(BIN);
    env(&mut cmd, &sb.dir);
    cmd.env("MDM_TOKEN", &sb.token)
        .args(["devices", "list", "--all", "-o", "jsonl"])
        .stdout(Stdio::null());
    let t = Instant::now();
    wait_measured(cmd.spawn().unwrap(), t)
}

/// The floor: one bash loop of curl calls fetching the same 1,000-device pages.
fn curl_loop(sb: &Sandbox) -> Run {
    let script = r#"
next="/v1/devices?limit=1000"
while [ -n "$next" ]; do
  hdr=$(curl -sS -o /dev/null -D - -H "Authorization: Bearer $MDM_BENCH_TOKEN" "$MDM_BENCH_URL$next")
  next=$(printf '%s' "$hdr" | sed -n 's/^[Ll]ink: <\([^>]*\)>; rel="next".*/\1/p' | tr -d '\r')
done
"#;
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg(script)
        .env("MDM_BENCH_TOKEN", &sb.token)
        .env("MDM_BENCH_URL", &sb.url)
        .stdout(Stdio::null());
    let t = Instant::now();
    wait_measured(cmd.spawn().unwrap(), t)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let tmp = std::env::temp_dir().join(format!("mdm-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let mut rows = Vec::new();

    // Start-up time.
    let n = 50;
    let t = Instant::now();
    for _ in 0..n {
        let s = Command::new(BIN)
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(s.success());
    }
    let startup = t.elapsed() / n;
    let t = Instant::now();
    for _ in 0..n {
        Command::new("true").status().unwrap();
    }
    let floor = t.elapsed() / n;
    rows.push(format!(
        "| `mdm --version` start-up | {:.1} ms | `true`: {:.1} ms | {:.2}× |",
        startup.as_secs_f64() * 1e3,
        floor.as_secs_f64() * 1e3,
        startup.as_secs_f64() / floor.as_secs_f64()
    ));

    let sizes: &[u32] = if quick { &[10_000] } else { &[10_000, 100_000] };
    for &size in sizes {
        let dir = tmp.join(size.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        let sb = sandbox(size, &dir, &[]);
        // Warm the page cache and the server once.
        let _ = mdm_list(&sb);
        let _ = curl_loop(&sb);
        let runs = if size >= 100_000 { 5 } else { 7 };
        let (mut m, mut c, mut rss, mut cpu) = (Vec::new(), Vec::new(), 0, Duration::ZERO);
        // Interleave so machine noise hits both alike.
        for _ in 0..runs {
            let a = mdm_list(&sb);
            rss = rss.max(a.max_rss_kb);
            cpu = cpu.max(a.cpu);
            m.push(a.wall);
            c.push(curl_loop(&sb).wall);
        }
        let (mm, cm) = (median(m), median(c));
        rows.push(format!(
            "| `devices list --all -o jsonl`, {size} devices | {:.0} ms (peak RSS {:.1} MB, CPU {:.0} ms) | curl loop: {:.0} ms | {:.2}× |",
            mm.as_secs_f64() * 1e3,
            rss as f64 / 1024.0,
            cpu.as_secs_f64() * 1e3,
            cm.as_secs_f64() * 1e3,
            mm.as_secs_f64() / cm.as_secs_f64()
        ));
        drop(sb);
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!("| measurement | mdm | floor | ratio |");
    println!("|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
}
