//! The Graph routes, the control API and the fake's state changes.
//!
//! Shapes follow the contract files (`../shared/contracts/graph/v1.0/*.yml`); where a shape
//! is not in them (beta `executeAction`, `/groups`, the token endpoint) it follows
//! Microsoft's reference pages and the contract validator skips it, saying so.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};

use crate::fleet::{self, ActionResult, guid, iso};
use crate::{Approval, Fault, Group, Inner, Options, Req, Resp, Shared, auth, now_unix};

/// The device actions the fake carries out (path segment, with or without `microsoft.graph.`).
pub const ACTIONS: [&str; 5] = ["remoteLock", "wipe", "retire", "syncDevice", "rebootNow"];

/// Compliance policy types the fake accepts (`@odata.type`).
pub const POLICY_TYPES: [&str; 5] = [
    "#microsoft.graph.iosCompliancePolicy",
    "#microsoft.graph.androidCompliancePolicy",
    "#microsoft.graph.androidWorkProfileCompliancePolicy",
    "#microsoft.graph.macOSCompliancePolicy",
    "#microsoft.graph.windows10CompliancePolicy",
];

/// The app id Intune's portal writes its audit events under.
const PORTAL_APP_ID: &str = "5926fc8e-304e-4f59-8bed-58ca97cc39a4";

pub(crate) fn seed(opts: &Options) -> Inner {
    let now = now_unix();
    let devices = fleet::generate(opts.seed, opts.devices, now);
    let by_id = devices
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();
    let mut groups = vec![Group {
        id: guid(opts.seed, 30, 0),
        display_name: "mdm-pilot".into(),
        members: (0..devices.len().min(10)).collect(),
    }];
    for (k, os) in ["iOS", "Android", "macOS", "Windows"].iter().enumerate() {
        groups.push(Group {
            id: guid(opts.seed, 30, 1 + k as u64),
            display_name: format!("All {os} devices"),
            members: devices
                .iter()
                .enumerate()
                .filter(|(_, d)| d.operating_system == *os)
                .map(|(i, _)| i)
                .collect(),
        });
    }
    groups.push(Group {
        id: guid(opts.seed, 30, 5),
        display_name: "Sales".into(),
        members: (0..devices.len()).step_by(7).collect(),
    });
    let mut apps = BTreeMap::new();
    let app_defs = [
        (
            "#microsoft.graph.iosStoreApp",
            "Microsoft Authenticator",
            json!({"bundleId": "com.microsoft.azureauthenticator", "appStoreUrl": "https://apps.apple.com/app/id983156458"}),
        ),
        (
            "#microsoft.graph.androidStoreApp",
            "Intune Company Portal",
            json!({"packageId": "com.microsoft.windowsintune.companyportal", "appStoreUrl": "https://play.google.com/store/apps/details?id=com.microsoft.windowsintune.companyportal"}),
        ),
        (
            "#microsoft.graph.iosStoreApp",
            "Slack",
            json!({"bundleId": "com.tinyspeck.chatlyio", "appStoreUrl": "https://apps.apple.com/app/id618783545"}),
        ),
        (
            "#microsoft.graph.iosLobApp",
            "Field Service",
            json!({"bundleId": "org.example.fieldservice", "versionNumber": "4.2.1", "buildNumber": "421", "fileName": "FieldService-4.2.1.ipa", "size": 48_211_032, "committedContentVersion": "1"}),
        ),
    ];
    for (i, (ty, name, extra)) in app_defs.into_iter().enumerate() {
        let id = guid(opts.seed, 20, i as u64);
        let mut app = json!({
            "@odata.type": ty,
            "id": id,
            "displayName": name,
            "description": name,
            "publisher": "Microsoft Corporation",
            "createdDateTime": iso(now - 86_400 * 90),
            "lastModifiedDateTime": iso(now - 86_400 * 30),
            "isFeatured": false,
            "privacyInformationUrl": null,
            "informationUrl": null,
            "owner": "",
            "developer": "",
            "notes": "",
            "publishingState": "published",
        });
        if let (Some(a), Value::Object(e)) = (app.as_object_mut(), extra) {
            a.extend(e);
        }
        apps.insert(id, app);
    }
    Inner {
        devices,
        by_id,
        tokens: HashMap::new(),
        bucket: opts.write_budget_writes as f64,
        bucket_at: Instant::now(),
        budget_writes: opts.write_budget_writes,
        budget_period: opts.write_budget_period,
        faults: Vec::new(),
        approvals: Vec::new(),
        approval_actions: opts.approval_actions.clone(),
        commands: BTreeMap::new(),
        throttled: 0,
        by_route: BTreeMap::new(),
        audit: Vec::new(),
        policies: BTreeMap::new(),
        policy_assignments: HashMap::new(),
        apps,
        app_assignments: HashMap::new(),
        groups,
        log: Vec::new(),
        seq: 0,
        next_id: 0,
        polls_until_done: opts.action_polls_until_done,
    }
}

/// A Graph error body (`{"error":{"code","message","innerError":{...}}}`).
pub(crate) fn gerr(status: u16, code: &str, message: &str) -> Resp {
    let id = guid(now_unix() as u64, 98, status as u64);
    Resp::json(
        status,
        json!({"error": {"code": code, "message": message, "innerError": {
            "date": iso(now_unix()).trim_end_matches('Z'),
            "request-id": id,
            "client-request-id": id,
        }}}),
    )
}

fn not_found(what: &str, id: &str) -> Resp {
    gerr(
        404,
        "ResourceNotFound",
        &format!(
            "{{\r\n  \"_version\": 3,\r\n  \"Message\": \"An error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: {id} - Url: https://fef.msub02.manage.microsoft.com/DeviceFE/StatelessDeviceFEService/deviceManagement/{what}('{id}')\",\r\n  \"CustomApiErrorPhrase\": \"\",\r\n  \"RetryAfter\": null,\r\n  \"ErrorSourceService\": \"\",\r\n  \"HttpHeaders\": \"{{}}\"\r\n}}"
        ),
    )
}

fn bad_request(msg: &str) -> Resp {
    gerr(400, "BadRequest", msg)
}

fn segment_not_found(seg: &str) -> Resp {
    bad_request(&format!("Resource not found for the segment '{seg}'."))
}

/// Routes a request; answers the route template it matched and the response.
pub(crate) fn dispatch(shared: &Shared, r: &Req) -> (String, Resp) {
    let segs: Vec<&str> = r.path.trim_start_matches('/').split('/').collect();
    let m = r.method.as_str();
    match segs.as_slice() {
        ["_fake", rest @ ..] => ("control".into(), control(shared, m, rest, r)),
        [tenant, "oauth2", "v2.0", "token"] if m == "POST" => (
            "POST /{tenant}/oauth2/v2.0/token".into(),
            auth::token(shared, tenant, r),
        ),
        [ver @ ("v1.0" | "beta"), rest @ ..] => {
            let (route, resp) = graph(shared, ver, rest, r);
            (format!("{m} /{ver}/{route}"), resp)
        }
        _ => (
            format!("{m} (unknown)"),
            gerr(
                400,
                "BadRequest",
                &format!("Invalid version: {}", segs.first().unwrap_or(&"")),
            ),
        ),
    }
}

fn strip_ns(seg: &str) -> &str {
    seg.strip_prefix("microsoft.graph.").unwrap_or(seg)
}

