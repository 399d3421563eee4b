//! Server-side MFA: TOTP seeds per user, code checks with replay protection and lockout,
//! and the short-lived elevations a successful step-up grants.

use super::audit::{self, NewEvent};
use super::http::{ApiError, ElevationProblem, ReqCtx};
use super::{AppState, ServerConfig};
use crate::clock::now_unix;
use crate::ids::random_hex;
use crate::sql::{Connection, OptionalExtension, params};
use crate::tokens::hash_token;
use axum::http::StatusCode;
use base64::Engine;
use mdm_model::domain::ErrorCode;
use mdm_model::totp;

pub const ISSUER: &str = "mdm sandbox";
pub const ELEVATION_PREFIX: &str = "mdm_elv_";

/// TOTP state of one user.
pub struct MfaState {
    pub user_id: i64,
    pub secret: Option<Vec<u8>>,
    pub pending: Option<Vec<u8>>,
    pub last_step: u64,
    pub failures: u32,
    pub locked_until: i64,
}

pub fn load(conn: &Connection, user_id: i64) -> crate::sql::Result<MfaState> {
    conn.query_row(
        "SELECT totp_secret, totp_pending, totp_last_step, stepup_failures, stepup_locked_until
         FROM users WHERE id = ?1",
        [user_id],
        |r| {
            let secret: Option<String> = r.get(0)?;
            let pending: Option<String> = r.get(1)?;
            Ok((
                secret,
                pending,
                MfaState {
                    user_id,
                    secret: None,
                    pending: None,
                    last_step: r.get::<_, i64>(2)?.max(0) as u64,
                    failures: r.get::<_, i64>(3)?.max(0) as u32,
                    locked_until: r.get(4)?,
                },
            ))
        },
    )
    .and_then(|(secret, pending, mut st)| {
        st.secret = unseal(conn, user_id, secret)?;
        st.pending = unseal(conn, user_id, pending)?;
        Ok(st)
    })
}

fn unseal(
    conn: &Connection,
    user_id: i64,
    v: Option<String>,
) -> crate::sql::Result<Option<Vec<u8>>> {
    match v {
        Some(v) => crate::seedbox::open(conn, user_id, &v),
        None => Ok(None),
    }
}

/// The active seed and last accepted step of the user named `name` (the sandbox's own
/// code helpers); `None` when there is no such user.
pub fn seed_of(
    conn: &Connection,
    name: &str,
) -> crate::sql::Result<Option<(Option<Vec<u8>>, i64)>> {
    let row: Option<(i64, Option<String>, i64)> = conn
        .query_row(
            "SELECT id, totp_secret, totp_last_step FROM users WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        Some((id, secret, last)) => Ok(Some((unseal(conn, id, secret)?, last))),
        None => Ok(None),
    }
}

