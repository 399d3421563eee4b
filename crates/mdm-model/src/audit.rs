//! The canonical encoding and hash of audit events, shared by the server that writes the
//! chain and the CLI that verifies it.
//!
//! Canonical form: the event as a JSON object without `hash`, keys sorted by byte order at
//! every level, no whitespace, strings escaped as serde_json does (RFC 8785-compatible for
//! the integer-only values events hold). `hash = hex(sha256(canonical))`; the previous
//! event's hash is inside the object as `prev_hash`, which chains the events.

use crate::types::AuditEvent;
use serde_json::Value;
use sha2::{Digest, Sha256};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Writes `v` canonically: object keys sorted, whatever serde_json's map order is.
pub fn canonical_json(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push(b'{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, k).expect("strings serialize");
                out.push(b':');
                canonical_json(&map[k.as_str()], out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical_json(item, out);
            }
            out.push(b']');
        }
        other => serde_json::to_writer(&mut *out, other).expect("scalars serialize"),
    }
}

/// The canonical bytes of an event (its `hash` field left out).
pub fn canonical_bytes(ev: &AuditEvent) -> Vec<u8> {
    let mut v = serde_json::to_value(ev).expect("events serialize");
    if let Value::Object(m) = &mut v {
        m.remove("hash");
    }
    let mut out = Vec::with_capacity(512);
    canonical_json(&v, &mut out);
    out
}

pub fn hash_bytes(canonical: &[u8]) -> String {
    hex::encode(Sha256::digest(canonical))
}

pub fn event_hash(ev: &AuditEvent) -> String {
    hash_bytes(&canonical_bytes(ev))
}

/// A signed statement by the server: "the log had `tree_size` events, the last one
/// hashing to `head_hash`".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Checkpoint {
    pub instance_id: String,
    pub tree_size: u64,
    pub head_hash: String,
    /// RFC 3339.
    pub time: String,
    /// Hex of the Ed25519 public key that signed it.
    pub public_key: String,
    /// First 16 hex digits of SHA-256 of the public key.
    pub key_id: String,
    /// Hex of the Ed25519 signature over `signed_message()`.
    pub signature: String,
}

impl Checkpoint {
    /// The exact bytes signed: a versioned, line-based text (no JSON ambiguity).
    pub fn signed_message(&self) -> Vec<u8> {
        format!(
            "mdm-audit-checkpoint/v1\n{}\n{}\n{}\n{}\n",
            self.instance_id, self.tree_size, self.head_hash, self.time
        )
        .into_bytes()
    }

    /// Checks the signature against the embedded public key.
    pub fn signature_ok(&self) -> bool {
        use ed25519_dalek::Verifier;
        let (Ok(pk), Ok(sig)) = (hex::decode(&self.public_key), hex::decode(&self.signature))
        else {
            return false;
        };
        let (Ok(pk), Ok(sig)) = (
            <[u8; 32]>::try_from(pk.as_slice()),
            <[u8; 64]>::try_from(sig.as_slice()),
        ) else {
            return false;
        };
        let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&pk) else {
            return false;
        };
        key.verify(
            &self.signed_message(),
            &ed25519_dalek::Signature::from_bytes(&sig),
        )
        .is_ok()
            && key_id(&pk) == self.key_id
    }
}

pub fn key_id(public_key: &[u8]) -> String {
    hex::encode(&Sha256::digest(public_key)[..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_sorts_keys_at_every_level() {
        let v: Value =
            serde_json::from_str(r#"{"b":1,"a":{"z":"\u001b","y":[{"d":1,"c":2}]}}"#).unwrap();
        let mut out = Vec::new();
        canonical_json(&v, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":{"y":[{"c":2,"d":1}],"z":"\u001b"},"b":1}"#
        );
    }
}