fn graph(shared: &Shared, ver: &str, rest: &[&str], r: &Req) -> (String, Resp) {
    let m = r.method.as_str();
    let write = m != "GET";
    let mut g = shared.lock();
    // Authentication first, as Graph does.
    let app_id = match bearer(&mut g, r) {
        Ok(a) => a,
        Err(resp) => return (route_of(rest), resp),
    };
    if let Some(resp) = faults(&mut g, write, device_action_of(rest, r)) {
        return (route_of(rest), resp);
    }
    if write && let Some(resp) = spend_write(&mut g) {
        return (route_of(rest), resp);
    }
    let opts = &shared.opts;
    let base = &shared.base;
    let resp = match (m, rest) {
        ("GET", ["deviceManagement", "managedDevices"]) => list_devices(&g, opts, base, ver, r),
        ("POST", ["deviceManagement", "managedDevices", "executeAction"]) if ver == "beta" => {
            execute_action(&mut g, opts, &app_id, r)
        }
        ("GET", ["deviceManagement", "operationApprovalRequests", id]) if ver == "beta" => {
            get_approval_request(&g, base, ver, id)
        }
        ("GET", ["deviceManagement", "managedDevices", "$count"]) => {
            let n = g.devices.iter().filter(|d| !d.deleted).count();
            Resp {
                status: 200,
                headers: vec![("content-type".into(), "text/plain".into())],
                body: None,
                text: Some(n.to_string()),
            }
        }
        ("GET", ["deviceManagement", "managedDevices", id]) => {
            get_device(&mut g, opts, base, ver, id, r)
        }
        ("POST", ["deviceManagement", "managedDevices", id, action])
            if ACTIONS.contains(&strip_ns(action)) =>
        {
            device_action(&mut g, &app_id, id, strip_ns(action), r)
        }
        ("GET", ["deviceManagement", "deviceCompliancePolicies"]) => {
            list_policies(&g, base, ver, r)
        }
        ("POST", ["deviceManagement", "deviceCompliancePolicies"]) => {
            create_policy(&mut g, opts, &app_id, base, ver, r)
        }
        ("GET", ["deviceManagement", "deviceCompliancePolicies", id]) => {
            match g.policies.get(*id) {
                Some(p) => Resp::json(200, with_expand(&g, p, r)),
                None => not_found("deviceCompliancePolicies", id),
            }
        }
        ("PATCH", ["deviceManagement", "deviceCompliancePolicies", id]) => {
            patch_policy(&mut g, &app_id, id, r)
        }
        ("DELETE", ["deviceManagement", "deviceCompliancePolicies", id]) => {
            if let Some(p) = g.policies.remove(*id) {
                g.policy_assignments.remove(*id);
                let name = p["displayName"].as_str().unwrap_or("").to_string();
                audit(
                    &mut g,
                    app_actor(&app_id),
                    "Delete DeviceCompliancePolicy",
                    "Delete",
                    "DeviceCompliancePolicy",
                    id,
                    &name,
                    "DeviceCompliancePolicy",
                );
                Resp::empty(204)
            } else {
                not_found("deviceCompliancePolicies", id)
            }
        }
        ("POST", ["deviceManagement", "deviceCompliancePolicies", id, a])
            if strip_ns(a) == "assign" =>
        {
            assign_policy(&mut g, &app_id, base, ver, id, r)
        }
        (
            "GET",
            [
                "deviceManagement",
                "deviceCompliancePolicies",
                id,
                "assignments",
            ],
        ) => {
            if g.policies.contains_key(*id) {
                let value = g.policy_assignments.get(*id).cloned().unwrap_or_default();
                Resp::json(
                    200,
                    json!({"@odata.context": format!("{base}/{ver}/$metadata#deviceManagement/deviceCompliancePolicies('{id}')/assignments"), "value": value}),
                )
            } else {
                not_found("deviceCompliancePolicies", id)
            }
        }
        ("GET", ["deviceManagement", "auditEvents"]) => list_audit(&g, base, ver, r),
        ("GET", ["deviceAppManagement", "mobileApps"]) => {
            let value: Vec<Value> = g.apps.values().cloned().collect();
            Resp::json(
                200,
                json!({"@odata.context": format!("{base}/{ver}/$metadata#deviceAppManagement/mobileApps"), "value": value}),
            )
        }
        ("GET", ["deviceAppManagement", "mobileApps", id]) => match g.apps.get(*id) {
            Some(a) => Resp::json(200, a.clone()),
            None => not_found("mobileApps", id),
        },
        ("GET", ["deviceAppManagement", "mobileApps", id, "assignments"]) => {
            if g.apps.contains_key(*id) {
                let value = g.app_assignments.get(*id).cloned().unwrap_or_default();
                Resp::json(200, json!({"value": value}))
            } else {
                not_found("mobileApps", id)
            }
        }
        ("POST", ["deviceAppManagement", "mobileApps", id, a]) if strip_ns(a) == "assign" => {
            assign_app(&mut g, &app_id, id, r)
        }
        // Entra ID groups: not in the contract files (the validator skips /groups).
        ("GET", ["groups"]) => list_groups(&g, base, ver, r),
        ("GET", ["groups", id, "members"])
        | ("GET", ["groups", id, "members", "microsoft.graph.device"]) => {
            list_members(&g, opts, base, ver, id, r)
        }
        (_, segs) => segment_not_found(segs.last().unwrap_or(&"")),
    };
    (route_of(rest), resp)
}

/// The route template of a Graph path (ids replaced by `{id}`).
fn route_of(rest: &[&str]) -> String {
    let mut out = Vec::new();
    for (i, s) in rest.iter().enumerate() {
        let is_id = i >= 2
            && matches!(
                rest.get(i - 1),
                Some(
                    &("managedDevices"
                        | "deviceCompliancePolicies"
                        | "mobileApps"
                        | "operationApprovalRequests")
                )
            )
            && *s != "executeAction"
            && *s != "$count";
        let is_group = i == 1 && rest[0] == "groups";
        if is_id || is_group {
            out.push("{id}".to_string());
        } else {
            out.push(strip_ns(s).to_string());
        }
    }
    out.join("/")
}

fn bearer(g: &mut Inner, r: &Req) -> Result<String, Resp> {
    let unauth = |msg: &str| {
        gerr(401, "InvalidAuthenticationToken", msg)
            .header("www-authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"")
    };
    let Some(h) = r.h("authorization") else {
        return Err(unauth("Access token is empty."));
    };
    let Some(t) = h.strip_prefix("Bearer ") else {
        return Err(unauth(
            "IDX14100: JWT is not well formed, there are no dots (.).",
        ));
    };
    match g.tokens.get(t) {
        Some((app, exp)) if *exp > Instant::now() => Ok(app.clone()),
        Some(_) => Err(unauth("Lifetime validation failed, the token is expired.")),
        None => Err(unauth("Access token validation failure. Invalid audience.")),
    }
}

/// The device action a request carries out, if it is one: `POST …/{id}/wipe` (either
/// spelling) or beta `executeAction` with its `actionName`.
fn device_action_of(rest: &[&str], r: &Req) -> Option<String> {
    if r.method != "POST" {
        return None;
    }
    match rest {
        ["deviceManagement", "managedDevices", "executeAction"] => r
            .json()
            .and_then(|b| b["actionName"].as_str().map(str::to_string)),
        ["deviceManagement", "managedDevices", _, action] => Some(strip_ns(action).to_string()),
        _ => None,
    }
}

/// Graph's 403 for an app without `permission` (Intune's nested message naming it).
fn forbidden(permission: &str) -> Resp {
    gerr(
        403,
        "Forbidden",
        &format!(
            "{{\r\n  \"_version\": 3,\r\n  \"Message\": \"Application is not authorized to perform this operation. Application must have one of the following scopes: {permission} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 00000000-0000-0000-0000-000000000000 - Url: https://fef.msub02.manage.microsoft.com/\",\r\n  \"CustomApiErrorPhrase\": \"\",\r\n  \"RetryAfter\": null,\r\n  \"ErrorSourceService\": \"\",\r\n  \"HttpHeaders\": \"{{}}\"\r\n}}"
        ),
    )
}

fn faults(g: &mut Inner, write: bool, action: Option<String>) -> Option<Resp> {
    let mut out = None;
    let mut spent = None;
    for (i, f) in g.faults.iter_mut().enumerate() {
        match f {
            Fault::Unavailable { count } => {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    spent = Some(i);
                }
                out = Some(gerr(
                    503,
                    "ServiceUnavailable",
                    "Service is unavailable, please try again later.",
                ));
            }
            Fault::Throttle {
                count,
                retry_after,
                writes_only,
            } if write || !*writes_only => {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    spent = Some(i);
                }
                let mut resp = gerr(
                    429,
                    "TooManyRequests",
                    "Too many requests from Identifier:00000000-0000-0000-0000-000000000000+00000000-0000-0000-0000-000000000000 under category:throttle.intune.write. Please try again later.",
                );
                if let Some(s) = retry_after {
                    resp = resp.header("retry-after", s.to_string());
                }
                out = Some(resp);
            }
            Fault::Forbidden {
                permission,
                all_requests,
            } if write || *all_requests => {
                out = Some(forbidden(permission));
            }
            Fault::ForbiddenAction {
                action: a,
                permission,
            } if action.as_deref() == Some(a.as_str()) => {
                out = Some(forbidden(permission));
            }
            _ => continue,
        }
        break;
    }
    if let Some(i) = spent {
        g.faults.remove(i);
    }
    if out.as_ref().is_some_and(|r| r.status == 429) {
        g.throttled += 1;
    }
    out
}

