//! The local journal: every mutating command this CLI runs, appended to a hash-chained
//! JSONL file in the state dir — the admin's own record, even when the server cannot be
//! trusted. Secrets never reach it: argv is redacted before it is written.

use crate::config::Dirs;
use crate::error::{Context as _, Error, Result};
use mdm_model::audit::{GENESIS, canonical_json, hash_bytes};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Read, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub seq: u64,
    pub time: String,
    #[serde(default)]
    pub context: Option<String>,
    #[serde(default)]
    pub server: Option<String>,
    #[serde(default)]
    pub user: Option<String>,
    /// The command line, secrets redacted.
    pub argv: Vec<String>,
    #[serde(default)]
    pub target_count: Option<u64>,
    #[serde(default)]
    pub action_id: Option<String>,
    #[serde(default)]
    pub request_id: Option<String>,
    /// `success`, or the error message.
    pub outcome: String,
    pub exit_code: u8,
    pub prev_hash: String,
    pub hash: String,
}

pub fn path(dirs: &Dirs) -> PathBuf {
    dirs.state.join("journal.jsonl")
}

fn entry_hash(e: &Entry) -> String {
    let mut v = serde_json::to_value(e).expect("serializes");
    if let serde_json::Value::Object(m) = &mut v {
        m.remove("hash");
    }
    let mut bytes = Vec::new();
    canonical_json(&v, &mut bytes);
    hash_bytes(&bytes)
}

/// Options whose value is a secret, and prefixes of tokens anywhere in argv.
const SECRET_OPTIONS: &[&str] = &["--otp", "--token"];
const TOKEN_PREFIXES: &[&str] = &["mdm_pat_", "mdm_enr_", "mdm_elv_"];

/// Redacts secrets from a command line: values of `--otp`, anything that looks like a
/// token (also inside URLs such as an enrollment link), and `sandbox enroll-device`'s
/// token argument.
pub fn redact(argv: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(argv.len());
    let mut hide_next = false;
    let enroll_device = argv
        .windows(2)
        .any(|w| w[0] == "sandbox" && w[1] == "enroll-device");
    let mut positional_after_enroll = false;
    for a in argv {
        if hide_next {
            out.push("[redacted]".to_string());
            hide_next = false;
            continue;
        }
        if let Some((k, _)) = a.split_once('=')
            && SECRET_OPTIONS.contains(&k)
        {
            out.push(format!("{k}=[redacted]"));
            continue;
        }
        if SECRET_OPTIONS.contains(&a.as_str()) {
            out.push(a.clone());
            hide_next = true;
            continue;
        }
        if TOKEN_PREFIXES.iter().any(|p| a.contains(p)) || a.contains("#token=") {
            out.push("[redacted]".to_string());
            continue;
        }
        if enroll_device && positional_after_enroll && !a.starts_with('-') && a != "-" {
            out.push("[redacted]".to_string());
            positional_after_enroll = false;
            continue;
        }
        if a == "enroll-device" {
            positional_after_enroll = true;
        }
        out.push(a.clone());
    }
    out
}

/// Appends one entry under an exclusive lock, so concurrent mdm processes cannot
/// interleave or fork the chain.
pub fn append(dirs: &Dirs, mut e: Entry) -> Result<Entry> {
    let p = path(dirs);
    std::fs::create_dir_all(&dirs.state)
        .with_context(|| format!("cannot create {}", dirs.state.display()))?;
    let mut f = {
        let mut o = std::fs::OpenOptions::new();
        o.read(true).append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o600);
        }
        o.open(&p)
            .with_context(|| format!("cannot open {}", p.display()))?
    };
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a file descriptor we own; released when `f` is dropped.
        unsafe {
            libc::flock(f.as_raw_fd(), libc::LOCK_EX);
        }
    }
    let last = last_entry(&mut f).with_context(|| format!("cannot read {}", p.display()))?;
    e.seq = last.as_ref().map_or(1, |l| l.seq + 1);
    e.prev_hash = last.map_or_else(|| GENESIS.to_string(), |l| l.hash);
    e.hash = entry_hash(&e);
    let mut line = serde_json::to_vec(&e).expect("serializes");
    line.push(b'\n');
    f.write_all(&line)
        .and_then(|_| f.sync_data())
        .with_context(|| format!("cannot write {}", p.display()))?;
    Ok(e)
}

