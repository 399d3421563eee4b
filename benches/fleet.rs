//! Fleet-scale benchmark: `cargo bench --bench fleet` (add `-- --quick` for 10,000 devices
//! only). Compares the real binary against its floor, measured in the same run:
//!
//! * `devices list --all -o jsonl` over 100,000 devices vs a bash+curl loop that fetches
//!   the same pages (following `Link: rel="next"`), wall time and ratio;
//! * peak RSS of `mdm` at 10,000 and 100,000 devices (it streams; it must not buffer);
//! * `mdm --version` start-up time.
//!
//! Results are printed as a Markdown table; BENCHMARKS.md records a run.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mdm");

struct Run {
    wall: Duration,
    max_rss_kb: i64,
    cpu: Duration,
}

/// Waits for a child with wait4 to get its own peak RSS and CPU time.
fn wait_measured(child: Child, started: Instant) -> Run {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain FFI; `ru` is fully written by wait4 before we read it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    assert_eq!(r, pid, "wait4 failed");
    let wall = started.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "child failed: {status}"
    );
    std::mem::forget(child);
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Run {
        wall,
        max_rss_kb: ru.ru_maxrss,
        cpu: tv(ru.ru_utime) + tv(ru.ru_stime),
    }
}

struct Sandbox {
    child: Child,
    url: String,
    token: String,
    dir: PathBuf,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn env(cmd: &mut Command, dir: &Path) {
    cmd.env("MDM_CONFIG_DIR", dir.join("config"))
        .env("MDM_STATE_DIR", dir.join("state"))
        .env("MDM_DATA_DIR", dir.join("data"))
        .env("MDM_SANDBOX_QUIET", "1")
        .env("MDM_KEYRING", "keyutils")
        .env_remove("MDM_TOKEN");
}

fn sandbox(devices: u32, dir: &Path) -> Sandbox {
    let mut cmd = Command::new(BIN);
    env(&mut cmd, dir);
    cmd.args([
        "sandbox",
        "serve",
        "--port",
        "0",
        "--tick-ms",
        "0",
        "--devices",
    ])
    .arg(devices.to_string())
    .stdout(Stdio::piped());
    let t = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    eprintln!("seeded {devices} devices in {:.1?}", t.elapsed());
    let mut add = Command::new(BIN);
    env(&mut add, dir);
    let out = add
        .args([
            "sandbox", "user", "add", "bench", "--role", "admin", "-o", "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let token = v["token"].as_str().unwrap().to_string();
    let mut ctx = Command::new(BIN);
    env(&mut ctx, dir);
    assert!(
        ctx.args(["context", "add", "b", "--server", line.trim()])
            .output()
            .unwrap()
            .status
            .success()
    );
    Sandbox {
        child,
        url: line.trim().to_string(),
        token,
        dir: dir.to_path_buf(),
    }
}

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
        let sb = sandbox(size, &dir);
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
