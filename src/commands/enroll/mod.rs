//! `mdm enroll …`: enrollment tokens, one by one or from a CSV file.

mod bulk;
mod create;
mod list;
mod revoke;

use crate::app::Factory;
use crate::cli::enroll::EnrollCommand;
use crate::error::Result;
use crate::outcome::{Outcome, read};

pub fn run(app: &Factory, cmd: EnrollCommand) -> Result<Outcome> {
    match cmd {
        EnrollCommand::Create(a) => create::run(app, &a),
        EnrollCommand::List(a) => read(list::run(app, &a)),
        EnrollCommand::Revoke(a) => revoke::run(app, &a),
        EnrollCommand::Bulk(a) => bulk::run(app, &a),
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
