use super::{Spec, run as pipeline, target_from};
use crate::api::ActionOptions;
use crate::app::Factory;
use crate::cli::action::LockArgs;
use crate::error::{Error, Result};
use crate::outcome::{Outcome, attempt};

pub fn run(app: &Factory, args: &LockArgs) -> Result<Outcome> {
    attempt(args.guard.dry_run, || {
        if let Some(n) = &args.callback_number {
            let digits = n.chars().filter(|c| c.is_ascii_digit()).count();
            if !(6..=20).contains(&digits)
                || !n.chars().all(|c| c.is_ascii_digit() || "+ -()".contains(c))
            {
                return Err(Error::usage(format!(
                    "--callback-number {n:?} is not a phone number"
                )));
            }
        }
        if args
            .message
            .as_deref()
            .is_some_and(|m| m.chars().count() > 200)
        {
            return Err(Error::usage("--message is at most 200 characters"));
        }
        let spec = Spec {
            kind: "lock",
            target: target_from(&args.target)?,
            options: ActionOptions {
                message: args.message.clone(),
                callback_number: args.callback_number.clone(),
                ..ActionOptions::default()
            },
        };
        pipeline(app, spec, &args.guard)
    })
}
