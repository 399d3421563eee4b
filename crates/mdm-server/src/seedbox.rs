//! TOTP seeds at rest: sealed with ChaCha20-Poly1305 (the `ring` AEAD already in the
//! TLS stack) under a 32-byte key kept apart from the database, in a 0600 key file
//! beside it (`totp.key`, created at first start) or wherever the deployment says. The
//! additional data binds a sealed seed to its user row, so seeds cannot be swapped
//! between users. A database copied without its key yields no seed; a server given
//! the wrong key refuses to start.

use crate::sql::Connection;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

/// The key file's name beside the database, unless configured elsewhere.
pub const KEY_FILE: &str = "totp.key";
/// Marks a sealed value: `enc1:` and base64url of nonce ‖ ciphertext ‖ tag.
pub const PREFIX: &str = "enc1:";

static KEYS: LazyLock<Mutex<HashMap<PathBuf, [u8; 32]>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

fn canon(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

fn failure(msg: String) -> crate::sql::Error {
    crate::sql::Error::Unusable(msg)
}

fn read_key(path: &Path) -> Result<Option<[u8; 32]>, String> {
    read_key_as("TOTP key", path)
}

/// Reads the 32-byte key (64 hex digits) in the `what` file at `path`; `None` if missing.
pub fn read_key_as(what: &str, path: &Path) -> Result<Option<[u8; 32]>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(format!(
                "cannot read the {what} file {}: {e}",
                path.display()
            ));
        }
    };
    let bytes = hex::decode(text.trim())
        .ok()
        .filter(|b| b.len() == 32)
        .ok_or_else(|| {
            format!(
                "the {what} file {} is not 64 hex digits (32 bytes)",
                path.display()
            )
        })?;
    let mut key = [0u8; 32];
    key.copy_from_slice(&bytes);
    Ok(Some(key))
}

fn create_key(path: &Path) -> Result<[u8; 32], String> {
    create_key_as("TOTP key", path)
}

fn create_key_as(what: &str, path: &Path) -> Result<[u8; 32], String> {
    use std::io::Write;
    let mut key = [0u8; 32];
    rand::fill(&mut key);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(path)
        .map_err(|e| format!("cannot create the {what} file {}: {e}", path.display()))?;
    writeln!(f, "{}", hex::encode(key))
        .and_then(|()| f.sync_all())
        .map_err(|e| format!("cannot write the {what} file {}: {e}", path.display()))?;
    Ok(key)
}

/// Makes the key file at `path` unless there is one (the sandbox on PostgreSQL: its
/// replicas on one machine share the key in their data directory).
pub fn ensure_key_file(what: &str, path: &Path) -> Result<[u8; 32], String> {
    match read_key_as(what, path)? {
        Some(k) => Ok(k),
        None => create_key_as(what, path),
    }
}

fn cipher(key: &[u8; 32]) -> LessSafeKey {
    LessSafeKey::new(UnboundKey::new(&CHACHA20_POLY1305, key).expect("a 32-byte key"))
}

fn aad(user_id: i64) -> String {
    format!("mdm totp seed of user {user_id}")
}

fn seal_with(key: &[u8; 32], user_id: i64, seed: &[u8]) -> String {
    let mut nonce = [0u8; NONCE_LEN];
    rand::fill(&mut nonce);
    let mut buf = seed.to_vec();
    let ad = aad(user_id);
    cipher(key)
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(ad.as_bytes()),
            &mut buf,
        )
        .expect("sealing a seed");
    let mut out = nonce.to_vec();
    out.extend_from_slice(&buf);
    use base64::Engine;
    format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(out)
    )
}

fn open_with(key: &[u8; 32], user_id: i64, stored: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(stored.strip_prefix(PREFIX)?)
        .ok()?;
    if raw.len() < NONCE_LEN {
        return None;
    }
    let (nonce, body) = raw.split_at(NONCE_LEN);
    let mut body = body.to_vec();
    let ad = aad(user_id);
    let plain = cipher(key)
        .open_in_place(
            Nonce::try_assume_unique_for_key(nonce).ok()?,
            Aad::from(ad.as_bytes()),
            &mut body,
        )
        .ok()?;
    Some(plain.to_vec())
}

