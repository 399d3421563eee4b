//! Policies over HTTP. The server classifies every change with the same code the CLI
//! shows plans with, and decides: any weakening needs an elevation. Applies are
//! all-or-nothing and checked against the versions the plan was computed on.

use super::Params;
use crate::AppState;
use crate::actions::gate::{self, Guarded};
use crate::audit::{Appender, NewEvent};
use crate::backend::{Backend, Capability};
use crate::clock::now_unix;
use crate::http::{ApiError, ApiResult, JsonBody, ReqCtx};
use crate::sql::{Connection, params};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use mdm_model::domain::ErrorCode;
use mdm_model::domain::PolicyOp;
use mdm_model::policy::Policy;
use mdm_model::policy::classify::diff;
use mdm_model::time::unix_to_rfc3339;
use mdm_model::types::{ApplyPolicies, Page, PolicyChange, PolicyPlan, PolicyRecord, Requirements};
use std::collections::BTreeMap;

fn load_all(c: &Connection) -> ApiResult<BTreeMap<String, PolicyRecord>> {
    let mut stmt = c.prepare_cached(
        "SELECT name, version, body, updated_at, updated_by FROM policies ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (name, version, body, at, by) = row?;
        let policy: Policy = serde_json::from_str(&body)
            .map_err(|_| ApiError::internal(format!("policy {name} is unreadable")))?;
        out.insert(
            name.clone(),
            PolicyRecord {
                name,
                version: version as u64,
                policy,
                updated_at: unix_to_rfc3339(at),
                updated_by: by,
            },
        );
    }
    Ok(out)
}

/// The policies as the backend enforces them. A vendor that holds policies itself
/// (Intune) can be changed around the gateway, in its portal: what it holds is what
/// `policy diff`, `export` and every plan start from, so that drift shows (and
/// classifies as the weakening it may be). A policy the vendor no longer holds shows as
/// enforcing nothing. Versions stay the gateway's.
fn as_enforced(
    backend: &dyn Backend,
    c: &Connection,
    recs: &mut BTreeMap<String, PolicyRecord>,
) -> ApiResult<()> {
    let held = read_enforced(backend, c, recs)?;
    overlay(recs, &held)
}

/// What the backend holds for each stored policy, with the version it was read at.
/// Read on a reader before any write transaction opens: a vendor read may take
/// seconds, and the gateway's writer is never held across one. `None`: the backend
/// holds no policies.
type Enforced = Option<BTreeMap<String, (u64, Option<Policy>)>>;

fn read_enforced(
    backend: &dyn Backend,
    c: &Connection,
    recs: &BTreeMap<String, PolicyRecord>,
) -> ApiResult<Enforced> {
    if !backend.supports(Capability::Policies) {
        return Ok(None);
    }
    let mut held = BTreeMap::new();
    for rec in recs.values() {
        held.insert(
            rec.name.clone(),
            (rec.version, backend.read_policy(c, &rec.name)?),
        );
    }
    Ok(Some(held))
}

/// Puts what the backend holds in place of the stored bodies. A policy whose version
/// moved since `held` was read changed meanwhile: the request is refused, not planned
/// against a stale read.
fn overlay(recs: &mut BTreeMap<String, PolicyRecord>, held: &Enforced) -> ApiResult<()> {
    let Some(held) = held else {
        return Ok(());
    };
    for rec in recs.values_mut() {
        let vendor = match held.get(&rec.name) {
            Some((v, vendor)) if *v == rec.version => vendor.clone(),
            _ => {
                return Err(ApiError::conflict(
                    ErrorCode::PolicyChanged,
                    format!(
                        "policy {} changed while the plan was computed; nothing was changed",
                        rec.name
                    ),
                )
                .with_details(serde_json::json!({ "policy": rec.name })));
            }
        };
        let mut enforced = vendor.unwrap_or_else(|| enforcing_nothing(&rec.policy));
        // The same groups in another order are the same assignments.
        let mut a = enforced.assignments.clone();
        let mut b = rec.policy.assignments.clone();
        a.sort();
        b.sort();
        if a == b {
            enforced.assignments = rec.policy.assignments.clone();
        }
        rec.policy = enforced;
    }
    Ok(())
}

