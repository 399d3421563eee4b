//! The PII guard (issue 12, finding 13). The January 2026 attack on the European
//! Commission's MDM took staff names and mobile numbers: whoever holds a console can read
//! the whole inventory. Unmasking owner details (`show_pii`) is budgeted per actor: more
//! than `pii_budget` distinct devices in the past hour needs a step-up, and crossing the
//! budget is an audit event (`pii.budget_exceeded`) and a webhook alert. The window is
//! read from the audit log itself (the `devices.pii_read` events and their device links),
//! so it survives restarts and cannot disagree with what investigators see.

use crate::audit::{self, NewEvent};
use crate::http::{ApiError, ApiResult, ReqCtx};
use crate::sql::{Connection, params};
use mdm_model::domain::ErrorCode;
use std::collections::HashSet;

/// The budget window: one hour of server time.
pub const WINDOW_SECS: i64 = 3600;

const SQL_SEEN: &str = "SELECT DISTINCT d.device_id
       FROM audit_events e JOIN audit_devices d ON d.event_id = e.id
      WHERE e.actor = ?1 AND e.action = 'devices.pii_read' AND e.ts > ?2";

const SQL_BREACHED: &str = "SELECT EXISTS(SELECT 1 FROM audit_events
      WHERE actor = ?1 AND action = 'pii.budget_exceeded' AND ts > ?2)";

/// What one unmasked read does to the actor's window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// Distinct devices unmasked in the window, this read included.
    pub window_devices: u64,
    /// The configured budget.
    pub budget: u64,
    /// This read goes over the budget (it is allowed only with a step-up).
    pub over_budget: bool,
    /// This read is the first over the budget in the window: audit it and alert.
    pub first_breach: bool,
}

/// Checks an unmasked read of `ids` by the request's actor against the budget: `Ok` with
/// what it does to the window, or `403 step_up_required` naming the budget when it goes
/// over and the request carries no elevation. Run it in the transaction that records
/// the read ([`record`]), so concurrent reads cannot both slip under the budget.
pub fn check(c: &Connection, ctx: &ReqCtx, budget: u64, ids: &[String]) -> ApiResult<Read> {
    let who = ctx.who()?;
    let since = crate::clock::now_unix() - WINDOW_SECS;
    let mut seen: HashSet<String> = c
        .prepare_cached(SQL_SEEN)?
        .query_map(params![who.user, since], |r| r.get(0))?
        .collect::<crate::sql::Result<_>>()?;
    let before = seen.len() as u64;
    seen.extend(ids.iter().cloned());
    let after = seen.len() as u64;
    let over = after > budget && after > before;
    if over && who.elevation.is_none() {
        let enrolled = crate::totp_store::is_enrolled(c, who.user_id)?;
        let reason = who
            .elevation_problem
            .map(|r| r.as_str())
            .unwrap_or("missing");
        return Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            ErrorCode::StepUpRequired,
            format!(
                "unmasking owner details of {} more device(s) would bring this hour's total \
                 to {after}, over the PII budget of {budget} devices per hour: step up to continue",
                after - before
            ),
        )
        .with_details(serde_json::json!({
            "reason": reason,
            "mfa_enrolled": enrolled,
            "pii_budget": budget,
            "window_devices": before,
            "requested_devices": after - before,
        })));
    }
    let breached: bool = if over {
        c.query_row(SQL_BREACHED, params![who.user, since], |r| r.get(0))?
    } else {
        true
    };
    Ok(Read {
        window_devices: after,
        budget,
        over_budget: over,
        first_breach: over && !breached,
    })
}

/// Records the read (`devices.pii_read`, one link per device) and, on the first breach
/// of the window, `pii.budget_exceeded`; returns that event's id, for the alert.
pub fn record(
    tx: &Connection,
    ctx: &ReqCtx,
    read: &Read,
    ids: Vec<String>,
    alert_configured: bool,
) -> ApiResult<Option<i64>> {
    let ev = NewEvent::from_req(ctx, "devices.pii_read", "success")
        .target("device", ids)
        .details(serde_json::json!({
            "window_devices": read.window_devices,
            "pii_budget": read.budget,
            "over_budget": read.over_budget,
        }));
    audit::append(tx, ev)?;
    if !read.first_breach {
        return Ok(None);
    }
    let ev = NewEvent::from_req(ctx, "pii.budget_exceeded", "success")
        .target("user", vec![ctx.actor()])
        .details(serde_json::json!({
            "window_devices": read.window_devices,
            "pii_budget": read.budget,
            "window_seconds": WINDOW_SECS,
            "alert": if alert_configured { "pending" } else { "not_configured" },
        }));
    Ok(Some(audit::append(tx, ev)?.id))
}

/// Announces a breach on the alert webhook, then audits how that went (`pii.alert`).
pub fn alert(st: &crate::AppState, actor: String, read: &Read, event_id: i64) {
    let Some(url) = st.config.alert_webhook.clone() else {
        return;
    };
    let payload = serde_json::json!({
        "type": "mdm.pii.budget_exceeded",
        "text": format!(
            "{actor} unmasked owner details of {} devices within an hour on mdm {} (budget {})",
            read.window_devices, st.instance_id, read.budget
        ),
        "instance_id": st.instance_id,
        "user": actor,
        "window_devices": read.window_devices,
        "pii_budget": read.budget,
        "audit_event_id": event_id,
    });
    let st = st.clone();
    tokio::spawn(async move {
        let outcome = crate::handlers::incident::post_alert(&url, &payload).await;
        let _ = st
            .run(move |s| {
                s.db.write(|tx| -> ApiResult<()> {
                    let ev = NewEvent {
                        actor: "server".into(),
                        role: "system".into(),
                        action: "pii.alert".into(),
                        outcome: if outcome == "sent" {
                            "success"
                        } else {
                            "failure"
                        }
                        .into(),
                        details: serde_json::json!({
                            "user": actor,
                            "result": outcome,
                            "audit_event_id": event_id,
                        }),
                        ..NewEvent::default()
                    }
                    .target("user", vec![actor.clone()]);
                    audit::append(tx, ev)?;
                    Ok(())
                })
            })
            .await;
    });
}
