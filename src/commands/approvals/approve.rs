use crate::app::Factory;
use crate::commands::attempt;
use crate::error::{Error, Result};
use crate::guard::{self, Answers, Gate};
use crate::outcome::{Change, Outcome};
use mdm_model::domain::ActionStatus;
use mdm_model::escape::terminal;

pub struct Settings {
    pub id: String,
    /// Why the approver approves, for the audit log.
    pub reason: Option<String>,
    /// `--confirm` and `--otp`.
    pub answers: Answers,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, s: &Settings) -> Result<Outcome> {
    attempt(false, || approve(app, s))
}

/// The approver sees what they approve, types the same blast-radius phrase as the
/// requester, and steps up with their own code; the server checks they are not the
/// requester and that the target has not changed.
fn approve(app: &Factory, s: &Settings) -> Result<Outcome> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let api = api.as_ref();
    let a = api.get_action(&s.id)?;
    if a.status != ActionStatus::PendingApproval {
        return Err(Error::failure(format!(
            "{} is {}, not waiting for approval",
            a.id, a.status
        )));
    }
    // The two-person rule, known before any phrase is typed (the server decides too).
    if api.me(None).is_ok_and(|me| me.user == a.requested_by) {
        return Err(Error::forbidden(format!(
            "you requested {}; a second admin must approve it",
            a.id
        ))
        .with_hint(
            "another admin approves with `mdm approvals approve ID -c THEIR_CONTEXT`; in the sandbox, make one with `mdm sandbox user add NAME --role admin --login NAME`",
        ));
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
    let change = Change::default().targets(a.total).action(&a.id);
    let why = format!("approving {}", a.id);
    let requires = guard::required(a.requires.clone(), "the pending action")?;
    let gate = Gate::new(requires, &why);
    let approved = guard::send(
        app,
        &ctx,
        api,
        &gate,
        &s.answers,
        &guard::no_notice,
        |elev| api.approve(&a.id, s.reason.as_deref(), elev),
    )
    .map_err(|mut e| {
        if e.is_code(mdm_model::domain::ErrorCode::TargetChanged) {
            e.kind = crate::error::ExitKind::Failure;
            e.hints.push(format!(
                "reject it (`mdm approvals reject {}`) and let the requester ask again",
                a.id
            ));
        }
        e.in_change(change.clone())
    })?;
    app.ui.success(&format!(
        "Approved {}: {} {} devices is running",
        approved.id, approved.action, approved.total
    ));
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&approved.value)?;
    }
    Ok(change.request(approved.request_id.clone()).into())
}
