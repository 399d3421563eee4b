use crate::api::{Device, DeviceQuery, Page, walk_all_pipelined, walk_pages_prefetched};
use crate::app::Factory;
use crate::error::Result;
use serde_json::value::RawValue;

/// Page size when following cursors: large pages keep request overhead low.
const PAGE: u32 = 1000;
pub const DEFAULT_LIMIT: u32 = 50;

/// What `devices list` needs from its flags, parsed (see `cli/`).
pub struct Settings {
    pub query: DeviceQuery,
    /// `None` = everything (`--all`).
    pub limit: Option<u32>,
    pub columns: Option<Vec<String>>,
    /// For the step-up an unmasked read over the server's PII budget needs.
    pub otp: crate::guard::OtpSource,
}

pub fn run(app: &Factory, s: &Settings) -> Result<()> {
    if let Some(f) = &s.query.filter {
        crate::commands::action::check_filter(f)?;
    }
    if s.limit == Some(0) {
        return Err(crate::error::Error::usage("--limit must be at least 1"));
    }
    let ctx = app.ctx()?;
    let out = app.output(Some(&ctx));
    let columns = out.columns::<Device>(s.columns.as_deref())?;
    let mut list = out.list::<Device>(columns)?;
    // Without PII (whose step-up may prompt) the next page is fetched while this one is
    // written, and JSON Lines to a pipe pass the server's bytes through unparsed.
    let rest = if s.query.show_pii {
        None
    } else {
        app.rest_client(&ctx)?
    };
    let walked = if let Some(rest) = &rest
        && s.limit.is_none()
    {
        // A whole listing: each body is read on this side, the next page already asked for.
        let fetch = |n, cursor: Option<&str>| {
            let mut q = s.query.clone();
            q.limit = Some(n);
            q.cursor = cursor.map(str::to_string);
            rest.device_page_unread(&q)
        };
        let decode = |raw: crate::api::rest::Unread| raw.decode::<Page<Box<RawValue>>>();
        if list.passes_json_through() {
            walk_all_pipelined(PAGE, fetch, decode, |d| list.push_json_line(d))?
        } else {
            walk_all_pipelined(PAGE, fetch, decode, |d| push_typed(&mut list, d))?
        }
    } else if let Some(rest) = rest {
        let fetch = |n, cursor: Option<&str>| {
            let mut q = s.query.clone();
            q.limit = Some(n);
            q.cursor = cursor.map(str::to_string);
            rest.device_page::<Box<RawValue>>(&q, None)
        };
        if list.passes_json_through() {
            walk_pages_prefetched(s.limit, PAGE, fetch, |d| list.push_json_line(d))?
        } else {
            walk_pages_prefetched(s.limit, PAGE, fetch, |d| push_typed(&mut list, d))?
        }
    } else {
        walk_sequential(app, &ctx, s, &mut list)?
    };
    list.finish()?;
    let (printed, total, more) = (walked.seen, walked.total, walked.more);
    if printed == 0 {
        if !out.is_machine() {
            app.ui.info("no devices match");
        }
    } else if more {
        let of = total.map(|t| format!(" of {t}")).unwrap_or_default();
        app.ui.hint(&format!(
            "showing {printed}{of} devices; use --all for every one, or --limit N"
        ));
    }
    Ok(())
}

/// A device the server sent, read as the typed model (tables, CSV, JSON, a terminal).
fn push_typed(list: &mut crate::output::ListWriter<Device>, d: &RawValue) -> Result<()> {
    let device: Device = serde_json::from_str(d.get()).map_err(|e| {
        crate::error::Error::failure("the server sent a device mdm cannot read")
            .with_cause(e.to_string())
    })?;
    list.push(&device)
}

/// Page after page on this thread: unmasked reads (the PII guard may ask for a step-up)
/// and injected test APIs.
fn walk_sequential(
    app: &Factory,
    ctx: &crate::app::Ctx,
    s: &Settings,
    list: &mut crate::output::ListWriter<Device>,
) -> Result<crate::api::Walked> {
    let api = app.api(ctx)?;
    crate::api::walk_pages(
        s.limit,
        PAGE,
        |n, cursor| {
            let mut q = s.query.clone();
            q.limit = Some(n);
            q.cursor = cursor.map(str::to_string);
            if !q.show_pii {
                return api.list_devices(&q, None);
            }
            crate::guard::pii_read(app, ctx, api.as_ref(), &s.otp, |e| api.list_devices(&q, e))
        },
        |d| list.push(d),
    )
}