fn key_of(conn: &Connection) -> crate::sql::Result<[u8; 32]> {
    let path = conn.path().filter(|p| !p.is_empty()).map(Path::new);
    let keys = KEYS.lock().unwrap_or_else(|e| e.into_inner());
    let found = match path {
        Some(p) => keys.get(&canon(p)).copied(),
        // An in-memory database (unit tests): one key for the process.
        None => keys.get(Path::new("")).copied(),
    };
    drop(keys);
    match (found, path) {
        (Some(k), _) => Ok(k),
        (None, None) => {
            let mut k = [0u8; 32];
            rand::fill(&mut k);
            let mut keys = KEYS.lock().unwrap_or_else(|e| e.into_inner());
            Ok(*keys.entry(PathBuf::new()).or_insert(k))
        }
        (None, Some(p)) => Err(failure(format!(
            "no TOTP key was loaded for {}",
            p.display()
        ))),
    }
}

/// Seals `seed` for `user_id` under the database's key.
pub fn seal(conn: &Connection, user_id: i64, seed: &[u8]) -> crate::sql::Result<String> {
    Ok(seal_with(&key_of(conn)?, user_id, seed))
}

/// The seed of a sealed value, or `None` (not sealed, or not by this key for this user).
pub fn open(conn: &Connection, user_id: i64, stored: &str) -> crate::sql::Result<Option<Vec<u8>>> {
    Ok(open_with(&key_of(conn)?, user_id, stored))
}

/// At start: loads the key (`key_file`, else `totp.key` beside `db_file`), creating it
/// when the database holds no sealed seed yet; refuses a missing or wrong key for a
/// database that has sealed seeds; seals any plaintext seed left from before.
pub fn prepare(
    conn: &Connection,
    db_file: &Path,
    key_file: Option<&Path>,
) -> crate::sql::Result<()> {
    let key_path = key_file
        .map(Path::to_path_buf)
        .unwrap_or_else(|| db_file.parent().unwrap_or(Path::new(".")).join(KEY_FILE));
    let name = db_file.to_string_lossy();
    prepare_with(conn, &name, &key_path, true)
}

/// `prepare` for the database `name` (its file, or its URL without the password),
/// with the key at `key_path`; a missing key file is made only when `may_create`.
pub fn prepare_with(
    conn: &Connection,
    name: &str,
    key_path: &Path,
    may_create: bool,
) -> crate::sql::Result<()> {
    let key_path = key_path.to_path_buf();
    let rows: Vec<(i64, Option<String>, Option<String>)> = {
        let mut stmt = conn.prepare(
            "SELECT id, totp_secret, totp_pending FROM users
             WHERE totp_secret IS NOT NULL OR totp_pending IS NOT NULL",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<crate::sql::Result<_>>()?
    };
    let sealed = |v: &Option<String>| v.as_deref().is_some_and(|s| s.starts_with(PREFIX));
    let any_sealed = rows.iter().any(|(_, s, p)| sealed(s) || sealed(p));
    let key = match read_key(&key_path).map_err(failure)? {
        Some(k) => k,
        None if any_sealed => {
            return Err(failure(format!(
                "the TOTP seeds in this database are encrypted and their key file {} is missing: \
                 restore it (a database copied without its key yields no seed)",
                key_path.display()
            )));
        }
        None if may_create => create_key(&key_path).map_err(failure)?,
        None => {
            return Err(failure(format!(
                "the TOTP key file {} does not exist: every replica reads the same key \
                 (64 hex digits, mode 0600); make one with `openssl rand -hex 32`",
                key_path.display()
            )));
        }
    };
    for (id, s, p) in &rows {
        for v in [s, p].into_iter().flatten() {
            if v.starts_with(PREFIX) && open_with(&key, *id, v).is_none() {
                return Err(failure(format!(
                    "the TOTP key in {} does not decrypt the seeds in this database \
                     (a different key?): refusing to start",
                    key_path.display()
                )));
            }
        }
    }
    // Plaintext seeds from before encryption: sealed now.
    for (id, s, p) in rows {
        for (col, v) in [("totp_secret", s), ("totp_pending", p)] {
            if let Some(v) = v.filter(|v| !v.starts_with(PREFIX))
                && let Some(seed) = mdm_model::totp::from_base32(&v)
            {
                conn.execute(
                    &format!("UPDATE users SET {col} = ?1 WHERE id = ?2"),
                    crate::sql::params![seal_with(&key, id, &seed), id],
                )?;
            }
        }
    }
    KEYS.lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(canon(Path::new(name)), key);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_seed_opens_only_with_its_key_and_user() {
        let k = [7u8; 32];
        let s = seal_with(&k, 1, b"seed bytes");
        assert!(s.starts_with(PREFIX));
        assert!(mdm_model::totp::from_base32(&s).is_none());
        assert_eq!(open_with(&k, 1, &s).as_deref(), Some(&b"seed bytes"[..]));
        assert!(open_with(&k, 2, &s).is_none());
        assert!(open_with(&[8u8; 32], 1, &s).is_none());
    }
}
