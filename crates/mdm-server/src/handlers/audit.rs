//! The audit log over HTTP: query and long-poll events, stream the raw chain for export
//! and verification, and the signed checkpoints.

use super::Params;
use crate::AppState;
use crate::audit::{self, NewEvent};
use crate::http::{ApiError, ApiResult, JsonBody, OptionalJsonBody, ReqCtx};
use crate::sql::{Connection, ToSql};
use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mdm_model::audit::Checkpoint;
use mdm_model::types::{AuditEvent, Page};
use std::io::Write as _;
use std::time::{Duration, Instant};

/// Parses a stored event: its canonical body plus the stored hash.
pub fn event_from(body: &str, hash: String) -> ApiResult<AuditEvent> {
    let mut v: serde_json::Value =
        serde_json::from_str(body).map_err(|_| ApiError::internal("unreadable audit event"))?;
    v["hash"] = serde_json::Value::String(hash);
    serde_json::from_value(v).map_err(|_| ApiError::internal("unreadable audit event"))
}

struct Query {
    after: i64,
    /// Only events with a smaller id (paging a newest-first view backwards).
    before: Option<i64>,
    since: Option<i64>,
    until: Option<i64>,
    actor: Option<String>,
    action: Option<String>,
    outcome: Option<String>,
    device: Option<String>,
    limit: u32,
    /// Newest first (the latest `limit` events).
    desc: bool,
    /// Also count every match (`total=true`), for "showing 100 of 194".
    total: bool,
}

fn parse_time(p: &Params, key: &str) -> ApiResult<Option<i64>> {
    p.get(key)
        .map(|v| {
            mdm_model::time::parse_rfc3339(v)
                .map(|t| t.unix_timestamp())
                .ok_or_else(|| {
                    ApiError::bad_request(format!("{key} must be an RFC 3339 time, not {v:?}"))
                })
        })
        .transpose()
}

/// The WHERE clause and its arguments for a query's filters (shared by the page and
/// its count, so the two cannot disagree).
fn filters(q: &Query) -> (String, Vec<Box<dyn ToSql>>) {
    let mut conds = vec!["e.id > ?".to_string()];
    let mut args: Vec<Box<dyn ToSql>> = vec![Box::new(q.after)];
    if let Some(b) = q.before {
        conds.push("e.id < ?".into());
        args.push(Box::new(b));
    }
    if let Some(s) = q.since {
        conds.push("e.ts >= ?".into());
        args.push(Box::new(s));
    }
    if let Some(u) = q.until {
        conds.push("e.ts <= ?".into());
        args.push(Box::new(u));
    }
    if let Some(a) = &q.actor {
        conds.push("e.actor = ?".into());
        args.push(Box::new(a.clone()));
    }
    if let Some(a) = &q.action {
        match a.strip_suffix('*') {
            Some(prefix) => {
                conds.push("substr(e.action, 1, ?) = ?".into());
                args.push(Box::new(prefix.chars().count() as i64));
                args.push(Box::new(prefix.to_string()));
            }
            None => {
                conds.push("e.action = ?".into());
                args.push(Box::new(a.clone()));
            }
        }
    }
    if let Some(o) = &q.outcome {
        conds.push("e.outcome = ?".into());
        args.push(Box::new(o.clone()));
    }
    if let Some(d) = &q.device {
        conds.push("e.id IN (SELECT event_id FROM audit_devices WHERE device_id = ?)".into());
        args.push(Box::new(d.clone()));
    }
    (conds.join(" AND "), args)
}

/// How many events match the filters, whatever the limit.
fn count(c: &Connection, q: &Query) -> ApiResult<u64> {
    let (cond, args) = filters(q);
    let refs: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
    let sql = format!("SELECT COUNT(*) FROM audit_events e WHERE {cond}");
    let n: i64 = c
        .prepare_cached(&sql)?
        .query_row(refs.as_slice(), |r| r.get(0))?;
    Ok(n as u64)
}

fn select(c: &Connection, q: &Query) -> ApiResult<Vec<AuditEvent>> {
    let (cond, mut args) = filters(q);
    let sql = format!(
        "SELECT e.body, e.hash FROM audit_events e WHERE {cond} ORDER BY e.id {} LIMIT ?",
        if q.desc { "DESC" } else { "ASC" }
    );
    args.push(Box::new(i64::from(q.limit)));
    let refs: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
    let mut stmt = c.prepare_cached(&sql)?;
    let rows = stmt.query_map(refs.as_slice(), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (body, hash) = row?;
        out.push(event_from(&body, hash)?);
    }
    Ok(out)
}

