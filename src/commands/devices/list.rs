use crate::api::{Device, DeviceQuery};
use crate::app::Factory;
use crate::cli::devices::ListArgs;
use crate::error::Result;

/// Page size when following cursors: large pages keep request overhead low.
const PAGE: u32 = 1000;
const DEFAULT_LIMIT: u32 = 50;

struct Settings {
    query: DeviceQuery,
    /// `None` = everything (`--all`).
    limit: Option<u64>,
    columns: Option<Vec<String>>,
}

impl Settings {
    fn from_args(a: &ListArgs) -> Self {
        Settings {
            query: DeviceQuery {
                group: a.group.clone(),
                platform: a.platform.map(|p| p.as_str().to_string()),
                status: a.status.map(|s| s.as_str().to_string()),
                compliance: a.compliance.map(|c| c.as_str().to_string()),
                search: a.search.clone(),
                filter: a.filter.clone(),
                show_pii: a.show_pii,
                limit: None,
                cursor: None,
            },
            limit: if a.all {
                None
            } else {
                Some(u64::from(a.limit.unwrap_or(DEFAULT_LIMIT)))
            },
            columns: a.columns.clone(),
        }
    }
}

pub fn run(app: &Factory, args: &ListArgs) -> Result<()> {
    let s = Settings::from_args(args);
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
    let mut query = s.query.clone();
    let mut list = out.list::<Device>(columns)?;
    let mut printed: u64 = 0;
    let mut total = None;
    let mut more = false;
    loop {
        let want = s.limit.map(|l| l - printed);
        query.limit = Some(want.map(|w| w.min(u64::from(PAGE)) as u32).unwrap_or(PAGE));
        let page = api.list_devices(&query)?;
        if total.is_none() {
            total = page.total;
        }
        for d in &page.items {
            list.push(d)?;
            printed += 1;
        }
        match page.next_cursor {
            Some(c) if s.limit.is_none_or(|l| printed < l) => query.cursor = Some(c),
            Some(_) => {
                more = true;
                break;
            }
            None => break,
        }
    }
    list.finish()?;
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
