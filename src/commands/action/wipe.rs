use super::{Spec, run as pipeline, target_from};
use crate::api::ActionOptions;
use crate::app::Factory;
use crate::cli::action::WipeArgs;
use crate::error::Result;
use crate::outcome::{Outcome, attempt};

pub fn run(app: &Factory, args: &WipeArgs) -> Result<Outcome> {
    attempt(args.guard.dry_run, || {
        let spec = Spec {
            kind: "wipe",
            target: target_from(&args.target)?,
            options: ActionOptions {
                keep_enrollment: args.keep_enrollment,
                keep_user_data: args.keep_user_data,
                ..ActionOptions::default()
            },
        };
        pipeline(app, spec, &args.guard)
    })
}
