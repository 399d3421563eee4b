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
    pub message: Option<String>,
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
    let req = FreezeRequest {
        frozen: true,
        message: args.message.clone(),
        reason: g.reason.clone(),
        ticket: g.ticket.clone(),
        dry_run: args.dry_run,
    };
    // The dry run says what the server requires; nothing changes before the gate passes.
    let plan = api.set_freeze(
        &FreezeRequest {
            dry_run: true,
            ..req.clone()
        },
        None,
    )?;
    let r = if args.dry_run {
        plan.value
    } else {
        let gate = Gate::planned(
            plan.requires.clone(),
            "the freeze dry run",
            "freezing changes",
        )?;
        guard::send(
            app,
            &ctx,
            api.as_ref(),
            &gate,
            &args.answers,
            &guard::no_notice,
            |elev| api.set_freeze(&req, elev),
        )?
        .noting(&mut request_id)
    };
    let msg = r
        .freeze
        .message
        .as_deref()
        .map(|m| format!(" (message: {})", terminal(m)))
        .unwrap_or_default();
    match (args.dry_run, r.changed) {
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
    Ok(Change::default().request(request_id))
}
