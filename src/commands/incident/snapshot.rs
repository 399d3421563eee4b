//! `mdm incident snapshot --out DIR`: the state of the MDM at one moment, as evidence:
//! inventory, groups, policies, the app catalog, enrollments, break-glass sessions, the
//! freeze, and the signed audit head (optionally the whole raw chain), each file listed
//! with its SHA-256 in `MANIFEST.sha256` (`sha256sum -c MANIFEST.sha256` checks it).

use crate::api::{Api, ChainPurpose, DeviceQuery};
use crate::app::{Ctx, Factory};
use crate::commands::attempt;
use crate::error::{Context as _, Error, ExitKind, Result};
use crate::outcome::Outcome;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub out: std::path::PathBuf,
    pub show_pii: bool,
    pub with_chain: bool,
    /// For the step-up an unmasked read over the server's PII budget needs.
    pub otp: crate::guard::OtpSource,
}

#[derive(Debug, Serialize)]
struct FileEntry {
    name: String,
    bytes: u64,
    sha256: String,
}

#[derive(Debug, Serialize)]
struct Manifest {
    directory: String,
    context: String,
    server: String,
    user: Option<String>,
    taken_at: String,
    mdm_version: String,
    devices: u64,
    policies: u64,
    audit_tree_size: u64,
    audit_head_hash: String,
    audit_key_id: String,
    pii: bool,
    files: Vec<FileEntry>,
    /// Parts the credential may not read (left out, not failed).
    skipped: Vec<String>,
}

/// A file being written: hashed as it goes, mode 0600.
struct Out {
    file: std::io::BufWriter<std::fs::File>,
    hash: Sha256,
    bytes: u64,
    name: String,
}

impl Out {
    fn create(dir: &Path, name: &str) -> Result<Out> {
        let path = dir.join(name);
        let f = crate::config::create_private(&path, 0o600)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Out {
            file: std::io::BufWriter::new(f),
            hash: Sha256::new(),
            bytes: 0,
            name: name.to_string(),
        })
    }

    fn write(&mut self, b: &[u8]) -> Result<()> {
        self.hash.update(b);
        self.bytes += b.len() as u64;
        self.file
            .write_all(b)
            .with_context(|| format!("cannot write {}", self.name))
    }

    fn json_line(&mut self, v: &impl Serialize) -> Result<()> {
        let mut b = serde_json::to_vec(v).expect("serializes");
        b.push(b'\n');
        self.write(&b)
    }

    fn json(mut self, v: &impl Serialize) -> Result<FileEntry> {
        let mut b = serde_json::to_vec_pretty(v).expect("serializes");
        b.push(b'\n');
        self.write(&b)?;
        self.finish()
    }

    fn finish(mut self) -> Result<FileEntry> {
        self.file
            .flush()
            .and_then(|_| self.file.get_ref().sync_all())
            .with_context(|| format!("cannot write {}", self.name))?;
        Ok(FileEntry {
            name: self.name,
            bytes: self.bytes,
            sha256: hex::encode(self.hash.finalize()),
        })
    }
}

fn prepare(dir: &Path) -> Result<()> {
    match std::fs::read_dir(dir) {
        Ok(mut rd) => {
            if rd.next().is_some() {
                return Err(Error::usage(format!(
                    "{} is not empty; a snapshot goes into a new or empty directory",
                    dir.display()
                ))
                .with_hint("evidence is never mixed with or written over other files"));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut b = std::fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                b.mode(0o700);
            }
            b.create(dir)
                .with_context(|| format!("cannot create {}", dir.display()))
        }
        Err(e) => Err(e).with_context(|| format!("cannot use {}", dir.display())),
    }
}

