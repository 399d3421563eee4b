//! Verifying the server's audit log: recompute the hash chain from the first event,
//! check every signed checkpoint, and check that every checkpoint this CLI saw before
//! (pinned per context in the state dir) is still a prefix of today's chain — so even a
//! server that rewrote its history and re-signed it with its own key is caught.

use super::scan;
use crate::api::{Api, ChainPurpose};
use crate::config::Dirs;
use crate::error::{Error, Result};
use mdm_model::audit::{Checkpoint, GENESIS};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::BTreeMap;

use std::path::PathBuf;

/// What the CLI remembers about a server's log (no secrets: public data only).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Pins {
    pub server: String,
    /// The first public key seen (trust on first use).
    #[serde(default)]
    pub public_key: Option<String>,
    #[serde(default)]
    pub checkpoints: Vec<Checkpoint>,
}

fn pins_path(dirs: &Dirs, context: &str, server: &str) -> PathBuf {
    let h = hex::encode(&Sha256::digest(format!("{context}\n{server}").as_bytes())[..8]);
    dirs.state.join("audit").join(format!("{context}-{h}.json"))
}

pub fn load_pins(dirs: &Dirs, context: &str, server: &str) -> Pins {
    std::fs::read(pins_path(dirs, context, server))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Pins {
            server: server.to_string(),
            ..Pins::default()
        })
}

fn save_pins(dirs: &Dirs, context: &str, pins: &Pins) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(pins).expect("serializes");
    crate::config::write_atomic(&pins_path(dirs, context, &pins.server), &bytes, 0o600)
}

/// Pins a checkpoint whose signature checked out. Keeps the most recent 500.
pub fn pin(dirs: &Dirs, context: &str, server: &str, cp: &Checkpoint) -> Result<()> {
    let mut pins = load_pins(dirs, context, server);
    if pins.public_key.is_none() {
        pins.public_key = Some(cp.public_key.clone());
    }
    if !pins
        .checkpoints
        .iter()
        .any(|p| p.tree_size == cp.tree_size && p.head_hash == cp.head_hash)
    {
        pins.checkpoints.push(cp.clone());
        pins.checkpoints.sort_by_key(|p| p.tree_size);
        let n = pins.checkpoints.len();
        if n > 500 {
            pins.checkpoints.drain(..n - 500);
        }
    }
    save_pins(dirs, context, &pins)
}

/// Fetches a fresh checkpoint, checks it against the pinned key, and pins it (done at
/// every `audit log/export/verify`).
pub fn fetch_and_pin(
    api: &dyn Api,
    dirs: &Dirs,
    context: &str,
    server: &str,
) -> Result<Checkpoint> {
    let cp = api.audit_checkpoint()?;
    if !cp.signature_ok() {
        return Err(Error::failure(
            "the server's audit checkpoint has an invalid signature",
        ));
    }
    let pins = load_pins(dirs, context, server);
    if let Some(k) = &pins.public_key
        && *k != cp.public_key
    {
        return Err(Error::failure(
            "the server signs its audit log with a different key than before",
        )
        .with_cause(format!(
            "pinned key {}…, now {}…",
            &k[..16.min(k.len())],
            &cp.public_key[..16.min(cp.public_key.len())]
        ))
        .with_hint(
            "a server that rewrote its history would do this; investigate before trusting the log",
        ));
    }
    pin(dirs, context, server, &cp)?;
    Ok(cp)
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub events: u64,
    pub head_hash: String,
    pub checkpoints_checked: usize,
    pub pins_checked: usize,
    pub public_key: String,
}

/// The fields of a chained event that verify checks, borrowed from the line (a `Cow`
/// owns only a string that had escapes), so a million events cost no allocations.
#[derive(Deserialize, Debug, PartialEq)]
struct Link<'a> {
    id: i64,
    #[serde(borrow)]
    prev_hash: Cow<'a, str>,
    #[serde(default, borrow)]
    time: Cow<'a, str>,
    #[serde(default, borrow)]
    actor: Cow<'a, str>,
    #[serde(default, borrow)]
    action: Cow<'a, str>,
    #[serde(default, borrow)]
    outcome: Cow<'a, str>,
    #[serde(default, borrow)]
    target: LinkTarget<'a>,
}

