use super::{RunState, alive, clear_state, healthy, load_state, save_state};
use crate::api::Secret;
use crate::app::{Ctx, Factory};
use crate::auth::token_account;
use crate::commands::attempt;
use crate::config::{ContextConfig, validate_context_name};
use crate::error::{Context as _, Error, Result};
use crate::outcome::Outcome;
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::Duration;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub port: u16,
    pub devices: u32,
    pub context_name: String,
}

const TOKEN_LABEL: &str = "mdm sandbox up";

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    validate_context_name(&args.context_name)?;
    let dirs = app.dirs()?.clone();
    let db_dir = dirs.sandbox_db_dir();
    let mut config = app.load_config()?;
    let previous = config.contexts.get(&args.context_name).cloned();
    if let Some(p) = &previous
        && !p.sandbox
    {
        return Err(Error::usage(format!(
            "context {:?} exists and is not a sandbox (server {})",
            args.context_name, p.server
        ))
        .with_hint("pick another name with `mdm sandbox up --name NAME`"));
    }

    let running = match load_state(&dirs)? {
        Some(st) if alive(st.pid) && healthy(app, &st.url, Some(&st.instance_id)).is_some() => {
            Some(st)
        }
        Some(_) => {
            clear_state(&dirs);
            None
        }
        None => None,
    };
    let (state, started) = match running {
        Some(st) => (st, false),
        None => {
            let port = pick_port(args.port, previous.as_ref());
            (start(app, &dirs, &db_dir, port, args.devices)?, true)
        }
    };

    // The context: current, marked as a sandbox.
    let mut ctx_cfg = previous
        .clone()
        .unwrap_or_else(|| ContextConfig::new(state.url.clone()));
    ctx_cfg.server = state.url.clone();
    ctx_cfg.sandbox = true;
    ctx_cfg.user = Some(mdm_server::BOOTSTRAP_USER.to_string());
    config
        .contexts
        .insert(args.context_name.clone(), ctx_cfg.clone());
    config.current_context = Some(args.context_name.clone());
    app.save_config(&config)?;
    let ctx = Ctx {
        name: args.context_name.clone(),
        config: ctx_cfg,
    };

    // The credential: reuse a working one, else mint a fresh token into the keyring.
    let keyring = app.keyring()?;
    let account = token_account(&ctx.name, &ctx.config.server);
    let works = match keyring.get(&account)? {
        Some(t) => app
            .api_with(&ctx, Some(t))
            .and_then(|api| api.me(None))
            .is_ok(),
        None => false,
    };
    if !works {
        let db = mdm_server::local::open_existing(&db_dir)?;
        let token = mdm_server::local::mint_token(&db, mdm_server::BOOTSTRAP_USER, TOKEN_LABEL)?;
        keyring.set(&account, &token)?;
        // Prove the stored credential works before saying so.
        let stored = keyring.get(&account)?.unwrap_or_else(|| Secret::new(""));
        app.api_with(&ctx, Some(stored))?.me(None)?;
    }

    // The bootstrap admin gets an authenticator once; its seed is shown only now.
    let db = mdm_server::local::open_existing(&db_dir)?;
    let new_mfa = mdm_server::local::ensure_mfa(&db, mdm_server::BOOTSTRAP_USER)?;
    drop(db);

    let devices = healthy(app, &state.url, None)
        .map(|h| h.devices)
        .unwrap_or(0);
    if started {
        app.ui.success(&format!(
            "Sandbox running at {} with {} simulated devices (pid {}, data in {})",
            state.url,
            devices,
            state.pid,
            state.db_dir.display()
        ));
    } else {
        app.ui.success(&format!(
            "Sandbox already running at {} (pid {})",
            state.url, state.pid
        ));
    }
    app.ui.success(&format!(
        "Context {} is current; logged in as {} (token in the {})",
        ctx.name,
        mdm_server::BOOTSTRAP_USER,
        keyring.kind.describe()
    ));
    if let Some(uri) = new_mfa {
        app.ui.info(
            "\nThe admin's TOTP seed is printed once below (a QR code and an otpauth:// URI): wipes, \
             pushes to many devices and policy weakenings ask for a code from it (a step-up the \
             server checks). Scan it with an authenticator app:\n",
        );
        if app.ui.stderr_tty {
            eprint!("{}", crate::ui::qr::terminal(&uri)?);
        }
        app.ui.info(&format!("  {uri}\n"));
        app.ui
            .info("No phone at hand? `mdm sandbox otp` prints a current code (sandbox only).");
    }
    app.ui.hint("try `mdm devices list`, `mdm groups list`, `mdm auth status`; stop it with `mdm sandbox down`");
    if app.output(None).is_machine() {
        app.output(None).value(&state)?;
    }
    Ok(())
}

