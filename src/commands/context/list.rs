use super::ContextRow;
use crate::app::Factory;
use crate::error::Result;
use crate::output::Record;

pub fn run(app: &Factory) -> Result<()> {
    let config = app.load_config()?;
    let out = app.output(None);
    let mut list = out.list::<ContextRow>(out.columns::<ContextRow>(None)?)?;
    for (name, cfg) in &config.contexts {
        let current = config.current_context.as_deref() == Some(name.as_str());
        list.push(&ContextRow::new(name, cfg, current))?;
    }
    let n = list.finish()?;
    if n == 0 && !out.is_machine() {
        app.ui.info("no contexts yet");
        app.ui.hint(
            "start the sandbox with `mdm sandbox up`, or `mdm context add NAME --server URL`",
        );
    }
    let _ = ContextRow::COLUMNS;
    Ok(())
}
