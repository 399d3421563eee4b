use crate::app::Factory;
use crate::cli::actions::DecideArgs;
use crate::error::{Error, Result};
use crate::guard::{self, OtpSource};
use crate::outcome::{Outcome, attempt};
use mdm_model::escape::terminal;

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &DecideArgs) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

/// The approver sees what they approve, types the same blast-radius phrase as the
/// requester, and steps up with their own code; the server checks they are not the
/// requester and that the target has not changed.
fn apply(app: &Factory, args: &DecideArgs) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let api = api.as_ref();
    let a = api.get_action(&args.id)?;
    if a.status != "pending_approval" {
        return Err(Error::failure(format!(
            "{} is {}, not waiting for approval",
            a.id, a.status
        )));
    }
    app.ui.info(&format!(
        "{} requested by {}: {} {} ({} devices) in {}{}",
        a.id,
        terminal(&a.requested_by),
        a.action,
        terminal(&a.target.describe()),
        a.total,
        ctx.name,
        a.reason
            .as_deref()
            .map(|r| format!(" — reason: {}", terminal(r)))
            .unwrap_or_default()
    ));
    let phrase = format!(
        "{} {} {} in {}",
        crate::commands::action::verb(&a.action),
        a.total,
        if a.total == 1 { "device" } else { "devices" },
        ctx.name
    );
    let typed = match &args.confirm {
        Some(c) => c.clone(),
        None => app
            .ui
            .prompt_text(
                &format!("Type `{phrase}` to approve"),
                &format!("to approve from a script, add: --confirm {phrase:?}"),
            )?
            .trim()
            .to_string(),
    };
    if typed != phrase {
        return Err(
            Error::aborted("the confirmation does not match; nothing was approved")
                .with_cause(format!("expected `{phrase}`, got `{}`", terminal(&typed))),
        );
    }
    let otp = OtpSource::new(args.otp.clone());
    let why = format!("approving {}", a.id);
    guard::elevate(app, &ctx, api, &otp, &why)?;
    let approved = guard::with_step_up(app, &ctx, api, &otp, &why, |api| {
        api.approve(&a.id, args.reason.as_deref())
    })
    .map_err(|mut e| {
        if e.is_code("target_changed") {
            e.kind = crate::error::ExitKind::Failure;
            e.hints.push(format!(
                "reject it (`mdm approvals reject {}`) and let the requester ask again",
                a.id
            ));
        }
        e
    })?;
    app.ui.success(&format!(
        "Approved {}: {} {} devices is running",
        approved.id, approved.action, approved.total
    ));
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&approved)?;
    }
    Ok(())
}
