use crate::api::{Requirements, RevokeResult, RevokeSessionsRequest};
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::Result;
use crate::guard::{self, Answers, Gate, OtpSource};
use crate::outcome::{Change, Outcome};
use mdm_model::domain::StepUp;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub ids: Vec<String>,
    pub all: bool,
    pub all_except_current: bool,
    pub user: Option<String>,
    pub reason: Option<String>,
    /// One TOTP code (`--otp`)
    pub otp: Option<String>,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(Outcome::Changed))
}

fn apply(app: &Factory, args: &Settings) -> Result<Change> {
    let mut request_id = None;
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let otp = OtpSource::new(args.otp.clone());
    let other_user = args
        .user
        .as_deref()
        .is_some_and(|u| Some(u) != ctx.config.user.as_deref());
    // Revoking another user's sessions is known to need a step-up: pass the gate first,
    // so nothing is sent without it.
    let elev = if other_user {
        let gate = Gate::new(
            Requirements::step_up(StepUp::Cached),
            "revoking another user's sessions",
        );
        let answers = Answers {
            otp: otp.clone(),
            ..Answers::default()
        };
        guard::pass(app, &ctx, api.as_ref(), &gate, &answers, &guard::no_notice)?
    } else {
        None
    };
    let mut total = RevokeResult {
        requires: None,
        revoked_tokens: 0,
        revoked_elevations: 0,
        users: Vec::new(),
        dry_run: false,
    };
    if args.ids.is_empty() {
        let req = RevokeSessionsRequest {
            user: args.user.clone(),
            all_users: false,
            except_current: args.all_except_current,
            reason: args.reason.clone(),
            ticket: None,
            dry_run: false,
        };
        total = guard::with_step_up(
            app,
            &ctx,
            api.as_ref(),
            &otp,
            "revoking sessions",
            elev.clone(),
            |elev| api.revoke_sessions(&req, elev),
        )?
        .noting(&mut request_id);
    } else {
        for id in &args.ids {
            let r = guard::with_step_up(
                app,
                &ctx,
                api.as_ref(),
                &otp,
                "revoking another user's session",
                elev.clone(),
                |elev| api.revoke_session(id, elev),
            )?
            .noting(&mut request_id);
            total.revoked_tokens += r.revoked_tokens;
            total.revoked_elevations += r.revoked_elevations;
            for u in r.users {
                if !total.users.contains(&u) {
                    total.users.push(u);
                }
            }
        }
    }
    app.ui.success(&format!(
        "Revoked {} token(s) and {} elevation(s){}",
        total.revoked_tokens,
        total.revoked_elevations,
        if total.users.is_empty() {
            String::new()
        } else {
            format!(
                " of {}",
                mdm_model::escape::terminal(&total.users.join(", "))
            )
        }
    ));
    // If this revoked our own credential, the stored one is now useless: say so, drop it.
    if crate::app::env_token().is_none()
        && let Err(e) = api.me(None)
        && e.kind == crate::error::ExitKind::Unauthenticated
    {
        let k = app.keyring()?;
        k.delete(&crate::auth::token_account(&ctx.name, &ctx.config.server))?;
        guard::clear_cached(app, &ctx);
        app.ui.info(&format!(
            "this revoked your own token: you are logged out of {}",
            ctx.name
        ));
    }
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&total)?;
    }
    Ok(Change::default().request(request_id))
}
