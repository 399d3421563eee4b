//! Where mdm keeps things, and the TOML config of contexts. The config never holds a
//! secret: server URL, CA bundle path and defaults only; tokens live in the keyring.

use crate::error::{Context as _, Error, Result};
use crate::output::OutputFormat;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The three directories, each overridable by environment (tests always set them).
#[derive(Debug, Clone)]
pub struct Dirs {
    pub config: PathBuf,
    pub state: PathBuf,
    pub data: PathBuf,
}

impl Dirs {
    pub fn from_env() -> Result<Self> {
        let home = dirs::home_dir();
        let pick = |var: &str, xdg: &str, fallback: Option<PathBuf>| -> Result<PathBuf> {
            if let Some(v) = std::env::var_os(var).filter(|v| !v.is_empty()) {
                return Ok(PathBuf::from(v));
            }
            if let Some(v) = std::env::var_os(xdg).filter(|v| !v.is_empty()) {
                let p = PathBuf::from(v);
                if p.is_absolute() {
                    return Ok(p.join("mdm"));
                }
            }
            fallback.map(|p| p.join("mdm")).ok_or_else(|| {
                Error::failure("cannot find a home directory for mdm's files")
                    .with_hint(format!("set {var}"))
            })
        };
        let config = pick("MDM_CONFIG_DIR", "XDG_CONFIG_HOME", dirs::config_dir())?;
        let state = pick(
            "MDM_STATE_DIR",
            "XDG_STATE_HOME",
            dirs::state_dir()
                .or_else(dirs::data_local_dir)
                .or_else(|| home.as_ref().map(|h| h.join(".local/state"))),
        )?;
        let data = pick("MDM_DATA_DIR", "XDG_DATA_HOME", dirs::data_dir())?;
        Ok(Dirs {
            config,
            state,
            data,
        })
    }

    pub fn config_file(&self) -> PathBuf {
        self.config.join("config.toml")
    }

    pub fn sandbox_db_dir(&self) -> PathBuf {
        self.data.join("sandbox")
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_context: Option<String>,
    #[serde(default)]
    pub contexts: BTreeMap<String, ContextConfig>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ContextConfig {
    pub server: String,
    /// `mdm-v1` today; vendor adapters would add their own names.
    #[serde(default = "default_provider")]
    pub provider: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_bundle: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_output: Option<OutputFormat>,
    /// Set for contexts created by `mdm sandbox up`: enables sandbox-only conveniences.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sandbox: bool,
    /// The user this context last logged in as (a name, not a secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

fn default_provider() -> String {
    "mdm-v1".to_string()
}

impl ContextConfig {
    pub fn new(server: String) -> Self {
        ContextConfig {
            server,
            provider: default_provider(),
            ca_bundle: None,
            default_output: None,
            sandbox: false,
            user: None,
        }
    }
}

/// Context names become keyring keys and file names: keep them boring.
pub fn validate_context_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.');
    if ok {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "invalid context name {:?}",
            mdm_model::escape::terminal(name)
        ))
        .with_hint("use 1-64 letters, digits, '-', '_' or '.'"))
    }
}

impl Config {
    pub fn load(dirs: &Dirs) -> Result<Self> {
        let path = dirs.config_file();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(
                    Error::failure(format!("cannot read {}", path.display())).with_source(&e)
                );
            }
        };
        toml::from_str(&text).map_err(|e| {
            // Only position and message: the parser's snippet of the offending line could
            // echo a secret someone pasted into the file.
            let at = e
                .span()
                .map(|s| {
                    let before = &text[..s.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    format!("line {line}, column {col}: ")
                })
                .unwrap_or_default();
            Error::failure(format!("{} is not a valid mdm config", path.display()))
                .with_cause(format!("{at}{}", e.message().trim_end()))
                .with_hint("fix or remove the file; `mdm context add` recreates it (secrets never belong in it)")
        })
    }

    /// Writes atomically (temp file + rename) so a crash never leaves half a config.
    pub fn save(&self, dirs: &Dirs) -> Result<()> {
        let path = dirs.config_file();
        let text = toml::to_string_pretty(self)
            .map_err(|e| Error::failure("cannot encode the config").with_source(&e))?;
        write_atomic(&path, text.as_bytes(), 0o600)
    }

    pub fn names(&self) -> Vec<String> {
        self.contexts.keys().cloned().collect()
    }

    /// Resolves `--context`/`MDM_CONTEXT`, else the current context.
    pub fn resolve(&self, requested: Option<&str>) -> Result<(String, &ContextConfig)> {
        let name = match requested {
            Some(n) => n.to_string(),
            None => match &self.current_context {
                Some(n) => n.clone(),
                None => {
                    return Err(Error::usage("no context selected").with_hint(
                        if self.contexts.is_empty() {
                            "start the sandbox with `mdm sandbox up`, or add a server with `mdm context add NAME --server URL`".to_string()
                        } else {
                            format!(
                                "pick one with `mdm context use NAME` (known: {})",
                                self.names().join(", ")
                            )
                        },
                    ));
                }
            },
        };
        match self.contexts.get(&name) {
            Some(c) => Ok((name, c)),
            // A hand-edited config whose current context is gone.
            None if requested.is_none() => Err(Error::usage(format!(
                "the current context {name:?} no longer exists"
            ))
            .with_hint(if self.contexts.is_empty() {
                "add one with `mdm context add NAME --server URL`, or `mdm sandbox up`".to_string()
            } else {
                format!(
                    "pick one with `mdm context use NAME` (known: {})",
                    self.names().join(", ")
                )
            })),
            None => Err(self.unknown_context(&name)),
        }
    }

    pub fn unknown_context(&self, name: &str) -> Error {
        let e = Error::usage(format!(
            "unknown context {:?}",
            mdm_model::escape::terminal(name)
        ));
        if self.contexts.is_empty() {
            e.with_hint("no contexts exist yet; run `mdm sandbox up` or `mdm context add NAME --server URL`")
        } else {
            e.with_hint(format!("known contexts: {}", self.names().join(", ")))
        }
    }
}

/// Writes a file via a temp file in the same directory and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ));
    {
        use std::io::Write;
        let mut f = create_private(&tmp, mode)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        f.write_all(bytes)
            .and_then(|_| f.sync_all())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
    }
    std::fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))
}

/// Creates (truncating) a file with the given mode from the start, not chmod-ed later,
/// so there is no moment when a secret-bearing file is world-readable.
pub fn create_private(path: &Path, mode: u32) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let f = opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_names() {
        for ok in ["sandbox", "prod-eu", "a.b_c"] {
            validate_context_name(ok).unwrap();
        }
        for bad in ["", ".hidden", "a b", "x/y", "ü", &"x".repeat(65)] {
            assert!(validate_context_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn config_round_trips_and_rejects_unknown_keys() {
        let mut c = Config::default();
        c.contexts
            .insert("a".into(), ContextConfig::new("https://x".into()));
        c.current_context = Some("a".into());
        let text = toml::to_string_pretty(&c).unwrap();
        let back: Config = toml::from_str(&text).unwrap();
        assert_eq!(back.contexts["a"], c.contexts["a"]);
        assert!(toml::from_str::<Config>("token = \"x\"").is_err());
    }
}
