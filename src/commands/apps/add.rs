use crate::api::{NewApp, Requirements};
use crate::app::Factory;
use crate::commands::attempt;
use crate::error::{Error, Result};
use crate::guard::{self, Answers, Gate, OtpSource};
use crate::outcome::{Change, Outcome};
use mdm_model::domain::StepUp;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub name: String,
    pub version: String,
    pub bundle_id: String,
    pub platform: mdm_model::domain::Platform,
    pub package: Option<std::path::PathBuf>,
    pub url: Option<String>,
    /// An Intune mobileApp id: the entry references that app (`source: intune:<id>`).
    pub intune_app_id: Option<String>,
    /// A Jamf App Installers title id: the entry references it (`source: jamf:<id>`).
    pub jamf_app_title: Option<String>,
    pub sha256: Option<String>,
    pub otp: Option<String>,
}

/// Changes state: its result (or failure) goes into the local journal.
pub fn run(app: &Factory, args: &Settings) -> Result<Outcome> {
    attempt(false, || apply(app, args).map(Outcome::Changed))
}

fn apply(app: &Factory, args: &Settings) -> Result<Change> {
    let given = args.sha256.as_ref().map(|h| h.trim().to_ascii_lowercase());
    if let Some(h) = &given
        && (h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Err(Error::usage("--sha256 is 64 hexadecimal characters"));
    }
    let (sha256, size, source) = match (&args.package, &args.url) {
        (None, None) if args.intune_app_id.is_some() || args.jamf_app_title.is_some() => {
            let (flag, what, prefix, id) = match (&args.intune_app_id, &args.jamf_app_title) {
                (Some(id), _) => ("--intune-app-id", "an Intune mobileApp id", "intune", id),
                (None, Some(id)) => (
                    "--jamf-app-title",
                    "a Jamf App Installers title id",
                    "jamf",
                    id,
                ),
                (None, None) => unreachable!("matched above"),
            };
            let id = id.trim();
            if id.is_empty()
                || id.len() > 100
                || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                return Err(Error::usage(format!(
                    "{flag} is {what} (letters, digits and '-')"
                )));
            }
            if prefix == "jamf" && args.platform != mdm_model::domain::Platform::Macos {
                return Err(Error::usage(
                    "Jamf App Installers are macOS apps: --jamf-app-title needs --platform macos",
                ));
            }
            (
                given.clone().unwrap_or_default(),
                None,
                Some(format!("{prefix}:{id}")),
            )
        }
        (Some(path), _) => {
            let (hash, size) = super::sha256_file(path)?;
            if let Some(h) = &given
                && *h != hash
            {
                return Err(Error::usage(format!(
                    "{} does not match --sha256: the file hashes to {hash}; nothing was sent",
                    path.display()
                )));
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (hash, Some(size), Some(format!("file:{name}")))
        }
        (None, Some(url)) => {
            if !url.starts_with("https://") {
                return Err(Error::usage("--url must be https://"));
            }
            (given.clone().unwrap_or_default(), None, Some(url.clone()))
        }
        (None, None) => {
            return Err(Error::usage(
                "give --package FILE, --url URL --sha256 HEX, --intune-app-id ID --sha256 HEX or --jamf-app-title ID --sha256 HEX",
            ));
        }
    };
    let req = NewApp {
        name: args.name.clone(),
        bundle_id: args.bundle_id.clone(),
        version: args.version.clone(),
        platform: args.platform.as_str().to_string(),
        sha256,
        source,
        size,
    };
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let otp = OtpSource::new(args.otp.clone());
    let why = format!(
        "adding {} {} to the trusted catalog",
        args.name, args.version
    );
    // A catalog addition always needs a step-up (API v1 has no preview for it): pass the
    // gate before anything is sent.
    let gate = Gate::new(Requirements::step_up(StepUp::Cached), &why);
    let answers = Answers {
        otp: otp.clone(),
        ..Answers::default()
    };
    let crate::api::Sent {
        value: added,
        request_id,
    } = guard::send(
        app,
        &ctx,
        api.as_ref(),
        &gate,
        &answers,
        &guard::no_notice,
        |elev| api.add_app(&req, elev),
    )?;
    app.ui.success(&format!(
        "Added {} {} ({}) to the catalog, pinned to sha256 {}",
        mdm_model::escape::terminal(&added.name),
        mdm_model::escape::terminal(&added.version),
        added.id,
        added.sha256
    ));
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        out.value(&added)?;
    }
    Ok(Change::default().request(request_id))
}
