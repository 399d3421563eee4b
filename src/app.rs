//! The factory every command receives (after gh's `cmdutil.Factory`): settings, the UI,
//! directories, and lazily the config, keyring and API client, so a command that needs
//! none of them (`mdm completions`) touches neither disk nor network.

use crate::api::rest::{ClientOptions, RestClient};
use crate::api::{Api, DeviceEnrollment, Secret};
use crate::auth::Keyring;
use crate::cli::{GlobalArgs, OutputFormat};
use crate::config::{Config, ContextConfig, Dirs};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::ui::Ui;
use std::cell::OnceCell;
use std::rc::Rc;
use std::time::Duration;

pub struct Factory {
    pub global: GlobalArgs,
    pub ui: Ui,
    dirs: OnceCell<Dirs>,
    keyring: OnceCell<Keyring>,
    /// Set by unit tests: every command gets this client instead of a REST one.
    injected_api: Option<Rc<dyn Api>>,
    /// Set by unit tests with the client: the context, instead of one from the config.
    injected_ctx: Option<Ctx>,
    /// A shorter request timeout than `MDM_TIMEOUT` or the default (shell completion).
    timeout: Option<Duration>,
}

/// The context a command runs against.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub name: String,
    pub config: ContextConfig,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialSource {
    Env,
    Keyring(crate::auth::StoreKind),
}

impl CredentialSource {
    pub fn describe(self) -> &'static str {
        match self {
            CredentialSource::Env => "environment variable MDM_TOKEN (not stored)",
            CredentialSource::Keyring(kind) => kind.describe(),
        }
    }
}

impl Factory {
    pub fn new(global: GlobalArgs) -> Self {
        let ui = Ui::new(global.color, global.no_input, global.quiet, global.verbose);
        Factory {
            global,
            ui,
            dirs: OnceCell::new(),
            keyring: OnceCell::new(),
            injected_api: None,
            injected_ctx: None,
            timeout: None,
        }
    }

    /// Every request gives up after `t` (connecting too).
    pub fn with_timeout(mut self, t: Duration) -> Self {
        self.timeout = Some(t);
        self
    }

    pub fn dirs(&self) -> Result<&Dirs> {
        if let Some(d) = self.dirs.get() {
            return Ok(d);
        }
        let d = Dirs::from_env()?;
        Ok(self.dirs.get_or_init(|| d))
    }

    pub fn load_config(&self) -> Result<Config> {
        Config::load(self.dirs()?)
    }

    pub fn save_config(&self, config: &Config) -> Result<()> {
        config.save(self.dirs()?)
    }

    /// The context named by `--context`/`MDM_CONTEXT`, else the current one.
    pub fn ctx(&self) -> Result<Ctx> {
        if let Some(ctx) = &self.injected_ctx {
            return Ok(ctx.clone());
        }
        let config = self.load_config()?;
        let (name, cfg) = config.resolve(self.global.context.as_deref())?;
        Ok(Ctx {
            name,
            config: cfg.clone(),
        })
    }

    pub fn keyring(&self) -> Result<&Keyring> {
        if self.injected_api.is_some() {
            // Unit tests never touch the machine's keyring (so no elevation is cached).
            return Err(Error::failure("no keyring in unit tests"));
        }
        if let Some(k) = self.keyring.get() {
            return Ok(k);
        }
        let k = Keyring::open()?;
        self.ui
            .debug(&format!("credential store: {}", k.kind.describe()));
        Ok(self.keyring.get_or_init(|| k))
    }

    /// `MDM_TOKEN` if set (used as is, never stored), else the context's keyring entry.
    pub fn credential(&self, ctx: &Ctx) -> Result<(Secret, CredentialSource)> {
        if let Some(token) = env_token() {
            return Ok((token, CredentialSource::Env));
        }
        let keyring = self.keyring().map_err(|e| {
            e.with_hint(format!(
                "or log in on a machine with a keyring; context {:?}",
                ctx.name
            ))
        })?;
        let account = crate::auth::token_account(&ctx.name, &ctx.config.server);
        match keyring.get(&account)? {
            Some(t) => Ok((t, CredentialSource::Keyring(keyring.kind))),
            None => Err(Error::unauthenticated(format!(
                "not logged in to context {:?} ({})",
                ctx.name, ctx.config.server
            ))
            .with_hint(format!(
                "run `mdm auth login --context {}`, or set MDM_TOKEN for automation",
                ctx.name
            ))),
        }
    }