pub fn is_enrolled(conn: &Connection, user_id: i64) -> crate::sql::Result<bool> {
    let s: Option<String> = conn
        .query_row(
            "SELECT totp_secret FROM users WHERE id = ?1",
            [user_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    Ok(s.is_some())
}

pub fn account_label(user: &str, instance_id: &str) -> String {
    format!("{user} ({instance_id})")
}

/// Activates a fresh seed at once (used where the seed is shown to the user directly:
/// `sandbox user add`, `sandbox up`). Returns the otpauth URI.
pub fn enroll_active(
    conn: &Connection,
    user_id: i64,
    user: &str,
    instance_id: &str,
) -> crate::sql::Result<String> {
    let secret = totp::new_secret();
    conn.execute(
        "UPDATE users SET totp_secret = ?1, totp_pending = NULL, totp_last_step = 0,
                stepup_failures = 0, stepup_locked_until = 0 WHERE id = ?2",
        params![crate::seedbox::seal(conn, user_id, &secret)?, user_id],
    )?;
    Ok(totp::otpauth_uri(
        &secret,
        ISSUER,
        &account_label(user, instance_id),
    ))
}

/// Starts an enrollment: a pending seed that becomes active only after a valid code.
pub fn start_enrollment(
    conn: &Connection,
    user_id: i64,
    user: &str,
    instance_id: &str,
) -> crate::sql::Result<String> {
    let secret = totp::new_secret();
    conn.execute(
        "UPDATE users SET totp_pending = ?1 WHERE id = ?2",
        params![crate::seedbox::seal(conn, user_id, &secret)?, user_id],
    )?;
    Ok(totp::otpauth_uri(
        &secret,
        ISSUER,
        &account_label(user, instance_id),
    ))
}

/// Outcome of checking a code, recorded (counters, audit) whatever it is.
pub enum Check {
    Ok(u64),
    Wrong { attempts_left: u32 },
    LockedNow { seconds: i64 },
    Locked { seconds: i64 },
}

/// Checks a code against `secret`, updating the replay and lockout state. `last_step` is
/// the newest step already accepted for this very seed (0 for a seed never used).
pub fn check_code(
    conn: &Connection,
    cfg: &ServerConfig,
    st: &MfaState,
    secret: &[u8],
    code: &str,
    last_step: u64,
) -> crate::sql::Result<Check> {
    let now = now_unix();
    if st.locked_until > now {
        return Ok(Check::Locked {
            seconds: st.locked_until - now,
        });
    }
    match totp::verify(secret, totp::DIGITS, code, now.max(0) as u64, last_step) {
        Some(step) => {
            conn.execute(
                "UPDATE users SET totp_last_step = ?1, stepup_failures = 0, stepup_locked_until = 0 WHERE id = ?2",
                params![step as i64, st.user_id],
            )?;
            Ok(Check::Ok(step))
        }
        None => {
            let failures = st.failures + 1;
            if failures >= cfg.stepup_max_failures {
                let until = now + cfg.stepup_lockout.as_secs() as i64;
                conn.execute(
                    "UPDATE users SET stepup_failures = 0, stepup_locked_until = ?1 WHERE id = ?2",
                    params![until, st.user_id],
                )?;
                Ok(Check::LockedNow {
                    seconds: until - now,
                })
            } else {
                conn.execute(
                    "UPDATE users SET stepup_failures = ?1 WHERE id = ?2",
                    params![failures, st.user_id],
                )?;
                Ok(Check::Wrong {
                    attempts_left: cfg.stepup_max_failures - failures,
                })
            }
        }
    }
}

/// The error a failed check answers with.
pub fn check_error(check: &Check, what: &str) -> Option<ApiError> {
    match check {
        Check::Ok(_) => None,
        Check::Wrong { attempts_left } => Some(
            ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::StepUpFailed,
                format!("the {what} code is wrong or was already used ({attempts_left} attempts left before a lockout)"),
            )
            .with_details(serde_json::json!({ "attempts_left": attempts_left })),
        ),
        Check::LockedNow { seconds } | Check::Locked { seconds } => Some(
            ApiError::new(
                StatusCode::LOCKED,
                ErrorCode::StepUpLocked,
                format!("too many wrong codes: step-up is locked for {seconds} s"),
            )
            .with_details(serde_json::json!({ "retry_after_seconds": seconds })),
        ),
    }
}

/// Records a check as an audit event (success, failure, lockout).
pub fn audit_check(
    conn: &Connection,
    ctx: &ReqCtx,
    action: &str,
    check: &Check,
    elevation_id: Option<&str>,
) -> crate::sql::Result<()> {
    let (outcome, details) = match check {
        Check::Ok(step) => ("success", serde_json::json!({ "step": step })),
        Check::Wrong { attempts_left } => (
            "failure",
            serde_json::json!({ "attempts_left": attempts_left }),
        ),
        Check::LockedNow { seconds } => (
            "locked",
            serde_json::json!({ "locked_for_seconds": seconds, "lockout_started": true }),
        ),
        Check::Locked { seconds } => (
            "locked",
            serde_json::json!({ "locked_for_seconds": seconds }),
        ),
    };
    let mut ev = NewEvent::from_req(ctx, action, outcome)
        .target("user", vec![ctx.actor()])
        .details(details);
    ev.elevation_id = elevation_id.map(str::to_string);
    audit::append(conn, ev)?;
    if let Check::LockedNow { seconds } = check {
        let ev = NewEvent::from_req(ctx, "auth.step_up_lockout", "success")
            .target("user", vec![ctx.actor()])
            .details(serde_json::json!({ "locked_for_seconds": seconds }));
        audit::append(conn, ev)?;
    }
    Ok(())
}

/// Creates an elevation for (user, token); returns (id, secret token, expires_at).
pub fn create_elevation(
    conn: &Connection,
    cfg: &ServerConfig,
    user_id: i64,
    token_id: &str,
) -> crate::sql::Result<(String, String, i64)> {
    let mut buf = [0u8; 32];
    rand::fill(&mut buf);
    let secret = format!(
        "{ELEVATION_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
    );
    let id = format!("elv_{}", random_hex(6));
    let now = now_unix();
    let expires = now + cfg.elevation_ttl.as_secs() as i64;
    conn.execute(
        "INSERT INTO elevations(id, user_id, token_id, hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, user_id, token_id, hash_token(&secret), now, expires],
    )?;
    Ok((id, secret, expires))
}

/// Looks up an elevation presented by (user, token). Elevations are bound to both: one
/// obtained with another token, or by another user, does not count.
pub fn find_elevation(
    state: &AppState,
    user_id: i64,
    token_id: &str,
    secret: &str,
) -> Result<(String, i64), ElevationProblem> {
    let row: Option<(String, i64, String, i64, Option<i64>)> = state
        .db
        .read(|c| {
            c.query_row(
                "SELECT id, user_id, token_id, expires_at, revoked_at FROM elevations WHERE hash = ?1",
                [hash_token(secret)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()
        })
        .map_err(|_| ElevationProblem::Invalid)?;
    let Some((id, uid, tid, expires, revoked)) = row else {
        return Err(ElevationProblem::Invalid);
    };
    if uid != user_id || tid != token_id {
        return Err(ElevationProblem::Invalid);
    }
    if revoked.is_some() {
        return Err(ElevationProblem::Revoked);
    }
    if expires <= now_unix() {
        return Err(ElevationProblem::Expired);
    }
    Ok((id, expires))
}
