//! Issue 12 finding 5: refusals leave a trace. Every refused mutating request and every
//! refused PII read is one audit event (or the handler's own refusal event), identical
//! refusals are folded per token, route and code per minute, and `incident report`
//! shows an actor's refusals as probing.

use crate::common::Sandbox;
use crate::common::http::{Http, Resp};
use crate::gate_attacks::events;
use serde_json::{Value, json};

/// The audit events written for the request that answered `r`.
fn events_of(sb: &Sandbox, r: &Resp) -> Vec<Value> {
    let rid = r.body["error"]["request_id"]
        .as_str()
        .unwrap_or_else(|| panic!("no request id in {:?}", r.body))
        .to_string();
    sb.server
        .db()
        .read(|c| {
            let mut s = c.prepare("SELECT body FROM audit_events ORDER BY id")?;
            let rows = s
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<mdm_server::sql::Result<Vec<_>>>()?;
            Ok::<_, mdm_server::sql::Error>(rows)
        })
        .unwrap()
        .iter()
        .map(|b| serde_json::from_str::<Value>(b).unwrap())
        .filter(|v| v["request_id"] == rid.as_str())
        .collect()
}

/// Asserts the refusal left exactly one event; returns it.
fn one_event(sb: &Sandbox, what: &str, r: &Resp) -> Value {
    let ev = events_of(sb, r);
    assert_eq!(ev.len(), 1, "{what}: {ev:?}");
    ev.into_iter().next().unwrap()
}

fn assert_refused(ev: &Value, actor: &str, method: &str, route: &str, code: &str) {
    assert_eq!(ev["action"], "request.refused", "{ev}");
    assert_eq!(ev["actor"], actor, "{ev}");
    assert_eq!(ev["outcome"], format!("refused_{code}"), "{ev}");
    assert_eq!(ev["details"]["method"], method, "{ev}");
    assert_eq!(ev["details"]["route"], route, "{ev}");
    assert_eq!(ev["details"]["code"], code, "{ev}");
    assert_eq!(ev["details"]["count"], 1, "{ev}");
}