#[derive(Deserialize, Default, Debug, PartialEq)]
struct LinkTarget<'a> {
    #[serde(default, borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    ids: Vec<Cow<'a, str>>,
}

impl<'a> Link<'a> {
    /// The fields of a line the scanner reads without surprise (`None`: read it with
    /// `serde_json`, which then says what is wrong with it, if anything).
    fn scanned(line: &'a [u8]) -> Option<Link<'a>> {
        let s = scan::scan(line)?;
        let text = |k| s.plain_str(k).map(|v| Cow::Borrowed(v.unwrap_or("")));
        let target = match s.get("target") {
            None => LinkTarget::default(),
            Some(v) => {
                let t = scan::members(v)?;
                LinkTarget {
                    kind: match t.get("kind") {
                        None | Some(b"null") => None,
                        Some(k) => Some(Cow::Borrowed(scan::plain_str(k)?)),
                    },
                    ids: match t.get("ids") {
                        None => Vec::new(),
                        Some(v) => scan::plain_strs(v)?.map(Cow::Borrowed).collect(),
                    },
                }
            }
        };
        Some(Link {
            id: scan::int(s.get("id")?)?,
            prev_hash: Cow::Borrowed(scan::plain_str(s.get("prev_hash")?)?),
            time: text("time")?,
            actor: text("actor")?,
            action: text("action")?,
            outcome: text("outcome")?,
            target,
        })
    }

    /// The index line the server writes for this event when the index agrees, into
    /// `out`: `{"action","actor","devices"(sorted, once each),"id","outcome","ts"}`.
    /// For a scanned link only (its strings need no escape); `None` for a time in
    /// another form than the server's, which the general path reads.
    fn index_line_into(&mut self, out: &mut Vec<u8>) -> Option<()> {
        let ts = scan::unix_seconds(&self.time)?;
        out.clear();
        let text = |out: &mut Vec<u8>, s: &str| {
            out.push(b'"');
            out.extend_from_slice(s.as_bytes());
            out.push(b'"');
        };
        out.extend_from_slice(b"{\"action\":");
        text(out, &self.action);
        out.extend_from_slice(b",\"actor\":");
        text(out, &self.actor);
        out.extend_from_slice(b",\"devices\":[");
        if self.target.kind.as_deref() == Some("device") {
            self.target.ids.sort_unstable();
            let mut last: Option<&str> = None;
            for id in &self.target.ids {
                if last == Some(id.as_ref()) {
                    continue;
                }
                if last.is_some() {
                    out.push(b',');
                }
                text(out, id);
                last = Some(id);
            }
        }
        use std::io::Write as _;
        write!(out, "],\"id\":{},\"outcome\":", self.id).ok()?;
        text(out, &self.outcome);
        write!(out, ",\"ts\":{ts}}}").ok()?;
        Some(())
    }
}

/// One line of the server's index (`GET /v1/audit/index`): what filtered queries see.
#[derive(Deserialize)]
struct IndexLine<'a> {
    id: i64,
    ts: i64,
    #[serde(borrow)]
    actor: Cow<'a, str>,
    #[serde(borrow)]
    action: Cow<'a, str>,
    #[serde(borrow)]
    outcome: Cow<'a, str>,
    #[serde(borrow)]
    devices: Vec<Cow<'a, str>>,
}