/// Events in id order after `after`, filtered; with `wait`, waits up to that many
/// seconds for new ones when there are none (long polling for `--follow`).
pub async fn events(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Page<AuditEvent>>> {
    let p = Params::from_query(q.as_deref())?;
    p.only(&[
        "after", "cursor", "since", "until", "actor", "action", "outcome", "device", "limit",
        "wait", "order", "total", "before",
    ])?;
    let after = match (p.get("after"), p.get("cursor")) {
        (Some(a), _) => a
            .parse::<i64>()
            .map_err(|_| ApiError::bad_request("after must be an event id"))?,
        (None, Some(c)) => super::decode_cursor(c)?,
        (None, None) => 0,
    };
    let wait = match p.get("wait") {
        None => 0,
        Some(w) => w
            .parse::<u64>()
            .ok()
            .filter(|w| *w <= 60)
            .ok_or_else(|| ApiError::bad_request("wait is 0 to 60 seconds"))?,
    };
    let before = p
        .get("before")
        .map(|b| {
            b.parse::<i64>()
                .ok()
                .filter(|b| *b >= 1)
                .ok_or_else(|| ApiError::bad_request("before must be an event id (1 or more)"))
        })
        .transpose()?;
    let query = Query {
        after,
        before,
        since: parse_time(&p, "since")?,
        until: parse_time(&p, "until")?,
        actor: p.get("actor").map(str::to_string),
        action: p.get("action").map(str::to_string),
        outcome: p.get("outcome").map(str::to_string),
        device: p.get("device").map(str::to_string),
        limit: p.limit(100, 1000)?,
        desc: p.one_of("order", &["asc", "desc"])?.as_deref() == Some("desc"),
        total: p.one_of("total", &["true", "false"])?.as_deref() == Some("true"),
    };
    if query.total && wait > 0 {
        return Err(ApiError::bad_request(
            "total is for a page, not a long poll (wait)",
        ));
    }
    let query = std::sync::Arc::new(query);
    let deadline = Instant::now() + Duration::from_secs(wait);
    loop {
        let q = query.clone();
        let (items, total) = st
            .run(move |s| {
                s.db.read(|c| {
                    let items = select(c, &q)?;
                    let total = if q.total { Some(count(c, &q)?) } else { None };
                    Ok((items, total))
                })
            })
            .await?;
        if !items.is_empty() || Instant::now() >= deadline {
            // Cursors page forwards only; a newest-first page is a one-off view.
            let next_cursor = (!query.desc && items.len() == query.limit as usize)
                .then(|| items.last().map(|e| super::encode_cursor(e.id)))
                .flatten();
            return Ok(Json(Page {
                items,
                next_cursor,
                total,
            }));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The raw chain as NDJSON: each line is exactly the canonical bytes an event's hash was
/// computed over, so a verifier hashes lines as they arrive. Streamed in constant memory.
/// Every request is itself an audit event (`audit.export`).
pub async fn chain(
    State(st): State<AppState>,
    ctx: ReqCtx,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let p = Params::from_query(q.as_deref())?;
    p.only(&["after", "until_id", "purpose"])?;
    let num = |k: &str| -> ApiResult<Option<i64>> {
        p.get(k)
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| ApiError::bad_request(format!("{k} must be an event id")))
            })
            .transpose()
    };
    let after = num("after")?.unwrap_or(0).max(0);
    let until = num("until_id")?.unwrap_or(i64::MAX);
    let purpose = p
        .one_of("purpose", &["export", "verify", "forward"])?
        .unwrap_or_else(|| "export".into());
    let ev = NewEvent::from_req(&ctx, "audit.export", "success")
        .details(serde_json::json!({ "after": after, "until_id": (until != i64::MAX).then_some(until), "purpose": purpose }));
    st.run(move |s| Ok(s.db.write(|tx| audit::append(tx, ev))?))
        .await?;
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let state = st.clone();
    tokio::task::spawn_blocking(move || {
        let _ = state.db.read(|c| -> crate::sql::Result<()> {
            let mut stmt = c.prepare(
                "SELECT id, body FROM audit_events WHERE id > ?1 AND id <= ?2 ORDER BY id",
            )?;
            let mut rows = stmt.query([after, until])?;
            let mut buf = Vec::with_capacity(256 * 1024);
            while let Some(r) = rows.next()? {
                // Borrowed from SQLite's row: no allocation per event.
                buf.extend_from_slice(r.get_ref(1)?.as_bytes()?);
                buf.push(b'\n');
                if buf.len() >= 192 * 1024 {
                    if tx
                        .blocking_send(Ok(Bytes::from(std::mem::take(&mut buf))))
                        .is_err()
                    {
                        return Ok(()); // the client went away
                    }
                    buf.reserve(256 * 1024);
                }
            }
            if !buf.is_empty() {
                let _ = tx.blocking_send(Ok(Bytes::from(buf)));
            }
            Ok(())
        });
    });
    let stream = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response())
}

