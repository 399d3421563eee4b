//! The gateway's config file (TOML), parsed strictly: every table refuses keys it does
//! not know, and every error names the key, with the file and line where there is one.
//! Secrets are never in the file; it names where they are (see `secrets`).

use super::secrets::{self, Env};
use super::{BackendConfig, GatewayConfig, SimulatorConfig, TlsConfig};
use crate::ServerConfig;
use crate::backend::intune::bulk::{DEFAULT_EXECUTE_ACTION_BATCH, MAX_EXECUTE_ACTION_BATCH};
use crate::backend::intune::{GraphCredential, IntuneConfig, WriteBudget};
use crate::local::LocalError;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use toml::Spanned;

/// The backend kinds this build runs.
pub const KINDS: &[&str] = &["simulator", "intune", "jamf", "fleet"];

/// Reads and resolves the config at `path` (secrets included) with the process
/// environment.
pub fn load(path: &Path) -> Result<GatewayConfig, LocalError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let err = LocalError::usage(format!("cannot read the gateway config {}", path.display()))
            .with_source(&e);
        if e.kind() == std::io::ErrorKind::NotFound {
            err.with_hint("pass the config file with --config FILE (see README: The gateway)")
        } else {
            err
        }
    })?;
    parse(&text, path, &|k| std::env::var(k).ok())
}

/// Parses the text of the config file `file` and resolves it: addresses, URLs and
/// durations checked, settings through the protection floors, secrets read.
pub fn parse(text: &str, file: &Path, env: Env<'_>) -> Result<GatewayConfig, LocalError> {
    let cx = Cx { text, file };
    let raw: Raw<Spanned<toml::Table>> = toml::from_str(text).map_err(|e| cx.toml(&e))?;
    let kind_span = raw.backend.span();
    let kind = match raw.backend.get_ref().get("kind") {
        Some(toml::Value::String(k)) => k.clone(),
        Some(_) => return Err(cx.at(kind_span.start, "backend.kind", "must be a string")),
        None => {
            return Err(cx
                .at(kind_span.start, "backend.kind", "missing")
                .with_hint(format!("set kind to one of: {}", KINDS.join(", "))));
        }
    };
    let base = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let mut settings = settings(&cx, &raw.settings)?;
    let backend = match kind.as_str() {
        "simulator" => {
            let raw: Raw<RawSimulator> = toml::from_str(text).map_err(|e| cx.toml(&e))?;
            BackendConfig::Simulator(simulator(
                &cx,
                &raw.backend,
                &mut settings,
                kind_span.start,
            )?)
        }
        "intune" => {
            let raw: Raw<RawIntune> = toml::from_str(text).map_err(|e| cx.toml(&e))?;
            BackendConfig::Intune(Box::new(intune(&cx, raw.backend, &base, env)?))
        }
        "fleet" => {
            let raw: Raw<RawFleet> = toml::from_str(text).map_err(|e| cx.toml(&e))?;
            BackendConfig::Fleet(Box::new(fleet(&cx, raw.backend, &base, env)?))
        }
        "jamf" => {
            let raw: Raw<RawJamf> = toml::from_str(text).map_err(|e| cx.toml(&e))?;
            BackendConfig::Jamf(Box::new(jamf(&cx, raw.backend, &base, env)?))
        }
        k => {
            return Err(cx.at(
                kind_span.start,
                "backend.kind",
                &format!(
                    "unknown backend kind {k:?}; available kinds: {}",
                    KINDS.join(", "),
                ),
            ));
        }
    };
    settings
        .check_as(|k| format!("settings.{k}"))
        .map_err(|m| {
            LocalError::usage(format!("{}: {m}", file.display()))
                .with_hint("these settings may only make the safety gates stricter")
        })?;
    let listen: SocketAddr = raw.listen.get_ref().trim().parse().map_err(|_| {
        cx.at(
            raw.listen.span().start,
            "listen",
            &format!("{:?} is not an IP address and port", raw.listen.get_ref()),
        )
        .with_hint("use IP:PORT, such as 127.0.0.1:8443 or [::]:8443")
    })?;
    let tls = match &raw.tls {
        Some(t) => Some(TlsConfig {
            cert: resolve(&t.cert, &base),
            cert_pem: secrets::read_public_file("tls.cert", &t.cert, &base)?,
            key: secrets::locate(&t.key, &base, true, env).0,
            key_pem: secrets::read_secret_file("tls.key", &t.key, &base, env)?,
        }),
        None => None,
    };
    if tls.is_none() && !listen.ip().is_loopback() {
        return Err(cx
            .at(
                raw.listen.span().start,
                "listen",
                &format!(
                    "{listen} is not a loopback address, and there is no [tls]: tokens would \
                     cross the network in clear text"
                ),
            )
            .with_hint("add a [tls] table with cert and key, or listen on 127.0.0.1"));
    }
    let database = database(&cx, &raw, &base, env)?;
    Ok(GatewayConfig {
        listen,
        database,
        tls,
        backend,
        settings,
    })
}