/// The first field where the server's index disagrees with the hashed body, if any.
/// The body is the evidence (its hash is chained and signed); the index is what
/// `audit log --actor/--action/--outcome/--device/--since` filters on.
fn index_disagreement(link: &Link<'_>, ix: &IndexLine<'_>) -> Option<String> {
    let esc = mdm_model::escape::terminal;
    let field = |name: &str, indexed: &str, hashed: &str| {
        (indexed != hashed).then(|| {
            format!(
                "the server's index says {name} \"{}\" but the hashed event says \"{}\"",
                esc(indexed),
                esc(hashed)
            )
        })
    };
    if let Some(d) = field("actor", &ix.actor, &link.actor)
        .or_else(|| field("action", &ix.action, &link.action))
        .or_else(|| field("outcome", &ix.outcome, &link.outcome))
    {
        return Some(d);
    }
    let ts = mdm_model::time::parse_rfc3339(&link.time).map(|t| t.unix_timestamp());
    if ts != Some(ix.ts) {
        return Some(format!(
            "the server's index dates it {} but the hashed event says \"{}\"",
            mdm_model::time::unix_to_rfc3339(ix.ts),
            esc(&link.time)
        ));
    }
    let mut want: Vec<&str> = if link.target.kind.as_deref() == Some("device") {
        link.target.ids.iter().map(|c| c.as_ref()).collect()
    } else {
        Vec::new()
    };
    want.sort_unstable();
    want.dedup();
    let mut have: Vec<&str> = ix.devices.iter().map(|c| c.as_ref()).collect();
    have.sort_unstable();
    if have != want {
        let missing: Vec<String> = want
            .iter()
            .filter(|d| !have.contains(d))
            .map(|d| esc(d))
            .collect();
        let extra: Vec<String> = have
            .iter()
            .filter(|d| !want.contains(d))
            .map(|d| esc(d))
            .collect();
        return Some(format!(
            "the server's device links disagree with the hashed event (missing: [{}], not in the event: [{}])",
            missing.join(", "),
            extra.join(", ")
        ));
    }
    None
}

fn bad(event: u64, why: impl Into<String>) -> Error {
    Error::failure(format!(
        "the audit log does not verify: the first bad event is #{event}"
    ))
    .with_cause(why.into())
    .with_hint("the log was altered after it was written; keep this output as evidence")
}

