//! Appending to the server's hash-chained audit log. Always called inside the write
//! transaction of the change it records: no change without its event.

use crate::sql::{Connection, OptionalExtension, params};
use mdm_model::audit as audit_chain;
use mdm_model::types::{AuditEvent, AuditTarget};

#[derive(Debug, Clone, Default)]
pub struct NewEvent {
    pub actor: String,
    pub role: String,
    pub elevation_id: Option<String>,
    pub source_ip: String,
    pub user_agent: String,
    pub request_id: String,
    pub action: String,
    pub target: AuditTarget,
    pub reason: Option<String>,
    pub ticket: Option<String>,
    pub outcome: String,
    pub breakglass: bool,
    pub details: serde_json::Value,
}

impl NewEvent {
    /// An event filled with who/where from the request.
    pub fn from_req(ctx: &super::http::ReqCtx, action: &str, outcome: &str) -> Self {
        NewEvent {
            actor: ctx.actor(),
            role: ctx.role(),
            elevation_id: ctx.elevation_id(),
            source_ip: ctx.source_ip.clone(),
            user_agent: ctx.user_agent.clone(),
            request_id: ctx.request_id.clone(),
            action: action.to_string(),
            outcome: outcome.to_string(),
            breakglass: ctx.breakglass(),
            details: serde_json::Value::Null,
            ..NewEvent::default()
        }
    }

    pub fn target(mut self, kind: &str, ids: Vec<String>) -> Self {
        self.target = AuditTarget {
            kind: Some(kind.to_string()),
            count: ids.len() as u64,
            ids,
            digest: None,
        };
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// Appends one event and returns it with its id and hash.
pub fn append(conn: &Connection, ev: NewEvent) -> crate::sql::Result<AuditEvent> {
    Appender::new(conn)?.append(conn, ev)
}

/// Appends many events in one transaction, reading the chain head once.
pub struct Appender {
    next_id: i64,
    prev_hash: String,
}

impl Appender {
    pub fn new(conn: &Connection) -> crate::sql::Result<Self> {
        let last: Option<(i64, String)> = conn
            .query_row(
                "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match last {
            Some((id, h)) => Appender {
                next_id: id + 1,
                prev_hash: h,
            },
            None => Appender {
                next_id: 1,
                prev_hash: audit_chain::GENESIS.to_string(),
            },
        })
    }

    pub fn append(&mut self, conn: &Connection, ev: NewEvent) -> crate::sql::Result<AuditEvent> {
        let (event, ts, body) = self.seal(ev);
        conn.prepare_cached(
            "INSERT INTO audit_events(id, ts, actor, action, outcome, body, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            event.id,
            ts,
            event.actor,
            event.action,
            event.outcome,
            body,
            event.hash
        ])?;
        if event.target.kind.as_deref() == Some("device") {
            let mut stmt = conn.prepare_cached(
                "INSERT INTO audit_devices(device_id, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            )?;
            for dev in &event.target.ids {
                stmt.execute(params![dev, event.id])?;
            }
        }
        Ok(event)
    }

    /// Appends many events, `EVENTS_PER_STATEMENT` rows per statement: the same chain
    /// as `append` one by one, in a few round trips instead of two per event (a
    /// fan-out's device outcomes, while the write lock is held).
    pub fn append_all(
        &mut self,
        conn: &Connection,
        events: Vec<NewEvent>,
    ) -> crate::sql::Result<()> {
        let sealed: Vec<(AuditEvent, i64, String)> =
            events.into_iter().map(|ev| self.seal(ev)).collect();
        for chunk in sealed.chunks(EVENTS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO audit_events(id, ts, actor, action, outcome, body, hash) {}",
                crate::sql::value_rows(chunk.len(), 7)
            );
            let mut args: Vec<&dyn crate::sql::ToSql> = Vec::with_capacity(7 * chunk.len());
            for (e, ts, body) in chunk {
                args.extend([
                    &e.id as &dyn crate::sql::ToSql,
                    ts,
                    &e.actor,
                    &e.action,
                    &e.outcome,
                    body,
                    &e.hash,
                ]);
            }
            statement(conn, &sql, chunk.len() == EVENTS_PER_STATEMENT)?.execute(args.as_slice())?;
            let devices: Vec<(&String, &i64)> = chunk
                .iter()
                .filter(|(e, _, _)| e.target.kind.as_deref() == Some("device"))
                .flat_map(|(e, _, _)| e.target.ids.iter().map(move |d| (d, &e.id)))
                .collect();
            for part in devices.chunks(EVENTS_PER_STATEMENT) {
                let sql = format!(
                    "INSERT INTO audit_devices(device_id, event_id) {} ON CONFLICT DO NOTHING",
                    crate::sql::value_rows(part.len(), 2)
                );
                let args: Vec<&dyn crate::sql::ToSql> = part
                    .iter()
                    .flat_map(|(d, id)| [*d as &dyn crate::sql::ToSql, *id])
                    .collect();
                statement(conn, &sql, part.len() == EVENTS_PER_STATEMENT)?
                    .execute(args.as_slice())?;
            }
        }
        Ok(())
    }

    /// The next event of the chain: its id, time, previous hash and hash; with its
    /// unix time and canonical body as stored.
    fn seal(&mut self, ev: NewEvent) -> (AuditEvent, i64, String) {
        let now = time::OffsetDateTime::now_utc() + time::Duration::seconds(crate::clock::offset());
        let mut event = AuditEvent {
            id: self.next_id,
            time: mdm_model::time::rfc3339(now),
            actor: ev.actor,
            role: ev.role,
            elevation_id: ev.elevation_id,
            source_ip: ev.source_ip,
            user_agent: ev.user_agent,
            request_id: ev.request_id,
            action: ev.action,
            target: ev.target,
            reason: ev.reason,
            ticket: ev.ticket,
            outcome: ev.outcome,
            breakglass: ev.breakglass,
            details: ev.details,
            prev_hash: self.prev_hash.clone(),
            hash: String::new(),
        };
        let body = audit_chain::canonical_bytes(&event);
        event.hash = audit_chain::hash_bytes(&body);
        self.next_id += 1;
        self.prev_hash = event.hash.clone();
        let body = String::from_utf8(body).expect("canonical JSON is UTF-8");
        (event, now.unix_timestamp(), body)
    }
}

/// Rows per statement of `Appender::append_all`.
const EVENTS_PER_STATEMENT: usize = 100;

/// A full chunk's statement is the same text every time, so it is cached; a last,
/// shorter one is prepared once.
fn statement<'c>(
    conn: &'c Connection,
    sql: &str,
    full: bool,
) -> crate::sql::Result<crate::sql::Statement<'c>> {
    if full {
        conn.prepare_cached(sql)
    } else {
        conn.prepare(sql)
    }
}
