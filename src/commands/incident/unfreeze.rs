use crate::api::FreezeRequest;
use crate::app::Factory;
use crate::cli::incident::UnfreezeArgs;
use crate::error::Result;
use crate::guard::{self, OtpSource};
use crate::outcome::{Outcome, attempt};
use mdm_model::escape::terminal;

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &UnfreezeArgs) -> Result<Outcome> {
    attempt(args.gate.dry_run, || {
        apply(app, args).map(|()| Outcome::changed())
    })
}

fn apply(app: &Factory, args: &UnfreezeArgs) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let g = &args.gate;
    let out = app.output(Some(&ctx));
    let current = api.freeze_state()?;
    if !current.frozen {
        app.ui.info(&format!(
            "changes on {} are not frozen; nothing to do",
            ctx.name
        ));
        if out.is_machine() {
            out.value(&crate::api::FreezeResult {
                requires: None,
                freeze: current,
                changed: false,
                dry_run: g.dry_run,
            })?;
        }
        return Ok(());
    }
    let req = FreezeRequest {
        frozen: false,
        message: None,
        reason: g.reason.clone(),
        ticket: g.ticket.clone(),
        dry_run: g.dry_run,
    };
    let since = format!(
        "frozen since {} by {}",
        terminal(current.since.as_deref().unwrap_or("?")),
        terminal(current.by.as_deref().unwrap_or("?"))
    );
    if g.dry_run {
        let r = api.set_freeze(&req)?;
        app.ui.success(&format!(
            "Dry run: would lift the change freeze on {} ({since}); nothing was changed",
            ctx.name
        ));
        if out.is_machine() {
            out.value(&r)?;
        }
        return Ok(());
    }
    guard::confirm_phrase(
        app,
        &format!("This lifts the change freeze ({since})."),
        &format!("unfreeze {}", ctx.name),
        args.confirm.as_deref(),
    )?;
    let r = guard::with_step_up(
        app,
        &ctx,
        api.as_ref(),
        &OtpSource::new(g.otp.clone()),
        "lifting the change freeze",
        |api| api.set_freeze(&req),
    )?;
    app.ui.success(&format!(
        "Lifted the change freeze on {} ({since})",
        ctx.name
    ));
    if out.is_machine() {
        out.value(&r)?;
    }
    Ok(())
}
