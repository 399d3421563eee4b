//! `mdm enroll …`: enrollment tokens, one by one or from a CSV file.

pub mod bulk;
pub mod create;
pub mod list;
pub mod revoke;

use crate::app::Factory;
use crate::cli::enroll::EnrollCommand;
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;

pub fn run(app: &Factory, cmd: EnrollCommand) -> Result<Outcome> {
    match cmd {
        EnrollCommand::Create(a) => create::run(app, &a.settings()),
        EnrollCommand::List(a) => read(list::run(app, &a.settings())),
        EnrollCommand::Revoke(a) => revoke::run(app, &a.settings()),
        EnrollCommand::Bulk(a) => bulk::run(app, &a.settings()),
    }
}

/// `7d` → seconds, within the server's 90-day limit.
pub(crate) fn expiry_seconds(s: &str) -> Result<u64> {
    let d = crate::timeutil::parse_duration(s)?;
    if d.is_zero() || d.as_secs() > 90 * 86_400 {
        return Err(crate::error::Error::usage(
            "an enrollment token lives between 1s and 90d",
        ));
    }
    Ok(d.as_secs())
}
