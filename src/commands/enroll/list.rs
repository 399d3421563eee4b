use crate::api::Enrollment;
use crate::app::App;
use crate::cli::enroll::ListArgs;
use crate::error::{Error, Result};

pub fn run(app: &App, args: &ListArgs) -> Result<()> {
    if args.limit == 0 {
        return Err(Error::usage("--limit must be at least 1"));
    }
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    let mut list = out.list::<Enrollment>(out.columns::<Enrollment>(None)?)?;
    let (mut cursor, mut left) = (None::<String>, args.limit);
    loop {
        let page = api.list_enrollments(
            args.status.map(|s| s.as_str()),
            left.min(1000),
            cursor.as_deref(),
        )?;
        for e in &page.items {
            list.push(e)?;
        }
        left = left.saturating_sub(page.items.len() as u32);
        match page.next_cursor {
            Some(c) if left > 0 => cursor = Some(c),
            _ => break,
        }
    }
    if list.finish()? == 0 && !out.is_machine() {
        app.ui.info("no enrollment tokens");
    }
    Ok(())
}