/// A write to the backend, made after the gateway's change committed, with no write
/// transaction open.
enum VendorWrite {
    Apply(Box<Policy>),
    Remove(String),
    Assign {
        name: String,
        group: String,
        add: bool,
    },
}

impl VendorWrite {
    fn policy(&self) -> &str {
        match self {
            VendorWrite::Apply(p) => &p.name.0,
            VendorWrite::Remove(n) | VendorWrite::Assign { name: n, .. } => n,
        }
    }
}

/// Carries out `writes` at the backend, in order, each on a reader connection (a
/// vendor backend does not use it; the simulator keeps policies in the store the
/// change already committed). A vendor has no transaction across requests: when one
/// fails, the ones before it stay applied, and that is recorded (`failed_at_backend`,
/// naming what was and was not applied) and answered 502, so the next `policy diff`,
/// which reads the vendor, shows what to apply again.
fn write_to_backend(
    s: &AppState,
    ctx: &ReqCtx,
    action: &str,
    writes: Vec<VendorWrite>,
) -> ApiResult<()> {
    for (i, w) in writes.iter().enumerate() {
        let done = s.db.read(|c| match w {
            VendorWrite::Apply(p) => s.backend.apply_policy(c, p),
            VendorWrite::Remove(name) => s.backend.remove_policy(c, name),
            VendorWrite::Assign { name, group, add } => {
                s.backend.assign_policy(c, name, group, *add)
            }
        });
        let err = match done {
            Ok(()) => continue,
            Err(e) => e,
        };
        let names = |ws: &[VendorWrite]| -> Vec<String> {
            ws.iter().map(|w| w.policy().to_string()).collect()
        };
        let why = mdm_model::escape::terminal(&err.to_string());
        let ev = NewEvent::from_req(ctx, action, "failed_at_backend")
            .target("policy", vec![w.policy().to_string()])
            .details(serde_json::json!({
                "backend": s.backend.name(),
                "error": why,
                "applied": names(&writes[..i]),
                "not_applied": names(&writes[i..]),
            }));
        s.db.write(|tx| crate::audit::append(tx, ev).map(|_| ()))?;
        let api: ApiError = err.into();
        return Err(ApiError::new(
            api.status,
            api.code,
            format!(
                "mdm recorded the change, but the {} backend failed on policy {}: {}; \
                 `mdm policy diff` shows what it enforces, apply again to finish",
                s.backend.name(),
                w.policy(),
                api.message
            ),
        ));
    }
    Ok(())
}

/// A policy with `p`'s name and nothing enforced.
fn enforcing_nothing(p: &Policy) -> Policy {
    Policy {
        name: p.name.clone(),
        description: None,
        passcode: None,
        encryption: None,
        minimum_os: None,
        apps: None,
        restrictions: None,
        jailbreak_detection: None,
        compliance: None,
        assignments: Vec::new(),
    }
}

fn load_one(c: &Connection, name: &str) -> ApiResult<PolicyRecord> {
    load_all(c)?
        .remove(name)
        .ok_or_else(|| ApiError::not_found(format!("no policy named {name:?}")))
}

fn etag(version: u64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"v{version}\"")).expect("ascii")
}

/// Parses `If-Match: "v3"` (or `3`). Required: a delete or assignment made without
/// knowing the version could undo a change the caller never saw (428 when missing).
fn if_match(headers: &HeaderMap) -> ApiResult<u64> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Err(ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            ErrorCode::PreconditionRequired,
            "an If-Match header with the policy version (e.g. \"v3\", from its ETag) is required",
        ));
    };
    let s = v.to_str().unwrap_or("").trim().trim_matches('"');
    s.trim_start_matches('v')
        .parse::<u64>()
        .map_err(|_| ApiError::bad_request("If-Match must be a policy version such as \"v3\""))
}

