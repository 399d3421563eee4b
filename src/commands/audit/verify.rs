use crate::app::Factory;
use crate::error::Result;

pub fn run(app: &Factory) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let started = std::time::Instant::now();
    let report =
        crate::audit::verify::verify(api.as_ref(), app.dirs()?, &ctx.name, &ctx.config.server)?;
    app.ui.success(&format!(
        "The audit log verifies: {} events chained to head {}…, {} signed checkpoint(s) and {} pinned checkpoint(s) agree (key {}…) in {:.1} s",
        report.events,
        crate::output::short_hash(&report.head_hash),
        report.checkpoints_checked,
        report.pins_checked,
        crate::output::short_hash(&report.public_key),
        started.elapsed().as_secs_f64()
    ));
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&report)?;
    }
    Ok(())
}
