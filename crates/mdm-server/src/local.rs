//! Local administration of a sandbox database by the CLI on the same machine (`mdm sandbox
//! up`, `mdm sandbox user add`): whoever can write the server's database owns the server
//! anyway, so these work without a token, and each change is an audit event.

use super::audit::{self, NewEvent};
use super::authz::Role;
use super::db::Db;
use super::tokens;
use std::path::Path;

/// The database file's name inside a server's data directory.
pub use super::db::DB_FILE;

/// What a local administration step failed with; the CLI maps `kind` to its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalErrorKind {
    Usage,
    NotFound,
    Failure,
}

#[derive(Debug)]
pub struct LocalError {
    pub kind: LocalErrorKind,
    pub message: String,
    pub hint: Option<String>,
    /// The underlying cause, as text.
    pub cause: Option<String>,
}

impl LocalError {
    pub fn failure(message: impl Into<String>) -> Self {
        LocalError {
            kind: LocalErrorKind::Failure,
            message: message.into(),
            hint: None,
            cause: None,
        }
    }

    /// The configuration (or a file it names) is wrong: exit 2 at the command line.
    pub fn usage(message: impl Into<String>) -> Self {
        LocalError {
            kind: LocalErrorKind::Usage,
            ..LocalError::failure(message)
        }
    }

    fn not_found(message: impl Into<String>) -> Self {
        LocalError {
            kind: LocalErrorKind::NotFound,
            ..LocalError::failure(message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_source(mut self, e: &dyn std::error::Error) -> Self {
        self.cause = Some(e.to_string());
        self
    }
}

impl std::fmt::Display for LocalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LocalError {}

pub type Result<T> = std::result::Result<T, LocalError>;
type Error = LocalError;

/// In a sandbox's data directory: where its PostgreSQL database is (`sandbox serve
/// --database`), so the sandbox's local commands open it too. No secret: the password
/// stays in the file it names.
pub const POSTGRES_POINTER: &str = "postgres.json";

/// The pointer file's content.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct PostgresPointer {
    pub url: String,
    pub password_file: Option<std::path::PathBuf>,
}

/// The PostgreSQL database of the sandbox in `dir` (see `POSTGRES_POINTER`), with the
/// keys kept beside the pointer.
pub fn postgres_of(dir: &Path) -> Result<Option<crate::gateway::Database>> {
    let text = match std::fs::read_to_string(dir.join(POSTGRES_POINTER)) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(
                Error::failure("cannot read the sandbox's database pointer").with_source(&e)
            );
        }
    };
    let p: PostgresPointer = serde_json::from_str(&text).map_err(|e| {
        Error::failure(format!(
            "{} is not a database pointer",
            dir.join(POSTGRES_POINTER).display()
        ))
        .with_source(&e)
    })?;
    let env = |k: &str| std::env::var(k).ok();
    let password = match &p.password_file {
        Some(f) => Some(crate::gateway::secrets::read_secret_file(
            "password_file",
            f,
            dir,
            &env,
        )?),
        None => None,
    };
    let checkpoint = crate::seedbox::read_key_as("checkpoint key", &dir.join("checkpoint.key"))
        .map_err(Error::failure)?
        .ok_or_else(|| Error::failure("the sandbox's checkpoint key is missing"))?;
    Ok(Some(crate::gateway::Database::Postgres(Box::new(
        crate::gateway::PostgresConfig {
            url: p.url,
            password,
            ca_pem: None,
            totp_key_file: dir.join(crate::seedbox::KEY_FILE),
            checkpoint_key: crate::backend::intune::SecretValue::new(hex::encode(checkpoint)),
        },
    ))))
}

/// Opens an existing sandbox database; never creates one.
pub fn open_existing(dir: &Path) -> Result<Db> {
    if let Some(db) = postgres_of(dir)? {
        return db
            .open()
            .map_err(|e| Error::failure("cannot open the sandbox database").with_source(&e));
    }
    if !dir.join(DB_FILE).exists() {
        return Err(
            Error::failure(format!("no sandbox database in {}", dir.display()))
                .with_hint("start the sandbox first: `mdm sandbox up` (or `mdm sandbox serve`)"),
        );
    }
    Db::open(dir).map_err(|e| Error::failure("cannot open the sandbox database").with_source(&e))
}

/// Opens an existing gateway database file; never creates one (`gateway user add`).
pub fn open_existing_file(path: &Path, start_hint: &str) -> Result<Db> {
    if !path.exists() {
        return Err(
            Error::failure(format!("no gateway database at {}", path.display()))
                .with_hint(start_hint.to_string()),
        );
    }
    Db::open_file(path, None)
        .map_err(|e| Error::failure("cannot open the gateway database").with_source(&e))
}

