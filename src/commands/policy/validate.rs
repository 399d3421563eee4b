use crate::app::Factory;
use crate::error::Result;
use std::path::Path;

pub fn run(app: &Factory, path: &Path) -> Result<()> {
    let loaded = super::load(app, path)?;
    let files: std::collections::BTreeSet<&str> = loaded.iter().map(|l| l.file.as_str()).collect();
    app.ui.success(&format!(
        "{} policies in {} file(s) are valid",
        loaded.len(),
        files.len()
    ));
    Ok(())
}
