use crate::app::Factory;
use crate::error::Result;

pub fn run(app: &Factory) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let sessions = api.breakglass_list()?;
    let out = app.output(Some(&ctx));
    let active = sessions.iter().filter(|s| s.active).count();
    let mut list = out.list(out.columns::<crate::api::BreakglassSession>(None)?)?;
    for s in &sessions {
        list.push(s)?;
    }
    list.finish()?;
    if !out.is_machine() {
        if active == 0 {
            app.ui.info("no break-glass session is active");
        } else {
            app.ui
                .warn(&format!("{active} break-glass session(s) active"));
        }
    }
    Ok(())
}