/// The last entry, read backwards from the end: appending stays as fast on the
/// ten-thousandth command as on the first.
fn last_entry(f: &mut std::fs::File) -> std::io::Result<Option<Entry>> {
    use std::io::{Seek, SeekFrom};
    let len = f.seek(SeekFrom::End(0))?;
    let mut tail: Vec<u8> = Vec::new();
    let mut pos = len;
    let parse = |line: &[u8]| {
        serde_json::from_slice(line).map(Some).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("its last line is not a journal entry ({e}); not chaining to it"),
            )
        })
    };
    loop {
        let end = tail
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        let body = &tail[..end];
        if let Some(nl) = body.iter().rposition(|b| *b == b'\n') {
            return parse(&body[nl + 1..]);
        }
        if pos == 0 {
            return if body.is_empty() {
                Ok(None)
            } else {
                parse(body)
            };
        }
        let step = pos.min(64 * 1024);
        pos -= step;
        let mut chunk = vec![0u8; step as usize];
        f.seek(SeekFrom::Start(pos))?;
        f.read_exact(&mut chunk)?;
        chunk.extend_from_slice(&tail);
        tail = chunk;
    }
}

fn read_entries(p: &std::path::Path) -> Result<Vec<Entry>> {
    let f = match std::fs::File::open(p) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", p.display())),
    };
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", p.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let e: Entry = serde_json::from_str(&line).map_err(|err| {
            Error::failure(format!(
                "{} line {} is not a journal entry",
                p.display(),
                i + 1
            ))
            .with_cause(err)
        })?;
        out.push(e);
    }
    Ok(out)
}

pub fn read(dirs: &Dirs) -> Result<Vec<Entry>> {
    read_entries(&path(dirs))
}

/// Checks the chain; names the first bad entry.
pub fn verify(entries: &[Entry]) -> std::result::Result<(), (u64, String)> {
    let mut prev = GENESIS.to_string();
    for (i, e) in entries.iter().enumerate() {
        let n = i as u64 + 1;
        if e.seq != n {
            return Err((
                n,
                format!(
                    "entry {n} has sequence number {}: an entry was removed or inserted",
                    e.seq
                ),
            ));
        }
        if e.prev_hash != prev {
            return Err((
                n.saturating_sub(1).max(1),
                format!("entry {n} does not chain to entry {}", n - 1),
            ));
        }
        if entry_hash(e) != e.hash {
            return Err((
                n,
                format!("entry {n} was altered (its hash does not match its content)"),
            ));
        }
        prev.clone_from(&e.hash);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn redaction() {
        assert_eq!(
            redact(&s(&["mdm", "wipe", "x", "--otp", "123456"])),
            s(&["mdm", "wipe", "x", "--otp", "[redacted]"])
        );
        assert_eq!(
            redact(&s(&["mdm", "wipe", "--otp=123456"])),
            s(&["mdm", "wipe", "--otp=[redacted]"])
        );
        assert_eq!(
            redact(&s(&["mdm", "sandbox", "enroll-device", "abc123"])),
            s(&["mdm", "sandbox", "enroll-device", "[redacted]"])
        );
        assert_eq!(
            redact(&s(&["mdm", "sandbox", "enroll-device", "-"])),
            s(&["mdm", "sandbox", "enroll-device", "-"])
        );
        assert_eq!(
            redact(&s(&["mdm", "x", "http://h/v1/enroll#token=zzz"])),
            s(&["mdm", "x", "[redacted]"])
        );
        assert_eq!(
            redact(&s(&["mdm", "x", "mdm_pat_secret"])),
            s(&["mdm", "x", "[redacted]"])
        );
        assert_eq!(
            redact(&s(&["mdm", "wipe", "--confirm", "wipe 3 devices in t"])),
            s(&["mdm", "wipe", "--confirm", "wipe 3 devices in t"])
        );
    }

    #[test]
    fn chain_and_tamper_detection() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = Dirs {
            config: dir.path().join("c"),
            state: dir.path().join("s"),
            data: dir.path().join("d"),
        };
        for i in 0..3 {
            let e = Entry {
                seq: 0,
                time: "2026-01-01T00:00:00Z".into(),
                context: Some("t".into()),
                server: None,
                user: None,
                argv: vec![format!("cmd{i}")],
                target_count: Some(i),
                action_id: None,
                request_id: None,
                outcome: "success".into(),
                exit_code: 0,
                prev_hash: String::new(),
                hash: String::new(),
            };
            append(&dirs, e).unwrap();
        }
        let mut entries = read(&dirs).unwrap();
        assert_eq!(entries.len(), 3);
        verify(&entries).unwrap();
        entries[1].argv = vec!["something else".into()];
        assert_eq!(verify(&entries).unwrap_err().0, 2);
        let mut removed = read(&dirs).unwrap();
        removed.remove(1);
        assert_eq!(verify(&removed).unwrap_err().0, 2);
    }
}
