//! Credentials: the OS keyring and nothing else. No plaintext fallback; when no keyring
//! works, the error says so and points to `MDM_TOKEN`.
//!
//! Store choice: `MDM_KEYRING` (`secret-service`, `keyutils`, `keychain`, `windows`) if
//! set; otherwise the platform's native store, and on Linux the Secret Service when a
//! session bus answers, else the kernel keyutils keyring (headless hosts).

#[cfg(target_os = "linux")]
pub mod keyutils;

use crate::api::Secret;
use crate::error::{Error, Result};
use keyring_core::{CredentialStore, Entry};
use std::sync::Arc;
use std::time::Duration;

/// Service name of every keyring entry; `MDM_KEYRING_SERVICE` lets several isolated mdm
/// installs (such as test runs) share one account without seeing each other's entries.
pub fn service_name() -> String {
    std::env::var("MDM_KEYRING_SERVICE")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "mdm".to_string())
}

pub struct Keyring {
    store: Arc<CredentialStore>,
    pub kind: StoreKind,
    service: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    SecretService,
    Keyutils,
    Keychain,
    WindowsCredentialManager,
}

impl StoreKind {
    pub fn describe(self) -> &'static str {
        match self {
            StoreKind::SecretService => "OS keyring: Secret Service (org.freedesktop.secrets)",
            StoreKind::Keyutils => "OS keyring: Linux kernel keyutils (user keyring)",
            StoreKind::Keychain => "OS keyring: macOS Keychain",
            StoreKind::WindowsCredentialManager => "OS keyring: Windows Credential Manager",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            StoreKind::SecretService => "secret-service",
            StoreKind::Keyutils => "keyutils",
            StoreKind::Keychain => "keychain",
            StoreKind::WindowsCredentialManager => "windows",
        }
    }
}

/// Keyring account names: bound to both the context and its server URL, so a context
/// re-pointed at another server never sends it the old server's token.
pub fn token_account(context: &str, server: &str) -> String {
    format!("token:{context}@{server}")
}

pub fn elevation_account(context: &str, server: &str) -> String {
    format!("elevation:{context}@{server}")
}

/// A token or elevation account split into (context, server); other accounts (the HEC
/// token, probes) are `None`.
pub fn session_account(account: &str) -> Option<(&str, &str)> {
    account
        .strip_prefix("token:")
        .or_else(|| account.strip_prefix("elevation:"))?
        .split_once('@')
}

fn no_keyring(cause: impl std::fmt::Display) -> Error {
    Error::failure("no OS keyring is available to store credentials")
        .with_cause(cause)
        .with_hint("mdm never falls back to a plaintext file; for automation set MDM_TOKEN in the environment instead")
}

impl Keyring {
    pub fn open() -> Result<Keyring> {
        let service = service_name();
        let requested = std::env::var("MDM_KEYRING").ok().filter(|s| !s.is_empty());
        let (store, kind) = match requested.as_deref() {
            Some(name) => open_named(name)?,
            None => open_default()?,
        };
        Ok(Keyring {
            store,
            kind,
            service,
        })
    }

    fn entry(&self, account: &str) -> Result<Entry> {
        self.store
            .build(&self.service, account, None)
            .map_err(|e| keyring_error("cannot address the keyring entry", e))
    }

    pub fn get(&self, account: &str) -> Result<Option<Secret>> {
        match self.entry(account)?.get_password() {
            Ok(p) => Ok(Some(Secret::new(p))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_error("cannot read from the keyring", e)),
        }
    }

    pub fn set(&self, account: &str, secret: &str) -> Result<()> {
        self.entry(account)?
            .set_password(secret)
            .map_err(|e| keyring_error("cannot store the credential in the keyring", e))
    }

    /// The account names stored under this service (names only, never a secret), or
    /// `None` when the store cannot list them (macOS and Windows stores here).
    pub fn accounts(&self) -> Result<Option<Vec<String>>> {
        match self.kind {
            #[cfg(target_os = "linux")]
            StoreKind::Keyutils => Ok(Some(keyutils::accounts(&self.service))),
            StoreKind::SecretService => {
                let spec = std::collections::HashMap::from([("service", self.service.as_str())]);
                let entries = match self.store.search(&spec) {
                    Ok(e) => e,
                    Err(keyring_core::Error::NotSupportedByStore(_)) => return Ok(None),
                    Err(e) => return Err(keyring_error("cannot list the keyring's entries", e)),
                };
                Ok(Some(
                    entries
                        .iter()
                        .filter_map(|e| e.get_attributes().ok()?.remove("username"))
                        .collect(),
                ))
            }
            _ => Ok(None),
        }
    }

