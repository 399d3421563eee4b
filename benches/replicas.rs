//! The gateway on SQLite and on PostgreSQL, one and two replicas:
//! `cargo bench --bench replicas [-- --quick]`.
//!
//! - **Audit append throughput**: 4 clients on keep-alive connections send
//!   `POST /v1/auth/login` (each appends one audit event, in its own write transaction,
//!   under the write lock every replica shares), for a fixed number of requests;
//!   events per second. With two replicas the clients alternate between them.
//! - **Action creation latency**: `POST /v1/actions` locking one device (a single-device
//!   lock needs no step-up; its preview is made first and not timed), one at a time,
//!   alternating replicas; p50 and p99.
//!
//! The floor is the same clients' `GET /v1/health` (no database write) in the same run:
//! requests per second and p50/p99, so the ratios hold on a shared, noisy machine.

mod common;

use common::*;
use serde_json::json;
use std::time::{Duration, Instant};

const CLIENTS: usize = 4;

struct Setup {
    name: &'static str,
    sb: Sandbox,
    urls: Vec<String>,
    _replica: Option<std::process::Child>,
    _pg: Option<postgres::Postgres>,
}

impl Drop for Setup {
    fn drop(&mut self) {
        if let Some(c) = &mut self._replica {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn setup(name: &'static str, engine: &str, replicas: usize, devices: u32) -> Setup {
    let tmp =
        std::env::temp_dir().join(format!("mdm-bench-replicas-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let base = [
        "--tick-ms",
        "0",
        "--single-action-budget",
        "1000000",
        "--offline-percent",
        "0",
    ];
    let mut extra: Vec<String> = base.iter().map(|s| s.to_string()).collect();
    let pg = (engine == "postgres").then(|| {
        let pg = postgres::Postgres::start();
        pg.create_database("mdm");
        extra.extend(postgres_flags(&pg, "mdm"));
        pg
    });
    let refs: Vec<&str> = extra.iter().map(String::as_str).collect();
    let sb = sandbox(devices, &tmp, &refs);
    let mut urls = vec![sb.url.clone()];
    let mut second = None;
    if replicas == 2 {
        let mut flags = vec!["--devices".to_string(), devices.to_string()];
        flags.extend(extra.iter().cloned());
        let (child, url) = replica(&sb, &flags);
        urls.push(url);
        second = Some(child);
    }
    Setup {
        name,
        sb,
        urls,
        _replica: second,
        _pg: pg,
    }
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .pool_max_idle_per_host(2)
        .build()
        .unwrap()
}

/// Requests per second of `total` calls of `call` spread over `CLIENTS` threads (client
/// `i` on `urls[i % len]`).
fn throughput(
    urls: &[String],
    total: usize,
    call: impl Fn(&reqwest::blocking::Client, &str) + Sync,
) -> f64 {
    let t = Instant::now();
    std::thread::scope(|s| {
        for i in 0..CLIENTS {
            let (url, call) = (&urls[i % urls.len()], &call);
            s.spawn(move || {
                let c = client();
                for _ in 0..total / CLIENTS {
                    call(&c, url);
                }
            });
        }
    });
    total as f64 / t.elapsed().as_secs_f64()
}

fn login(c: &reqwest::blocking::Client, url: &str, token: &str) {
    let r = c
        .post(format!("{url}/v1/auth/login"))
        .bearer_auth(token)
        .json(&json!({}))
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 204, "{:?}", r.text());
}

fn health(c: &reqwest::blocking::Client, url: &str) {
    let r = c.get(format!("{url}/v1/health")).send().unwrap();
    assert!(r.status().is_success());
    let _ = r.bytes();
}

/// Latencies (ms) of `n` single-device locks, one at a time, alternating replicas.
fn lock_latencies(s: &Setup, n: usize) -> Vec<f64> {
    let c = client();
    let ids: Vec<String> = {
        let r: serde_json::Value = c
            .get(format!("{}/v1/devices?limit=200", s.urls[0]))
            .bearer_auth(&s.sb.token)
            .send()
            .unwrap()
            .json()
            .unwrap();
        r["items"]
            .as_array()
            .or_else(|| r.as_array())
            .expect("a device list")
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let url = &s.urls[i % s.urls.len()];
        let target = json!({ "ids": [ids[i % ids.len()]] });
        let preview: serde_json::Value = c
            .post(format!("{url}/v1/actions/preview"))
            .bearer_auth(&s.sb.token)
            .json(&json!({ "action": "lock", "target": target }))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let body = json!({
            "action": "lock",
            "target": target,
            "expected_count": preview["count"],
            "target_digest": preview["target_digest"],
            "preview_id": preview["preview_id"],
        });
        // Timed: the creation itself (the gate, the action and its audit event).
        let t = Instant::now();
        let r = c
            .post(format!("{url}/v1/actions"))
            .bearer_auth(&s.sb.token)
            .header("Idempotency-Key", format!("bench-{}-{i}", s.name))
            .json(&body)
            .send()
            .unwrap();
        let status = r.status().as_u16();
        let text = r.text().unwrap_or_default();
        assert!(
            status == 201 || status == 200 || status == 202,
            "{status}: {text}"
        );
        out.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    out
}

fn health_latencies(url: &str, n: usize) -> Vec<f64> {
    let c = client();
    (0..n)
        .map(|_| {
            let t = Instant::now();
            health(&c, url);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect()
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (appends, locks) = if quick { (400, 60) } else { (4000, 400) };
    let setups = [
        ("sqlite, 1 replica", "sqlite", 1),
        ("postgres, 1 replica", "postgres", 1),
        ("postgres, 2 replicas", "postgres", 2),
    ];
    println!(
        "| setup | audit appends/s | floor: health req/s | ratio | lock create p50 / p99 ms | floor: health p50 / p99 ms |"
    );
    println!("|---|---|---|---|---|---|");
    for (name, engine, replicas) in setups {
        let s = setup(name, engine, replicas, 1000);
        let floor = throughput(&s.urls, appends, health);
        let token = s.sb.token.clone();
        let rate = throughput(&s.urls, appends, |c, u| login(c, u, &token));
        let lat = lock_latencies(&s, locks);
        let hl = health_latencies(&s.urls[0], locks);
        println!(
            "| {name} | {rate:.0} | {floor:.0} | {:.1}× | {:.1} / {:.1} | {:.2} / {:.2} |",
            floor / rate,
            percentile(&lat, 50.0),
            percentile(&lat, 99.0),
            percentile(&hl, 50.0),
            percentile(&hl, 99.0),
        );
        drop(s);
        std::thread::sleep(Duration::from_millis(200));
    }
}