/// What the server's index says about each event, as NDJSON: one line per event with
/// `after < id <= until_id`, `{"id","ts","actor","action","outcome","devices"}` — the
/// columns `GET /v1/audit/events` filters on (`ts` in Unix seconds) and the device links
/// `?device=` follows, sorted. It is not evidence: `mdm audit verify` reads it next to
/// the chain and recomputes every field from the hashed body, so an index rewritten to
/// hide an event from filtered queries is named, not trusted. Streamed in constant
/// memory (a merge of the events and the device links, both in event order).
pub async fn index(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult<Response> {
    let p = Params::from_query(q.as_deref())?;
    p.only(&["after", "until_id"])?;
    let num = |k: &str| -> ApiResult<Option<i64>> {
        p.get(k)
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| ApiError::bad_request(format!("{k} must be an event id")))
            })
            .transpose()
    };
    let after = num("after")?.unwrap_or(0).max(0);
    let until = num("until_id")?.unwrap_or(i64::MAX);
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let state = st.clone();
    tokio::task::spawn_blocking(move || {
        let _ = state.db.read(|c| -> crate::sql::Result<()> {
            let mut ev = c.prepare(
                "SELECT id, ts, actor, action, outcome FROM audit_events
                 WHERE id > ?1 AND id <= ?2 ORDER BY id",
            )?;
            let mut links = c.prepare(SQL_INDEX_LINKS)?;
            let mut rows = ev.query([after, until])?;
            let mut link_rows = links.query([after, until])?;
            // The next device link not yet written: its event id, and its device id in
            // one reused buffer (no allocation per link).
            let mut dev = String::new();
            let mut pending = next_link(&mut link_rows, &mut dev)?;
            let mut buf = Vec::with_capacity(256 * 1024);
            // Written field by field in the order `serde_json` gives a map (sorted keys):
            // the shape `mdm audit verify` rebuilds from the hashed body and compares.
            let text = |buf: &mut Vec<u8>, s: &str| {
                serde_json::to_writer(&mut *buf, s).expect("strings serialize")
            };
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                buf.extend_from_slice(b"{\"action\":");
                text(&mut buf, r.get_ref(3)?.as_str()?);
                buf.extend_from_slice(b",\"actor\":");
                text(&mut buf, r.get_ref(2)?.as_str()?);
                buf.extend_from_slice(b",\"devices\":[");
                let mut first = true;
                while let Some(eid) = pending {
                    if eid > id {
                        break;
                    }
                    if eid == id {
                        if !std::mem::take(&mut first) {
                            buf.push(b',');
                        }
                        text(&mut buf, &dev);
                    }
                    pending = next_link(&mut link_rows, &mut dev)?;
                }
                write!(buf, "],\"id\":{id},\"outcome\":").expect("writes to memory");
                text(&mut buf, r.get_ref(4)?.as_str()?);
                write!(buf, ",\"ts\":{}}}", r.get::<_, i64>(1)?).expect("writes to memory");
                buf.push(b'\n');
                if buf.len() >= 192 * 1024 {
                    if tx
                        .blocking_send(Ok(Bytes::from(std::mem::take(&mut buf))))
                        .is_err()
                    {
                        return Ok(());
                    }
                    buf.reserve(256 * 1024);
                }
            }
            if !buf.is_empty() {
                let _ = tx.blocking_send(Ok(Bytes::from(buf)));
            }
            Ok(())
        });
    });
    let stream = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response())
}

