use crate::app::Factory;
use crate::error::{Context as _, Error, Result};
use mdm_model::policy::starter::FILES;
use std::path::Path;

/// Writes the starter policies (one commented baseline per platform) into `dir`:
/// created when missing; an existing directory with files in it needs `force`, and even
/// then only the starter files are replaced.
pub fn run(app: &Factory, dir: &Path, force: bool) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::usage(format!(
            "{} is a file, not a directory; nothing was written",
            dir.display()
        )));
    }
    let occupied = dir.is_dir()
        && std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_some();
    if occupied && !force {
        return Err(Error::usage(format!(
            "{} is not empty; nothing was written",
            dir.display()
        ))
        .with_hint("pick a new directory, or pass --force to write the starter files into it"));
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (name, text) in FILES {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    app.ui.success(&format!(
        "Wrote {} starter policies to {}",
        FILES.len(),
        dir.display()
    ));
    app.ui.hint(&format!(
        "next: `mdm policy validate {d}`, then `mdm policy diff -f {d}` to see what applying them would change",
        d = dir.display()
    ));
    Ok(())
}