/// Verifies the whole chain up to a fresh signed checkpoint.
pub fn verify(api: &dyn Api, dirs: &Dirs, context: &str, server: &str) -> Result<Report> {
    let pins_before = load_pins(dirs, context, server);
    let head = fetch_and_pin(api, dirs, context, server)?;
    // Every checkpoint must be signed by the same key, and agree with the chain.
    let mut expected: BTreeMap<u64, Vec<(String, &'static str)>> = BTreeMap::new();
    let stored = api.audit_checkpoints()?;
    for cp in &stored {
        if !cp.signature_ok() || cp.public_key != head.public_key {
            return Err(Error::failure(format!(
                "checkpoint at {} events has a bad signature or another key",
                cp.tree_size
            )));
        }
        expected
            .entry(cp.tree_size)
            .or_default()
            .push((cp.head_hash.clone(), "a checkpoint the server signed"));
    }
    for p in &pins_before.checkpoints {
        if p.tree_size > head.tree_size {
            return Err(bad(
                head.tree_size + 1,
                format!(
                    "the log has {} events, but a checkpoint pinned at {} showed {} events: it was truncated or rewritten",
                    head.tree_size, p.time, p.tree_size
                ),
            ));
        }
        expected.entry(p.tree_size).or_default().push((
            p.head_hash.clone(),
            "a checkpoint pinned by this CLI earlier",
        ));
    }
    expected
        .entry(head.tree_size)
        .or_default()
        .push((head.head_hash.clone(), "the current signed checkpoint"));
    let chain = api.audit_chain(0, Some(head.tree_size as i64), ChainPurpose::Verify)?;
    // The index is read in lockstep with the chain and checked against it line by line,
    // so filtered queries cannot be blinded by rewriting indexed columns.
    let mut index = api.audit_index(0, head.tree_size as i64)?;
    let mut chain = chain;
    // The previous event's hash as hex, and this one's: fixed buffers, no allocation.
    let mut prev = [0u8; 64];
    prev.copy_from_slice(GENESIS.as_bytes());
    let mut hash = prev;
    let mut n: u64 = 0;
    let (mut line, mut ix_line) = (Vec::with_capacity(4096), Vec::with_capacity(1024));
    let mut want_ix = Vec::with_capacity(1024);
    while chain.next_into(&mut line)? {
        n += 1;
        let (mut link, scanned) = match Link::scanned(&line) {
            Some(l) => (l, true),
            None => (
                serde_json::from_slice(&line)
                    .map_err(|e| bad(n, format!("event #{n} is not valid JSON: {e}")))?,
                false,
            ),
        };
        if link.id != n as i64 {
            return Err(bad(
                n,
                format!(
                    "position {n} holds event id {}: an event was deleted, inserted or moved",
                    link.id
                ),
            ));
        }
        if link.prev_hash.as_bytes() != prev {
            let culprit = n.saturating_sub(1).max(1);
            return Err(bad(
                culprit,
                format!(
                    "event #{n} chains to a different hash than event #{culprit} has: #{culprit} was altered"
                ),
            ));
        }
        hex::encode_to_slice(Sha256::digest(&line), &mut hash)
            .expect("64 hex digits hold a SHA-256");
        if let Some(want) = expected.get(&n) {
            for (h, what) in want {
                if h.as_bytes() != hash {
                    return Err(bad(n, format!("event #{n} does not match {what}")));
                }
            }
        }
        if !index.next_into(&mut ix_line)? {
            return Err(bad(
                n,
                format!(
                    "the server's index has no entry for event #{n}: filtered queries cannot find it"
                ),
            ));
        }
        // The index line as the server writes it when it agrees: then no parse at all.
        if scanned && link.index_line_into(&mut want_ix).is_some() && want_ix == ix_line {
            prev = hash;
            continue;
        }
        let ix: IndexLine = serde_json::from_slice(&ix_line).map_err(|e| {
            bad(
                n,
                format!("the server's index line for event #{n} is unreadable: {e}"),
            )
        })?;
        if ix.id != n as i64 {
            return Err(bad(
                n,
                format!(
                    "the server's index has event id {} where event #{n} should be: filtered queries cannot find #{n}",
                    ix.id
                ),
            ));
        }
        if let Some(why) = index_disagreement(&link, &ix) {
            return Err(bad(n, format!("event #{n}: {why}"))
                .with_hint("the server's index was altered: `audit log` filters (--actor, --action, --device, --since) can hide this event; keep this output as evidence"));
        }
        prev = hash;
    }
    let hash_hex = String::from_utf8_lossy(&hash).into_owned();
    if n != head.tree_size {
        return Err(bad(
            n + 1,
            format!("the server signed {} events but sent {n}", head.tree_size),
        ));
    }
    Ok(Report {
        events: n,
        head_hash: hash_hex,
        checkpoints_checked: stored.len(),
        pins_checked: pins_before.checkpoints.len(),
        public_key: head.public_key,
    })
}

#[cfg(test)]
mod fast_path {
    use super::*;
    use mdm_model::types::{AuditEvent, AuditTarget};
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '"', '\\', '/', '\n', '\t', '\x1b', '\0', '\x7f', '\u{85}', '\u{2028}', '\u{202e}',
            '\u{feff}', 'é', '🚀', ',', ':', '{', '[', ']', '}', 'a', 'z', '0',
        ]);
        prop::collection::vec(prop_oneof![any::<char>(), special.clone(), special], 0..12)
            .prop_map(|v| v.into_iter().collect())
    }

    fn details() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| json!(f)),
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(text(), inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn time() -> impl Strategy<Value = String> {
        prop_oneof![
            (1i64..4_000_000_000).prop_map(mdm_model::time::unix_to_rfc3339),
            (
                1u32..10000,
                0u32..14,
                0u32..33,
                0u32..25,
                0u32..61,
                0u32..61
            )
                .prop_map(|(y, mo, d, h, mi, s)| format!(
                    "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"
                )),
            text(),
        ]
    }

    prop_compose! {
        fn event()(
            id in any::<i64>(),
            time in time(),
            (actor, action, outcome, role) in (text(), text(), text(), text()),
            kind in prop::option::of(prop_oneof![Just("device".to_string()), text()]),
            ids in prop::collection::vec(prop_oneof![text(), Just("dev_a".to_string())], 0..4),
            reason in prop::option::of(text()),
            details in details(),
            prev_hash in prop_oneof![Just(GENESIS.to_string()), text()],
        ) -> AuditEvent {
            AuditEvent {
                id, time, actor, role, elevation_id: None, source_ip: "10.0.0.1".into(),
                user_agent: "mdm/0.1.0".into(), request_id: "req_1".into(), action,
                target: AuditTarget { kind, count: ids.len() as u64, ids, ..Default::default() },
                reason, ticket: None, outcome, breakglass: false, details, prev_hash,
                hash: String::new(),
            }
        }
    }

    /// The index line the server writes for `line`'s event: as serde_json writes a map.
    fn server_index_line(link: &Link<'_>) -> Option<Vec<u8>> {
        let ts = mdm_model::time::parse_rfc3339(&link.time)?.unix_timestamp();
        let mut devices: Vec<&str> = if link.target.kind.as_deref() == Some("device") {
            link.target.ids.iter().map(|c| c.as_ref()).collect()
        } else {
            Vec::new()
        };
        devices.sort_unstable();
        devices.dedup();
        Some(
            serde_json::to_vec(&json!({
                "id": link.id, "ts": ts, "actor": link.actor, "action": link.action,
                "outcome": link.outcome, "devices": devices,
            }))
            .unwrap(),
        )
    }

    /// Whatever the fast path accepts, serde_json reads the same; its index line is
    /// what the server writes, and one the general check accepts.
    fn agrees(line: &[u8]) -> Result<(), TestCaseError> {
        let slow = serde_json::from_slice::<Link>(line);
        let Some(mut fast) = Link::scanned(line) else {
            return Ok(());
        };
        let slow =
            slow.map_err(|e| TestCaseError::fail(format!("scanned what serde refuses: {e}")))?;
        prop_assert_eq!(&fast, &slow);
        let mut ix = Vec::new();
        if fast.index_line_into(&mut ix).is_some() {
            prop_assert_eq!(Some(ix.clone()), server_index_line(&slow));
            let parsed: IndexLine = serde_json::from_slice(&ix).unwrap();
            prop_assert_eq!(index_disagreement(&slow, &parsed), None);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn the_scanner_reads_canonical_events_as_serde_does(ev in event()) {
            let line = mdm_model::audit::canonical_bytes(&ev);
            agrees(&line)?;
            // Plain events take the fast path.
            let plain = |s: &str| !s.chars().any(|c| c == '"' || c == '\\' || c < ' ');
            if [&ev.actor, &ev.action, &ev.outcome, &ev.time, &ev.prev_hash].iter().all(|s| plain(s))
                && ev.target.kind.as_deref().is_none_or(plain)
                && ev.target.ids.iter().all(|s| plain(s))
                && !String::from_utf8_lossy(&line).contains("\\u")
            {
                prop_assert!(Link::scanned(&line).is_some(), "{}", String::from_utf8_lossy(&line));
            }
        }

        #[test]
        fn the_scanner_never_accepts_a_mutated_line_serde_reads_otherwise(
            ev in event(),
            edits in prop::collection::vec(
                (any::<prop::sample::Index>(), 0u8..3, prop_oneof![
                    prop::sample::select(b"{}[]\",:\\ 0-.e1aun\x01\xff".to_vec()),
                    any::<u8>(),
                ]),
                1..4,
            ),
        ) {
            let mut line = mdm_model::audit::canonical_bytes(&ev);
            for (at, op, byte) in edits {
                let i = at.index(line.len() + 1);
                match op {
                    0 if i < line.len() => { line.remove(i); }
                    1 => line.insert(i, byte),
                    _ if i < line.len() => line[i] = byte,
                    _ => {}
                }
            }
            agrees(&line)?;
        }

        #[test]
        fn fast_times_agree_with_rfc3339(t in time()) {
            if let Some(s) = scan::unix_seconds(&t) {
                prop_assert_eq!(Some(s), mdm_model::time::parse_rfc3339(&t).map(|t| t.unix_timestamp()));
            }
        }
    }
}
