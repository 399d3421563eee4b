//! The server's Ed25519 key and its signed checkpoints of the audit chain. On SQLite the
//! key is made at first start and kept in the server's own database; replicas on
//! PostgreSQL share one key from the gateway's secret sources (`[keys]`), never stored
//! in the database, and a replica whose key did not sign the checkpoints already there
//! refuses to start (`install`).

use crate::sql::{Connection, OptionalExtension, params};
use ed25519_dalek::{Signer, SigningKey};
use mdm_model::audit::{Checkpoint, GENESIS, key_id};

pub fn signing_key(conn: &Connection) -> crate::sql::Result<SigningKey> {
    if let Some(key) = stored_key(conn)? {
        return Ok(key);
    }
    let mut seed = [0u8; 32];
    rand::fill(&mut seed);
    super::db::meta_set(conn, "audit_signing_key", &hex::encode(seed))?;
    Ok(SigningKey::from_bytes(&seed))
}

fn row(r: &crate::sql::Row<'_>) -> crate::sql::Result<Checkpoint> {
    Ok(Checkpoint {
        instance_id: r.get(0)?,
        tree_size: r.get::<_, i64>(1)? as u64,
        head_hash: r.get(2)?,
        time: r.get(3)?,
        public_key: r.get(4)?,
        key_id: r.get(5)?,
        signature: r.get(6)?,
    })
}

const COLUMNS: &str = "instance_id, tree_size, head_hash, time, public_key, key_id, signature";

fn head(conn: &Connection) -> crate::sql::Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, GENESIS.to_string())))
}

fn stored(conn: &Connection, size: i64, head: &str) -> crate::sql::Result<Option<Checkpoint>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM audit_checkpoints WHERE tree_size = ?1 AND head_hash = ?2"),
        params![size, head],
        row,
    )
    .optional()
}

/// The checkpoint already signed for the current head, if there is one.
pub fn current_stored(conn: &Connection) -> crate::sql::Result<Option<Checkpoint>> {
    let (size, head) = head(conn)?;
    stored(conn, size, &head)
}

/// A checkpoint of the current head, answered on a reader: the stored one, or one signed
/// now with the stored key and not kept (`store_new_head` keeps one per new head on the
/// server's own schedule). `None` only before the key exists (first start): the caller
/// then signs on the writer. The key is read each time, never cached: a key replaced in
/// the database is the one used (and refused by clients that pinned the old one).
pub fn current_on_reader(
    conn: &Connection,
    instance_id: &str,
) -> crate::sql::Result<Option<Checkpoint>> {
    let (size, head) = head(conn)?;
    if let Some(cp) = stored(conn, size, &head)? {
        return Ok(Some(cp));
    }
    Ok(stored_key(conn)?.map(|key| sign(&key, instance_id, size, head)))
}

/// Configured keys, by database (`Connection::path`).
static CONFIGURED: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashMap<String, [u8; 32]>>,
> = std::sync::LazyLock::new(Default::default);

/// Makes `seed` the signing key of the database on `conn` (named `name`), after checking
/// that every checkpoint stored there was signed by it (and that the database holds no
/// other key of its own): a replica with another key would fork the signed history.
pub fn install(conn: &Connection, name: &str, seed: [u8; 32]) -> crate::sql::Result<()> {
    let key = SigningKey::from_bytes(&seed);
    let ours = hex::encode(key.verifying_key().to_bytes());
    let theirs: Vec<String> = {
        let mut stmt = conn.prepare("SELECT DISTINCT public_key FROM audit_checkpoints")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<crate::sql::Result<_>>()?
    };
    let in_db = super::db::meta_get(conn, "audit_signing_key")?;
    if let Some(other) = theirs.iter().find(|k| **k != ours) {
        return Err(crate::sql::Error::Unusable(format!(
            "the checkpoint key does not match the checkpoints in the database (they were \
             signed by key {}, this key is {}): every replica needs the same \
             checkpoint_key; refusing to start",
            key_id(&hex::decode(other).unwrap_or_default()),
            key_id(&key.verifying_key().to_bytes())
        )));
    }
    if in_db.is_some() {
        return Err(crate::sql::Error::Unusable(
            "the database holds a checkpoint key of its own (it was an SQLite gateway's?); \
             refusing to replace it"
                .into(),
        ));
    }
    CONFIGURED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(name.to_string(), seed);
    Ok(())
}

fn stored_key(conn: &Connection) -> crate::sql::Result<Option<SigningKey>> {
    if let Some(name) = conn.path()
        && let Some(seed) = CONFIGURED
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(name)
    {
        return Ok(Some(SigningKey::from_bytes(seed)));
    }
    Ok(super::db::meta_get(conn, "audit_signing_key")?
        .and_then(|h| hex::decode(h).ok())
        .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
        .map(|arr| SigningKey::from_bytes(&arr)))
}