/// The write budget: a token bucket of `budget_writes` refilled over `budget_period`.
fn spend_write(g: &mut Inner) -> Option<Resp> {
    let rate = g.budget_writes as f64 / g.budget_period.as_secs_f64().max(0.001);
    let now = Instant::now();
    let elapsed = now.duration_since(g.bucket_at).as_secs_f64();
    g.bucket = (g.bucket + elapsed * rate).min(g.budget_writes as f64);
    g.bucket_at = now;
    if g.bucket >= 1.0 {
        g.bucket -= 1.0;
        return None;
    }
    g.throttled += 1;
    let wait = ((1.0 - g.bucket) / rate).ceil().max(1.0) as u64;
    Some(
        gerr(
            429,
            "TooManyRequests",
            "Too many requests from Identifier:00000000-0000-0000-0000-000000000000 under category:throttle.intune.write. Please try again later.",
        )
        .header("retry-after", wait.to_string()),
    )
}

#[derive(Debug)]
struct Clause {
    field: String,
    op: String,
    value: String,
    /// Clauses of one `or` branch share a group; `and` binds tighter than `or`.
    group: usize,
}

/// True when some `or` branch has all its clauses true (an empty filter matches all).
fn eval(clauses: &[Clause], f: impl Fn(&Clause) -> bool) -> bool {
    let groups = clauses.last().map_or(0, |c| c.group + 1);
    clauses.is_empty() || (0..groups).any(|g| clauses.iter().filter(|c| c.group == g).all(&f))
}

/// `a eq 'x' and b ge 2024-01-01T00:00:00Z or id eq 'y'`: comparisons joined by `and`/`or`.
fn parse_filter(f: &str) -> Result<Vec<Clause>, String> {
    let mut out = Vec::new();
    let mut group = 0;
    let mut rest = f.trim();
    while !rest.is_empty() {
        let (field, r) = rest.split_once(' ').ok_or("incomplete clause")?;
        let (op, r) = r.trim_start().split_once(' ').ok_or("incomplete clause")?;
        let r = r.trim_start();
        let (value, r) = if let Some(q) = r.strip_prefix('\'') {
            // '' escapes a quote inside an OData string.
            let mut v = String::new();
            let mut chars = q.char_indices().peekable();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                if c == '\'' {
                    if chars.peek().map(|&(_, c)| c) == Some('\'') {
                        v.push('\'');
                        chars.next();
                    } else {
                        end = Some(i + 1);
                        break;
                    }
                } else {
                    v.push(c);
                }
            }
            (v, &q[end.ok_or("unterminated string")?..])
        } else {
            match r.split_once(' ') {
                Some((v, r)) => (v.to_string(), r),
                None => (r.to_string(), ""),
            }
        };
        if !["eq", "ne", "ge", "gt", "le", "lt"].contains(&op) {
            return Err(format!("unsupported operator '{op}'"));
        }
        out.push(Clause {
            field: field.to_string(),
            op: op.to_string(),
            value,
            group,
        });
        let r = r.trim_start();
        rest = if let Some(r) = r.strip_prefix("and ") {
            r.trim_start()
        } else if let Some(r) = r.strip_prefix("or ") {
            group += 1;
            r.trim_start()
        } else if r.is_empty() {
            ""
        } else {
            return Err(format!("unsupported syntax near '{r}'"));
        };
    }
    Ok(out)
}

fn cmp_ok(op: &str, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        "eq" => ord == Equal,
        "ne" => ord != Equal,
        "ge" => ord != Less,
        "gt" => ord == Greater,
        "le" => ord != Greater,
        "lt" => ord == Less,
        _ => false,
    }
}

const DEVICE_FILTER_FIELDS: [&str; 9] = [
    "id",
    "deviceName",
    "serialNumber",
    "operatingSystem",
    "azureADDeviceId",
    "userPrincipalName",
    "complianceState",
    "emailAddress",
    "osVersion",
];

fn device_field<'a>(d: &'a fleet::Device, f: &str) -> &'a str {
    match f {
        "id" => &d.id,
        "deviceName" => &d.device_name,
        "serialNumber" => &d.serial_number,
        "operatingSystem" => d.operating_system,
        "azureADDeviceId" => &d.azure_ad_device_id,
        "userPrincipalName" => &d.user_principal_name,
        "complianceState" => d.compliance_state,
        "emailAddress" => &d.email_address,
        _ => &d.os_version,
    }
}

fn skip_of(r: &Req) -> Result<usize, Resp> {
    match r.q("$skiptoken") {
        None => Ok(0),
        Some(t) => URL_SAFE_NO_PAD
            .decode(t)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| s.strip_prefix("offset:").and_then(|n| n.parse().ok()))
            .ok_or_else(|| bad_request("The skip token is invalid.")),
    }
}

fn next_link(base: &str, ver: &str, path: &str, r: &Req, offset: usize) -> String {
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in &r.query {
        if !k.eq_ignore_ascii_case("$skiptoken") {
            ser.append_pair(k, v);
        }
    }
    ser.append_pair(
        "$skiptoken",
        &URL_SAFE_NO_PAD.encode(format!("offset:{offset}")),
    );
    format!("{base}/{ver}/{path}?{}", ser.finish())
}

fn top_of(r: &Req, default: usize, max: usize) -> Result<usize, Resp> {
    match r.q("$top") {
        None => Ok(default),
        Some(t) => match t.parse::<usize>() {
            Ok(n) => Ok(n.clamp(1, max)),
            Err(_) => Err(bad_request(&format!(
                "Invalid $top value '{t}': must be a non-negative integer."
            ))),
        },
    }
}

fn list_devices(g: &Inner, opts: &Options, base: &str, ver: &str, r: &Req) -> Resp {
    let select: Option<Vec<String>> = r.q("$select").map(|s| {
        s.split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect()
    });
    if let Some(sel) = &select {
        let known = sample_keys();
        if let Some(bad) = sel.iter().find(|k| !known.contains(&k.as_str())) {
            return bad_request(&format!(
                "Could not find a property named '{bad}' on type 'microsoft.graph.managedDevice'."
            ));
        }
    }
    let clauses = match r.q("$filter").map(parse_filter).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => return bad_request(&format!("Invalid filter clause: {e}")),
    };
    if let Some(c) = clauses
        .iter()
        .find(|c| !DEVICE_FILTER_FIELDS.contains(&c.field.as_str()))
    {
        return bad_request(&format!(
            "Invalid filter clause: filtering on '{}' is not supported.",
            c.field
        ));
    }
    let (skip, top) = match (
        skip_of(r),
        top_of(r, opts.page_size, opts.page_size.max(1000)),
    ) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let matched: Vec<usize> = g
        .devices
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            !d.deleted
                && eval(&clauses, |c| {
                    cmp_ok(&c.op, device_field(d, &c.field).cmp(c.value.as_str()))
                })
        })
        .map(|(i, _)| i)
        .collect();
    let missing = g
        .faults
        .iter()
        .find_map(|f| match f {
            Fault::TruncateList { missing } => Some(*missing),
            _ => None,
        })
        .unwrap_or(0);
    let visible = matched.len().saturating_sub(missing);
    let page: Vec<Value> = matched[..visible]
        .iter()
        .skip(skip)
        .take(top)
        .map(|&i| g.devices[i].to_json(select.as_deref()))
        .collect();
    let mut body = Map::new();
    let ctx = match &select {
        Some(s) => format!(
            "{base}/{ver}/$metadata#deviceManagement/managedDevices({})",
            s.join(",")
        ),
        None => format!("{base}/{ver}/$metadata#deviceManagement/managedDevices"),
    };
    body.insert("@odata.context".into(), json!(ctx));
    if r.q("$count") == Some("true") {
        body.insert("@odata.count".into(), json!(matched.len()));
    }
    body.insert("value".into(), Value::Array(page));
    if skip + top < visible {
        body.insert(
            "@odata.nextLink".into(),
            json!(next_link(
                base,
                ver,
                "deviceManagement/managedDevices",
                r,
                skip + top
            )),
        );
    }
    Resp::json(200, Value::Object(body))
}

