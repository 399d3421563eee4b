//! `mdm actions …`: follow, inspect, cancel, advance and halt actions, show their unlock PINs; and the progress follower the
//! guarded commands share.

pub mod advance;
pub mod cancel;
pub mod halt;
pub mod list;
pub mod pins;
pub mod progress;
pub mod show;
pub mod watch;

use crate::app::Factory;
use crate::cli::actions::ActionsCommand;
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;

pub fn run(app: &Factory, cmd: ActionsCommand) -> Result<Outcome> {
    match cmd {
        ActionsCommand::List(a) => read(list::run(app, &a.settings())),
        ActionsCommand::Show(a) => read(show::run(app, &a.settings())),
        ActionsCommand::Watch(a) => read(watch::run(app, &a.settings())),
        ActionsCommand::Cancel(a) => cancel::run(app, &a.id),
        ActionsCommand::Advance(a) => advance::run(app, &a.id),
        ActionsCommand::Halt(a) => halt::run(app, &a.id, &a.reason),
        ActionsCommand::Pins(a) => read(pins::run(app, &a.settings())),
    }
}

/// The end of a steering command (cancel, advance, halt): the action on stdout in a
/// machine format, and what goes into the local journal.
fn steered(
    app: &Factory,
    ctx: &crate::app::Ctx,
    a: &crate::api::Sent<crate::api::Action>,
) -> Result<crate::outcome::Change> {
    let out = app.output(Some(ctx));
    if out.is_machine() {
        out.value(&a.value)?;
    }
    Ok(crate::outcome::Change::default()
        .action(&a.id)
        .request(a.request_id.clone()))
}
