use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum GroupsCommand {
    /// List device groups with their sizes
    List,
    /// Show one group
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Group name
    pub name: String,
}
