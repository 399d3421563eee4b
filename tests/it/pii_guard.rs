//! Issue 12 finding 13, the PII guard: what the January 2026 attack on the European
//! Commission's MDM exposed (staff names and mobile numbers). Unmasked owner details of
//! more than the budget (default 50 distinct devices per actor per hour) need a step-up;
//! crossing it is an audit event and a webhook alert; `devices list --all --show-pii`
//! and `incident snapshot --show-pii` fall under the same budget; `incident report` shows
//! the breach.

use crate::common::fixture::{Fixture, response};
use crate::common::http::{Http, Resp};
use crate::common::{Env, Sandbox, Server};
use crate::gate_attacks::events;
use serde_json::Value;
use std::time::{Duration, Instant};

fn page(http: &Http, token: &str, elev: Option<&str>, q: &str) -> Resp {
    http.call(
        "GET",
        &format!("/v1/devices?show_pii=true&{q}"),
        Some(token),
        elev,
        None,
    )
}

fn unmasked(items: &Value) -> usize {
    items
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["owner_email"].as_str().unwrap().contains('*'))
        .count()
}

fn wait_for_hits(hook: &Fixture, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while hook.hits() < n {
        assert!(Instant::now() < deadline, "no webhook alert");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn unmasking_over_the_budget_needs_a_step_up_alerts_and_is_on_record() {
    let hook = Fixture::start(vec![response("200 OK", &[], "ok")]);
    let env = Env::new();
    let server = Server::start_args(
        &env,
        &[
            "--devices",
            "120",
            "--tick-ms",
            "0",
            "--alert-webhook",
            &format!("{}/hooks/secops", hook.url),
        ],
    );
    let sb = Sandbox::with_server(env, server);
    let http = Http::new(&sb.server.url);
    let op = sb.user_full("opal", "operator");

    // Under the budget: 40 devices unmasked, no step-up.
    let first = page(&http, &op.token, None, "limit=40");
    assert_eq!(first.status, 200, "{:?}", first.body);
    assert_eq!(unmasked(&first.body["items"]), 40);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_string();

    // The next 40 would make 80 in the hour: a stolen token alone gets nothing more.
    let over = page(&http, &op.token, None, &format!("limit=40&cursor={cursor}"));
    assert_eq!(
        (over.status, over.code()),
        (403, "step_up_required"),
        "{:?}",
        over.body
    );
    let d = &over.body["error"]["details"];
    assert_eq!(d["pii_budget"], 50);
    assert_eq!(d["window_devices"], 40);
    assert_eq!(d["requested_devices"], 40);
    assert!(
        over.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("PII budget of 50"),
        "{:?}",
        over.body
    );
    // The refusal is on record, and nothing was alerted yet.
    let refused = events(&sb, "request.refused");
    assert!(
        refused.iter().any(|e| e["actor"] == "opal"
            && e["details"]["route"] == "/v1/devices"
            && e["details"]["code"] == "step_up_required"),
        "{refused:?}"
    );
    assert!(events(&sb, "pii.budget_exceeded").is_empty());
    assert_eq!(hook.hits(), 0);

    // Re-reading what was already unmasked this hour costs nothing.
    let again = page(&http, &op.token, None, "limit=40");
    assert_eq!(again.status, 200, "{:?}", again.body);

    // With a step-up the read goes through, and the breach is an event and an alert.
    let elev = http.step_up(&op.token, &sb.otp("opal")).unwrap();
    let granted = page(
        &http,
        &op.token,
        Some(&elev),
        &format!("limit=40&cursor={cursor}"),
    );
    assert_eq!(granted.status, 200, "{:?}", granted.body);
    assert_eq!(unmasked(&granted.body["items"]), 40);
    let breach = events(&sb, "pii.budget_exceeded");
    assert_eq!(breach.len(), 1, "{breach:?}");
    assert_eq!(breach[0]["actor"], "opal");
    assert_eq!(breach[0]["details"]["window_devices"], 80);
    assert_eq!(breach[0]["details"]["pii_budget"], 50);
    assert!(breach[0]["elevation_id"].is_string(), "{}", breach[0]);
    let reads = events(&sb, "devices.pii_read");
    let last = reads.last().unwrap();
    assert_eq!(last["details"]["over_budget"], true, "{last}");
    assert_eq!(last["details"]["window_devices"], 80, "{last}");
    wait_for_hits(&hook, 1);
    let req = hook.requests.lock().unwrap()[0].clone();
    assert!(req.starts_with("POST /hooks/secops "), "{req}");
    let body: Value = serde_json::from_str(&req[req.find("\r\n\r\n").unwrap() + 4..]).unwrap();
    assert_eq!(body["type"], "mdm.pii.budget_exceeded");
    assert_eq!(body["user"], "opal");
    assert_eq!(body["window_devices"], 80);
    assert_eq!(body["audit_event_id"], breach[0]["id"]);
    // The payload is the one the API description documents (webhook `piiBudgetExceeded`).
    let spec: Value = serde_norway::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("crates/mdm-server/openapi/mdm-v1.yaml"),
        )
        .unwrap(),
    )
    .unwrap();
    let schema = &spec["components"]["schemas"]["PiiBudgetAlert"];
    for key in schema["required"].as_array().unwrap() {
        assert!(
            body.get(key.as_str().unwrap()).is_some(),
            "{key} missing: {body}"
        );
    }
    assert_eq!(body["type"], schema["properties"]["type"]["const"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while events(&sb, "pii.alert").is_empty() {
        assert!(
            Instant::now() < deadline,
            "the alert's delivery was not audited"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(events(&sb, "pii.alert")[0]["outcome"], "success");

    // More over-budget reads in the same hour: each needs the step-up, one alert only.
    let third = page(&http, &op.token, None, "limit=200");
    assert_eq!(third.code(), "step_up_required", "{:?}", third.body);
    let all = page(&http, &op.token, Some(&elev), "limit=200");
    assert_eq!(all.status, 200);
    assert_eq!(unmasked(&all.body["items"]), 120);
    assert_eq!(events(&sb, "pii.budget_exceeded").len(), 1);

    // One device at a time is counted too.
    let id = all.body["items"][0]["id"].as_str().unwrap().to_string();
    let one = http.call(
        "GET",
        &format!("/v1/devices/{id}?show_pii=true"),
        Some(&op.token),
        None,
        None,
    );
    assert_eq!(
        one.status, 200,
        "re-read of a counted device: {:?}",
        one.body
    );

    // The window rolls: an hour later the budget is fresh.
    sb.server.advance_clock(3601);
    let later = page(&http, &op.token, None, "limit=50");
    assert_eq!(later.status, 200, "{:?}", later.body);
    let next = http.call(
        "GET",
        &format!(
            "/v1/devices/{}?show_pii=true",
            all.body["items"][60]["id"].as_str().unwrap()
        ),
        Some(&op.token),
        None,
        None,
    );
    assert_eq!(
        next.code(),
        "step_up_required",
        "the 51st device: {:?}",
        next.body
    );

    // The incident report names the breach for that actor.
    let report = sb.run(&["incident", "report", "--since", "2h", "-o", "json"]);
    report.ok();
    let r = report.json();
    let opal = r["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["actor"] == "opal")
        .unwrap_or_else(|| panic!("{r}"));
    assert!(
        opal["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["category"] == "pii_budget"
                && e["summary"].as_str().unwrap().contains("80 devices")),
        "{opal}"
    );
    let md = sb.run(&["incident", "report", "--since", "2h"]);
    md.ok().stdout_has("over the PII budget");
}

#[test]
fn the_cli_steps_up_for_a_full_unmasked_listing_and_snapshot() {
    let sb = Sandbox::online(70, 100, &[]);
    // Without a code and without a terminal, nothing unmasked is shown.
    let out = sb.run(&["devices", "list", "--all", "--show-pii", "-o", "json"]);
    out.code(3).stderr_has("needs a step-up");
    assert!(!out.stdout.contains('@'), "{}", out.stdout);

    // With a code: every device, unmasked, and the breach on record.
    let out = sb.run(&[
        "devices",
        "list",
        "--all",
        "--show-pii",
        "-o",
        "json",
        "--otp",
        &sb.otp("root"),
    ]);
    out.ok();
    let v = out.json();
    assert_eq!(v.as_array().unwrap().len(), 70);
    assert_eq!(unmasked(&v), 70);
    assert_eq!(events(&sb, "pii.budget_exceeded").len(), 1);

    // The snapshot falls under the same budget (a fresh hour, so it is the one over it).
    sb.server.advance_clock(3601);
    let dir = sb.env.root.path().join("evidence");
    let d = dir.to_str().unwrap();
    sb.run(&["incident", "snapshot", "--out", d, "--show-pii"])
        .code(3)
        .stderr_has("needs a step-up");
    let dir2 = sb.env.root.path().join("evidence2");
    let d2 = dir2.to_str().unwrap();
    sb.run(&[
        "incident",
        "snapshot",
        "--out",
        d2,
        "--show-pii",
        "--otp",
        &sb.otp("root"),
    ])
    .ok();
    let lines = std::fs::read_to_string(dir2.join("devices.jsonl")).unwrap();
    let rows: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 70);
    assert!(
        rows.iter()
            .all(|d| !d["owner_email"].as_str().unwrap().contains('*'))
    );
    assert_eq!(events(&sb, "pii.budget_exceeded").len(), 2);

    // Masked listings never need a step-up; --otp without --show-pii is a usage error.
    sb.run(&["devices", "list", "--all", "-o", "json"]).ok();
    sb.run(&["devices", "list", "--otp", "123456"]).code(2);
}

#[test]
fn a_budget_that_switches_the_guard_off_is_refused_at_start() {
    let env = Env::new();
    let out = env.run(&[
        "sandbox",
        "serve",
        "--port",
        "0",
        "--pii-budget",
        "1000000",
        "--db-dir",
        env.root.path().join("srv").to_str().unwrap(),
    ]);
    out.code(2).stderr_has("--pii-budget must be at most 10000");
}