pub async fn list(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Page<PolicyRecord>>> {
    Params::from_query(q.as_deref())?.only(&[])?;
    let all = st
        .run(|s| {
            s.db.read(|c| {
                let mut all = load_all(c)?;
                as_enforced(s.backend.as_ref(), c, &mut all)?;
                Ok::<_, ApiError>(all)
            })
        })
        .await?;
    let items: Vec<PolicyRecord> = all.into_values().collect();
    Ok(Json(Page {
        total: Some(items.len() as u64),
        items,
        next_cursor: None,
    }))
}

pub async fn get(
    State(st): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<impl IntoResponse> {
    let rec = st
        .run(move |s| {
            s.db.read(|c| {
                let mut one = BTreeMap::from([(name.clone(), load_one(c, &name)?)]);
                as_enforced(s.backend.as_ref(), c, &mut one)?;
                Ok::<_, ApiError>(one.remove(&name).expect("inserted above"))
            })
        })
        .await?;
    Ok(([(header::ETAG, etag(rec.version))], Json(rec)))
}

pub async fn schema() -> impl IntoResponse {
    Json(mdm_model::policy::schema::schema())
}

fn check_policy(p: &Policy, groups: &[String]) -> ApiResult<()> {
    p.check()
        .map_err(|e| ApiError::bad_request(format!("policy {}: {e}", p.name.0)))?;
    for g in &p.assignments {
        if !groups.contains(&g.0) {
            return Err(ApiError::bad_request(format!(
                "policy {}: unknown group {:?} in assignments",
                p.name.0, g.0
            )));
        }
    }
    Ok(())
}

fn group_names(c: &Connection) -> crate::sql::Result<Vec<String>> {
    c.prepare_cached("SELECT name FROM groups")?
        .query_map([], |r| r.get(0))?
        .collect()
}

/// Computes the plan of an apply request, checking it against the current versions,
/// from the policies as the backend enforces them.
fn plan(
    c: &Connection,
    held: &Enforced,
    req: &ApplyPolicies,
) -> ApiResult<(Vec<PolicyChange>, BTreeMap<String, PolicyRecord>)> {
    let mut current = load_all(c)?;
    overlay(&mut current, held)?;
    let groups = group_names(c)?;
    let mut seen = std::collections::HashSet::new();
    for p in &req.policies {
        if !seen.insert(p.name.0.clone()) {
            return Err(ApiError::bad_request(format!(
                "policy {} appears twice",
                p.name.0
            )));
        }
        check_policy(p, &groups)?;
    }
    let conflict = |name: &str, what: String| {
        ApiError::conflict(
            ErrorCode::PolicyChanged,
            format!("policy {name} {what} since the plan was computed; nothing was changed"),
        )
        .with_details(serde_json::json!({ "policy": name }))
    };
    for p in &req.policies {
        let cur = current.get(&p.name.0);
        match (cur, req.base_versions.get(&p.name.0)) {
            (Some(c), Some(v)) if c.version != *v => {
                return Err(conflict(
                    &p.name.0,
                    format!(
                        "changed (now version {}, the plan saw version {v})",
                        c.version
                    ),
                ));
            }
            (Some(c), None) => {
                return Err(conflict(
                    &p.name.0,
                    format!("was created (version {})", c.version),
                ));
            }
            (None, Some(_)) => return Err(conflict(&p.name.0, "was deleted".into())),
            _ => {}
        }
    }
    if req.prune {
        for (name, rec) in &current {
            if !seen.contains(name) && req.base_versions.get(name) != Some(&rec.version) {
                return Err(conflict(name, "changed or appeared".into()));
            }
        }
    }
    let versions: BTreeMap<String, (u64, Policy)> = current
        .iter()
        .map(|(k, r)| (k.clone(), (r.version, r.policy.clone())))
        .collect();
    let changes = mdm_model::policy::classify::plan(&versions, &req.policies, req.prune);
    Ok((changes, current))
}

/// What a set of changes needs, from the gate table (a weakening: step-up and the
/// phrase `weaken <policy> in <context>`).
fn plan_requirements(changes: &[PolicyChange], cfg: &crate::ServerConfig) -> Requirements {
    let weakening: Vec<String> = changes
        .iter()
        .filter(|c| c.weakens)
        .map(|c| c.name.clone())
        .collect();
    gate::requirements(
        &Guarded::PolicyChange {
            weakening: &weakening,
        },
        cfg,
    )
}

/// Policy changes need a backend that holds policies; refused (and audited) before
/// anything is stored.
fn backend_holds_policies(
    st: &AppState,
    tx: &Connection,
    ctx: &ReqCtx,
    action: &str,
    names: Vec<String>,
) -> ApiResult<ApiResult<()>> {
    if st.backend.supports(Capability::Policies) {
        return Ok(Ok(()));
    }
    let ev = NewEvent::from_req(ctx, action, "refused_not_supported_by_backend")
        .target("policy", names)
        .details(serde_json::json!({ "backend": st.backend.name() }));
    crate::audit::append(tx, ev)?;
    Ok(Err(st.backend.unsupported(Capability::Policies).into()))
}

/// Every setting of every policy must have an equivalent at the backend, checked before
/// anything is written so nothing is half-applied; the refusal names the setting and
/// the backend, and is audited.
fn backend_maps(
    st: &AppState,
    tx: &Connection,
    ctx: &ReqCtx,
    action: &str,
    policies: &[Policy],
) -> ApiResult<ApiResult<()>> {
    for p in policies {
        if let Err(u) = st.backend.check_policy(p) {
            let ev = NewEvent::from_req(ctx, action, "refused_not_supported_by_backend")
                .target("policy", vec![p.name.0.clone()])
                .details(serde_json::json!({
                    "backend": u.backend,
                    "setting": u.setting,
                    "platform": u.platform,
                }));
            crate::audit::append(tx, ev)?;
            return Ok(Err(u.into_api(&p.name.0)));
        }
    }
    Ok(Ok(()))
}

/// A weakening needs a live elevation; the refusal is audited (and committed).
fn require_step_up(
    tx: &Connection,
    ctx: &ReqCtx,
    action: &str,
    name: &str,
) -> ApiResult<ApiResult<()>> {
    let who = ctx.who()?;
    match ctx.require_elevation(crate::totp_store::is_enrolled(tx, who.user_id)?) {
        Ok(_) => Ok(Ok(())),
        Err(e) => {
            let ev = NewEvent::from_req(ctx, action, "refused_step_up_required")
                .target("policy", vec![name.to_string()])
                .details(serde_json::json!({ "weakens": true }));
            crate::audit::append(tx, ev)?;
            Ok(Err(e))
        }
    }
}

/// Audits a plan (a dry run) as `policy.plan`, outcome `success`, like previews: the
/// policies it names, each change's operation, what weakens and what it needs.
fn audit_plan(
    tx: &Connection,
    ctx: &ReqCtx,
    op: &str,
    names: Vec<String>,
    changes: &[PolicyChange],
    requires: &Requirements,
) -> crate::sql::Result<()> {
    let summary: Vec<_> = changes
        .iter()
        .map(|c| serde_json::json!({ "policy": c.name, "op": c.op, "weakens": c.weakens }))
        .collect();
    let ev = NewEvent::from_req(ctx, "policy.plan", "success")
        .target("policy", names)
        .details(serde_json::json!({
            "op": op,
            "changes": summary,
            "weakens": changes.iter().any(|c| c.weakens),
            "requires": requires,
        }));
    crate::audit::append(tx, ev).map(|_| ())
}

/// A plan answer: nothing applied, with what carrying it out needs.
fn planned(changes: Vec<PolicyChange>, requires: Requirements) -> PolicyPlan {
    PolicyPlan {
        requires: Some(requires),
        changes,
        applied: false,
    }
}

pub async fn plan_only(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<ApplyPolicies>,
) -> ApiResult<Json<PolicyPlan>> {
    let out = st
        .run(move |s| {
            let held =
                s.db.read(|c| read_enforced(s.backend.as_ref(), c, &load_all(c)?))?;
            s.db.write(|tx| -> ApiResult<ApiResult<PolicyPlan>> {
                let (changes, _) = match plan(tx, &held, &req) {
                    Ok(p) => p,
                    Err(e) => return Ok(Err(e)),
                };
                if let Err(e) = backend_maps(s, tx, &ctx, "policy.plan", &req.policies)? {
                    return Ok(Err(e));
                }
                let requires = plan_requirements(&changes, &s.config);
                let names = req.policies.iter().map(|p| p.name.0.clone()).collect();
                audit_plan(tx, &ctx, "apply", names, &changes, &requires)?;
                Ok(Ok(planned(changes, requires)))
            })
        })
        .await??;
    Ok(Json(out))
}

/// `?dry_run=true` (the only query parameter of a policy delete or (un)assignment).
fn dry_run(q: Option<&str>) -> ApiResult<bool> {
    let p = Params::from_query(q)?;
    p.only(&["dry_run"])?;
    p.bool("dry_run")
}

/// A policy's version against the request's If-Match (412 when it moved).
fn check_version(name: &str, rec: &PolicyRecord, expected: u64) -> ApiResult<()> {
    if expected == rec.version {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::PRECONDITION_FAILED,
        ErrorCode::PolicyChanged,
        format!(
            "policy {name} is at version {}, not {expected}",
            rec.version
        ),
    ))
}

fn store(tx: &Connection, p: &Policy, version: u64, who: &str, now: i64) -> crate::sql::Result<()> {
    tx.execute(
        "INSERT INTO policies(name, version, body, created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?4, ?5)
         ON CONFLICT(name) DO UPDATE SET version = excluded.version, body = excluded.body,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        params![p.name.0, version as i64, serde_json::to_string(p).expect("serializes"), now, who],
    )?;
    Ok(())
}

/// The starter policies for a new sandbox (`sandbox up`): stored as version 1 and
/// audited as `policy.create` by `sandbox`, in the caller's transaction.
pub fn seed_baseline(tx: &Connection) -> crate::sql::Result<()> {
    let now = crate::clock::now_unix();
    let mut appender = Appender::new(tx)?;
    for p in mdm_model::policy::starter::policies() {
        store(tx, &p, 1, "sandbox", now)?;
        let ev = NewEvent {
            actor: "sandbox".into(),
            role: "system".into(),
            action: "policy.create".into(),
            outcome: "success".into(),
            details: serde_json::json!({ "version_after": 1, "baseline": true }),
            ..Default::default()
        }
        .target("policy", vec![p.name.0.clone()]);
        appender.append(tx, ev)?;
    }
    Ok(())
}

fn audit_change(
    appender: &mut Appender,
    tx: &Connection,
    ctx: &ReqCtx,
    ch: &PolicyChange,
    version_after: Option<u64>,
    reason: Option<String>,
) -> crate::sql::Result<()> {
    let mut ev = NewEvent::from_req(ctx, &format!("policy.{}", ch.op), "success")
        .target("policy", vec![ch.name.clone()])
        .details(serde_json::json!({
            "weakens": ch.weakens,
            "version_before": ch.base_version,
            "version_after": version_after,
            "changes": ch.fields,
        }));
    ev.reason = reason;
    appender.append(tx, ev).map(|_| ())
}

pub async fn apply(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(req): JsonBody<ApplyPolicies>,
) -> ApiResult<Json<PolicyPlan>> {
    let result = st
        .run(move |s| {
            let held =
                s.db.read(|c| read_enforced(s.backend.as_ref(), c, &load_all(c)?))?;
            let mut writes = Vec::new();
            let plan = s.db.write(|tx| -> ApiResult<ApiResult<PolicyPlan>> {
                if let Err(e) = crate::freeze::check(tx, &ctx, "changing policies") {
                    return Ok(Err(e));
                }
                let names = req.policies.iter().map(|p| p.name.0.clone()).collect();
                if let Err(e) = backend_holds_policies(s, tx, &ctx, "policy.apply", names)? {
                    return Ok(Err(e));
                }
                let (changes, _) = match plan(tx, &held, &req) {
                    Ok(p) => p,
                    Err(e) => return Ok(Err(e)),
                };
                if let Err(e) = backend_maps(s, tx, &ctx, "policy.apply", &req.policies)? {
                    return Ok(Err(e));
                }
                let requires = plan_requirements(&changes, &s.config);
                if changes.is_empty() {
                    return Ok(Ok(PolicyPlan {
                        requires: Some(requires),
                        changes,
                        applied: false,
                    }));
                }
                let who = ctx.who()?.clone();
                let weakening: Vec<&str> = changes
                    .iter()
                    .filter(|c| c.weakens)
                    .map(|c| c.name.as_str())
                    .collect();
                if !weakening.is_empty()
                    && let Err(e) =
                        ctx.require_elevation(crate::totp_store::is_enrolled(tx, who.user_id)?)
                {
                    let mut ev =
                        NewEvent::from_req(&ctx, "policy.apply", "refused_step_up_required")
                            .target("policy", weakening.iter().map(|s| s.to_string()).collect())
                            .details(serde_json::json!({ "weakens": true }));
                    ev.reason = req.reason.clone();
                    crate::audit::append(tx, ev)?;
                    return Ok(Err(e));
                }
                let now = now_unix();
                let mut appender = Appender::new(tx)?;
                for ch in &changes {
                    match ch.op {
                        PolicyOp::Delete => {
                            tx.execute("DELETE FROM policies WHERE name = ?1", [&ch.name])?;
                            writes.push(VendorWrite::Remove(ch.name.clone()));
                            audit_change(&mut appender, tx, &ctx, ch, None, req.reason.clone())?;
                        }
                        _ => {
                            let p = req
                                .policies
                                .iter()
                                .find(|p| p.name.0 == ch.name)
                                .expect("planned from the request");
                            let v = ch.base_version.unwrap_or(0) + 1;
                            store(tx, p, v, &who.user, now)?;
                            writes.push(VendorWrite::Apply(Box::new(p.clone())));
                            audit_change(&mut appender, tx, &ctx, ch, Some(v), req.reason.clone())?;
                        }
                    }
                }
                Ok(Ok(PolicyPlan {
                    requires: Some(requires),
                    changes,
                    applied: true,
                }))
            })?;
            if plan.is_ok() {
                write_to_backend(s, &ctx, "policy.apply", writes)?;
            }
            Ok(plan)
        })
        .await??;
    Ok(Json(result))
}

/// The change a deletion makes (always a weakening).
fn delete_change(rec: &PolicyRecord) -> PolicyChange {
    PolicyChange {
        name: rec.name.clone(),
        op: PolicyOp::Delete,
        base_version: Some(rec.version),
        fields: diff(Some(&rec.policy), None),
        weakens: true,
    }
}

/// Deleting a policy always weakens security: step-up, and If-Match. With
/// `?dry_run=true` the answer is the plan (`200`, nothing changed, audited as a plan).
pub async fn delete(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> ApiResult<axum::response::Response> {
    let dry = dry_run(q.as_deref())?;
    let expected = if_match(&headers)?;
    let out = st
        .run(move |s| {
            let out =
                s.db.write(|tx| -> ApiResult<ApiResult<Option<PolicyPlan>>> {
                    if !dry {
                        if let Err(e) = crate::freeze::check(tx, &ctx, "deleting a policy") {
                            return Ok(Err(e));
                        }
                        if let Err(e) = backend_holds_policies(
                            s,
                            tx,
                            &ctx,
                            "policy.delete",
                            vec![name.clone()],
                        )? {
                            return Ok(Err(e));
                        }
                    }
                    let rec = load_one(tx, &name)?;
                    if let Err(e) = check_version(&name, &rec, expected) {
                        return Ok(Err(e));
                    }
                    let ch = delete_change(&rec);
                    let requires = plan_requirements(std::slice::from_ref(&ch), &s.config);
                    if dry {
                        let changes = vec![ch];
                        audit_plan(tx, &ctx, "delete", vec![name.clone()], &changes, &requires)?;
                        return Ok(Ok(Some(planned(changes, requires))));
                    }
                    if requires.step_up
                        && let Err(e) = require_step_up(tx, &ctx, "policy.delete", &name)?
                    {
                        return Ok(Err(e));
                    }
                    tx.execute("DELETE FROM policies WHERE name = ?1", [&name])?;
                    audit_change(&mut Appender::new(tx)?, tx, &ctx, &ch, None, None)?;
                    Ok(Ok(None))
                })?;
            if matches!(out, Ok(None)) {
                write_to_backend(s, &ctx, "policy.delete", vec![VendorWrite::Remove(name)])?;
            }
            Ok(out)
        })
        .await??;
    Ok(match out {
        Some(plan) => Json(plan).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    })
}

/// What adding or removing `group` makes of `rec`: the policy after, and the change
/// (`None` when there is nothing to do).
fn assignment_change(rec: &PolicyRecord, group: &str, add: bool) -> Option<(Policy, PolicyChange)> {
    let mut p = rec.policy.clone();
    let ident = mdm_model::policy::model::Ident(group.to_string());
    if add == p.assignments.contains(&ident) {
        return None;
    }
    if add {
        p.assignments.push(ident);
    } else {
        p.assignments.retain(|g| g.0 != group);
    }
    let fields = diff(Some(&rec.policy), Some(&p));
    let ch = PolicyChange {
        name: rec.name.clone(),
        op: if add {
            PolicyOp::Assign
        } else {
            PolicyOp::Unassign
        },
        base_version: Some(rec.version),
        // Taking a policy's protection away from a group weakens security.
        weakens: !add || fields.iter().any(|f| f.weakens),
        fields,
    };
    Some((p, ch))
}

/// Adds or removes one group; removing weakens (step-up). With `dry_run` the answer is
/// the plan (nothing changed, audited as a plan).
async fn assignment(
    st: AppState,
    ctx: ReqCtx,
    name: String,
    group: String,
    add: bool,
    expected: u64,
    dry: bool,
) -> ApiResult<axum::response::Response> {
    let out = st
        .run(move |s| {
            let mut write = None;
            let action = if add {
                "policy.assign"
            } else {
                "policy.unassign"
            };
            let out =
                s.db.write(|tx| -> ApiResult<ApiResult<axum::response::Response>> {
                    if !dry {
                        if let Err(e) =
                            crate::freeze::check(tx, &ctx, "changing policy assignments")
                        {
                            return Ok(Err(e));
                        }
                        if let Err(e) =
                            backend_holds_policies(s, tx, &ctx, action, vec![name.clone()])?
                        {
                            return Ok(Err(e));
                        }
                    }
                    let rec = load_one(tx, &name)?;
                    if let Err(e) = check_version(&name, &rec, expected) {
                        return Ok(Err(e));
                    }
                    if !group_names(tx)?.contains(&group) {
                        return Ok(Err(ApiError::not_found(format!(
                            "no group named {group:?}"
                        ))));
                    }
                    let change = assignment_change(&rec, &group, add);
                    let changes: Vec<PolicyChange> =
                        change.iter().map(|(_, ch)| ch.clone()).collect();
                    let requires = plan_requirements(&changes, &s.config);
                    if dry {
                        let op = if add { "assign" } else { "unassign" };
                        audit_plan(tx, &ctx, op, vec![name.clone()], &changes, &requires)?;
                        return Ok(Ok(Json(planned(changes, requires)).into_response()));
                    }
                    let Some((p, ch)) = change else {
                        return Ok(Ok(Json(rec).into_response()));
                    };
                    if requires.step_up
                        && let Err(e) = require_step_up(tx, &ctx, action, &name)?
                    {
                        return Ok(Err(e));
                    }
                    let v = rec.version + 1;
                    store(tx, &p, v, &ctx.actor(), now_unix())?;
                    write = Some(VendorWrite::Assign {
                        name: name.clone(),
                        group: group.clone(),
                        add,
                    });
                    audit_change(&mut Appender::new(tx)?, tx, &ctx, &ch, Some(v), None)?;
                    Ok(Ok(Json(load_one(tx, &name)?).into_response()))
                })?;
            if let (Ok(_), Some(w)) = (&out, write) {
                write_to_backend(s, &ctx, action, vec![w])?;
            }
            Ok(out)
        })
        .await??;
    Ok(out)
}

pub async fn assign(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path((name, group)): Path<(String, String)>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> ApiResult<axum::response::Response> {
    let dry = dry_run(q.as_deref())?;
    assignment(st, ctx, name, group, true, if_match(&headers)?, dry).await
}

pub async fn unassign(
    State(st): State<AppState>,
    ctx: ReqCtx,
    Path((name, group)): Path<(String, String)>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> ApiResult<axum::response::Response> {
    let dry = dry_run(q.as_deref())?;
    assignment(st, ctx, name, group, false, if_match(&headers)?, dry).await
}