fn api_err(e: super::http::ApiError) -> Error {
    let kind = match e.status.as_u16() {
        400 => LocalErrorKind::Usage,
        404 => LocalErrorKind::NotFound,
        _ => LocalErrorKind::Failure,
    };
    LocalError {
        kind,
        message: e.message,
        hint: None,
        cause: None,
    }
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

/// A new user's secrets, shown once by the caller.
pub struct NewUser {
    pub token: String,
    pub otpauth_uri: String,
}

/// Creates a user, its first token (optionally expiring) and an active TOTP enrollment.
pub fn add_user(db: &Db, name: &str, role: Role, expires_at: Option<i64>) -> Result<NewUser> {
    db.write(|tx| {
        let instance = super::db::meta_get(tx, "instance_id")?.unwrap_or_default();
        let id = tokens::create_user(tx, name, role)?;
        let (token_id, token) =
            tokens::issue_token(tx, id, "created by mdm sandbox user add", expires_at)?;
        let otpauth_uri = super::totp_store::enroll_active(tx, id, name, &instance)?;
        audit::append(
            tx,
            local_event("user.create", name, serde_json::json!({ "role": role.as_str() })),
        )?;
        audit::append(
            tx,
            local_event(
                "token.create",
                name,
                serde_json::json!({ "token_id": token_id, "expires_at": expires_at.map(mdm_model::time::unix_to_rfc3339) }),
            ),
        )?;
        audit::append(tx, local_event("mfa.enrolled", name, serde_json::Value::Null))?;
        Ok(NewUser { token, otpauth_uri })
    })
    .map_err(api_err)
}

/// Enrolls `user` in TOTP if not enrolled yet; returns the otpauth URI when it did.
pub fn ensure_mfa(db: &Db, user: &str) -> Result<Option<String>> {
    db.write(|tx| {
        let id: i64 = tx
            .query_row("SELECT id FROM users WHERE name = ?1", [user], |r| r.get(0))
            .map_err(|_| super::http::ApiError::not_found(format!("no user {user:?}")))?;
        if super::totp_store::is_enrolled(tx, id)? {
            return Ok(None);
        }
        let instance = super::db::meta_get(tx, "instance_id")?.unwrap_or_default();
        let uri = super::totp_store::enroll_active(tx, id, user, &instance)?;
        audit::append(
            tx,
            local_event("mfa.enrolled", user, serde_json::Value::Null),
        )?;
        Ok(Some(uri))
    })
    .map_err(api_err)
}

/// The code the server accepts at `now` for a seed whose newest accepted step is
/// `last_step`: the current step's, or the next one's when the current step was already
/// used. `None` when both usable steps are spent. Returns (code, seconds it stays valid).
pub fn next_code(secret: &[u8], last_step: i64, now: i64) -> Option<(String, u64)> {
    let now = now.max(0) as u64;
    let step = mdm_model::totp::step_of(now);
    let last = last_step.max(0) as u64;
    let pick = if step > last { step } else { last + 1 };
    if pick > step + u64::from(mdm_model::totp::DRIFT_STEPS) {
        return None;
    }
    let code = mdm_model::totp::code_at(
        secret,
        mdm_model::totp::DIGITS,
        pick * mdm_model::totp::STEP_SECS,
    );
    // Valid while `pick` is within the drift window of the server's clock.
    let valid_until =
        (pick + 1 + u64::from(mdm_model::totp::DRIFT_STEPS)) * mdm_model::totp::STEP_SECS;
    Some((code, valid_until.saturating_sub(now)))
}

/// A code the server will accept now for `user` (see `next_code`), waiting for the next
/// step when both usable ones are spent. Server time is wall time plus the offset the
/// test hooks may have recorded.
pub fn current_code(db: &Db, user: &str) -> Result<(String, u64)> {
    loop {
        let (secret, last_step) = db
            .read(|c| crate::totp_store::seed_of(c, user))
            .ok()
            .flatten()
            .ok_or_else(|| Error::not_found(format!("no sandbox user {user:?}")))?;
        let secret = secret
            .ok_or_else(|| Error::failure(format!("{user} has no authenticator enrolled")))?;
        let offset = db
            .read(|c| super::db::meta_get(c, crate::clock::OFFSET_META))
            .ok()
            .flatten()
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0);
        let now = mdm_model::time::now_unix() + offset;
        if let Some(found) = next_code(&secret, last_step, now) {
            return Ok(found);
        }
        // Both usable steps are spent: wait for the clock to move on.
        let now = now.max(0) as u64;
        let wait = (mdm_model::totp::step_of(now) + 1) * mdm_model::totp::STEP_SECS - now;
        std::thread::sleep(std::time::Duration::from_secs(wait.max(1)));
    }
}

/// The instance id of the sandbox database.
pub fn instance_id(db: &Db) -> Result<String> {
    db.read(|c| super::db::meta_get(c, "instance_id"))
        .map_err(|e| Error::failure("cannot read the sandbox database").with_source(&e))?
        .ok_or_else(|| Error::failure("the sandbox database has no instance id"))
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
            crate::sql::params![crate::clock::now_rfc3339(), id, label],
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
