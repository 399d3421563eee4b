use crate::api::Action;
use crate::app::App;
use crate::cli::actions::ListArgs;
use crate::error::{Error, Result};

pub fn run(app: &App, args: &ListArgs) -> Result<()> {
    if args.limit == 0 {
        return Err(Error::usage("--limit must be at least 1"));
    }
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    let mut list = out.list::<Action>(out.columns::<Action>(None)?)?;
    let mut cursor: Option<String> = None;
    let mut left = args.limit;
    loop {
        let page = api.list_actions(
            args.status.map(|s| s.as_str()),
            left.min(500),
            cursor.as_deref(),
        )?;
        for a in &page.items {
            list.push(a)?;
        }
        left = left.saturating_sub(page.items.len() as u32);
        match page.next_cursor {
            Some(c) if left > 0 => cursor = Some(c),
            _ => break,
        }
    }
    if list.finish()? == 0 && !out.is_machine() {
        app.ui.info("no actions");
    }
    Ok(())
}