fn sample_keys() -> Vec<&'static str> {
    vec![
        "id",
        "userId",
        "deviceName",
        "managedDeviceOwnerType",
        "deviceActionResults",
        "enrolledDateTime",
        "lastSyncDateTime",
        "operatingSystem",
        "complianceState",
        "jailBroken",
        "managementAgent",
        "osVersion",
        "easActivated",
        "easDeviceId",
        "azureADRegistered",
        "deviceEnrollmentType",
        "emailAddress",
        "azureADDeviceId",
        "deviceRegistrationState",
        "deviceCategoryDisplayName",
        "isSupervised",
        "isEncrypted",
        "userPrincipalName",
        "model",
        "manufacturer",
        "imei",
        "serialNumber",
        "phoneNumber",
        "userDisplayName",
        "managedDeviceName",
        "partnerReportedThreatState",
        "totalStorageSpaceInBytes",
        "freeStorageSpaceInBytes",
        "physicalMemoryInBytes",
        "complianceGracePeriodExpirationDateTime",
        "exchangeAccessState",
        "exchangeAccessStateReason",
        "notes",
        "wiFiMacAddress",
        "meid",
        "udid",
        "iccid",
        "subscriberCarrier",
        "ethernetMacAddress",
        "androidSecurityPatchLevel",
        "exchangeLastSuccessfulSyncDateTime",
        "easActivationDateTime",
    ]
}

fn live(g: &Inner, id: &str) -> Option<usize> {
    g.by_id.get(id).copied().filter(|&i| !g.devices[i].deleted)
}

fn get_device(g: &mut Inner, opts: &Options, base: &str, ver: &str, id: &str, r: &Req) -> Resp {
    let Some(i) = live(g, id) else {
        return not_found("managedDevices", id);
    };
    let failing = g
        .faults
        .iter()
        .any(|f| matches!(f, Fault::DeviceFails { device_id } if device_id == id));
    let now = now_unix();
    for a in g.devices[i].action_results.iter_mut() {
        if a.action_state != "pending" {
            continue;
        }
        let timed = opts
            .action_done_after
            .is_some_and(|d| now - a.start >= d.as_secs() as i64);
        if a.polls_left == 0 || timed {
            a.action_state = if failing { "failed" } else { "done" };
            a.last_updated = now;
        } else {
            a.polls_left -= 1;
        }
    }
    let select: Option<Vec<String>> = r.q("$select").map(|s| {
        s.split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect()
    });
    let mut v = g.devices[i].to_json(select.as_deref());
    v["@odata.context"] = json!(format!(
        "{base}/{ver}/$metadata#deviceManagement/managedDevices/$entity"
    ));
    Resp::json(200, v)
}

/// Multi Admin Approval: `None` to go ahead, or the answer (412, 409, ...).
fn approval_gate(
    g: &mut Inner,
    app_id: &str,
    action: &str,
    device_id: &str,
    body: &Value,
    r: &Req,
) -> Option<Resp> {
    if !g.approval_actions.iter().any(|a| a == action) {
        return None;
    }
    if let Some(code) = r.h("x-msft-approval-code") {
        let Some(a) = g.approvals.iter_mut().find(|a| a.code == code) else {
            return Some(bad_request(&format!(
                "The approval code '{code}' is not valid."
            )));
        };
        if a.action != action || a.device_id != device_id || a.body != *body {
            return Some(bad_request(
                "The request does not match the request the approval code was issued for.",
            ));
        }
        return match a.status.as_str() {
            "approved" => {
                a.status = "completed".into();
                a.updated = now_unix();
                None
            }
            "pending" => Some(
                gerr(
                    412,
                    "PreconditionFailed",
                    "The request is pending approval.",
                )
                .header("x-msft-approval-code", code),
            ),
            "rejected" => Some(gerr(403, "Forbidden", "The approval request was rejected.")),
            _ => Some(gerr(
                409,
                "Conflict",
                "The approval request was already used.",
            )),
        };
    }
    if g.approvals.iter().any(|a| {
        a.action == action
            && a.device_id == device_id
            && a.body == *body
            && (a.status == "pending" || a.status == "approved")
    }) {
        return Some(gerr(
            409,
            "Conflict",
            "An approval request for this operation is already open.",
        ));
    }
    let code = guid(now_unix() as u64, 70, g.approvals.len() as u64);
    g.approvals.push(Approval {
        code: code.clone(),
        action: action.to_string(),
        device_id: device_id.to_string(),
        body: body.clone(),
        status: "pending".into(),
        justification: r.h("x-msft-approval-justification").map(str::to_string),
        requestor_app: app_id.to_string(),
        created: now_unix(),
        updated: now_unix(),
    });
    Some(
        gerr(
            412,
            "PreconditionFailed",
            "This operation is protected by a multi admin approval policy. An approval request was created.",
        )
        .header("x-msft-approval-code", code),
    )
}

/// The parameters of beta `executeAction` (Microsoft's reference page and the beta
/// PowerShell module: `actionName`, `deviceIds`, the wipe options, the notification and
/// rename fields), type-checked as Graph does.
fn check_execute_action_body(body: &Value) -> Result<(), String> {
    let Some(obj) = body.as_object() else {
        return Err("The request body must be a JSON object.".into());
    };
    for (k, v) in obj {
        let ok = match k.as_str() {
            "actionName" => v.is_string(),
            "deviceIds" => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            "keepEnrollmentData" | "keepUserData" | "persistEsimDataPlan" => {
                v.is_boolean() || v.is_null()
            }
            "notificationTitle"
            | "notificationBody"
            | "deviceName"
            | "carrierUrl"
            | "deprovisionReason"
            | "organizationalUnitPath" => v.is_string() || v.is_null(),
            _ => {
                return Err(format!(
                    "The parameter '{k}' in the request payload is not a valid parameter for the operation 'executeAction'."
                ));
            }
        };
        if !ok {
            return Err(format!(
                "Cannot convert the literal '{v}' to the expected type of '{k}'."
            ));
        }
    }
    Ok(())
}

/// `operationApprovalRequestStatus` of a fake approval.
fn approval_status_name(status: &str) -> &str {
    match status {
        "pending" => "needsApproval",
        other => other,
    }
}

/// `GET /beta/deviceManagement/operationApprovalRequests/{id}`: the shape of Microsoft's
/// beta reference page (`operationApprovalRequest`); the validator skips beta.
fn get_approval_request(g: &Inner, base: &str, ver: &str, id: &str) -> Resp {
    let Some(a) = g.approvals.iter().find(|a| a.code == id) else {
        return not_found("operationApprovalRequests", id);
    };
    let policy = match a.action.as_str() {
        "wipe" => "deviceWipe",
        "retire" => "deviceRetire",
        _ => "deviceAction",
    };
    let app = json!({"id": a.requestor_app, "displayName": "mdm gateway"});
    Resp::json(
        200,
        json!({
            "@odata.context": format!("{base}/{ver}/$metadata#deviceManagement/operationApprovalRequests/$entity"),
            "@odata.type": "#microsoft.graph.operationApprovalRequest",
            "id": a.code,
            "requestDateTime": iso(a.created),
            "expirationDateTime": iso(a.created + 24 * 3600),
            "lastModifiedDateTime": iso(a.updated),
            "requestor": {"application": app},
            "approver": {},
            "status": approval_status_name(&a.status),
            "requestJustification": a.justification.clone().unwrap_or_default(),
            "approvalJustification": "",
            "requiredOperationApprovalPolicyTypes": [policy],
        }),
    )
}

