use crate::api::FreezeRequest;
use crate::app::Factory;
use crate::cli::incident::FreezeArgs;
use crate::error::Result;
use crate::guard::{self, OtpSource};
use crate::outcome::{Outcome, attempt};
use mdm_model::escape::terminal;

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &FreezeArgs) -> Result<Outcome> {
    attempt(args.gate.dry_run, || {
        apply(app, args).map(|()| Outcome::changed())
    })
}

fn apply(app: &Factory, args: &FreezeArgs) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let g = &args.gate;
    let req = FreezeRequest {
        frozen: true,
        message: args.message.clone(),
        reason: g.reason.clone(),
        ticket: g.ticket.clone(),
        dry_run: g.dry_run,
    };
    let r = if g.dry_run {
        api.set_freeze(&req)?
    } else {
        guard::with_step_up(
            app,
            &ctx,
            api.as_ref(),
            &OtpSource::new(g.otp.clone()),
            "freezing changes",
            |api| api.set_freeze(&req),
        )?
    };
    let msg = r
        .freeze
        .message
        .as_deref()
        .map(|m| format!(" (message: {})", terminal(m)))
        .unwrap_or_default();
    match (g.dry_run, r.changed) {
        (true, true) => app.ui.success(&format!(
            "Dry run: would freeze changes on {}{msg}; nothing was changed",
            ctx.name
        )),
        (true, false) => app.ui.info(&format!(
            "changes on {} are already frozen like that; nothing would change",
            ctx.name
        )),
        (false, true) => app.ui.success(&format!(
            "Froze changes on {}: pushes, catalog additions, policy changes, enrollments, wipes and retires are refused for everyone but break-glass{msg}",
            ctx.name
        )),
        (false, false) => app.ui.info(&format!(
            "changes on {} were already frozen like that; nothing changed",
            ctx.name
        )),
    }
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&r)?;
    }
    Ok(())
}