/// Runs a read that the credential may not be allowed to make; a refusal is noted.
fn optional<T>(skipped: &mut Vec<String>, what: &str, r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.kind == ExitKind::Forbidden => {
            skipped.push(format!("{what}: {}", e.message));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn devices(
    app: &Factory,
    ctx: &Ctx,
    api: &dyn Api,
    dir: &Path,
    args: &Settings,
) -> Result<(FileEntry, u64)> {
    let pii = args.show_pii;
    let mut out = Out::create(dir, "devices.jsonl")?;
    let n = crate::api::for_each_page(
        None,
        1000,
        |n, cursor| {
            let q = DeviceQuery {
                show_pii: pii,
                limit: Some(n),
                cursor: cursor.map(str::to_string),
                ..DeviceQuery::default()
            };
            if !pii {
                return api.list_devices(&q, None);
            }
            // The PII guard covers a snapshot too: over the budget it needs a step-up.
            crate::guard::pii_read(app, ctx, api, &args.otp, |e| api.list_devices(&q, e))
        },
        |d| out.json_line(d),
    )?;
    Ok((out.finish()?, n))
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let api = api.as_ref();
    let dir: PathBuf = args.out.clone();
    prepare(&dir)?;
    let taken_at = mdm_model::time::now_rfc3339();
    // The audit head first: everything after it in the log happened after the snapshot.
    let head =
        crate::audit::verify::fetch_and_pin(api, app.dirs()?, &ctx.name, &ctx.config.server)?;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    files.push(Out::create(&dir, "audit-checkpoint.json")?.json(&head)?);
    let (f, device_count) = devices(app, &ctx, api, &dir, args)?;
    files.push(f);
    files.push(Out::create(&dir, "groups.json")?.json(&api.list_groups()?)?);
    let policies = optional(&mut skipped, "policies", api.list_policies())?;
    let policy_count = policies.as_ref().map_or(0, |p| p.len() as u64);
    if let Some(p) = policies {
        files.push(Out::create(&dir, "policies.json")?.json(&p)?);
    }
    if let Some(a) = optional(&mut skipped, "apps", api.list_apps())? {
        files.push(Out::create(&dir, "apps.json")?.json(&a)?);
    }
    if let Some(first) = optional(
        &mut skipped,
        "enrollments",
        api.list_enrollments(None, 1000, None),
    )? {
        let mut out = Out::create(&dir, "enrollments.jsonl")?;
        // The first page was read to learn whether the credential may list them.
        let mut first = Some(first);
        crate::api::for_each_page(
            None,
            1000,
            |n, cursor| match (cursor, first.take()) {
                (None, Some(page)) => Ok(page),
                _ => api.list_enrollments(None, n, cursor),
            },
            |e| out.json_line(e),
        )?;
        files.push(out.finish()?);
    }
    if let Some(b) = optional(&mut skipped, "break-glass sessions", api.breakglass_list())? {
        files.push(Out::create(&dir, "breakglass.json")?.json(&b)?);
    }
    files.push(Out::create(&dir, "freeze.json")?.json(&api.freeze_state()?)?);
    if args.with_chain {
        // Exactly the events the checkpoint covers, as hashed: `mdm audit verify` logic
        // can be re-run on it offline.
        let mut out = Out::create(&dir, "audit-chain.ndjson")?;
        for line in api.audit_chain(0, Some(head.tree_size as i64), ChainPurpose::Export)? {
            let mut line = line?.0;
            line.push(b'\n');
            out.write(&line)?;
        }
        files.push(out.finish()?);
    }
    let manifest = Manifest {
        directory: dir.display().to_string(),
        context: ctx.name.clone(),
        server: ctx.config.server.clone(),
        user: ctx.config.user.clone(),
        taken_at,
        mdm_version: env!("CARGO_PKG_VERSION").into(),
        devices: device_count,
        policies: policy_count,
        audit_tree_size: head.tree_size,
        audit_head_hash: head.head_hash.clone(),
        audit_key_id: head.key_id.clone(),
        pii: args.show_pii,
        files,
        skipped,
    };
    let meta = Out::create(&dir, "snapshot.json")?.json(&manifest)?;
    // sha256sum's format, so the check needs no mdm.
    let mut sums = String::new();
    for f in manifest.files.iter().chain(std::iter::once(&meta)) {
        sums.push_str(&format!("{}  {}\n", f.sha256, f.name));
    }
    let mut m = Out::create(&dir, "MANIFEST.sha256")?;
    m.write(sums.as_bytes())?;
    m.finish()?;
    for s in &manifest.skipped {
        app.ui
            .warn(&format!("left out {}", mdm_model::escape::terminal(s)));
    }
    app.ui.success(&format!(
        "Saved a snapshot to {}: {} devices, {} policies, audit head #{} ({}…); check it with `sha256sum -c MANIFEST.sha256`",
        dir.display(),
        manifest.devices,
        manifest.policies,
        manifest.audit_tree_size,
        &manifest.audit_head_hash[..manifest.audit_head_hash.len().min(16)]
    ));
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&manifest)?;
    }
    Ok(())
}