fn check_wipe_body(body: &Value) -> Result<(), String> {
    let Some(obj) = body.as_object() else {
        return Err("The request body must be a JSON object.".into());
    };
    for (k, v) in obj {
        let ok = match k.as_str() {
            "keepEnrollmentData" | "keepUserData" | "persistEsimDataPlan" => {
                v.is_boolean() || v.is_null()
            }
            "macOsUnlockCode" => v.is_string() || v.is_null(),
            _ => {
                return Err(format!(
                    "The parameter '{k}' in the request payload is not a valid parameter for the operation 'wipe'."
                ));
            }
        };
        if !ok {
            return Err(format!(
                "Cannot convert the literal '{v}' to the expected type of '{k}'."
            ));
        }
    }
    Ok(())
}

fn device_action(g: &mut Inner, app_id: &str, id: &str, action: &str, r: &Req) -> Resp {
    let Some(i) = live(g, id) else {
        return not_found("managedDevices", id);
    };
    let body = if r.body.is_empty() {
        Value::Null
    } else {
        match r.json() {
            Some(v) => v,
            None => return bad_request("The request body is not valid JSON."),
        }
    };
    if action == "wipe"
        && !body.is_null()
        && let Err(e) = check_wipe_body(&body)
    {
        return bad_request(&e);
    }
    if !body.is_null() && !body.is_object() {
        return bad_request("The request body must be a JSON object.");
    }
    if let Some(resp) = approval_gate(g, app_id, action, id, &body, r) {
        return resp;
    }
    record_command(g, i, action, app_id);
    Resp::empty(204)
}

pub(crate) fn record_command(g: &mut Inner, i: usize, action: &str, app_id: &str) {
    let now = now_unix();
    let polls = g.polls_until_done;
    let d = &mut g.devices[i];
    let id = d.id.clone();
    let name = d.device_name.clone();
    d.action_results.retain(|a| a.action_name != action);
    d.action_results.push(ActionResult {
        action_name: action.to_string(),
        action_state: "pending",
        start: now,
        last_updated: now,
        polls_left: polls,
    });
    *g.commands
        .entry(id.clone())
        .or_default()
        .entry(action.to_string())
        .or_default() += 1;
    audit(
        g,
        app_actor(app_id),
        &format!("{action} ManagedDevice"),
        "Action",
        "Devices",
        &id,
        &name,
        "ManagedDevice",
    );
}

fn supported(action: &str, os: &str) -> bool {
    match action {
        "rebootNow" => os == "Windows" || os == "iOS",
        _ => true,
    }
}

fn execute_action(g: &mut Inner, _opts: &Options, app_id: &str, r: &Req) -> Resp {
    let Some(body) = r.json().filter(Value::is_object) else {
        return bad_request("The request body must be a JSON object.");
    };
    let Some(action) = body["actionName"].as_str().map(str::to_string) else {
        return bad_request("The parameter 'actionName' is required.");
    };
    if !ACTIONS.contains(&action.as_str()) {
        return bad_request(&format!(
            "The value '{action}' of 'actionName' is not a valid managedDeviceRemoteAction."
        ));
    }
    let Some(ids) = body["deviceIds"].as_array() else {
        return bad_request("The parameter 'deviceIds' is required.");
    };
    if let Err(e) = check_execute_action_body(&body) {
        return bad_request(&e);
    }
    let ids: Vec<String> = ids
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    if let Some(resp) = approval_gate(g, app_id, &action, "", &body, r) {
        return resp;
    }
    let (mut ok, mut failed, mut not_found_ids, mut not_supported) =
        (vec![], vec![], vec![], vec![]);
    for id in ids {
        match live(g, &id) {
            None => not_found_ids.push(id),
            Some(i) if !supported(&action, g.devices[i].operating_system) => not_supported.push(id),
            Some(i) => {
                if g.faults
                    .iter()
                    .any(|f| matches!(f, Fault::DeviceFails { device_id } if *device_id == id))
                {
                    failed.push(id);
                } else {
                    record_command(g, i, &action, app_id);
                    ok.push(id);
                }
            }
        }
    }
    Resp::json(
        200,
        json!({
            "@odata.context": "https://graph.microsoft.com/beta/$metadata#microsoft.graph.bulkManagedDeviceActionResult",
            "successfulDeviceIds": ok,
            "failedDeviceIds": failed,
            "notFoundDeviceIds": not_found_ids,
            "notSupportedDeviceIds": not_supported,
        }),
    )
}

fn app_actor(app_id: &str) -> Value {
    json!({
        "auditActorType": "Application",
        "applicationId": app_id,
        "applicationDisplayName": "mdm gateway",
        "servicePrincipalName": app_id,
        "userPermissions": ["*"],
        "userPrincipalName": null,
        "userId": null,
        "ipAddress": "127.0.0.1",
    })
}

#[allow(clippy::too_many_arguments)]
fn audit(
    g: &mut Inner,
    actor: Value,
    activity: &str,
    operation: &str,
    component: &str,
    resource_id: &str,
    resource_name: &str,
    resource_type: &str,
) {
    let n = g.audit.len() as u64;
    let id = guid(now_unix() as u64, 60, n);
    g.audit.push(json!({
        "id": id,
        "displayName": activity,
        "componentName": component,
        "actor": actor,
        "activity": activity,
        "activityDateTime": iso(now_unix()),
        "activityType": activity,
        "activityOperationType": operation,
        "activityResult": "Success",
        "correlationId": guid(now_unix() as u64, 61, n),
        "resources": [{
            "displayName": resource_name,
            "auditResourceType": resource_type,
            "resourceId": resource_id,
            "modifiedProperties": [],
        }],
        "category": if resource_type == "ManagedDevice" { "Device" } else { "Compliance" },
    }));
}

fn parse_time(s: &str) -> Option<i64> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}

fn list_audit(g: &Inner, base: &str, ver: &str, r: &Req) -> Resp {
    let clauses = match r.q("$filter").map(parse_filter).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => return bad_request(&format!("Invalid filter clause: {e}")),
    };
    for c in &clauses {
        if c.field != "activityDateTime" {
            return bad_request(&format!(
                "Invalid filter clause: filtering on '{}' is not supported.",
                c.field
            ));
        }
        match parse_time(&c.value) {
            Some(_) => {}
            None => {
                return bad_request(&format!(
                    "Invalid filter clause: '{}' is not a DateTimeOffset.",
                    c.value
                ));
            }
        }
    }
    let (skip, top) = match (skip_of(r), top_of(r, 100, 999)) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let matched: Vec<&Value> = g
        .audit
        .iter()
        .filter(|e| {
            let t = e["activityDateTime"]
                .as_str()
                .and_then(parse_time)
                .unwrap_or(0);
            eval(&clauses, |c| {
                cmp_ok(&c.op, t.cmp(&parse_time(&c.value).unwrap_or(0)))
            })
        })
        .collect();
    let mut body = Map::new();
    body.insert(
        "@odata.context".into(),
        json!(format!(
            "{base}/{ver}/$metadata#deviceManagement/auditEvents"
        )),
    );
    body.insert(
        "value".into(),
        Value::Array(
            matched
                .iter()
                .skip(skip)
                .take(top)
                .map(|v| (*v).clone())
                .collect(),
        ),
    );
    if skip + top < matched.len() {
        body.insert(
            "@odata.nextLink".into(),
            json!(next_link(
                base,
                ver,
                "deviceManagement/auditEvents",
                r,
                skip + top
            )),
        );
    }
    Resp::json(200, Value::Object(body))
}