/// `database`: a file (SQLite), or `postgres://…` with `[postgres]` (the password's
/// source, the CA) and `[keys]` (the keys every replica shares).
fn database<B>(
    cx: &Cx<'_>,
    raw: &Raw<B>,
    base: &Path,
    env: Env<'_>,
) -> Result<super::Database, LocalError> {
    let at = raw.database.span().start;
    let text = raw.database.get_ref().trim();
    if text.is_empty() {
        return Err(cx.at(at, "database", "must not be empty"));
    }
    let is_pg = text.starts_with("postgres://") || text.starts_with("postgresql://");
    if !is_pg {
        if text.contains("://") {
            return Err(cx
                .at(at, "database", "is neither a file nor a postgres:// URL")
                .with_hint("use a file name (SQLite) or postgres://user@host:5432/db"));
        }
        if raw.postgres.is_some() || raw.keys.is_some() {
            return Err(cx
                .at(
                    at,
                    "database",
                    "[postgres] and [keys] go with a postgres:// database",
                )
                .with_hint("remove them, or set database = \"postgres://user@host:5432/db\""));
        }
        return Ok(super::Database::Sqlite(resolve(Path::new(text), base)));
    }
    let pg = raw.postgres.as_ref();
    let password = match (
        pg.and_then(|p| p.password_file.as_ref()),
        pg.and_then(|p| p.password_env.as_ref()),
    ) {
        (Some(f), None) => Some(secrets::read_secret_file(
            "postgres.password_file",
            f,
            base,
            env,
        )?),
        (None, Some(v)) => Some(secrets::read_secret_env("postgres.password_env", v, env)?),
        (None, None) => None,
        (Some(_), Some(_)) => {
            return Err(LocalError::usage(format!(
                "{}: postgres: password_file and password_env are exclusive",
                cx.file.display()
            ))
            .with_hint("keep one of them"));
        }
    };
    let ca_pem = match pg.and_then(|p| p.ca_file.as_ref()) {
        Some(f) => Some(secrets::read_public_file("postgres.ca_file", f, base)?),
        None => None,
    };
    let shown_password = password.as_ref().map(|p| p.expose_str().unwrap_or(""));
    // The URL is checked now (no password in it, TLS off the loopback), not at first use.
    crate::sql::pg::Target::new(text, shown_password, ca_pem.as_deref()).map_err(|m| {
        cx.at(at, "database", &m)
            .with_hint("see README: Running several replicas")
    })?;
    let keys = raw.keys.as_ref().ok_or_else(|| {
        cx.at(at, "keys", "a postgres:// database needs a [keys] table")
            .with_hint(
                "replicas share the TOTP key: add [keys] totp_key_file = \"totp.key\" (64 hex \
                 digits, mode 0600; `openssl rand -hex 32`)",
            )
    })?;
    let totp_key_file = secrets::locate(&keys.totp_key_file, base, true, env).0;
    let checkpoint_key = match (&keys.checkpoint_key_file, &keys.checkpoint_key_env) {
        (Some(f), None) => secrets::read_secret_file("keys.checkpoint_key_file", f, base, env)?,
        (None, Some(v)) => secrets::read_secret_env("keys.checkpoint_key_env", v, env)?,
        (None, None) => {
            return Err(cx
                .at(
                    at,
                    "keys",
                    "no checkpoint key: set checkpoint_key_file or checkpoint_key_env",
                )
                .with_hint(
                    "replicas sign audit checkpoints with one Ed25519 key: 64 hex digits \
                     (`openssl rand -hex 32`), the same for every replica",
                ));
        }
        (Some(_), Some(_)) => {
            return Err(LocalError::usage(format!(
                "{}: keys: checkpoint_key_file and checkpoint_key_env are exclusive",
                cx.file.display()
            ))
            .with_hint("keep one of them"));
        }
    };
    let pg = super::PostgresConfig {
        url: text.to_string(),
        password,
        ca_pem,
        totp_key_file,
        checkpoint_key,
    };
    if pg.checkpoint_seed().is_none() {
        return Err(LocalError::usage(format!(
            "{}: keys: the checkpoint key is not 64 hex digits (32 bytes)",
            cx.file.display()
        ))
        .with_hint("make one with `openssl rand -hex 32`"));
    }
    Ok(super::Database::Postgres(Box::new(pg)))
}

