use crate::app::Factory;
use crate::error::{Error, ExitKind, Result};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub file: std::path::PathBuf,
    pub prune: bool,
    pub exit_code: bool,
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let loaded = super::load(app, &args.file)?;
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let current = super::current(api.as_ref())?;
    let desired: Vec<_> = loaded.into_iter().map(|l| l.policy).collect();
    let plan = mdm_model::policy::classify::plan(&super::versions(&current), &desired, args.prune);
    if plan.is_empty() {
        if app.output(Some(&ctx)).is_machine() {
            super::print_plan(app, &ctx, &plan)?;
        }
        app.ui.success("No changes: the server matches the files");
        return Ok(());
    }
    super::print_plan(app, &ctx, &plan)?;
    if args.exit_code {
        return Err(Error::new(ExitKind::ChangesFound, "changes found"));
    }
    Ok(())
}