fn port_free(port: u16) -> bool {
    std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
}

/// Keeps the previous port when it is free, so the context URL (and the keyring entry
/// bound to it) stays the same across restarts.
fn pick_port(requested: u16, previous: Option<&ContextConfig>) -> u16 {
    if requested != 0 {
        return requested;
    }
    previous
        .and_then(|p| url::Url::parse(&p.server).ok())
        .and_then(|u| u.port())
        .filter(|p| port_free(*p))
        .unwrap_or(0)
}

fn start(
    app: &Factory,
    dirs: &crate::config::Dirs,
    db_dir: &std::path::Path,
    port: u16,
    devices: u32,
) -> Result<RunState> {
    std::fs::create_dir_all(&dirs.state)
        .with_context(|| format!("cannot create {}", dirs.state.display()))?;
    let log = dirs.state.join("sandbox.log");
    let log_file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .with_context(|| format!("cannot open {}", log.display()))?;
    let exe = std::env::current_exe().context("cannot find the mdm executable")?;
    let mut cmd = Command::new(exe);
    cmd.args(["sandbox", "serve", "--port"])
        .arg(port.to_string())
        .arg("--devices")
        .arg(devices.to_string())
        .arg("--db-dir")
        .arg(db_dir)
        .arg("--baseline-policies")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log_file)
        // Secrets never reach a child's environment.
        .env_remove("MDM_TOKEN")
        .env_remove("MDM_OTP");
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: setsid is async-signal-safe; it detaches the server from our terminal
        // so Ctrl-C in this shell does not stop it.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
    }
    app.ui.info(&format!(
        "Starting the sandbox{}…",
        if db_dir.join(mdm_server::local::DB_FILE).exists() {
            String::new()
        } else {
            format!(" and seeding {devices} devices")
        }
    ));
    let mut child = cmd.spawn().context("cannot start `mdm sandbox serve`")?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let r = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(r.map(|_| line));
    });
    let url = match rx.recv_timeout(Duration::from_secs(180)) {
        Ok(Ok(line)) if line.trim().starts_with("http://") => line.trim().to_string(),
        other => {
            let _ = child.kill();
            let _ = child.wait();
            let tail = std::fs::read_to_string(&log)
                .map(|t| {
                    t.lines()
                        .rev()
                        .take(5)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default();
            let mut e = Error::failure("the sandbox server did not start");
            if other.is_err() {
                e = e.with_cause("no answer within 180 s");
            }
            if !tail.is_empty() {
                e = e.with_cause(format!("its log says: {tail}"));
            }
            return Err(e.with_hint(format!("full log: {}", log.display())));
        }
    };
    let mut health = None;
    for _ in 0..100 {
        if let Some(h) = healthy(app, &url, None) {
            health = Some(h);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let health = health.ok_or_else(|| {
        Error::failure(format!(
            "the sandbox started at {url} but does not answer health checks"
        ))
        .with_hint(format!("see {}", log.display()))
    })?;
    let state = RunState {
        pid: child.id(),
        url,
        instance_id: health.instance_id,
        db_dir: db_dir.to_path_buf(),
        log,
        started_at: mdm_model::time::now_rfc3339(),
    };
    save_state(dirs, &state)?;
    Ok(state)
}
