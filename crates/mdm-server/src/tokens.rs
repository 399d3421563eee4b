//! Users and bearer tokens. Tokens are 256-bit random values shown once and stored only as
//! SHA-256 hashes; a plain hash is enough for secrets of that entropy.

use super::AppState;
use super::audit::{self, NewEvent};
use super::authz::Role;
use super::http::{ApiError, Principal};
use crate::sql::{Connection, OptionalExtension, params};
use base64::Engine;
use mdm_model::domain::ErrorCode;
use sha2::{Digest, Sha256};

pub const TOKEN_PREFIX: &str = "mdm_pat_";

/// Tokens' last use, kept in memory between flushes so that authenticating a request
/// never writes. `flush` (every few seconds and at shutdown) stores them with one
/// background transaction; a gateway killed outright loses at most that interval.
#[derive(Default)]
pub struct Touched(std::sync::Mutex<std::collections::HashMap<String, i64>>);

impl Touched {
    pub fn touch(&self, token_id: &str, now: i64) {
        let mut m = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let t = m.entry(token_id.to_string()).or_insert(now);
        *t = (*t).max(now);
    }

    /// The newest use not yet written, if any (for `auth sessions list`).
    pub fn last_used(&self, token_id: &str) -> Option<i64> {
        let m = self.0.lock().unwrap_or_else(|p| p.into_inner());
        m.get(token_id).copied()
    }

    /// Writes what was touched since the last flush (never moving a time back). What
    /// fails to be written is kept for the next flush.
    pub fn flush(&self, db: &crate::db::Db) -> crate::sql::Result<usize> {
        let taken = std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()));
        if taken.is_empty() {
            return Ok(0);
        }
        let written = db.write_bg(|tx| -> crate::sql::Result<usize> {
            let mut stmt = tx.prepare_cached(
                "UPDATE tokens SET last_used_at = ?1
                 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?1)",
            )?;
            for (id, at) in &taken {
                stmt.execute(params![at, id])?;
            }
            Ok(taken.len())
        });
        if written.is_err() {
            for (id, at) in taken {
                self.touch(&id, at);
            }
        }
        written
    }
}

pub fn new_token() -> String {
    let mut buf = [0u8; 32];
    rand::fill(&mut buf);
    format!(
        "{TOKEN_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
    )
}

pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

pub fn valid_user_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
}

/// Creates a user; fails with a clear message when the name is taken.
pub fn create_user(conn: &Connection, name: &str, role: Role) -> Result<i64, ApiError> {
    if !valid_user_name(name) {
        return Err(ApiError::bad_request(
            "a user name is 1-64 letters, digits, '.', '_', '-' or '@'",
        ));
    }
    let exists: Option<i64> = conn
        .query_row("SELECT id FROM users WHERE name = ?1", [name], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::AlreadyExists,
            format!("user {name:?} already exists"),
        ));
    }
    Ok(conn.query_row(
        "INSERT INTO users(name, role, created_at) VALUES (?1, ?2, ?3) RETURNING id",
        params![name, role.as_str(), crate::clock::now_rfc3339()],
        |r| r.get(0),
    )?)
}

/// Issues a token for a user; returns (token id, the token itself, shown once).
pub fn issue_token(
    conn: &Connection,
    user_id: i64,
    label: &str,
    expires_at: Option<i64>,
) -> crate::sql::Result<(String, String)> {
    let token = new_token();
    let id = format!("tok_{}", crate::ids::random_hex(6));
    conn.execute(
        "INSERT INTO tokens(id, user_id, hash, label, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            user_id,
            hash_token(&token),
            label,
            crate::clock::now_rfc3339(),
            expires_at
        ],
    )?;
    Ok((id, token))
}

/// Checks a bearer token. Failures are audit events (`auth.token_rejected`).
pub fn authenticate(
    state: &AppState,
    token: &str,
    source_ip: &str,
    user_agent: &str,
    request_id: &str,
) -> Result<Principal, ApiError> {
    let hash = hash_token(token);
    let now = crate::clock::now_unix();
    type Row = (
        String,
        i64,
        Option<i64>,
        Option<String>,
        Option<i64>,
        String,
        String,
        i64,
    );
    let row: Option<Row> = state.db.read(|c| {
        c.query_row(
            "SELECT t.id, t.user_id, t.expires_at, t.revoked_at, t.last_used_at, u.name, u.role, u.disabled
             FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?1",
            [&hash],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            },
        )
        .optional()
    })?;
    let reject = |reason: &str, actor: &str, token_id: Option<&str>| -> ApiError {
        let ev = NewEvent {
            actor: actor.to_string(),
            role: "none".into(),
            source_ip: source_ip.into(),
            user_agent: user_agent.into(),
            request_id: request_id.into(),
            action: "auth.token_rejected".into(),
            outcome: "failure".into(),
            details: serde_json::json!({ "reason": reason, "token_id": token_id }),
            ..NewEvent::default()
        };
        let _ = state.db.write(|tx| audit::append(tx, ev));
        ApiError::unauthenticated(match reason {
            "expired" => "the token has expired",
            "revoked" => "the token has been revoked",
            "disabled" => "the user is disabled",
            _ => "the token is not valid",
        })
    };
    let Some((token_id, user_id, expires_at, revoked_at, last_used, user, role, disabled)) = row
    else {
        return Err(reject("unknown", "anonymous", None));
    };
    if revoked_at.is_some() {
        return Err(reject("revoked", &user, Some(&token_id)));
    }
    if expires_at.is_some_and(|e| e <= now) {
        return Err(reject("expired", &user, Some(&token_id)));
    }
    if disabled != 0 {
        return Err(reject("disabled", &user, Some(&token_id)));
    }
    let role = Role::parse(&role).ok_or_else(|| ApiError::internal("user has an unknown role"))?;
    // Recorded in memory and written by the housekeeping step (`Touched::flush`): a
    // read never waits for the writer. At most once a minute per token, as before.
    if last_used.is_none_or(|t| now - t > 60) {
        state.touched.touch(&token_id, now);
    }
    let breakglass = if role == Role::Breakglass {
        state
            .db
            .read(|c| super::breakglass::active_for_token(c, &token_id, now))?
    } else {
        None
    };
    Ok(Principal {
        user_id,
        user,
        role,
        token_id,
        token_expires_at: expires_at,
        elevation: None,
        elevation_problem: None,
        breakglass,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_prefixed_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX));
        assert_eq!(a.len(), TOKEN_PREFIX.len() + 43);
        assert_eq!(hash_token(&a).len(), 32);
        assert_ne!(hash_token(&a), hash_token(&b));
    }

    #[test]
    fn user_names() {
        assert!(valid_user_name("alice@example.org"));
        assert!(!valid_user_name("a b"));
        assert!(!valid_user_name(""));
        assert!(!valid_user_name("x\u{1b}[2J"));
    }
}