    /// Deletes an entry; `Ok(false)` when there was none.
    pub fn delete(&self, account: &str) -> Result<bool> {
        match self.entry(account)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(keyring_error("cannot delete from the keyring", e)),
        }
    }
}

fn keyring_error(msg: &str, e: keyring_core::Error) -> Error {
    // keyring errors never contain the secret itself except BadEncoding; never show it.
    let cause = match &e {
        keyring_core::Error::BadEncoding(_) => "the stored value is not valid UTF-8".to_string(),
        keyring_core::Error::BadDataFormat(_, inner) => inner.to_string(),
        other => other.to_string(),
    };
    let err = Error::failure(msg).with_cause(cause);
    match e {
        keyring_core::Error::NoStorageAccess(_) => {
            err.with_hint("the keyring refused access; unlock it, or set MDM_TOKEN for this shell")
        }
        _ => err,
    }
}

fn open_named(name: &str) -> Result<(Arc<CredentialStore>, StoreKind)> {
    match name {
        #[cfg(target_os = "linux")]
        "secret-service" => open_secret_service(Duration::from_secs(5))
            .map(|s| (s, StoreKind::SecretService))
            .map_err(no_keyring),
        #[cfg(target_os = "linux")]
        "keyutils" => {
            keyutils::KeyutilsStore::probe().map_err(no_keyring)?;
            let s: Arc<CredentialStore> = keyutils::KeyutilsStore::new();
            Ok((s, StoreKind::Keyutils))
        }
        #[cfg(target_os = "macos")]
        "keychain" => open_default(),
        #[cfg(target_os = "windows")]
        "windows" => open_default(),
        other => Err(Error::usage(format!(
            "MDM_KEYRING={:?} is not a keyring this build supports",
            mdm_model::escape::terminal(other)
        ))
        .with_hint(if cfg!(target_os = "linux") {
            "use secret-service or keyutils, or unset MDM_KEYRING"
        } else if cfg!(target_os = "macos") {
            "use keychain, or unset MDM_KEYRING"
        } else {
            "use windows, or unset MDM_KEYRING"
        })),
    }
}

#[cfg(target_os = "linux")]
fn open_default() -> Result<(Arc<CredentialStore>, StoreKind)> {
    let mut why = Vec::new();
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty()) {
        match open_secret_service(Duration::from_secs(3)) {
            Ok(s) => return Ok((s, StoreKind::SecretService)),
            Err(e) => why.push(format!("Secret Service: {e}")),
        }
    } else {
        why.push("Secret Service: no session bus (DBUS_SESSION_BUS_ADDRESS is unset)".into());
    }
    match keyutils::KeyutilsStore::probe() {
        Ok(()) => {
            let s: Arc<CredentialStore> = keyutils::KeyutilsStore::new();
            Ok((s, StoreKind::Keyutils))
        }
        Err(e) => {
            why.push(format!("kernel keyutils: {e}"));
            Err(no_keyring(why.join("; ")))
        }
    }
}

/// Connects to the Secret Service and checks that it answers, within `timeout`: a bus
/// without a keyring daemon can otherwise hang on D-Bus activation.
#[cfg(target_os = "linux")]
fn open_secret_service(timeout: Duration) -> std::result::Result<Arc<CredentialStore>, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = (|| {
            let store =
                zbus_secret_service_keyring_store::Store::new().map_err(|e| e.to_string())?;
            let store: Arc<CredentialStore> = store;
            let probe = store
                .build(&service_name(), "probe:reachable", None)
                .map_err(|e| e.to_string())?;
            match probe.get_password() {
                Ok(_) | Err(keyring_core::Error::NoEntry) => Ok(store),
                Err(e) => Err(e.to_string()),
            }
        })();
        let _ = tx.send(result);
    });
    rx.recv_timeout(timeout)
        .map_err(|_| format!("no answer within {} s", timeout.as_secs()))?
}

#[cfg(target_os = "macos")]
fn open_default() -> Result<(Arc<CredentialStore>, StoreKind)> {
    let s = apple_native_keyring_store::keychain::Store::new().map_err(|e| no_keyring(e))?;
    Ok((s, StoreKind::Keychain))
}

#[cfg(target_os = "windows")]
fn open_default() -> Result<(Arc<CredentialStore>, StoreKind)> {
    let s = windows_native_keyring_store::Store::new().map_err(|e| no_keyring(e))?;
    Ok((s, StoreKind::WindowsCredentialManager))
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn open_default() -> Result<(Arc<CredentialStore>, StoreKind)> {
    Err(no_keyring("this platform has no supported keyring"))
}
