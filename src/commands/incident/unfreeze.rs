use crate::api::FreezeRequest;
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::guard::{self, Gate};
use crate::outcome::{Change, Outcome};
use mdm_model::escape::terminal;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    /// The gate: --reason, --ticket, --otp (and --confirm)
    pub answers: crate::guard::Answers,
    pub dry_run: bool,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(args.dry_run, || apply(app, args).map(Outcome::Changed))
}

fn apply(app: &Factory, args: &Settings) -> Result<Change> {
    let mut request_id = None;
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let g = &args.answers;
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
                dry_run: args.dry_run,
            })?;
        }
        return Ok(Change::default());
    }
    let req = FreezeRequest {
        frozen: false,
        message: None,
        reason: g.reason.clone(),
        ticket: g.ticket.clone(),
        dry_run: args.dry_run,
    };
    let since = format!(
        "frozen since {} by {}",
        terminal(current.since.as_deref().unwrap_or("?")),
        terminal(current.by.as_deref().unwrap_or("?"))
    );
    // The dry run says what the server requires; nothing changes before the gate passes.
    let plan = api
        .set_freeze(
            &FreezeRequest {
                dry_run: true,
                ..req.clone()
            },
            None,
        )?
        .value;
    if args.dry_run {
        app.ui.success(&format!(
            "Dry run: would lift the change freeze on {} ({since}); nothing was changed",
            ctx.name
        ));
        if out.is_machine() {
            out.value(&plan)?;
        }
        return Ok(Change::default());
    }
    let gate = Gate::planned(
        plan.requires.clone(),
        "the freeze dry run",
        "lifting the change freeze",
    )?
    .lead(format!("This lifts the change freeze ({since})."));
    let r = guard::send(
        app,
        &ctx,
        api.as_ref(),
        &gate,
        &args.answers,
        &guard::no_notice,
        |elev| api.set_freeze(&req, elev),
    )?
    .noting(&mut request_id);
    if r.freeze.frozen {
        // The server holds the request until a second admin lifts the freeze too.
        if out.is_machine() {
            out.value(&r)?;
        }
        return Err(crate::error::Error::new(
            crate::error::ExitKind::Pending,
            format!(
                "lifting the change freeze on {} needs a second admin; the freeze stays on",
                ctx.name
            ),
        )
        .with_hint("another admin runs `mdm incident unfreeze` within the approval window (or a break-glass session lifts it)"));
    }
    app.ui.success(&format!(
        "Lifted the change freeze on {} ({since})",
        ctx.name
    ));
    if out.is_machine() {
        out.value(&r)?;
    }
    Ok(Change::default().request(request_id))
}
