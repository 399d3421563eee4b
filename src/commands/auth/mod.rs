//! `mdm auth …`: credentials in the OS keyring, and who the server says you are.

mod login;
mod logout;
mod status;

use crate::app::App;
use crate::cli::auth::AuthCommand;
use crate::error::Result;

pub fn run(app: &App, cmd: AuthCommand) -> Result<()> {
    match cmd {
        AuthCommand::Login(a) => login::run(app, &a),
        AuthCommand::Logout => logout::run(app),
        AuthCommand::Status => status::run(app),
    }
}
