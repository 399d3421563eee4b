use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AppsCommand {
    /// List the trusted app catalog
    List,
    /// Show one app (by id, bundle id or name, with optional @version)
    Show(ShowArgs),
    /// Add an app version with its pinned package hash (admin, step-up)
    #[command(disable_version_flag = true)]
    Add(AddArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// App id, bundle id or name, optionally @VERSION
    pub app: String,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Display name
    #[arg(long)]
    pub name: String,

    /// Version string, e.g. 4.29.149
    #[arg(long)]
    pub version: String,

    /// Bundle or package id, e.g. com.tinyspeck.chatlyio
    #[arg(long, value_name = "ID")]
    pub bundle_id: String,

    /// Platform the package is for
    #[arg(long, value_enum)]
    pub platform: super::enroll::Platform,

    /// A local package file: its SHA-256 is computed and pinned
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["url", "intune_app_id", "jamf_app_title"],
        required_unless_present_any = ["url", "intune_app_id", "jamf_app_title"]
    )]
    pub package: Option<std::path::PathBuf>,

    /// Where devices download the package (https://); needs --sha256
    #[arg(
        long,
        value_name = "URL",
        requires = "sha256",
        conflicts_with_all = ["intune_app_id", "jamf_app_title"]
    )]
    pub url: Option<String>,

    /// An app already in Intune (its mobileApp id) that a gateway in front of Intune
    /// assigns to groups; needs --sha256 (the package you vetted) and --version must be
    /// Intune's where it shows one
    #[arg(
        long,
        value_name = "ID",
        requires = "sha256",
        conflicts_with = "jamf_app_title"
    )]
    pub intune_app_id: Option<String>,

    /// A Jamf App Installers title (its id, e.g. 0C6) that a gateway in front of Jamf Pro
    /// deploys to smart computer groups; needs --sha256 and --platform macos, and
    /// --version must be the version Jamf offers
    #[arg(long, value_name = "ID", requires = "sha256")]
    pub jamf_app_title: Option<String>,

    /// The package's SHA-256 (hex); with --package it must match the file
    #[arg(long, value_name = "HEX")]
    pub sha256: Option<String>,

    /// One TOTP code for the step-up (or MDM_OTP)
    #[arg(long, value_name = "CODE")]
    pub otp: Option<String>,
}

impl AddArgs {
    pub fn settings(&self) -> crate::commands::apps::add::Settings {
        crate::commands::apps::add::Settings {
            name: self.name.clone(),
            version: self.version.clone(),
            bundle_id: self.bundle_id.clone(),
            platform: self.platform,
            package: self.package.clone(),
            url: self.url.clone(),
            intune_app_id: self.intune_app_id.clone(),
            jamf_app_title: self.jamf_app_title.clone(),
            sha256: self.sha256.clone(),
            otp: self.otp.clone(),
        }
    }
}
