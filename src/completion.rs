//! Dynamic shell completion through clap_complete's environment-driven engine
//! (`COMPLETE=bash mdm`): contexts come from the config; groups, devices, actions,
//! policies and apps from the server, asked with a short timeout and never with a
//! prompt. Any failure (no server, no login, a timeout) gives no candidates and no noise.

use crate::app::{Ctx, Factory};
use clap::Command;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use std::ffi::OsStr;
use std::time::Duration;

/// How long a completion may wait for the server.
const SERVER_TIMEOUT: Duration = Duration::from_millis(1500);

#[derive(Debug, Clone, Copy)]
enum Kind {
    Context,
    Group,
    Device,
    Action,
    Policy,
    App,
}

/// Which values an argument takes, by its command path and id.
fn kind_for(path: &[&str], id: &str) -> Option<Kind> {
    let noun = path.first().copied().unwrap_or("");
    Some(match (noun, id) {
        (_, "context") => Kind::Context,
        ("context", "name") => Kind::Context,
        (_, "group") => Kind::Group,
        ("groups", "name") => Kind::Group,
        (_, "devices" | "device") => Kind::Device,
        ("actions" | "approvals", "id") => Kind::Action,
        ("policy", "name") => Kind::Policy,
        ("push" | "apps", "app") => Kind::App,
        _ => return None,
    })
}

/// The command with completers attached to every argument that names something.
pub fn attach(cmd: Command) -> Command {
    walk(cmd, Vec::new())
}

fn walk(mut cmd: Command, path: Vec<String>) -> Command {
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    for id in ids {
        if let Some(kind) = kind_for(&names, &id) {
            cmd = cmd.mut_arg(&id, move |a| {
                a.add(ArgValueCompleter::new(move |current: &OsStr| {
                    candidates(kind, current)
                }))
            });
        }
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        let mut sub_path = path.clone();
        sub_path.push(s.clone());
        cmd = cmd.mut_subcommand(&s, |sc| walk(sc, sub_path));
    }
    cmd
}

/// `-c NAME` / `--context NAME` / `--context=NAME` on the line being completed.
fn context_on_line() -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let mut it = args.iter().skip_while(|a| *a != "--").skip(1);
    let mut found = None;
    while let Some(a) = it.next() {
        if a == "-c" || a == "--context" {
            found = it.next().cloned();
        } else if let Some(v) = a.strip_prefix("--context=") {
            found = Some(v.to_string());
        }
    }
    found.filter(|c| !c.is_empty())
}

fn candidates(kind: Kind, current: &OsStr) -> Vec<CompletionCandidate> {
    let prefix = current.to_string_lossy().to_string();
    let values = values(kind, &prefix).unwrap_or_default();
    values
        .into_iter()
        .filter(|(v, _)| v.starts_with(&prefix))
        .map(|(v, help)| {
            let c = CompletionCandidate::new(v);
            match help {
                Some(h) => c.help(Some(mdm_model::escape::terminal(&h).into())),
                None => c,
            }
        })
        .collect()
}

fn factory() -> Factory {
    let mut global = crate::cli::GlobalArgs::quiet_for_completion();
    global.context = context_on_line().or_else(|| std::env::var("MDM_CONTEXT").ok());
    Factory::new(global).with_timeout(SERVER_TIMEOUT)
}

type Values = Vec<(String, Option<String>)>;

fn values(kind: Kind, prefix: &str) -> crate::error::Result<Values> {
    let app = factory();
    if let Kind::Context = kind {
        let config = app.load_config()?;
        return Ok(config
            .contexts
            .iter()
            .map(|(n, c)| (n.clone(), Some(c.server.clone())))
            .collect());
    }
    let ctx: Ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    Ok(match kind {
        Kind::Context => Vec::new(),
        Kind::Group => api
            .list_groups()?
            .into_iter()
            .map(|g| (g.name, Some(format!("{} devices", g.device_count))))
            .collect(),
        Kind::Device => {
            // An id prefix by filter (`id ~ dev_1ce`), anything else by the server's
            // search (serial, name, model, owner); only plain word characters are sent.
            if !prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Ok(Vec::new());
            }
            let mut q = crate::api::DeviceQuery {
                limit: Some(50),
                ..Default::default()
            };
            if prefix.starts_with("dev_") {
                q.filter = Some(format!("id ~ \"{prefix}\""));
            } else if !prefix.is_empty() {
                q.search = Some(prefix.to_string());
            }
            let mut out = Vec::new();
            for d in api.list_devices(&q, None)?.items {
                let help = Some(format!("{} · {} · {}", d.name, d.platform, d.serial));
                out.push((d.id.clone(), help));
                out.push((d.serial.clone(), Some(format!("{} · {}", d.name, d.id))));
            }
            out
        }
        Kind::Action => api
            .list_actions(None, 50, None)?
            .items
            .into_iter()
            .map(|a| {
                let help = format!("{} {} ({} devices)", a.action, a.status, a.total);
                (a.id, Some(help))
            })
            .collect(),
        Kind::Policy => api
            .list_policies()?
            .into_iter()
            .map(|p| (p.name, Some(format!("version {}", p.version))))
            .collect(),
        Kind::App => api
            .list_apps()?
            .into_iter()
            .map(|a| (a.name, Some(format!("{} {}", a.platform, a.version))))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arguments_that_name_things_get_completers() {
        assert!(matches!(kind_for(&["lock"], "group"), Some(Kind::Group)));
        assert!(matches!(kind_for(&["wipe"], "devices"), Some(Kind::Device)));
        assert!(matches!(
            kind_for(&["actions", "show"], "id"),
            Some(Kind::Action)
        ));
        assert!(matches!(
            kind_for(&["policy", "show"], "name"),
            Some(Kind::Policy)
        ));
        assert!(matches!(
            kind_for(&["devices", "list"], "context"),
            Some(Kind::Context)
        ));
        assert!(kind_for(&["sandbox", "user", "add"], "name").is_none());
        assert!(kind_for(&["enroll", "revoke"], "id").is_none());
    }
}
