use crate::api::RevokeUnused;
use crate::app::Factory;
use crate::cli::incident::RotateArgs;
use crate::error::Result;
use crate::guard::{self, OtpSource};
use crate::outcome::{Outcome, attempt};

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &RotateArgs) -> Result<Outcome> {
    attempt(args.gate.dry_run, || {
        apply(app, args).map(|()| Outcome::changed())
    })
}

fn apply(app: &Factory, args: &RotateArgs) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let g = &args.gate;
    let req = RevokeUnused {
        reason: g.reason.clone(),
        ticket: g.ticket.clone(),
        dry_run: g.dry_run,
    };
    let n = guard::with_step_up(
        app,
        &ctx,
        api.as_ref(),
        &OtpSource::new(g.otp.clone()),
        "revoking enrollment tokens",
        |api| api.revoke_unused_enrollments(&req),
    )?;
    if g.dry_run {
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
            dry_run: g.dry_run,
        })?;
    }
    Ok(())
}