/// The device links of the index stream, in event order, from their event-keyed index
/// (no sort of every link first).
const SQL_INDEX_LINKS: &str = "SELECT event_id, device_id FROM audit_devices
     INDEXED BY audit_devices_event
     WHERE event_id > ?1 AND event_id <= ?2 ORDER BY event_id, device_id";

/// The next row of the device links: its event id (`None` at the end), its device id
/// into `dev`.
fn next_link(rows: &mut crate::sql::Rows<'_>, dev: &mut String) -> crate::sql::Result<Option<i64>> {
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    dev.clear();
    dev.push_str(r.get_ref(1)?.as_str()?);
    Ok(Some(r.get(0)?))
}

/// A signed checkpoint of the chain as it is now, answered on a reader (`audit log`
/// asks for one with every read; a read never waits for the writer). The server stores
/// one per new head on its own schedule (`checkpoint::store_new_head`).
pub async fn checkpoint(State(st): State<AppState>) -> ApiResult<Json<Checkpoint>> {
    let cp = st
        .run(|s| {
            let id = s.instance_id.clone();
            if let Some(cp) =
                s.db.read(|c| crate::checkpoint::current_on_reader(c, &id))?
            {
                return Ok(cp);
            }
            // No key yet (a new database): made, and the checkpoint kept, on the writer.
            Ok(s.db.write(|tx| crate::checkpoint::current(tx, &id))?)
        })
        .await?;
    Ok(Json(cp))
}

pub async fn checkpoints(State(st): State<AppState>) -> ApiResult<Json<Page<Checkpoint>>> {
    let items = st.run(|s| Ok(s.db.read(crate::checkpoint::all)?)).await?;
    Ok(Json(Page {
        total: Some(items.len() as u64),
        items,
        next_cursor: None,
    }))
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportNotice {
    /// `forward` (a continuous feed) or `export`.
    pub kind: String,
    #[serde(default)]
    pub destination: Option<String>,
    #[serde(default)]
    pub from_id: Option<i64>,
}

/// Records that someone starts feeding the log elsewhere (a SIEM forwarder).
pub async fn export_notice(
    State(st): State<AppState>,
    ctx: ReqCtx,
    JsonBody(n): JsonBody<ExportNotice>,
) -> ApiResult<StatusCode> {
    if !matches!(n.kind.as_str(), "forward" | "export") {
        return Err(ApiError::bad_request("kind is forward or export"));
    }
    let ev = NewEvent::from_req(&ctx, &format!("audit.{}", n.kind), "success")
        .details(serde_json::json!({ "destination": n.destination, "from_id": n.from_id }));
    st.run(move |s| Ok(s.db.write(|tx| audit::append(tx, ev))?))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `mdm auth login` reports itself, so logins show in the audit log.
/// The body is ignored, but one that is sent must still be a JSON object.
pub async fn login(
    State(st): State<AppState>,
    ctx: ReqCtx,
    _body: OptionalJsonBody<serde_json::Map<String, serde_json::Value>>,
) -> ApiResult<StatusCode> {
    let who = ctx.who()?.clone();
    let ev = NewEvent::from_req(&ctx, "auth.login", "success")
        .target("user", vec![who.user.clone()])
        .details(serde_json::json!({ "token_id": who.token_id }));
    st.run(move |s| Ok(s.db.write(|tx| audit::append(tx, ev))?))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    /// The index stream reads the device links in order from their index: no scan of
    /// every link, no sort of them (at a million events that sort was most of the
    /// stream's time).
    #[test]
    fn the_index_stream_reads_links_in_order_without_a_sort() {
        let db = crate::db::TempDb::new("audit-plan");
        let plan = db
            .read(|c| {
                let mut stmt =
                    c.prepare(&format!("EXPLAIN QUERY PLAN {}", super::SQL_INDEX_LINKS))?;
                let rows: Vec<String> = stmt
                    .query_map([0, 10], |r| r.get::<_, String>(3))?
                    .collect::<crate::sql::Result<_>>()?;
                Ok::<_, crate::sql::Error>(rows.join("; "))
            })
            .unwrap();
        assert!(plan.contains("audit_devices_event"), "{plan}");
        assert!(
            !plan.contains("TEMP B-TREE") && !plan.contains("SCAN"),
            "{plan}"
        );
    }
}