#[test]
fn every_refusal_leaves_exactly_one_event() {
    let sb = Sandbox::new(5);
    let http = Http::new(&sb.server.url);
    let dev = sb.device_ids(&[])[0].clone();
    let op = sb.user("opal", "operator");
    let viewer = sb.user("vera", "viewer");

    // An operator trying to wipe: 403 forbidden.
    let r = http.post(
        "/v1/actions/preview",
        &op,
        json!({"action": "wipe", "target": {"ids": [dev]}}),
    );
    assert_eq!(r.status, 403, "{:?}", r.body);
    let ev = one_event(&sb, "operator wipe", &r);
    if ev["action"] == "request.refused" {
        assert_refused(&ev, "opal", "POST", "/v1/actions/preview", r.code());
        assert_eq!(ev["role"], "operator");
    } else {
        assert!(
            ev["outcome"].as_str().unwrap().starts_with("refused_"),
            "{ev}"
        );
    }

    // An operator trying to approve: 403 forbidden by the route table.
    let r = http.post("/v1/approvals/apr_nope/approve", &op, json!({}));
    assert_eq!(r.status, 403, "{:?}", r.body);
    assert_eq!(r.code(), "forbidden");
    let ev = one_event(&sb, "operator approve", &r);
    assert_refused(
        &ev,
        "opal",
        "POST",
        "/v1/approvals/{id}/approve",
        "forbidden",
    );

    // A viewer asking for PII: 403.
    let r = http.get("/v1/devices?show_pii=true", &viewer);
    assert_eq!(r.status, 403, "{:?}", r.body);
    let ev = one_event(&sb, "viewer PII", &r);
    assert_refused(&ev, "vera", "GET", "/v1/devices", r.code());
    // A plain read that fails is not recorded (reads are not refusals to trace).
    let r = http.get("/v1/devices/dev_nope", &viewer);
    assert_eq!(r.status, 404, "{:?}", r.body);
    assert!(events_of(&sb, &r).is_empty());

    // A 404 on a mutating route.
    let r = http.post("/v1/actions/act_nope/cancel", &sb.admin_token, json!({}));
    assert_eq!(r.status, 404, "{:?}", r.body);
    let ev = one_event(&sb, "cancel unknown", &r);
    assert_refused(&ev, "root", "POST", "/v1/actions/{id}/cancel", "not_found");

    // A freeze without a step-up: 403 step_up_required.
    let r = http.call(
        "PUT",
        "/v1/incident/freeze",
        Some(&sb.admin_token),
        None,
        Some(json!({"frozen": true})),
    );
    assert_eq!(r.status, 403, "{:?}", r.body);
    assert_eq!(r.code(), "step_up_required");
    let ev = one_event(&sb, "freeze without step-up", &r);
    if ev["action"] == "request.refused" {
        assert_refused(
            &ev,
            "root",
            "PUT",
            "/v1/incident/freeze",
            "step_up_required",
        );
    } else {
        assert_eq!(ev["outcome"], "refused_step_up_required", "{ev}");
    }

    // A push during a freeze: 423 change_freeze.
    sb.run(&["incident", "freeze", "--otp", &sb.otp("root")])
        .ok();
    let r = http.post(
        "/v1/actions/preview",
        &sb.admin_token,
        json!({"action": "push_command", "target": {"ids": [dev]}, "options": {"command": "restart"}}),
    );
    assert_eq!(r.status, 423, "{:?}", r.body);
    assert_eq!(r.code(), "change_freeze");
    let ev = one_event(&sb, "push during freeze", &r);
    if ev["action"] == "request.refused" {
        assert_refused(&ev, "root", "POST", "/v1/actions/preview", "change_freeze");
    } else {
        assert_eq!(ev["outcome"], "refused_change_freeze", "{ev}");
    }

    // The report shows the operator's and the viewer's refusals as probing.
    let report = sb
        .run(&["incident", "report", "--since", "1h", "-o", "json"])
        .json();
    let actors = report["actors"].as_array().unwrap();
    let probing = |who: &str| -> Value {
        actors
            .iter()
            .find(|a| a["actor"] == who)
            .unwrap_or_else(|| panic!("{who} missing from {report}"))["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["category"] == "probing")
            .unwrap_or_else(|| panic!("no probing entry for {who}: {report}"))
            .clone()
    };
    let opal = probing("opal");
    assert!(
        opal["summary"]
            .as_str()
            .unwrap()
            .contains("POST /v1/approvals/{id}/approve forbidden ×1"),
        "{opal}"
    );
    let vera = probing("vera");
    assert!(
        vera["summary"]
            .as_str()
            .unwrap()
            .contains("GET /v1/devices"),
        "{vera}"
    );
    let md = sb.run(&["incident", "report", "--since", "1h"]);
    md.ok().stdout_has("probing");
}

#[test]
fn a_flood_of_identical_refusals_is_folded_per_minute() {
    let sb = Sandbox::new(3);
    let http = Http::new(&sb.server.url);
    let viewer = sb.user("flood", "viewer");
    let body = json!({"action": "lock", "target": {"ids": ["dev_x"]}});
    for _ in 0..50 {
        let r = http.post("/v1/actions/preview", &viewer, body.clone());
        assert_eq!(r.status, 403, "{:?}", r.body);
    }
    let refused = events(&sb, "request.refused");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0]["details"]["count"], 1);
    assert_eq!(refused[0]["details"]["route"], "/v1/actions/preview");
    // Another route is another fold.
    let r = http.post("/v1/approvals/apr_x/reject", &viewer, json!({}));
    assert_eq!(r.status, 403);
    assert_eq!(events(&sb, "request.refused").len(), 2);

    // The next minute's event carries what was folded (49) plus itself.
    sb.server.advance_clock(61);
    let r = http.post("/v1/actions/preview", &viewer, body.clone());
    assert_eq!(r.status, 403);
    let refused = events(&sb, "request.refused");
    assert_eq!(refused.len(), 3, "{refused:?}");
    let last = refused.last().unwrap();
    assert_eq!(last["details"]["count"], 50, "{last}");
    assert_eq!(last["details"]["folded"], 49, "{last}");
    assert_eq!(last["details"]["code"], "forbidden");
    // The chain still verifies.
    sb.run(&["audit", "verify"]).ok();
}
