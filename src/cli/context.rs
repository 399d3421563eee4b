use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ContextCommand {
    /// Add a context (a named server); the first one added becomes current
    Add(AddArgs),
    /// List contexts
    List,
    /// Make a context the current one
    Use(NameArg),
    /// Show a context (the current one by default)
    Show(OptionalNameArg),
    /// Remove a context and its credentials from the keyring (the current one asks)
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Context name
    pub name: String,

    /// Remove the current context without asking
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Context name
    pub name: String,

    /// Server URL (https://..., or http:// to a loopback address only)
    #[arg(long, value_name = "URL")]
    pub server: String,

    /// PEM file with extra CA certificates to trust for this server
    #[arg(long, value_name = "FILE")]
    pub ca_bundle: Option<std::path::PathBuf>,

    /// Default output format for this context
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub default_output: Option<super::OutputFormat>,

    /// Replace an existing context of the same name
    #[arg(long)]
    pub force: bool,

    /// Make it the current context
    #[arg(long = "use")]
    pub make_current: bool,
}

#[derive(Debug, Args)]
pub struct NameArg {
    /// Context name
    pub name: String,
}

#[derive(Debug, Args)]
pub struct OptionalNameArg {
    /// Context name
    pub name: Option<String>,
}

impl AddArgs {
    pub fn settings(&self) -> crate::commands::context::add::Settings {
        crate::commands::context::add::Settings {
            name: self.name.clone(),
            server: self.server.clone(),
            ca_bundle: self.ca_bundle.clone(),
            default_output: self.default_output,
            force: self.force,
            make_current: self.make_current,
        }
    }
}
