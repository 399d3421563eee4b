//! The gate table: the one place that decides what every guarded request needs (the
//! README's "Safety gate" table is this function). Handlers fill `requires` in their
//! previews, plans and dry runs from here, and refuse the real request when it is not met.
//!
//! Phrases carry the literal token `<context>`: only the client knows the name of its
//! context, so it substitutes it before asking the person to type the phrase.

use super::budget::Window;
use super::kind::Kind;
use crate::ServerConfig;
use crate::http::{ApiError, ApiResult, ReqCtx};
use crate::sql::Connection;
use mdm_model::domain::StepUp;
use mdm_model::types::{ActionOptions, Requirements};

/// Stands for the client's context name in a phrase.
pub const CONTEXT: &str = "<context>";

/// `wipe 12 devices in <context>` (`1 device` in the singular).
fn devices_phrase(verb: &str, count: u64) -> String {
    let noun = if count == 1 { "device" } else { "devices" };
    format!("{verb} {count} {noun} in {CONTEXT}")
}

/// The devices of `kind`'s budget that the requester used in the window before this
/// request: wiped/retired for a destructive action (judged against the approval
/// threshold), pushed to for another push (against the push threshold); `None` for the
/// kinds no budget counts (lock, unlock).
pub fn this_hour_before(kind: Kind, options: &ActionOptions, w: &Window) -> Option<u64> {
    if kind.destructive(options) {
        Some(w.destructive)
    } else if kind.is_push() {
        Some(w.pushed)
    } else {
        None
    }
}

/// Whether `count` devices are at least `percent`% of an active fleet of `fleet`.
pub fn covers_share(count: u64, fleet: u64, percent: u32) -> bool {
    fleet > 0 && count > 0 && u128::from(count) * 100 >= u128::from(fleet) * u128::from(percent)
}

/// Every kind of guarded request.
#[derive(Debug, Clone)]
pub enum Guarded<'a> {
    /// A device action (wipe, lock, unlock, retire, push) on a resolved target.
    DeviceAction {
        kind: Kind,
        options: &'a ActionOptions,
        /// The serial when the target is one device named by id or serial.
        single_serial: Option<&'a str>,
        /// `--all`: fleet-wide by its spelling.
        all: bool,
        count: u64,
        /// Active devices in the fleet: a target covering at least the configured share
        /// of them is fleet-wide, however it was spelled.
        fleet: u64,
        /// What the requester already used of the budget window (the past hour).
        window: Window,
    },
    /// Approving someone else's pending action.
    Approve { kind: Kind, count: u64 },
    /// Adding an app to the trusted catalog.
    CatalogAdd,
    /// A policy apply, assign, unassign or delete; `weakening` names what weakens.
    PolicyChange { weakening: &'a [String] },
    /// Declaring a change freeze.
    Freeze,
    /// Lifting a change freeze: a second admin's too, unless under break-glass.
    Unfreeze { breakglass: bool },
    /// Revoking `count` sessions (tokens and elevations); `others` when any belong to
    /// another user, `all_users` for the incident's "everyone but me".
    RevokeSessions {
        count: u64,
        others: bool,
        all_users: bool,
    },
    /// Revoking every unused enrollment token: containment, it only makes things
    /// stricter, so the permission is enough.
    RotateEnrollment,
    /// Activating break-glass: a step-up, a reason and a ticket.
    BreakglassActivate,
    /// Replacing the caller's active authenticator (`POST /v1/auth/mfa/enroll`).
    MfaReplace,
}

