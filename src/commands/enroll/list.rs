use crate::api::Enrollment;
use crate::app::Factory;
use crate::error::{Error, Result};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub status: Option<crate::api::EnrollmentStatus>,
    pub limit: u32,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    if args.limit == 0 {
        return Err(Error::usage("--limit must be at least 1"));
    }
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    let mut list = out.list::<Enrollment>(out.columns::<Enrollment>(None)?)?;
    crate::api::for_each_page(
        Some(args.limit),
        1000,
        |n, cursor| api.list_enrollments(args.status, n, cursor),
        |e| list.push(e),
    )?;
    if list.finish()? == 0 && !out.is_machine() {
        app.ui.info("no enrollment tokens");
    }
    Ok(())
}
