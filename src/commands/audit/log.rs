use crate::api::{AuditEvent, AuditQuery};
use crate::app::Factory;
use crate::error::{Error, Result};
use std::time::Duration;

/// Which events: `--since/--until` as given (parsed when used), the rest exact matches.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub since: Option<String>,
    pub until: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<String>,
    pub device: Option<String>,
}

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub filter: EventFilter,
    /// The newest N events; `None` (`--all`) for every one.
    pub limit: Option<u32>,
    pub follow: bool,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    if let Some(limit) = args.limit
        && (limit == 0 || limit > 100_000)
    {
        return Err(Error::usage("--limit is from 1 to 100000")
            .with_hint("--all shows every matching event"));
    }
    let f = &args.filter;
    let base = AuditQuery {
        since: super::time_arg(&f.since)?,
        until: super::time_arg(&f.until)?,
        actor: f.actor.clone(),
        action: f.action.clone(),
        outcome: f.outcome.clone(),
        device: f.device.clone(),
        ..AuditQuery::default()
    };
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    crate::audit::verify::fetch_and_pin(api.as_ref(), app.dirs()?, &ctx.name, &ctx.config.server)?;
    let out = app.output(Some(&ctx));
    let cols = out.columns::<AuditEvent>(None)?;
    let mut list = if args.follow {
        out.list_live::<AuditEvent>(cols)?
    } else {
        out.list::<AuditEvent>(cols)?
    };
    let (mut last_id, total) = match args.limit {
        Some(limit) => newest(api.as_ref(), &base, limit, &mut list)?,
        None => (every(api.as_ref(), &base, &mut list)?, None),
    };
    let printed = list.count() as u64;
    if let Some(total) = total.filter(|t| *t > printed) {
        app.ui.hint(&format!(
            "showing {printed} of {total} events (the newest); use --limit N or --all"
        ));
    }
    if !args.follow {
        let n = list.finish()?;
        if n == 0 && !out.is_machine() {
            app.ui.info("no matching events");
        }
        return Ok(());
    }
    if last_id == 0 {
        // Nothing matched: a follow starts from the current end of the log.
        last_id = api.audit_checkpoint()?.tree_size as i64;
    }
    list.flush()?;
    follow(app, api.as_ref(), base, last_id, &mut list)
}

/// The newest `limit` matching events, printed oldest first; pages backwards from the
/// end of the log. Returns the last id printed and how many events matched in all.
fn newest(
    api: &dyn crate::api::Api,
    base: &AuditQuery,
    limit: u32,
    list: &mut crate::output::ListWriter<AuditEvent>,
) -> Result<(i64, Option<u64>)> {
    let mut events: Vec<AuditEvent> = Vec::new();
    let mut total = None;
    while (events.len() as u32) < limit {
        let mut q = base.clone();
        q.newest_first = true;
        q.limit = (limit - events.len() as u32).min(1000);
        q.with_total = total.is_none();
        q.before = events.last().map(|e| e.id);
        let page = api.audit_events(&q)?;
        if total.is_none() {
            total = page.total;
        }
        let full = page.items.len() == q.limit as usize;
        events.extend(page.items);
        if !full {
            break;
        }
    }
    let last_id = events.first().map_or(0, |e| e.id);
    for e in events.iter().rev() {
        list.push(e)?;
    }
    Ok((last_id, total))
}

/// Every matching event, oldest first, streamed page by page. Returns the last id.
fn every(
    api: &dyn crate::api::Api,
    base: &AuditQuery,
    list: &mut crate::output::ListWriter<AuditEvent>,
) -> Result<i64> {
    let mut last_id = 0;
    loop {
        let mut q = base.clone();
        q.after = last_id;
        q.limit = 1000;
        let page = api.audit_events(&q)?;
        for e in &page.items {
            list.push(e)?;
            last_id = e.id;
        }
        if page.next_cursor.is_none() || page.items.is_empty() {
            return Ok(last_id);
        }
    }
}

/// Long-polls for events after `last_id` until Ctrl-C. After a dropped connection it
/// resumes from the last event printed: no gap, no duplicate.
fn follow(
    app: &Factory,
    api: &dyn crate::api::Api,
    base: AuditQuery,
    mut last_id: i64,
    list: &mut crate::output::ListWriter<AuditEvent>,
) -> Result<()> {
    // Ctrl-C ends the follow; everything printed so far is already flushed.
    let _ = ctrlc::set_handler(|| std::process::exit(130));
    let mut backoff = Duration::from_millis(500);
    loop {
        let mut q = base.clone();
        q.after = last_id;
        q.limit = 500;
        q.wait = 20;
        match api.audit_events(&q) {
            Ok(page) => {
                backoff = Duration::from_millis(500);
                for e in &page.items {
                    list.push(e)?;
                    last_id = e.id;
                }
                list.flush()?;
            }
            Err(e) if e.kind == crate::error::ExitKind::Failure => {
                app.ui.warn(&format!(
                    "{}; retrying in {} s",
                    e.message,
                    backoff.as_secs().max(1)
                ));
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(Duration::from_secs(30));
            }
            Err(e) => return Err(e),
        }
    }
}