/// What `g` needs. Thresholds come from the server's configuration.
pub fn requirements(g: &Guarded<'_>, cfg: &ServerConfig) -> Requirements {
    match *g {
        Guarded::DeviceAction {
            kind,
            options,
            single_serial,
            all,
            count,
            fleet,
            window,
        } => {
            let single = single_serial.is_some() && count <= 1;
            let destructive = kind.destructive(options);
            // Devices already used this hour: the threshold counts them too, so a
            // split into batches is judged as the whole.
            let used = this_hour_before(kind, options, &window);
            let singles_spent = single
                && (destructive || kind.is_push())
                && window.singles >= cfg.single_action_budget;
            let step_up = destructive || !single || singles_spent;
            let (confirmation, phrase) = if !single {
                let mut phrase = devices_phrase(kind.verb(), count);
                if let Some(before) = used.filter(|u| *u > 0) {
                    phrase.push_str(&format!(" ({} this hour)", before + count));
                }
                (Some("phrase".to_string()), Some(phrase))
            } else if destructive {
                (
                    Some("serial".to_string()),
                    single_serial.map(str::to_string),
                )
            } else {
                (None, None)
            };
            let threshold = if kind.is_push() && !destructive {
                cfg.push_approval_threshold
            } else {
                cfg.approval_threshold
            };
            let fleet_wide = all
                || used.is_some_and(|before| before + count > threshold)
                || (!single && covers_share(count, fleet, cfg.fleet_share_percent));
            Requirements {
                confirmation,
                phrase,
                approval: fleet_wide,
                reason: fleet_wide,
                ..Requirements::step_up(if step_up {
                    StepUp::Cached
                } else {
                    StepUp::None
                })
            }
        }
        Guarded::Approve { kind, count } => Requirements {
            confirmation: Some("phrase".into()),
            // The approver types the same blast-radius phrase as the requester did.
            phrase: Some(devices_phrase(kind.verb(), count)),
            ..Requirements::step_up(StepUp::Cached)
        },
        Guarded::CatalogAdd => Requirements::step_up(StepUp::Cached),
        Guarded::PolicyChange { weakening: [] } => Requirements::none(),
        Guarded::PolicyChange { weakening } => Requirements {
            confirmation: Some("phrase".into()),
            phrase: Some(match weakening {
                [one] => format!("weaken {one} in {CONTEXT}"),
                many => format!("weaken {} policies in {CONTEXT}", many.len()),
            }),
            ..Requirements::step_up(StepUp::Cached)
        },
        Guarded::Freeze => Requirements::step_up(StepUp::Cached),
        Guarded::Unfreeze { breakglass } => Requirements {
            confirmation: Some("phrase".into()),
            phrase: Some(format!("unfreeze {CONTEXT}")),
            approval: !breakglass,
            ..Requirements::step_up(StepUp::Cached)
        },
        Guarded::RevokeSessions { others: false, .. } => Requirements::none(),
        Guarded::RevokeSessions {
            count,
            all_users: true,
            ..
        } => Requirements {
            confirmation: Some("phrase".into()),
            phrase: Some(format!("revoke {count} sessions in {CONTEXT}")),
            ..Requirements::step_up(StepUp::Cached)
        },
        Guarded::RevokeSessions { .. } => Requirements::step_up(StepUp::Cached),
        Guarded::RotateEnrollment => Requirements::none(),
        // Always fresh: a code verified in the activation itself.
        Guarded::BreakglassActivate => Requirements {
            reason: true,
            ticket: true,
            ..Requirements::step_up(StepUp::Fresh)
        },
        // A code from the current authenticator in the request itself: a cached
        // elevation must not be enough to swap in the thief's authenticator for good.
        Guarded::MfaReplace => Requirements::step_up(StepUp::Fresh),
    }
}

/// Refuses a request whose `requires` is not met: a live elevation, a reason, a ticket.
/// Typed confirmations are the client's to ask; approval queues instead of refusing.
/// The caller audits the refusal.
pub fn enforce(
    requires: &Requirements,
    ctx: &ReqCtx,
    c: &Connection,
    reason: Option<&str>,
    ticket: Option<&str>,
) -> ApiResult<()> {
    let blank = |v: Option<&str>| v.is_none_or(|s| s.trim().is_empty());
    if requires.reason && blank(reason) {
        return Err(ApiError::bad_request("this request needs a reason"));
    }
    if requires.ticket && blank(ticket) {
        return Err(ApiError::bad_request("this request needs a ticket"));
    }
    if requires.step_up {
        let who = ctx.who()?;
        let enrolled = crate::totp_store::is_enrolled(c, who.user_id)?;
        if requires.step_up_mode == StepUp::Fresh {
            return Err(fresh_code_required(enrolled));
        }
        ctx.require_elevation(enrolled)?;
    }
    Ok(())
}

