//! Fleet-scale benchmark: `cargo bench --bench fleet` (add `-- --quick` for 10,000 devices
//! only). Compares the real binary against its floor, measured in the same run:
//!
//! * `devices list --all -o jsonl` at 10,000, 100,000 and 300,000 devices vs ONE curl
//!   process fetching the same pages (found once by following `Link: rel="next"`) over
//!   one keep-alive connection, wall time and ratio;
//! * peak RSS of `mdm` at each size (it streams; it must not buffer);
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

/// The page URLs of the whole listing, found once (untimed) by following the
/// `Link: rel="next"` headers from the first 1,000-device page.
fn page_urls(sb: &Sandbox) -> Vec<String> {
    let mut urls = Vec::new();
    let mut next = Some("/v1/devices?limit=1000".to_string());
    while let Some(path) = next.take() {
        let url = format!("{}{path}", sb.url);
        let out = Command::new("curl")
            .args(["-sS", "-o", "/dev/null", "-D", "-", "-H"])
            .arg(format!("Authorization: Bearer {}", sb.token))
            .arg(&url)
            .output()
            .unwrap();
        assert!(out.status.success(), "curl failed");
        next = String::from_utf8_lossy(&out.stdout).lines().find_map(|l| {
            let l = l.trim_end();
            let rest = l
                .strip_prefix("Link: <")
                .or_else(|| l.strip_prefix("link: <"))?;
            let (target, rel) = rest.split_once('>')?;
            rel.contains("rel=\"next\"").then(|| target.to_string())
        });
        urls.push(url);
    }
    urls
}

/// A curl config fetching every page over one keep-alive connection (the token in a
/// 0600 file, not in argv).
fn curl_config(dir: &std::path::Path, sb: &Sandbox, urls: &[String]) -> std::path::PathBuf {
    use std::os::unix::fs::OpenOptionsExt;
    let path = dir.join("curl-pages.conf");
    let mut text = format!("header = \"Authorization: Bearer {}\"\n", sb.token);
    for u in urls {
        text.push_str(&format!("url = \"{u}\"\noutput = \"/dev/null\"\n"));
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
    path
}

/// The floor: ONE curl process fetching the same pages over one keep-alive connection.
fn curl_once(config: &std::path::Path) -> Run {
    let mut cmd = Command::new("curl");
    cmd.args(["-sS", "--fail", "--config"])
        .arg(config)
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

    let sizes: &[u32] = if quick {
        &[10_000]
    } else {
        &[10_000, 100_000, 300_000]
    };
    for &size in sizes {
        let dir = tmp.join(size.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        let sb = sandbox(size, &dir, &[]);
        let urls = page_urls(&sb);
        let config = curl_config(&dir, &sb, &urls);
        // Warm the page cache and the server once.
        let _ = mdm_list(&sb);
        let _ = curl_once(&config);
        let runs = if size >= 100_000 { 5 } else { 7 };
        let (mut m, mut c, mut rss, mut cpu) = (Vec::new(), Vec::new(), 0, Duration::ZERO);
        // Interleave so machine noise hits both alike.
        for _ in 0..runs {
            let a = mdm_list(&sb);
            rss = rss.max(a.max_rss_kb);
            cpu = cpu.max(a.cpu);
            m.push(a.wall);
            c.push(curl_once(&config).wall);
        }
        let (mm, cm) = (median(m), median(c));
        rows.push(format!(
            "| `devices list --all -o jsonl`, {size} devices | {:.0} ms (peak RSS {:.1} MB, CPU {:.0} ms) | one keep-alive curl: {:.0} ms | {:.2}× |",
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
