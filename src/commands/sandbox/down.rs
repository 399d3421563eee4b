use super::{alive, clear_state, forget_urls, load_state, urls_used};
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::{Context as _, Error, Result};
use crate::outcome::Outcome;
use std::time::{Duration, Instant};

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub purge: bool,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(|()| Outcome::changed()))
}

fn apply(app: &Factory, args: &Settings) -> Result<()> {
    let dirs = app.dirs()?.clone();
    match load_state(&dirs)? {
        Some(st) if alive(st.pid) => match super::healthy(app, &st.url, Some(&st.instance_id)) {
            // Only the process that answers as this instance, under the recorded pid, is
            // signalled: a pid is reused once its process has gone.
            Some(h) if h.pid == Some(st.pid) => {
                stop(st.pid)?;
                clear_state(&dirs);
                app.ui.success(&format!(
                    "Stopped the sandbox at {} (pid {})",
                    st.url, st.pid
                ));
            }
            Some(h) => {
                return Err(Error::failure(format!(
                    "the sandbox at {} does not confirm pid {}; nothing was signalled",
                    st.url, st.pid
                ))
                .with_cause(match h.pid {
                    Some(p) => format!("it reports pid {p}"),
                    None => "it does not report its pid".to_string(),
                })
                .with_hint(
                    "stop it yourself (Ctrl-C where `mdm sandbox serve` runs, or kill its pid)",
                ));
            }
            None => {
                clear_state(&dirs);
                app.ui.info(&format!(
                    "the sandbox was not running (pid {} now belongs to another process, left alone)",
                    st.pid
                ));
            }
        },
        Some(_) => {
            clear_state(&dirs);
            app.ui.info("the sandbox was not running");
        }
        None => app.ui.info("the sandbox is not running"),
    }
    if args.purge {
        let db_dir = dirs.sandbox_db_dir();
        if db_dir.exists() {
            std::fs::remove_dir_all(&db_dir)
                .with_context(|| format!("cannot delete {}", db_dir.display()))?;
        }
        let mut config = app.load_config()?;
        // What the sandbox made: its own contexts (flagged), and any context or stored
        // credential pointing at a URL a sandbox ran at (contexts added by hand, tokens
        // under an old port).
        let mut urls = urls_used(&dirs);
        urls.extend(
            config
                .contexts
                .values()
                .filter(|c| c.sandbox)
                .map(|c| c.server.clone()),
        );
        let made: Vec<String> = config
            .contexts
            .iter()
            .filter(|(_, c)| c.sandbox || urls.contains(&c.server))
            .map(|(n, _)| n.clone())
            .collect();
        let mut removed = 0;
        if let Ok(keyring) = app.keyring() {
            for name in &made {
                let server = &config.contexts[name].server;
                removed += usize::from(keyring.delete(&crate::auth::token_account(name, server))?);
                removed +=
                    usize::from(keyring.delete(&crate::auth::elevation_account(name, server))?);
            }
            for account in keyring.accounts()?.unwrap_or_default() {
                let Some((name, server)) = crate::auth::session_account(&account) else {
                    continue;
                };
                if made.iter().any(|m| m == name) || urls.iter().any(|u| u == server) {
                    removed += usize::from(keyring.delete(&account)?);
                }
            }
        }
        for name in &made {
            config.contexts.remove(name);
            if config.current_context.as_deref() == Some(name) {
                config.current_context = None;
            }
        }
        app.save_config(&config)?;
        forget_urls(&dirs);
        app.ui.success(&format!(
            "Deleted the sandbox database, {} context(s) pointing at it ({}) and {removed} stored credential(s)",
            made.len(),
            if made.is_empty() { "none".to_string() } else { made.join(", ") }
        ));
    }
    Ok(())
}

fn stop(pid: u32) -> Result<()> {
    #[cfg(unix)]
    {
        let p = libc::pid_t::try_from(pid).map_err(|_| Error::failure("bad pid"))?;
        // SAFETY: the process at this pid just answered as this sandbox instance; SIGTERM
        // makes it shut down gracefully.
        unsafe {
            libc::kill(p, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(15);
        while alive(pid) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        if alive(pid) {
            // SAFETY: as above; the server did not stop in time.
            unsafe {
                libc::kill(p, libc::SIGKILL);
            }
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        Err(Error::failure(
            "stopping the background sandbox is only supported on Unix",
        ))
    }
}