fn sign(key: &SigningKey, instance_id: &str, size: i64, head: String) -> Checkpoint {
    let pk = key.verifying_key().to_bytes();
    let mut cp = Checkpoint {
        instance_id: instance_id.to_string(),
        tree_size: size as u64,
        head_hash: head,
        time: crate::clock::now_rfc3339(),
        public_key: hex::encode(pk),
        key_id: key_id(&pk),
        signature: String::new(),
    };
    cp.signature = hex::encode(key.sign(&cp.signed_message()).to_bytes());
    cp
}

/// Signs the current head of the chain, storing the checkpoint unless one for the same
/// size exists already.
pub fn current(conn: &Connection, instance_id: &str) -> crate::sql::Result<Checkpoint> {
    let (size, head) = head(conn)?;
    if let Some(cp) = stored(conn, size, &head)? {
        return Ok(cp);
    }
    let cp = sign(&signing_key(conn)?, instance_id, size, head);
    conn.execute(
        "INSERT INTO audit_checkpoints(instance_id, tree_size, head_hash, time, public_key, key_id, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![cp.instance_id, cp.tree_size as i64, cp.head_hash, cp.time, cp.public_key, cp.key_id, cp.signature],
    )?;
    Ok(cp)
}

/// The server's own schedule: when the chain has grown since the last stored
/// checkpoint, signs and stores one for its head (a short background write; checked on
/// a reader first, so an idle chain costs no write). Returns the new size, if any.
pub fn store_new_head(db: &crate::db::Db, instance_id: &str) -> crate::sql::Result<Option<u64>> {
    if db.read(current_stored)?.is_some() {
        return Ok(None);
    }
    db.write_bg(|tx| {
        let had = current_stored(tx)?.is_some();
        let cp = current(tx, instance_id)?;
        Ok((!had).then_some(cp.tree_size))
    })
}

pub fn all(conn: &Connection) -> crate::sql::Result<Vec<Checkpoint>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM audit_checkpoints ORDER BY tree_size, rowid"
    ))?;
    stmt.query_map([], row)?.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader answers a head that is already signed; a new head has no stored
    /// checkpoint until the writer signs one, and that is the one readers then get.
    #[test]
    fn a_signed_head_is_answered_without_the_writer() {
        let db = crate::db::TempDb::new("checkpoint");
        let append = |action: &str| {
            let ev = crate::audit::NewEvent {
                actor: "t".into(),
                action: action.into(),
                outcome: "success".into(),
                ..Default::default()
            };
            db.write(|tx| crate::audit::append(tx, ev)).unwrap();
        };
        append("test.one");
        assert!(db.read(current_stored).unwrap().is_none(), "not signed yet");
        let signed = db.write(|tx| current(tx, "i")).unwrap();
        let read = db.read(current_stored).unwrap().expect("signed now");
        assert_eq!(read.signature, signed.signature);
        assert_eq!(read.tree_size, signed.tree_size);
        append("test.two");
        assert!(
            db.read(current_stored).unwrap().is_none(),
            "a new head needs a new signature"
        );
    }

    /// A new head is signed on a reader while a long write holds the writer, with the
    /// stored key and without being kept; the server's own schedule keeps one per new
    /// head, once; before the key exists a reader cannot sign.
    #[test]
    fn a_new_head_is_signed_on_a_reader_and_kept_on_the_servers_schedule() {
        let db = crate::db::TempDb::new("checkpoint");
        let ev = crate::audit::NewEvent {
            actor: "t".into(),
            action: "test.one".into(),
            outcome: "success".into(),
            ..Default::default()
        };
        db.write(|tx| crate::audit::append(tx, ev)).unwrap();
        assert!(
            db.read(|c| current_on_reader(c, "i")).unwrap().is_none(),
            "no key yet: the writer makes it"
        );
        let first = db.write(|tx| current(tx, "i")).unwrap();
        let ev = crate::audit::NewEvent {
            actor: "t".into(),
            action: "test.two".into(),
            outcome: "success".into(),
            ..Default::default()
        };
        db.write(|tx| crate::audit::append(tx, ev)).unwrap();
        let (held, release) = (std::sync::Barrier::new(2), std::sync::Barrier::new(2));
        let cp = std::thread::scope(|s| {
            s.spawn(|| {
                db.write(|_tx| {
                    held.wait();
                    release.wait();
                    Ok::<_, crate::sql::Error>(())
                })
                .unwrap()
            });
            held.wait();
            let cp = db.read(|c| current_on_reader(c, "i")).unwrap();
            release.wait();
            cp
        })
        .expect("signed with the stored key");
        assert_eq!(cp.tree_size, 2);
        assert!(cp.signature_ok());
        assert_eq!(cp.public_key, first.public_key);
        assert_eq!(db.read(all).unwrap().len(), 1, "a reader keeps nothing");
        assert_eq!(store_new_head(&db, "i").unwrap(), Some(2));
        assert_eq!(store_new_head(&db, "i").unwrap(), None, "once per head");
        let kept = db.read(all).unwrap();
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[1].head_hash, cp.head_hash);
    }
}
