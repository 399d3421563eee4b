//! A keyring-core store on the Linux kernel keyutils keyrings, for headless hosts.
//!
//! Keys go to the user's *persistent* keyring when the kernel allows it (survives logout),
//! else straight to the user keyring `@u`. `linux-keyutils-keyring-store` adds a key to
//! the session keyring and then fails to link it to the persistent one on hosts (such as
//! containers) that refuse persistent-keyring writes, which is why this store exists.

use keyring_core::api::{CredentialApi, CredentialStoreApi};
use keyring_core::{Credential, CredentialPersistence, Entry, Error};
use linux_keyutils::{KeyError, KeyPermissionsBuilder, KeyRing, KeyRingIdentifier, Permission};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct KeyutilsStore;

impl KeyutilsStore {
    pub fn new() -> Arc<Self> {
        Arc::new(KeyutilsStore)
    }

    /// Checks that the user keyring can be reached at all.
    pub fn probe() -> Result<(), Error> {
        KeyRing::from_special_id(KeyRingIdentifier::User, true)
            .map(|_| ())
            .map_err(platform)
    }
}

impl CredentialStoreApi for KeyutilsStore {
    fn vendor(&self) -> String {
        "mdm keyutils store (persistent keyring, falling back to @u)".to_string()
    }

    fn id(&self) -> String {
        "mdm-keyutils-1".to_string()
    }

    fn build(
        &self,
        service: &str,
        user: &str,
        _modifiers: Option<&HashMap<&str, &str>>,
    ) -> keyring_core::Result<Entry> {
        if service.is_empty() || user.is_empty() {
            return Err(Error::Invalid(
                "service/user".into(),
                "cannot be empty".into(),
            ));
        }
        let cred = KeyutilsCred {
            description: format!("{service}:{user}"),
            service: service.to_string(),
            user: user.to_string(),
        };
        Ok(Entry::new_with_credential(Arc::new(cred)))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn persistence(&self) -> CredentialPersistence {
        CredentialPersistence::UntilReboot
    }
}

#[derive(Debug, Clone)]
struct KeyutilsCred {
    description: String,
    service: String,
    user: String,
}

fn platform(e: KeyError) -> Error {
    match e {
        KeyError::AccessDenied => Error::NoStorageAccess(Box::new(KeyErr(e))),
        _ => Error::PlatformFailure(Box::new(KeyErr(e))),
    }
}

#[derive(Debug)]
struct KeyErr(KeyError);

impl std::fmt::Display for KeyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "kernel keyring: {:?}", self.0)
    }
}

impl std::error::Error for KeyErr {}

/// The accounts (`user` parts) of the live keys of `service`, from the descriptions
/// in `/proc/keys` (the keys this process may view): no secret is read. (The crate's
/// `get_links` sizes its buffer in bytes but reads ids, so a large keyring overflows it.)
pub fn accounts(service: &str) -> Vec<String> {
    let prefix = format!("{service}:");
    let Ok(text) = std::fs::read_to_string("/proc/keys") else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // id flags usage timeout perm uid gid type description…: a live user key only.
        if fields.len() < 9 || fields[7] != "user" || fields[1].contains(['i', 'D', 'R']) {
            continue;
        }
        let desc = fields[8..].join(" ");
        let desc = desc.rsplit_once(": ").map_or(desc.as_str(), |(d, _)| d);
        if let Some(account) = desc.strip_prefix(&prefix)
            && !out.iter().any(|a| a == account)
        {
            out.push(account.to_string());
        }
    }
    out
}

impl KeyutilsCred {
    /// The keyrings to look in, most durable first.
    fn rings() -> Vec<KeyRing> {
        let mut rings = Vec::new();
        if let Ok(p) = KeyRing::get_persistent(KeyRingIdentifier::User) {
            rings.push(p);
        }
        if let Ok(u) = KeyRing::from_special_id(KeyRingIdentifier::User, true) {
            rings.push(u);
        }
        rings
    }

    fn find(&self) -> Option<linux_keyutils::Key> {
        Self::rings()
            .into_iter()
            .find_map(|r| r.search(&self.description).ok())
    }
}

impl CredentialApi for KeyutilsCred {
    fn set_secret(&self, secret: &[u8]) -> keyring_core::Result<()> {
        if secret.is_empty() {
            return Err(Error::Invalid("secret".into(), "cannot be empty".into()));
        }
        // Replace, never duplicate: drop any older copy first.
        while let Some(old) = self.find() {
            if old.invalidate().is_err() {
                break;
            }
        }
        let mut last_err = None;
        for ring in Self::rings() {
            match ring.add_key(&self.description, secret) {
                Ok(key) => {
                    // Possessor may do everything; other processes of the same user may
                    // only see that it exists (no read), as with the kernel default.
                    let perms = KeyPermissionsBuilder::builder()
                        .posessor(Permission::ALL)
                        .user(Permission::VIEW)
                        .build();
                    let _ = key.set_perms(perms);
                    return Ok(());
                }
                Err(e) => last_err = Some(e),
            }
        }
        Err(platform(last_err.unwrap_or(KeyError::KeyringDoesNotExist)))
    }

    fn get_secret(&self) -> keyring_core::Result<Vec<u8>> {
        let key = self.find().ok_or(Error::NoEntry)?;
        key.read_to_vec().map_err(platform)
    }

    fn delete_credential(&self) -> keyring_core::Result<()> {
        let key = self.find().ok_or(Error::NoEntry)?;
        key.invalidate().map_err(platform)
    }

    fn get_credential(&self) -> keyring_core::Result<Option<Arc<Credential>>> {
        self.find().ok_or(Error::NoEntry)?;
        Ok(None)
    }

    fn get_specifiers(&self) -> Option<(String, String)> {
        Some((self.service.clone(), self.user.clone()))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
