use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Store a token for the context in the OS keyring (read from a hidden prompt or stdin)
    Login(LoginArgs),
    /// Remove the context's credentials from the keyring
    Logout,
    /// Show who you are, your role, and where the credential lives
    Status,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Read the token from stdin instead of prompting (never pass it as an argument)
    #[arg(long)]
    pub with_token: bool,
}