fn resolve(p: &Path, base: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

/// The top level; `B` is the `[backend]` table (first read as any table for its kind).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw<B> {
    listen: Spanned<String>,
    database: Spanned<String>,
    postgres: Option<RawPostgres>,
    keys: Option<RawKeys>,
    tls: Option<RawTls>,
    backend: B,
    #[serde(default)]
    settings: RawSettings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPostgres {
    password_file: Option<PathBuf>,
    password_env: Option<String>,
    ca_file: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeys {
    totp_key_file: PathBuf,
    checkpoint_key_file: Option<PathBuf>,
    checkpoint_key_env: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTls {
    cert: PathBuf,
    key: PathBuf,
}

/// The server settings, as `mdm sandbox serve` takes them as flags.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    elevation_ttl: Option<Spanned<String>>,
    stepup_lockout: Option<Spanned<String>>,
    approval_threshold: Option<u64>,
    push_approval_threshold: Option<u64>,
    fleet_share_percent: Option<u32>,
    single_action_budget: Option<u64>,
    pii_budget: Option<u64>,
    approval_ttl: Option<Spanned<String>>,
    alert_webhook: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSimulator {
    #[allow(dead_code)]
    kind: String,
    devices: Option<u32>,
    seed: Option<u64>,
    tick_ms: Option<u64>,
    fail_percent: Option<f64>,
    offline_percent: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIntune {
    #[allow(dead_code)]
    kind: String,
    tenant: Spanned<String>,
    client_id: Spanned<String>,
    client_secret_file: Option<PathBuf>,
    client_secret_env: Option<String>,
    certificate_file: Option<PathBuf>,
    private_key_file: Option<PathBuf>,
    graph_url: Option<Spanned<String>>,
    login_url: Option<Spanned<String>>,
    #[serde(default)]
    use_beta: bool,
    execute_action_batch: Option<Spanned<i64>>,
    #[serde(default)]
    groups: Vec<String>,
    write_budget: Option<RawWriteBudget>,
    max_concurrency: Option<usize>,
    sync_interval: Option<Spanned<String>>,
    audit_interval: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFleet {
    #[allow(dead_code)]
    kind: String,
    url: Spanned<String>,
    api_token_file: Option<PathBuf>,
    api_token_env: Option<String>,
    per_page: Option<u32>,
    sync_interval: Option<Spanned<String>>,
    audit_interval: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJamf {
    #[allow(dead_code)]
    kind: String,
    url: Spanned<String>,
    client_id: Spanned<String>,
    client_secret_file: Option<PathBuf>,
    client_secret_env: Option<String>,
    page_size: Option<u32>,
    max_connections: Option<usize>,
    sync_interval: Option<Spanned<String>>,
    audit_interval: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWriteBudget {
    writes: u32,
    per_seconds: u64,
}

/// The file being parsed, for messages with its name and line numbers.
struct Cx<'a> {
    text: &'a str,
    file: &'a Path,
}

impl Cx<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    /// An error about `key`, at the line of byte `offset`.
    fn at(&self, offset: usize, key: &str, what: &str) -> LocalError {
        LocalError::usage(format!(
            "{}:{}: {key}: {what}",
            self.file.display(),
            self.line_of(offset)
        ))
    }

    /// A TOML or shape error. toml's own rendering quotes the offending line, which
    /// could hold a secret pasted in by mistake; this names the key and line instead.
    fn toml(&self, e: &toml::de::Error) -> LocalError {
        let msg = e.message().trim();
        let Some(span) = e.span() else {
            return LocalError::usage(format!("{}: {msg}", self.file.display()));
        };
        if let Some(field) = msg
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
        {
            // The span is the table that lacks it: a `[header]` line, or the whole file.
            let header = self.text[span.start.min(self.text.len())..]
                .lines()
                .next()
                .map(str::trim)
                .filter(|l| l.starts_with('['))
                .map(|l| l.trim_matches(['[', ']', ' ']).to_string());
            return match header {
                Some(t) => self.at(span.start, &format!("{t}.{field}"), "missing"),
                None => LocalError::usage(format!("{}: {field}: missing", self.file.display())),
            }
            .with_hint("see README: The gateway for the keys a config needs");
        }
        let mut err = match self.key_at(span.start) {
            Some(key) => self.at(span.start, &key, msg),
            None => LocalError::usage(format!(
                "{}:{}: {msg}",
                self.file.display(),
                self.line_of(span.start)
            )),
        };
        if msg.contains("unknown field") && msg.contains("secret`") {
            err = err.with_hint(
                "secrets never go in the config: name a file (client_secret_file) or an \
                 environment variable (client_secret_env)",
            );
        } else if msg.contains("unknown field") {
            err = err.with_hint("check the spelling against README: The gateway");
        }
        err
    }

    /// The dotted key on the line at `offset` (`settings.approval_threshold`), from the
    /// source text: the last `[table]` header above it and the bare key before `=`.
    fn key_at(&self, offset: usize) -> Option<String> {
        let end = offset.min(self.text.len());
        let start = self.text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = self.text[start..].lines().next().unwrap_or("");
        let (k, _) = line.split_once('=')?;
        let k = k.trim();
        if k.is_empty()
            || !k
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
        {
            return None;
        }
        let table = self.text[..start].lines().rev().find_map(|l| {
            let l = l.trim();
            l.strip_prefix('[')
                .and_then(|r| r.split(']').next())
                .map(|t| t.trim_matches(['[', ' ']).to_string())
        });
        Some(match table {
            Some(t) if !t.is_empty() => format!("{t}.{k}"),
            _ => k.to_string(),
        })
    }

    fn duration(&self, key: &str, v: &Spanned<String>) -> Result<Duration, LocalError> {
        mdm_model::time::parse_duration(v.get_ref()).map_err(|e| {
            self.at(
                v.span().start,
                key,
                &format!("invalid duration {:?} ({e})", v.get_ref()),
            )
            .with_hint("use a number with a unit, such as 30s, 5m or 1h")
        })
    }

    /// A period given as text (`"15m"`), `default` seconds when absent; never zero.
    fn interval(
        &self,
        key: &str,
        v: &Option<Spanned<String>>,
        default: u64,
    ) -> Result<Duration, LocalError> {
        match v {
            Some(v) => self.duration(key, v).and_then(|d| {
                if d.is_zero() {
                    Err(self.at(v.span().start, key, "must be longer than 0s"))
                } else {
                    Ok(d)
                }
            }),
            None => Ok(Duration::from_secs(default)),
        }
    }

    fn url(&self, key: &str, v: &Spanned<String>) -> Result<url::Url, LocalError> {
        mdm_model::url::server_url(v.get_ref()).map_err(|e| {
            let mut err = self.at(v.span().start, key, &e.message);
            if let Some(h) = e.hint {
                err = err.with_hint(h);
            }
            err
        })
    }
}

fn settings(cx: &Cx<'_>, s: &RawSettings) -> Result<ServerConfig, LocalError> {
    let mut c = ServerConfig::default();
    if let Some(v) = &s.elevation_ttl {
        c.elevation_ttl = cx.duration("settings.elevation_ttl", v)?;
    }
    if let Some(v) = &s.stepup_lockout {
        c.stepup_lockout = cx.duration("settings.stepup_lockout", v)?;
    }
    if let Some(v) = &s.approval_ttl {
        c.approval_ttl = cx.duration("settings.approval_ttl", v)?;
    }
    if let Some(v) = s.approval_threshold {
        c.approval_threshold = v;
    }
    if let Some(v) = s.push_approval_threshold {
        c.push_approval_threshold = v;
    }
    if let Some(v) = s.fleet_share_percent {
        c.fleet_share_percent = v;
    }
    if let Some(v) = s.single_action_budget {
        c.single_action_budget = v;
    }
    if let Some(v) = s.pii_budget {
        c.pii_budget = v;
    }
    if let Some(v) = &s.alert_webhook {
        c.alert_webhook = Some(mdm_model::url::webhook_url(v.get_ref()).map_err(|e| {
            cx.at(v.span().start, "settings.alert_webhook", &e.message)
                .with_hint("use https://…, or http:// to a loopback address")
        })?);
    }
    Ok(c)
}

fn simulator(
    cx: &Cx<'_>,
    b: &RawSimulator,
    settings: &mut ServerConfig,
    at: usize,
) -> Result<SimulatorConfig, LocalError> {
    let devices = b.devices.unwrap_or(250);
    if devices > 1_000_000 {
        return Err(cx.at(at, "backend.devices", "is limited to 1,000,000"));
    }
    let fail_percent = b.fail_percent.unwrap_or(2.0);
    if !(0.0..=100.0).contains(&fail_percent) {
        return Err(cx.at(at, "backend.fail_percent", "must be between 0 and 100"));
    }
    let offline_percent = b.offline_percent.unwrap_or(15);
    if offline_percent > 100 {
        return Err(cx.at(at, "backend.offline_percent", "must be between 0 and 100"));
    }
    settings.fail_rate = fail_percent / 100.0;
    settings.offline_percent = offline_percent;
    Ok(SimulatorConfig {
        devices,
        seed: b.seed.unwrap_or(1),
        tick: Duration::from_millis(b.tick_ms.unwrap_or(1000)),
        baseline_policies: false,
    })
}

fn intune(
    cx: &Cx<'_>,
    b: RawIntune,
    base: &Path,
    env: Env<'_>,
) -> Result<IntuneConfig, LocalError> {
    for (key, v) in [
        ("backend.tenant", &b.tenant),
        ("backend.client_id", &b.client_id),
    ] {
        if v.get_ref().trim().is_empty() {
            return Err(cx.at(v.span().start, key, "must not be empty"));
        }
    }
    let graph_url = url_or(
        cx,
        "backend.graph_url",
        &b.graph_url,
        "https://graph.microsoft.com",
    )?;
    let login_url = url_or(
        cx,
        "backend.login_url",
        &b.login_url,
        "https://login.microsoftonline.com",
    )?;
    let tenant_line = b.tenant.span().start;
    let credential = match (
        &b.client_secret_file,
        &b.client_secret_env,
        &b.certificate_file,
        &b.private_key_file,
    ) {
        (Some(f), None, None, None) => GraphCredential::Secret(secrets::read_secret_file(
            "backend.client_secret_file",
            f,
            base,
            env,
        )?),
        (None, Some(var), None, None) => GraphCredential::Secret(secrets::read_secret_env(
            "backend.client_secret_env",
            var,
            env,
        )?),
        (None, None, Some(cert), Some(key)) => GraphCredential::Certificate {
            cert_pem: secrets::read_public_file("backend.certificate_file", cert, base)?,
            key_pem: secrets::read_secret_file("backend.private_key_file", key, base, env)?,
        },
        (None, None, Some(_), None) | (None, None, None, Some(_)) => {
            return Err(cx.at(
                tenant_line,
                "backend.certificate_file",
                "a certificate credential needs both certificate_file and private_key_file",
            ));
        }
        (None, None, None, None) => {
            return Err(cx
                .at(
                    tenant_line,
                    "backend.client_secret_file",
                    "no Graph credential configured",
                )
                .with_hint(
                    "set one of client_secret_file, client_secret_env, or certificate_file + \
                     private_key_file",
                ));
        }
        _ => {
            return Err(cx.at(
                tenant_line,
                "backend.client_secret_file",
                "more than one Graph credential configured: use exactly one of \
                 client_secret_file, client_secret_env, or certificate_file + private_key_file",
            ));
        }
    };
    if let Some(g) = b.groups.iter().find(|g| g.trim().is_empty()) {
        return Err(cx.at(
            tenant_line,
            "backend.groups",
            &format!("empty group name {g:?}"),
        ));
    }
    let write_budget = match &b.write_budget {
        Some(w) if w.writes == 0 || w.per_seconds == 0 => {
            return Err(cx.at(
                tenant_line,
                "backend.write_budget",
                "writes and per_seconds must be at least 1",
            ));
        }
        Some(w) => WriteBudget {
            writes: w.writes,
            per: Duration::from_secs(w.per_seconds),
        },
        None => WriteBudget::default(),
    };
    let max_concurrency = b.max_concurrency.unwrap_or(4);
    if !(1..=64).contains(&max_concurrency) {
        return Err(cx.at(
            tenant_line,
            "backend.max_concurrency",
            "must be between 1 and 64",
        ));
    }
    let execute_action_batch = match &b.execute_action_batch {
        None => DEFAULT_EXECUTE_ACTION_BATCH,
        Some(n) if !b.use_beta => {
            return Err(cx.at(
                n.span().start,
                "backend.execute_action_batch",
                "needs use_beta = true (bulk executeAction is a Graph beta endpoint)",
            ));
        }
        Some(n) => match usize::try_from(*n.get_ref()) {
            Ok(v) if (1..=MAX_EXECUTE_ACTION_BATCH).contains(&v) => v,
            _ => {
                return Err(cx.at(
                    n.span().start,
                    "backend.execute_action_batch",
                    &format!(
                        "must be between 1 and {MAX_EXECUTE_ACTION_BATCH} devices per request"
                    ),
                ));
            }
        },
    };
    Ok(IntuneConfig {
        tenant: b.tenant.get_ref().trim().to_string(),
        client_id: b.client_id.get_ref().trim().to_string(),
        credential,
        graph_url,
        login_url,
        use_beta: b.use_beta,
        execute_action_batch,
        groups: b.groups,
        write_budget,
        max_concurrency,
        sync_interval: cx.interval("backend.sync_interval", &b.sync_interval, 15 * 60)?,
        audit_interval: cx.interval("backend.audit_interval", &b.audit_interval, 5 * 60)?,
    })
}

fn fleet(
    cx: &Cx<'_>,
    b: RawFleet,
    base: &Path,
    env: Env<'_>,
) -> Result<crate::backend::fleet::FleetConfig, LocalError> {
    let url = cx.url("backend.url", &b.url)?;
    if url.path().trim_end_matches('/').ends_with("/api/v1/fleet") {
        return Err(cx
            .at(
                b.url.span().start,
                "backend.url",
                "give the server URL, without /api/v1/fleet",
            )
            .with_hint("such as https://fleet.example.org"));
    }
    let at = b.url.span().start;
    let api_token = match (&b.api_token_file, &b.api_token_env) {
        (Some(f), None) => secrets::read_secret_file("backend.api_token_file", f, base, env)?,
        (None, Some(var)) => secrets::read_secret_env("backend.api_token_env", var, env)?,
        (None, None) => {
            return Err(cx
                .at(at, "backend.api_token_file", "no Fleet API token configured")
                .with_hint(
                    "set api_token_file (a file only the gateway can read) or api_token_env;                      the token is an API-only user's (`fleetctl user create --api-only`)",
                ));
        }
        (Some(_), Some(_)) => {
            return Err(cx.at(
                at,
                "backend.api_token_file",
                "both api_token_file and api_token_env are set: use exactly one",
            ));
        }
    };
    let per_page = b.per_page.unwrap_or(500);
    if !(1..=10_000).contains(&per_page) {
        return Err(cx.at(at, "backend.per_page", "must be between 1 and 10000"));
    }
    Ok(crate::backend::fleet::FleetConfig {
        url,
        api_token,
        per_page,
        sync_interval: cx.interval("backend.sync_interval", &b.sync_interval, 15 * 60)?,
        audit_interval: cx.interval("backend.audit_interval", &b.audit_interval, 5 * 60)?,
    })
}

fn jamf(
    cx: &Cx<'_>,
    b: RawJamf,
    base: &Path,
    env: Env<'_>,
) -> Result<crate::backend::jamf::JamfConfig, LocalError> {
    use crate::backend::jamf::MAX_CONNECTIONS;
    let url = cx.url("backend.url", &b.url)?;
    if url.path().trim_end_matches('/').ends_with("/api") {
        return Err(cx
            .at(
                b.url.span().start,
                "backend.url",
                "give the Jamf Pro server URL, without /api",
            )
            .with_hint("such as https://example.jamfcloud.com"));
    }
    if b.client_id.get_ref().trim().is_empty() {
        return Err(cx.at(
            b.client_id.span().start,
            "backend.client_id",
            "must not be empty",
        ));
    }
    let at = b.url.span().start;
    let client_secret = match (&b.client_secret_file, &b.client_secret_env) {
        (Some(f), None) => secrets::read_secret_file("backend.client_secret_file", f, base, env)?,
        (None, Some(var)) => secrets::read_secret_env("backend.client_secret_env", var, env)?,
        (None, None) => {
            return Err(cx
                .at(
                    at,
                    "backend.client_secret_file",
                    "no Jamf API client secret configured",
                )
                .with_hint(
                    "set client_secret_file (a file only the gateway can read) or \
                     client_secret_env; the API client is made in Jamf Pro under Settings → \
                     API roles and clients",
                ));
        }
        (Some(_), Some(_)) => {
            return Err(cx.at(
                at,
                "backend.client_secret_file",
                "both client_secret_file and client_secret_env are set: use exactly one",
            ));
        }
    };
    let page_size = b.page_size.unwrap_or(500);
    if !(1..=2000).contains(&page_size) {
        return Err(cx.at(at, "backend.page_size", "must be between 1 and 2000"));
    }
    let max_connections = b.max_connections.unwrap_or(MAX_CONNECTIONS);
    if !(1..=MAX_CONNECTIONS).contains(&max_connections) {
        return Err(cx
            .at(
                at,
                "backend.max_connections",
                &format!("must be between 1 and {MAX_CONNECTIONS}"),
            )
            .with_hint("Jamf asks API clients for at most 5 concurrent connections"));
    }
    Ok(crate::backend::jamf::JamfConfig {
        url,
        client_id: b.client_id.get_ref().trim().to_string(),
        client_secret,
        page_size,
        max_connections,
        sync_interval: cx.interval("backend.sync_interval", &b.sync_interval, 15 * 60)?,
        audit_interval: cx.interval("backend.audit_interval", &b.audit_interval, 5 * 60)?,
    })
}

/// A Graph or login base URL: the server URL rule, and no version segment.
fn url_or(
    cx: &Cx<'_>,
    key: &str,
    v: &Option<Spanned<String>>,
    default: &str,
) -> Result<url::Url, LocalError> {
    let Some(v) = v else {
        return url::Url::parse(default).map_err(|e| LocalError::failure(e.to_string()));
    };
    let url = cx.url(key, v)?;
    let path = url.path().trim_end_matches('/');
    if path.ends_with("/v1.0") || path.ends_with("/beta") {
        return Err(cx
            .at(
                v.span().start,
                key,
                "give the base URL, without /v1.0 or /beta",
            )
            .with_hint("such as https://graph.microsoft.com"));
    }
    Ok(url)
}
