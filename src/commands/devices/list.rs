use crate::api::{Device, DeviceQuery};
use crate::app::Factory;
use crate::error::Result;

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
    let api = app.api(&ctx)?;
    let mut list = out.list::<Device>(columns)?;
    let walked = crate::api::walk_pages(
        s.limit,
        PAGE,
        |n, cursor| {
            let mut q = s.query.clone();
            q.limit = Some(n);
            q.cursor = cursor.map(str::to_string);
            if !q.show_pii {
                return api.list_devices(&q, None);
            }
            crate::guard::pii_read(app, &ctx, api.as_ref(), &s.otp, |e| api.list_devices(&q, e))
        },
        |d| list.push(d),
    )?;
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
