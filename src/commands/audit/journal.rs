use crate::app::Factory;
use crate::audit::journal::{self, Entry};
use crate::error::{Error, Result};

pub fn run(app: &Factory, verify: bool) -> Result<()> {
    let dirs = app.dirs()?;
    let entries = journal::read(dirs)?;
    if verify {
        return match journal::verify(&entries) {
            Ok(()) => {
                app.ui.success(&format!(
                    "The journal verifies: {} entries chained ({})",
                    entries.len(),
                    journal::path(dirs).display()
                ));
                Ok(())
            }
            Err((n, why)) => Err(Error::failure(format!(
                "the journal does not verify: the first bad entry is #{n}"
            ))
            .with_cause(why)
            .with_hint(format!(
                "{} was edited after it was written",
                journal::path(dirs).display()
            ))),
        };
    }
    let out = app.output(None);
    let mut list = out.list::<Entry>(out.columns::<Entry>(None)?)?;
    for e in &entries {
        list.push(e)?;
    }
    if list.finish()? == 0 && !out.is_machine() {
        app.ui
            .info("the journal is empty: no mutating command has run yet");
    }
    Ok(())
}
