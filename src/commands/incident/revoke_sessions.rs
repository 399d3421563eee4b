use crate::api::RevokeSessionsRequest;
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::{Error, Result};
use crate::guard::{self, Gate};
use crate::outcome::{Change, Outcome};
use mdm_model::escape::terminal;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub all_except_me: bool,
    pub user: Option<String>,
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
    let mut req = RevokeSessionsRequest {
        user: args.user.clone(),
        all_users: args.all_except_me,
        except_current: args.all_except_me,
        reason: g.reason.clone(),
        ticket: g.ticket.clone(),
        dry_run: true,
    };
    if args.user.as_deref().is_some_and(|u| u.trim().is_empty()) {
        return Err(Error::usage("--user needs a user name"));
    }
    let preview = api.revoke_sessions(&req, None)?.value;
    let n = preview.revoked_tokens + preview.revoked_elevations;
    let whose = if args.all_except_me {
        format!("{} user(s)", preview.users.len())
    } else {
        terminal(args.user.as_deref().unwrap_or_default())
    };
    if args.dry_run || n == 0 {
        let line = format!(
            "{} {} token(s) and {} elevation(s) of {whose}{}",
            if args.dry_run {
                "Dry run: would revoke"
            } else {
                "Nothing to revoke:"
            },
            preview.revoked_tokens,
            preview.revoked_elevations,
            if preview.users.is_empty() {
                String::new()
            } else {
                format!(" ({})", terminal(&preview.users.join(", ")))
            }
        );
        app.ui.success(&line);
        if out.is_machine() {
            out.value(&preview)?;
        }
        return Ok(Change::default());
    }
    let gate = Gate::planned(
        preview.requires.clone(),
        "the revocation dry run",
        "revoking sessions",
    )?
    .lead(format!(
        "This signs out {} ({}); only your current session stays.",
        whose,
        terminal(&preview.users.join(", "))
    ));
    req.dry_run = false;
    let r = guard::send(
        app,
        &ctx,
        api.as_ref(),
        &gate,
        &args.answers,
        &guard::no_notice,
        |elev| api.revoke_sessions(&req, elev),
    )?
    .noting(&mut request_id);
    app.ui.success(&format!(
        "Revoked {} token(s) and {} elevation(s) of {}; their next request fails with 401",
        r.revoked_tokens,
        r.revoked_elevations,
        if r.users.is_empty() {
            "nobody".to_string()
        } else {
            terminal(&r.users.join(", "))
        }
    ));
    if out.is_machine() {
        out.value(&r)?;
    }
    Ok(Change::default().request(request_id))
}