fn create_policy(
    g: &mut Inner,
    opts: &Options,
    app_id: &str,
    base: &str,
    ver: &str,
    r: &Req,
) -> Resp {
    let Some(Value::Object(mut body)) = r.json() else {
        return bad_request("The request body must be a JSON object.");
    };
    let ty = body
        .get("@odata.type")
        .and_then(Value::as_str)
        .unwrap_or("");
    if !POLICY_TYPES.contains(&ty) {
        return bad_request(&format!(
            "A type named '{}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.",
            ty.trim_start_matches('#')
        ));
    }
    let Some(name) = body
        .get("displayName")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return bad_request("The property 'displayName' is required.");
    };
    if !body
        .get("scheduledActionsForRule")
        .is_some_and(Value::is_array)
    {
        return bad_request(
            "scheduledActionsForRule is required when creating a compliance policy.",
        );
    }
    body.remove("scheduledActionsForRule");
    body.remove("assignments");
    g.next_id += 1;
    let id = guid(opts.seed, 10, g.next_id);
    let now = iso(now_unix());
    body.insert("id".into(), json!(id));
    body.insert("createdDateTime".into(), json!(now));
    body.insert("lastModifiedDateTime".into(), json!(now));
    body.insert("version".into(), json!(1));
    body.entry("description").or_insert(Value::Null);
    let mut stored = body.clone();
    stored.remove("@odata.context");
    g.policies.insert(id.clone(), Value::Object(stored));
    audit(
        g,
        app_actor(app_id),
        "Create DeviceCompliancePolicy",
        "Create",
        "DeviceCompliancePolicy",
        &id,
        &name,
        "DeviceCompliancePolicy",
    );
    body.insert(
        "@odata.context".into(),
        json!(format!(
            "{base}/{ver}/$metadata#deviceManagement/deviceCompliancePolicies/$entity"
        )),
    );
    Resp::json(201, Value::Object(body))
}

/// A policy with `assignments` inlined when `$expand=assignments` asks for them.
fn with_expand(g: &Inner, p: &Value, r: &Req) -> Value {
    let mut p = p.clone();
    if r.q("$expand")
        .is_some_and(|e| e.split(',').any(|x| x.trim() == "assignments"))
    {
        let id = p["id"].as_str().unwrap_or("").to_string();
        p["assignments"] = json!(g.policy_assignments.get(&id).cloned().unwrap_or_default());
    }
    p
}

fn list_policies(g: &Inner, base: &str, ver: &str, r: &Req) -> Resp {
    let clauses = match r.q("$filter").map(parse_filter).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => return bad_request(&format!("Invalid filter clause: {e}")),
    };
    if let Some(c) = clauses
        .iter()
        .find(|c| c.field != "displayName" && c.field != "id")
    {
        return bad_request(&format!(
            "Invalid filter clause: filtering on '{}' is not supported.",
            c.field
        ));
    }
    let value: Vec<Value> = g
        .policies
        .values()
        .filter(|p| {
            eval(&clauses, |c| {
                let v = p[c.field.as_str()].as_str().unwrap_or("");
                cmp_ok(&c.op, v.cmp(c.value.as_str()))
            })
        })
        .map(|p| with_expand(g, p, r))
        .collect();
    Resp::json(
        200,
        json!({"@odata.context": format!("{base}/{ver}/$metadata#deviceManagement/deviceCompliancePolicies"), "value": value}),
    )
}

fn patch_policy(g: &mut Inner, app_id: &str, id: &str, r: &Req) -> Resp {
    let Some(Value::Object(patch)) = r.json() else {
        return bad_request("The request body must be a JSON object.");
    };
    let Some(Value::Object(p)) = g.policies.get_mut(id) else {
        return not_found("deviceCompliancePolicies", id);
    };
    if let Some(t) = patch.get("@odata.type")
        && Some(t) != p.get("@odata.type")
    {
        return bad_request("The @odata.type of a compliance policy cannot be changed.");
    }
    for (k, v) in patch {
        if !matches!(
            k.as_str(),
            "id" | "createdDateTime" | "version" | "lastModifiedDateTime"
        ) {
            p.insert(k, v);
        }
    }
    let version = p.get("version").and_then(Value::as_i64).unwrap_or(1) + 1;
    p.insert("version".into(), json!(version));
    p.insert("lastModifiedDateTime".into(), json!(iso(now_unix())));
    let out = Value::Object(p.clone());
    let name = out["displayName"].as_str().unwrap_or("").to_string();
    audit(
        g,
        app_actor(app_id),
        "Patch DeviceCompliancePolicy",
        "Patch",
        "DeviceCompliancePolicy",
        id,
        &name,
        "DeviceCompliancePolicy",
    );
    Resp::json(200, out)
}

fn target_key(t: &Value) -> String {
    t.get("groupId")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| {
            t.get("@odata.type")
                .and_then(Value::as_str)
                .unwrap_or("")
                .trim_start_matches("#microsoft.graph.")
                .to_string()
        })
}

fn assign_policy(g: &mut Inner, app_id: &str, base: &str, ver: &str, id: &str, r: &Req) -> Resp {
    if !g.policies.contains_key(id) {
        return not_found("deviceCompliancePolicies", id);
    }
    let Some(body) = r.json().filter(Value::is_object) else {
        return bad_request("The request body must be a JSON object.");
    };
    let Some(list) = body["assignments"].as_array() else {
        return bad_request("The parameter 'assignments' is required.");
    };
    let mut out = Vec::new();
    for a in list {
        let Some(target) = a.get("target").filter(|t| t.get("@odata.type").is_some()) else {
            return bad_request("Each assignment needs a target with an @odata.type.");
        };
        out.push(json!({"id": format!("{id}_{}", target_key(target)), "target": target}));
    }
    g.policy_assignments.insert(id.to_string(), out.clone());
    let name = g.policies[id]["displayName"]
        .as_str()
        .unwrap_or("")
        .to_string();
    audit(
        g,
        app_actor(app_id),
        "Assign DeviceCompliancePolicy",
        "Action",
        "DeviceCompliancePolicy",
        id,
        &name,
        "DeviceCompliancePolicy",
    );
    Resp::json(
        200,
        json!({"@odata.context": format!("{base}/{ver}/$metadata#Collection(microsoft.graph.deviceCompliancePolicyAssignment)"), "value": out}),
    )
}

fn assign_app(g: &mut Inner, app_id: &str, id: &str, r: &Req) -> Resp {
    if !g.apps.contains_key(id) {
        return not_found("mobileApps", id);
    }
    let Some(body) = r.json().filter(Value::is_object) else {
        return bad_request("The request body must be a JSON object.");
    };
    let Some(list) = body["mobileAppAssignments"].as_array() else {
        return bad_request("The parameter 'mobileAppAssignments' is required.");
    };
    let mut out = Vec::new();
    for a in list {
        let Some(target) = a.get("target").filter(|t| t.get("@odata.type").is_some()) else {
            return bad_request("Each assignment needs a target with an @odata.type.");
        };
        let intent = a.get("intent").and_then(Value::as_str).unwrap_or("");
        if ![
            "available",
            "required",
            "uninstall",
            "availableWithoutEnrollment",
        ]
        .contains(&intent)
        {
            return bad_request(&format!(
                "The value '{intent}' of 'intent' is not a valid installIntent."
            ));
        }
        let mut assignment = json!({
            "@odata.type": "#microsoft.graph.mobileAppAssignment",
            "id": format!("{id}_{}_{}", target_key(target), intent),
            "intent": intent,
            "target": target,
        });
        if let Some(s) = a.get("settings").filter(|s| s.is_object()) {
            assignment["settings"] = s.clone();
        }
        out.push(assignment);
    }
    g.app_assignments.insert(id.to_string(), out);
    let name = g.apps[id]["displayName"].as_str().unwrap_or("").to_string();
    audit(
        g,
        app_actor(app_id),
        "Assign MobileApp",
        "Action",
        "MobileApp",
        id,
        &name,
        "MobileApp",
    );
    Resp::empty(204)
}

