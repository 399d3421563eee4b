//! Local administration of a sandbox database by the CLI on the same machine (`mdm sandbox
//! up`, `mdm sandbox user add`): whoever can write the server's database owns the server
//! anyway, so these work without a token, and each change is an audit event.

use super::audit::{self, NewEvent};
use super::authz::Role;
use super::db::{DB_FILE, Db};
use super::tokens;
use crate::error::{Error, Result};
use std::path::Path;

/// Opens an existing sandbox database; never creates one.
pub fn open_existing(dir: &Path) -> Result<Db> {
    if !dir.join(DB_FILE).exists() {
        return Err(
            Error::failure(format!("no sandbox database in {}", dir.display()))
                .with_hint("start the sandbox first: `mdm sandbox up` (or `mdm sandbox serve`)"),
        );
    }
    Db::open(dir).map_err(|e| Error::failure("cannot open the sandbox database").with_source(&e))
}

fn api_err(e: super::http::ApiError) -> Error {
    let kind = match e.status.as_u16() {
        400 => crate::error::ExitKind::Usage,
        404 => crate::error::ExitKind::NotFound,
        _ => crate::error::ExitKind::Failure,
    };
    Error::new(kind, e.message)
}

fn local_event(action: &str, user: &str, details: serde_json::Value) -> NewEvent {
    NewEvent {
        actor: "sandbox-cli".into(),
        role: "system".into(),
        source_ip: "local".into(),
        action: action.into(),
        outcome: "success".into(),
        details,
        ..NewEvent::default()
    }
    .target("user", vec![user.to_string()])
}

/// Creates a user and its first token; returns the token (shown once by the caller).
pub fn add_user(db: &Db, name: &str, role: Role) -> Result<String> {
    db.write(|tx| {
        let id = tokens::create_user(tx, name, role)?;
        let (token_id, token) =
            tokens::issue_token(tx, id, "created by mdm sandbox user add", None)?;
        audit::append(
            tx,
            local_event(
                "user.create",
                name,
                serde_json::json!({ "role": role.as_str() }),
            ),
        )?;
        audit::append(
            tx,
            local_event(
                "token.create",
                name,
                serde_json::json!({ "token_id": token_id }),
            ),
        )?;
        Ok(token)
    })
    .map_err(api_err)
}

/// Issues a new token for `user` labelled `label`, revoking earlier tokens with the same
/// label so repeated `sandbox up` runs do not pile up live tokens.
pub fn mint_token(db: &Db, user: &str, label: &str) -> Result<String> {
    db.write(|tx| {
        let id: i64 = tx
            .query_row("SELECT id FROM users WHERE name = ?1", [user], |r| r.get(0))
            .map_err(|_| super::http::ApiError::not_found(format!("no user {user:?}")))?;
        tx.execute(
            "UPDATE tokens SET revoked_at = ?1 WHERE user_id = ?2 AND label = ?3 AND revoked_at IS NULL",
            rusqlite::params![crate::timeutil::now_rfc3339(), id, label],
        )?;
        let (token_id, token) = tokens::issue_token(tx, id, label, None)?;
        audit::append(
            tx,
            local_event("token.create", user, serde_json::json!({ "token_id": token_id, "label": label })),
        )?;
        Ok(token)
    })
    .map_err(api_err)
}
