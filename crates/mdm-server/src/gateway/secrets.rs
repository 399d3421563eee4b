//! Secrets for the gateway, read from where the config points (never from the config
//! itself): a file owned by the user the gateway runs as and private to it (mode & 0o077
//! == 0), a credential systemd passed in `$CREDENTIALS_DIRECTORY` (`LoadCredential=`), or
//! an environment variable the config names. A value never reaches a message: errors name
//! the key, the file and its mode, or the variable.

use crate::backend::intune::SecretValue;
use crate::local::LocalError;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest secret, certificate or key file read (a PEM chain is a few KiB).
const MAX_SECRET_BYTES: u64 = 1 << 20;

/// Where environment lookups go (the process environment; tests pass their own).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Where a file named in the config is: absolute as given; a relative name in
/// `$CREDENTIALS_DIRECTORY` when that is set and `secret` (systemd `LoadCredential=`),
/// else beside the config file. The flag says whether systemd's directory was used.
pub fn locate(name: &Path, base: &Path, secret: bool, env: Env<'_>) -> (PathBuf, bool) {
    if name.is_absolute() {
        return (name.to_path_buf(), false);
    }
    if secret && let Some(dir) = env("CREDENTIALS_DIRECTORY").filter(|d| !d.is_empty()) {
        return (Path::new(&dir).join(name), true);
    }
    (base.join(name), false)
}

/// Reads the secret file `name` given as `key`. Outside `$CREDENTIALS_DIRECTORY` (a
/// private directory systemd manages) the file must belong to the current user and be
/// neither readable nor writable by group or others.
pub fn read_secret_file(
    key: &str,
    name: &Path,
    base: &Path,
    env: Env<'_>,
) -> Result<SecretValue, LocalError> {
    let (path, from_systemd) = locate(name, base, true, env);
    let mut file = open(key, &path)?;
    if !from_systemd {
        check_private(key, &path, &file)?;
    }
    read_all(key, &path, &mut file).map(SecretValue::new)
}

/// Reads a public file (a certificate) named in the config as `key`.
pub fn read_public_file(key: &str, name: &Path, base: &Path) -> Result<Vec<u8>, LocalError> {
    let path = if name.is_absolute() {
        name.to_path_buf()
    } else {
        base.join(name)
    };
    let mut file = open(key, &path)?;
    read_all(key, &path, &mut file)
}

/// Reads the secret in environment variable `var`, named in the config as `key`.
pub fn read_secret_env(key: &str, var: &str, env: Env<'_>) -> Result<SecretValue, LocalError> {
    match env(var) {
        Some(v) if !v.trim().is_empty() => Ok(SecretValue::new(v.into_bytes())),
        Some(_) => Err(LocalError::usage(format!(
            "{key}: environment variable {var} is empty"
        ))),
        None => Err(
            LocalError::usage(format!("{key}: environment variable {var} is not set")).with_hint(
                format!(
                    "set {var} in the gateway's environment (a systemd unit: Environment= or \
             EnvironmentFile=), or use a *_file secret"
                ),
            ),
        ),
    }
}

fn open(key: &str, path: &Path) -> Result<std::fs::File, LocalError> {
    std::fs::File::open(path).map_err(|e| {
        let err = LocalError::usage(format!("{key}: cannot read {}", path.display())).with_source(&e);
        if e.kind() == std::io::ErrorKind::NotFound {
            err.with_hint("check the path in the config (a relative name is looked up in $CREDENTIALS_DIRECTORY for secrets when set, else beside the config file)")
        } else {
            err
        }
    })
}

fn read_all(key: &str, path: &Path, file: &mut std::fs::File) -> Result<Vec<u8>, LocalError> {
    let mut buf = Vec::new();
    file.take(MAX_SECRET_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            LocalError::usage(format!("{key}: cannot read {}", path.display())).with_source(&e)
        })?;
    if buf.len() as u64 > MAX_SECRET_BYTES {
        return Err(LocalError::usage(format!(
            "{key}: {} is larger than 1 MiB",
            path.display()
        )));
    }
    if buf.iter().all(u8::is_ascii_whitespace) {
        return Err(LocalError::usage(format!(
            "{key}: {} is empty",
            path.display()
        )));
    }
    Ok(buf)
}

/// Refuses a secret file another user owns or that group or others may read or write.
/// The open file is checked (not the path again), so it cannot be swapped in between.
#[cfg(unix)]
fn check_private(key: &str, path: &Path, file: &std::fs::File) -> Result<(), LocalError> {
    use std::os::unix::fs::MetadataExt;
    let meta = file.metadata().map_err(|e| {
        LocalError::usage(format!("{key}: cannot read {}", path.display())).with_source(&e)
    })?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        return Err(LocalError::usage(format!(
            "{key}: {} belongs to uid {}, not to the user the gateway runs as (uid {me}); refusing a secret another user controls",
            path.display(),
            meta.uid()
        ))
        .with_hint(format!(
            "chown the file to the gateway's user and chmod 600 {}, or pass it with systemd's LoadCredential=",
            path.display()
        )));
    }
    let mode = meta.mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(LocalError::usage(format!(
            "{key}: {} has mode {mode:04o}: group or others may read or write it; refusing to use a secret that is not private",
            path.display()
        ))
        .with_hint(format!("chmod 600 {}", path.display())));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_key: &str, _path: &Path, _file: &std::fs::File) -> Result<(), LocalError> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn private_files_only_and_never_the_value() {
        let dir = std::env::temp_dir().join(format!("mdm-secrets-{}", crate::ids::random_hex(6)));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("s");
        std::fs::write(&f, "MARKER-VALUE\n").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = read_secret_file("backend.client_secret_file", Path::new("s"), &dir, &no_env)
            .unwrap_err();
        assert!(e.message.contains("mode 0644"), "{}", e.message);
        assert!(e.message.contains(&f.display().to_string()));
        assert!(e.hint.as_deref().unwrap().contains("chmod 600"));
        assert!(!format!("{e:?}").contains("MARKER"));
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        let v = read_secret_file("k", &f, &dir, &no_env).unwrap();
        assert_eq!(v.expose_str(), Some("MARKER-VALUE"));
        assert!(!format!("{v:?}").contains("MARKER"));
        // systemd's directory: a relative name is looked up there.
        let creds = dir.join("creds");
        std::fs::create_dir_all(&creds).unwrap();
        std::fs::write(creds.join("graph"), "FROM-SYSTEMD").unwrap();
        let d = creds.display().to_string();
        let env = move |k: &str| (k == "CREDENTIALS_DIRECTORY").then(|| d.clone());
        let v = read_secret_file("k", Path::new("graph"), &dir, &env).unwrap();
        assert_eq!(v.expose(), b"FROM-SYSTEMD");
        let e = read_secret_env("k", "NOPE", &no_env).unwrap_err();
        assert!(e.message.contains("NOPE is not set"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