fn fresh_code_required(mfa_enrolled: bool) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::FORBIDDEN,
        mdm_model::domain::ErrorCode::StepUpRequired,
        "this action needs a TOTP code verified in this very request (`otp`): \
         a live elevation does not count",
    )
    .with_details(
        serde_json::json!({ "reason": "fresh_code_required", "mfa_enrolled": mfa_enrolled }),
    )
}

/// `enforce` for a request that carries its own TOTP code (`code`): a `fresh` step-up
/// is met only by a code verified here, against the caller's current seed, with replay
/// protection and lockout; the check is audited as `auth.step_up` whatever its outcome.
/// The outer error is a storage failure; the inner one the refusal (commit the
/// transaction so the audit of the check stays).
pub fn enforce_fresh(
    requires: &Requirements,
    ctx: &ReqCtx,
    c: &Connection,
    cfg: &ServerConfig,
    reason: Option<&str>,
    ticket: Option<&str>,
    code: Option<&str>,
) -> ApiResult<ApiResult<()>> {
    if requires.step_up_mode != StepUp::Fresh {
        return Ok(enforce(requires, ctx, c, reason, ticket));
    }
    let rest = Requirements {
        step_up: false,
        step_up_mode: StepUp::None,
        ..requires.clone()
    };
    if let Err(e) = enforce(&rest, ctx, c, reason, ticket) {
        return Ok(Err(e));
    }
    let who = ctx.who()?;
    let st = crate::totp_store::load(c, who.user_id)?;
    let (Some(secret), Some(code)) = (st.secret.clone(), code.filter(|s| !s.trim().is_empty()))
    else {
        return Ok(Err(fresh_code_required(st.secret.is_some())));
    };
    let code: String = code.chars().filter(|ch| !ch.is_whitespace()).collect();
    let check = crate::totp_store::check_code(c, cfg, &st, &secret, &code, st.last_step)?;
    crate::totp_store::audit_check(c, ctx, "auth.step_up", &check, None)?;
    Ok(match crate::totp_store::check_error(&check, "TOTP") {
        Some(e) => Err(e),
        None => Ok(()),
    })
}