fn group_json(gr: &Group) -> Value {
    json!({
        "id": gr.id,
        "displayName": gr.display_name,
        "description": null,
        "groupTypes": [],
        "mailEnabled": false,
        "mailNickname": gr.display_name.to_lowercase().replace(' ', "-"),
        "securityEnabled": true,
    })
}

fn list_groups(g: &Inner, base: &str, ver: &str, r: &Req) -> Resp {
    let clauses = match r.q("$filter").map(parse_filter).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => return bad_request(&format!("Invalid filter clause: {e}")),
    };
    if let Some(c) = clauses
        .iter()
        .find(|c| c.field != "displayName" && c.field != "id")
    {
        return bad_request(&format!("Unsupported property '{}' in $filter.", c.field));
    }
    let value: Vec<Value> = g
        .groups
        .iter()
        .filter(|gr| {
            eval(&clauses, |c| {
                let v = if c.field == "id" {
                    &gr.id
                } else {
                    &gr.display_name
                };
                cmp_ok(&c.op, v.as_str().cmp(c.value.as_str()))
            })
        })
        .map(group_json)
        .collect();
    Resp::json(
        200,
        json!({"@odata.context": format!("{base}/{ver}/$metadata#groups"), "value": value}),
    )
}

fn list_members(g: &Inner, opts: &Options, base: &str, ver: &str, id: &str, r: &Req) -> Resp {
    let Some(gr) = g.groups.iter().find(|gr| gr.id == id) else {
        return gerr(
            404,
            "Request_ResourceNotFound",
            &format!(
                "Resource '{id}' does not exist or one of its queried reference-property objects are not present."
            ),
        );
    };
    let (skip, top) = match (skip_of(r), top_of(r, 100, 999)) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let value: Vec<Value> = gr
        .members
        .iter()
        .skip(skip)
        .take(top)
        .map(|&i| {
            let d = &g.devices[i];
            json!({
                "@odata.type": "#microsoft.graph.device",
                "id": guid(opts.seed, 40, i as u64),
                "deviceId": d.azure_ad_device_id,
                "displayName": d.device_name,
                "operatingSystem": d.operating_system,
                "operatingSystemVersion": d.os_version,
                "accountEnabled": true,
            })
        })
        .collect();
    let mut body = Map::new();
    body.insert(
        "@odata.context".into(),
        json!(format!("{base}/{ver}/$metadata#directoryObjects")),
    );
    body.insert("value".into(), Value::Array(value));
    if skip + top < gr.members.len() {
        let path = format!("groups/{id}/members");
        body.insert(
            "@odata.nextLink".into(),
            json!(next_link(base, ver, &path, r, skip + top)),
        );
    }
    Resp::json(200, Value::Object(body))
}

/// Every compliance policy with its assignments inlined (`GET /_fake/policies`).
pub(crate) fn policies_with_assignments(g: &Inner) -> Vec<Value> {
    g.policies
        .iter()
        .map(|(id, p)| {
            let mut p = p.clone();
            p["assignments"] = json!(g.policy_assignments.get(id).cloned().unwrap_or_default());
            p
        })
        .collect()
}

pub(crate) fn counters(g: &Inner) -> Value {
    let duplicates: Vec<Value> = g
        .commands
        .iter()
        .flat_map(|(d, m)| {
            m.iter()
                .filter(|(_, n)| **n > 1)
                .map(move |(a, n)| json!({"device_id": d, "action": a, "count": n}))
        })
        .collect();
    let total: u64 = g.commands.values().flat_map(|m| m.values()).sum();
    json!({
        "commands": g.commands,
        "commands_total": total,
        "duplicate_commands": duplicates,
        "throttled": g.throttled,
        "requests_by_route": g.by_route,
        "requests_total": g.by_route.values().sum::<u64>(),
    })
}

pub(crate) fn set_approval(g: &mut Inner, code: &str, status: &str) -> bool {
    match g
        .approvals
        .iter_mut()
        .find(|a| a.code == code && a.status == "pending")
    {
        Some(a) => {
            a.status = status.to_string();
            a.updated = now_unix();
            true
        }
        None => false,
    }
}

pub(crate) fn delete_device(g: &mut Inner, id: &str) -> bool {
    match live(g, id) {
        Some(i) => {
            g.devices[i].deleted = true;
            true
        }
        None => false,
    }
}

pub(crate) fn set_group_members(g: &mut Inner, group: &str, device_ids: &[&str]) -> bool {
    let members: Vec<usize> = device_ids
        .iter()
        .filter_map(|id| g.by_id.get(*id).copied())
        .collect();
    match g
        .groups
        .iter_mut()
        .find(|gr| gr.id == group || gr.display_name == group)
    {
        Some(gr) => {
            gr.members = members;
            true
        }
        None => false,
    }
}

pub(crate) fn portal_change(g: &mut Inner, upn: &str, activity: &str, device_id: Option<&str>) {
    let actor = json!({
        "auditActorType": "ItPro",
        "applicationId": PORTAL_APP_ID,
        "applicationDisplayName": "Microsoft Intune portal extension",
        "userPrincipalName": upn,
        "userId": guid(7, 80, upn.len() as u64),
        "userPermissions": ["*"],
        "servicePrincipalName": null,
        "ipAddress": "203.0.113.7",
    });
    let (rid, name, ty) = match device_id.and_then(|d| g.by_id.get(d).copied()) {
        Some(i) => (
            g.devices[i].id.clone(),
            g.devices[i].device_name.clone(),
            "ManagedDevice",
        ),
        None => (String::new(), String::new(), "DeviceCompliancePolicy"),
    };
    let operation = activity.split(' ').next().unwrap_or("Action").to_string();
    audit(g, actor, activity, &operation, "Devices", &rid, &name, ty);
}

/// A compliance policy edited in the portal by a human admin: `patch` merged into the
/// policy named `display_name` (its version moves, an audit event under the portal's
/// app id). `false` when no policy has that name.
pub(crate) fn portal_policy_edit(
    g: &mut Inner,
    upn: &str,
    display_name: &str,
    patch: &Value,
) -> bool {
    let Some((id, p)) = g
        .policies
        .iter_mut()
        .find(|(_, p)| p["displayName"] == display_name)
    else {
        return false;
    };
    let id = id.clone();
    if let (Some(p), Some(patch)) = (p.as_object_mut(), patch.as_object()) {
        for (k, v) in patch {
            if !matches!(
                k.as_str(),
                "id" | "@odata.type" | "createdDateTime" | "version"
            ) {
                p.insert(k.clone(), v.clone());
            }
        }
        let version = p.get("version").and_then(Value::as_i64).unwrap_or(1) + 1;
        p.insert("version".into(), json!(version));
        p.insert("lastModifiedDateTime".into(), json!(iso(now_unix())));
    }
    let actor = json!({
        "auditActorType": "ItPro",
        "applicationId": PORTAL_APP_ID,
        "applicationDisplayName": "Microsoft Intune portal extension",
        "userPrincipalName": upn,
        "userId": guid(7, 80, upn.len() as u64),
        "userPermissions": ["*"],
        "servicePrincipalName": null,
        "ipAddress": "203.0.113.7",
    });
    audit(
        g,
        actor,
        "Patch DeviceCompliancePolicy",
        "Patch",
        "DeviceCompliancePolicy",
        &id,
        display_name,
        "DeviceCompliancePolicy",
    );
    true
}

