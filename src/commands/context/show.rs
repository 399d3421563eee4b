use super::ContextRow;
use crate::app::Factory;
use crate::error::Result;

pub fn run(app: &Factory, name: Option<&str>) -> Result<()> {
    let config = app.load_config()?;
    let requested = name.or(app.global.context.as_deref());
    let (name, cfg) = config.resolve(requested)?;
    let current = config.current_context.as_deref() == Some(name.as_str());
    app.output(None).item(&ContextRow::new(&name, cfg, current))
}
