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
    pub limit: u32,
    pub follow: bool,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    if args.limit == 0 || args.limit > 100_000 {
        return Err(Error::usage("--limit is from 1 to 100000"));
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
    let mut list = out.list::<AuditEvent>(out.columns::<AuditEvent>(None)?)?;
    // The first screen: the events after --since, or else the latest ones.
    let mut last_id = 0i64;
    let mut left = args.limit;
    if f.since.is_none() {
        let mut q = base.clone();
        q.limit = args.limit.min(1000);
        q.newest_first = true;
        let mut page = api.audit_events(&q)?.items;
        page.reverse();
        for e in &page {
            list.push(e)?;
            last_id = last_id.max(e.id);
        }
        if page.is_empty() && !args.follow {
            last_id = 0;
        }
        left = 0;
        if last_id == 0 {
            // Nothing matched: a follow starts from the current end of the log.
            last_id = api.audit_checkpoint()?.tree_size as i64;
        }
    }
    while left > 0 {
        let mut q = base.clone();
        q.after = last_id;
        q.limit = left.min(1000);
        let page = api.audit_events(&q)?;
        for e in &page.items {
            list.push(e)?;
            last_id = e.id;
        }
        left = left.saturating_sub(page.items.len() as u32);
        if page.next_cursor.is_none() {
            break;
        }
    }
    if !args.follow {
        let n = list.finish()?;
        if n == 0 && !out.is_machine() {
            app.ui.info("no matching events");
        }
        return Ok(());
    }
    list.flush()?;
    follow(app, api.as_ref(), base, last_id, &mut list)
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
