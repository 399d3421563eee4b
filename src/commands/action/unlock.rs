use super::{Spec, run as pipeline, target_from};
use crate::app::Factory;
use crate::cli::action::PlainActionArgs;
use crate::error::Result;
use crate::outcome::{Outcome, attempt};

pub fn run(app: &Factory, args: &PlainActionArgs) -> Result<Outcome> {
    attempt(args.guard.dry_run, || {
        let spec = Spec {
            kind: "unlock",
            target: target_from(&args.target)?,
            options: Default::default(),
        };
        pipeline(app, spec, &args.guard)
    })
}