    pub fn client_options(&self, ctx: &Ctx) -> ClientOptions {
        let mut opts = ClientOptions {
            verbose: self.global.verbose,
            ca_bundle: ctx.config.ca_bundle.clone(),
            context: Some(ctx.name.clone()),
            ..ClientOptions::default()
        };
        if let Some(secs) = std::env::var("MDM_TIMEOUT")
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| *s > 0.0 && s.is_finite())
        {
            opts.timeout = Duration::from_secs_f64(secs);
            opts.connect_timeout = opts.connect_timeout.min(opts.timeout);
        }
        if let Some(t) = self.timeout {
            opts.timeout = opts.timeout.min(t);
            opts.connect_timeout = opts.connect_timeout.min(t);
            opts.retries = 0;
        }
        opts
    }

    /// An authenticated client for the context.
    pub fn api(&self, ctx: &Ctx) -> Result<Rc<dyn Api>> {
        if let Some(api) = &self.injected_api {
            return Ok(api.clone());
        }
        let (token, _) = self.credential(ctx)?;
        self.api_with(ctx, Some(token))
    }

    /// The REST client itself (it is `Send`, unlike [`Factory::api`]'s handle), for a
    /// command that fetches on a second thread; `None` when tests injected an API.
    pub fn rest_client(&self, ctx: &Ctx) -> Result<Option<RestClient>> {
        if self.injected_api.is_some() {
            return Ok(None);
        }
        let (token, _) = self.credential(ctx)?;
        self.rest(ctx, Some(token)).map(Some)
    }

    /// The device side of enrollment (no user credential), for `sandbox enroll-device`.
    pub fn device_api(&self, ctx: &Ctx) -> Result<Box<dyn DeviceEnrollment>> {
        self.rest(ctx, None)
            .map(|c| Box::new(c) as Box<dyn DeviceEnrollment>)
    }

    pub fn api_with(&self, ctx: &Ctx, token: Option<Secret>) -> Result<Rc<dyn Api>> {
        if let Some(api) = &self.injected_api {
            return Ok(api.clone());
        }
        self.rest(ctx, token).map(|c| Rc::new(c) as Rc<dyn Api>)
    }

    fn rest(&self, ctx: &Ctx, token: Option<Secret>) -> Result<RestClient> {
        match ctx.config.provider.as_str() {
            "mdm-v1" => RestClient::new(&ctx.config.server, token, self.client_options(ctx)),
            other => Err(Error::usage(format!(
                "context {:?} uses provider {:?}, which this build does not support",
                ctx.name,
                mdm_model::escape::terminal(other)
            ))
            .with_hint("supported providers: mdm-v1")),
        }
    }

    /// The output format: `--output`/`MDM_OUTPUT`, then the context default, then table.
    pub fn output(&self, ctx: Option<&Ctx>) -> Output {
        let format = self
            .global
            .output
            .or_else(|| ctx.and_then(|c| c.config.default_output))
            .unwrap_or(OutputFormat::Table);
        Output::new(format, self.ui.stdout_color)
    }
}

/// The factory unit tests use: `api` answers every call, `prompter` every question;
/// `terminal` says whether a person is there to ask. The context is `t` (user `root`).
#[cfg(test)]
pub fn for_tests(
    api: Rc<dyn Api>,
    prompter: Box<dyn crate::ui::Prompter>,
    terminal: bool,
    global: GlobalArgs,
) -> Factory {
    let mut f = Factory::new(global);
    f.ui = f.ui.with_prompter(prompter);
    f.ui.stdin_tty = terminal;
    f.ui.stderr_tty = terminal;
    let mut config = ContextConfig::new("http://127.0.0.1:9".to_string());
    config.user = Some("root".into());
    f.injected_ctx = Some(Ctx {
        name: "t".into(),
        config,
    });
    f.injected_api = Some(api);
    f
}

pub fn env_token() -> Option<Secret> {
    std::env::var("MDM_TOKEN")
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .map(Secret::new)
}
