use crate::api::RevokeUnused;
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::guard::{self, Gate};
use crate::outcome::{Change, Outcome};

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
    let req = RevokeUnused {
        reason: g.reason.clone(),
        ticket: g.ticket.clone(),
        dry_run: args.dry_run,
    };
    // The dry run says what the server requires; nothing changes before the gate passes.
    let plan = api
        .revoke_unused_enrollments(
            &RevokeUnused {
                dry_run: true,
                ..req.clone()
            },
            None,
        )?
        .value;
    let n = if args.dry_run {
        plan.revoked
    } else {
        let gate = Gate::planned(
            plan.requires.clone(),
            "the revocation dry run",
            "revoking enrollment tokens",
        )?;
        guard::send(
            app,
            &ctx,
            api.as_ref(),
            &gate,
            &args.answers,
            &guard::no_notice,
            |elev| api.revoke_unused_enrollments(&req, elev),
        )?
        .noting(&mut request_id)
        .revoked
    };
    if args.dry_run {
        app.ui.success(&format!(
            "Dry run: would revoke {n} enrollment token(s) that could still enroll a device"
        ));
    } else {
        app.ui.success(&format!(
            "Revoked {n} enrollment token(s) that could still enroll a device; new ones: `mdm enroll create`"
        ));
    }
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&crate::api::Revoked {
            requires: None,
            revoked: n,
            dry_run: args.dry_run,
        })?;
    }
    Ok(Change::default().request(request_id))
}