/// Audits a refusal by `enforce` as `<action>` with outcome `refused_<code>`.
pub fn audit_refusal(
    c: &Connection,
    ctx: &ReqCtx,
    action: &str,
    e: &ApiError,
) -> crate::sql::Result<()> {
    let ev = crate::audit::NewEvent::from_req(ctx, action, &format!("refused_{}", e.code));
    crate::audit::append(c, ev).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(kind: Kind, serial: Option<&str>, all: bool, count: u64) -> Requirements {
        action_in(kind, serial, all, count, 1000)
    }

    fn action_in(
        kind: Kind,
        serial: Option<&str>,
        all: bool,
        count: u64,
        fleet: u64,
    ) -> Requirements {
        let o = ActionOptions::default();
        requirements(
            &Guarded::DeviceAction {
                kind,
                options: &o,
                single_serial: serial,
                all,
                count,
                fleet,
                window: Window::default(),
            },
            &ServerConfig::default(),
        )
    }

    #[test]
    fn budgets_count_the_window_not_the_request() {
        let o = ActionOptions::default();
        let cfg = ServerConfig::default();
        let req = |kind, serial, count, window| {
            requirements(
                &Guarded::DeviceAction {
                    kind,
                    options: &o,
                    single_serial: serial,
                    all: false,
                    count,
                    fleet: 1000,
                    window,
                },
                &cfg,
            )
        };
        let ten = Window {
            destructive: 10,
            pushed: 0,
            singles: 0,
        };
        let one = req(Kind::Wipe, Some("C02X"), 1, ten);
        assert!(one.approval && one.reason);
        assert_eq!(one.phrase.as_deref(), Some("C02X"));
        let two = req(
            Kind::Retire,
            None,
            2,
            Window {
                destructive: 3,
                ..ten
            },
        );
        assert!(!two.approval);
        assert_eq!(
            two.phrase.as_deref(),
            Some("retire 2 devices in <context> (5 this hour)")
        );
        let spent = Window {
            singles: 5,
            ..Window::default()
        };
        let push = req(Kind::PushCommand, Some("C02X"), 1, spent);
        assert!(push.step_up && !push.approval);
        let lock = req(Kind::Lock, Some("C02X"), 1, spent);
        assert!(!lock.step_up, "locks are not in the budget");
    }

    /// The README's safety-gate table, row by row.
    #[test]
    fn the_gate_table_matches_the_readme() {
        let lock_one = action(Kind::Lock, Some("C02X"), false, 1);
        assert!(!lock_one.step_up && lock_one.confirmation.is_none());
        let wipe_one = action(Kind::Wipe, Some("C02X"), false, 1);
        assert_eq!(wipe_one.step_up_mode, StepUp::Cached);
        assert_eq!(wipe_one.phrase.as_deref(), Some("C02X"));
        let wipe_many = action(Kind::Wipe, None, false, 5);
        assert_eq!(
            wipe_many.phrase.as_deref(),
            Some("wipe 5 devices in <context>")
        );
        assert!(!wipe_many.approval);
        let lock_many = action(Kind::Lock, None, false, 3);
        assert!(lock_many.step_up);
        assert_eq!(
            lock_many.phrase.as_deref(),
            Some("lock 3 devices in <context>")
        );
        let push_many = action(Kind::PushApp, None, false, 7);
        assert_eq!(
            push_many.phrase.as_deref(),
            Some("push 7 devices in <context>")
        );
        let over = action(Kind::Wipe, None, false, 11);
        assert!(over.approval && over.reason);
        // Fleet-wide by the resolved set, not the selector's spelling.
        let half = action_in(Kind::Lock, None, false, 20, 40);
        assert!(half.approval && half.reason);
        let under = action_in(Kind::Lock, None, false, 19, 40);
        assert!(!under.approval && !under.reason);
        let push_half = action_in(Kind::PushApp, None, false, 3, 6);
        assert!(push_half.approval && push_half.reason);
        // One device named by id is never fleet-wide, even in a fleet of one.
        let one = action_in(Kind::Lock, Some("C02X"), false, 1, 1);
        assert!(!one.approval && !one.reason);
        let all = action(Kind::Lock, None, true, 2);
        assert!(all.approval && all.reason);
        let weaken = requirements(
            &Guarded::PolicyChange {
                weakening: &["baseline".to_string()],
            },
            &ServerConfig::default(),
        );
        assert_eq!(
            weaken.phrase.as_deref(),
            Some("weaken baseline in <context>")
        );
        assert!(weaken.step_up);
        let bg = requirements(&Guarded::BreakglassActivate, &ServerConfig::default());
        assert!(bg.step_up && bg.reason && bg.ticket);
        assert_eq!(bg.step_up_mode, StepUp::Fresh);
        let mfa = requirements(&Guarded::MfaReplace, &ServerConfig::default());
        assert_eq!(mfa.step_up_mode, StepUp::Fresh);
        let cfg = ServerConfig::default();
        let own = |others, all_users| {
            requirements(
                &Guarded::RevokeSessions {
                    count: 3,
                    others,
                    all_users,
                },
                &cfg,
            )
        };
        assert!(!own(false, false).step_up);
        assert!(own(true, false).step_up && own(true, false).phrase.is_none());
        assert_eq!(
            own(true, true).phrase.as_deref(),
            Some("revoke 3 sessions in <context>")
        );
        let unfreeze = requirements(&Guarded::Unfreeze { breakglass: false }, &cfg);
        assert_eq!(unfreeze.phrase.as_deref(), Some("unfreeze <context>"));
        assert!(unfreeze.approval, "two-person unfreeze");
        assert!(!requirements(&Guarded::Unfreeze { breakglass: true }, &cfg).approval);
    }
}