fn control(shared: &Shared, m: &str, rest: &[&str], r: &Req) -> Resp {
    let mut g = shared.lock();
    let body = r.json().unwrap_or(Value::Null);
    match (m, rest) {
        ("GET", ["counters"]) => Resp::json(200, counters(&g)),
        ("GET", ["exchanges"]) => Resp::json(200, serde_json::to_value(&g.log).unwrap_or_default()),
        ("GET", ["faults"]) => Resp::json(200, serde_json::to_value(&g.faults).unwrap_or_default()),
        ("POST", ["faults"]) => match serde_json::from_value::<Fault>(body) {
            Ok(f) => {
                g.faults.push(f);
                Resp::empty(204)
            }
            Err(e) => Resp::json(400, json!({"error": format!("bad fault: {e}")})),
        },
        ("DELETE", ["faults"]) => {
            g.faults.clear();
            Resp::empty(204)
        }
        ("GET", ["approvals"]) => {
            Resp::json(200, serde_json::to_value(&g.approvals).unwrap_or_default())
        }
        (
            "POST",
            [
                "approvals",
                code,
                verb @ ("approve" | "reject" | "expire" | "cancel"),
            ],
        ) => {
            let status = match *verb {
                "approve" => "approved",
                "reject" => "rejected",
                "expire" => "expired",
                _ => "cancelled",
            };
            if set_approval(&mut g, code, status) {
                Resp::empty(204)
            } else {
                Resp::json(404, json!({"error": "no pending approval with that code"}))
            }
        }
        ("PUT", ["approval-actions"]) => {
            let actions: Vec<String> = body["actions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            g.approval_actions = actions;
            Resp::empty(204)
        }
        ("PUT", ["write-budget"]) => {
            let (Some(w), Some(s)) = (body["writes"].as_u64(), body["seconds"].as_f64()) else {
                return Resp::json(400, json!({"error": "need writes and seconds"}));
            };
            g.budget_writes = w as u32;
            g.budget_period = Duration::from_secs_f64(s.max(0.001));
            g.bucket = w as f64;
            g.bucket_at = Instant::now();
            Resp::empty(204)
        }
        ("DELETE", ["devices", id]) => {
            if delete_device(&mut g, id) {
                Resp::empty(204)
            } else {
                Resp::json(404, json!({"error": "no such device"}))
            }
        }
        ("GET", ["devices", id, "commands"]) => {
            Resp::json(200, json!(g.commands.get(*id).cloned().unwrap_or_default()))
        }
        ("POST", ["devices", id, "action-result"]) => {
            let (Some(name), Some(state)) =
                (body["actionName"].as_str(), body["actionState"].as_str())
            else {
                return Resp::json(400, json!({"error": "need actionName and actionState"}));
            };
            let state: &'static str = match state {
                "pending" => "pending",
                "done" => "done",
                "failed" => "failed",
                "canceled" => "canceled",
                "active" => "active",
                "notSupported" => "notSupported",
                _ => return Resp::json(400, json!({"error": "unknown actionState"})),
            };
            let Some(i) = g.by_id.get(*id).copied() else {
                return Resp::json(404, json!({"error": "no such device"}));
            };
            let now = now_unix();
            let d = &mut g.devices[i];
            d.action_results.retain(|a| a.action_name != name);
            d.action_results.push(ActionResult {
                action_name: name.to_string(),
                action_state: state,
                start: now,
                last_updated: now,
                polls_left: 0,
            });
            Resp::empty(204)
        }
        ("POST", ["portal-change"]) => {
            let upn = body["upn"]
                .as_str()
                .unwrap_or("admin@contoso.onmicrosoft.com")
                .to_string();
            let activity = body["activity"]
                .as_str()
                .unwrap_or("wipe ManagedDevice")
                .to_string();
            portal_change(&mut g, &upn, &activity, body["device_id"].as_str());
            Resp::empty(204)
        }
        ("PUT", ["groups", group, "members"]) => {
            let ids: Vec<&str> = body["device_ids"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if set_group_members(&mut g, group, &ids) {
                Resp::empty(204)
            } else {
                Resp::json(404, json!({"error": "no such group"}))
            }
        }
        ("GET", ["policies"]) => Resp::json(200, json!(policies_with_assignments(&g))),
        ("POST", ["portal-policy-edit"]) => {
            let upn = body["upn"]
                .as_str()
                .unwrap_or("admin@contoso.onmicrosoft.com")
                .to_string();
            let name = body["displayName"].as_str().unwrap_or("").to_string();
            if portal_policy_edit(&mut g, &upn, &name, &body["patch"]) {
                Resp::empty(204)
            } else {
                Resp::json(404, json!({"error": format!("no policy named {name:?}")}))
            }
        }
        ("GET", ["apps", id, "assignments"]) => Resp::json(
            200,
            json!(g.app_assignments.get(*id).cloned().unwrap_or_default()),
        ),
        ("POST", ["groups"]) => {
            let Some(name) = body["displayName"].as_str() else {
                return Resp::json(400, json!({"error": "need displayName"}));
            };
            let members: Vec<usize> = body["device_ids"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().and_then(|id| g.by_id.get(id).copied()))
                        .collect()
                })
                .unwrap_or_default();
            let id = guid(shared.opts.seed, 31, g.groups.len() as u64);
            g.groups.push(Group {
                id: id.clone(),
                display_name: name.to_string(),
                members,
            });
            Resp::json(201, json!({"id": id}))
        }
        _ => Resp::json(404, json!({"error": "no such control route"})),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_or_and_quoted_strings() {
        let c = parse_filter("id eq 'a''b' and operatingSystem eq 'iOS' or id eq 'c'").unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].value, "a'b");
        assert_eq!((c[1].group, c[2].group), (0, 1));
        let hit = |id: &str, os: &str| {
            eval(&c, |c| {
                let v = if c.field == "id" { id } else { os };
                cmp_ok(&c.op, v.cmp(c.value.as_str()))
            })
        };
        assert!(hit("a'b", "iOS"));
        assert!(!hit("a'b", "Android"));
        assert!(hit("c", "Android"));
        let t = parse_filter("activityDateTime ge 2024-01-01T00:00:00Z").unwrap();
        assert_eq!(t[0].value, "2024-01-01T00:00:00Z");
        assert!(parse_filter("startswith(deviceName,'x')").is_err());
        assert!(parse_filter("id eq 'open").is_err());
        assert!(parse_filter("id has 'x'").is_err());
    }

    #[test]
    fn execute_action_bodies_are_type_checked_and_approvals_read_as_graph_beta() {
        assert!(
            check_execute_action_body(&json!({
                "actionName": "wipe", "deviceIds": ["a", "b"],
                "keepEnrollmentData": true, "keepUserData": false,
            }))
            .is_ok()
        );
        let e = check_execute_action_body(&json!({"actionName": "wipe", "macOsUnlockCode": "1"}))
            .unwrap_err();
        assert!(e.contains("'macOsUnlockCode'"), "{e}");
        let e = check_execute_action_body(&json!({"deviceIds": [1]})).unwrap_err();
        assert!(e.contains("deviceIds"), "{e}");
        let e = check_execute_action_body(&json!({"keepUserData": "yes"})).unwrap_err();
        assert!(e.contains("keepUserData"), "{e}");

        let mut g = seed(&Options::default());
        g.approvals.push(Approval {
            code: "c-1".into(),
            action: "wipe".into(),
            device_id: String::new(),
            body: json!({}),
            status: "pending".into(),
            justification: Some("why".into()),
            requestor_app: "app".into(),
            created: 1_700_000_000,
            updated: 1_700_000_000,
        });
        let r = get_approval_request(&g, "http://x", "beta", "c-1");
        assert_eq!(r.status, 200);
        let v = r.body.unwrap();
        assert_eq!(v["status"], "needsApproval");
        assert_eq!(v["requestJustification"], "why");
        assert_eq!(
            v["requiredOperationApprovalPolicyTypes"],
            json!(["deviceWipe"])
        );
        assert!(set_approval(&mut g, "c-1", "expired"));
        let v = get_approval_request(&g, "http://x", "beta", "c-1")
            .body
            .unwrap();
        assert_eq!(v["status"], "expired");
        assert!(
            !set_approval(&mut g, "c-1", "approved"),
            "only a pending one"
        );
        assert_eq!(
            get_approval_request(&g, "http://x", "beta", "nope").status,
            404
        );
    }
}
