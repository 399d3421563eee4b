//! `mdm completions` and `mdm man`: generated from the clap definition, so they can never
//! describe a command that does not exist.

use crate::app::Factory;
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::{Context as _, Error, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

pub fn completions(_app: &Factory, args: &CompletionsArgs) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "mdm", &mut buf);
    let mut out = std::io::stdout().lock();
    out.write_all(&buf)
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("cannot write to stdout", e))
}

pub fn man(app: &Factory, args: &ManArgs) -> Result<()> {
    let files = write_man_pages(&args.dir)?;
    app.ui.success(&format!(
        "wrote {} man pages to {}",
        files,
        args.dir.display()
    ));
    Ok(())
}

/// Writes `mdm.1` and one page per subcommand at every depth (`mdm-devices-list.1`).
pub fn write_man_pages(dir: &Path) -> Result<usize> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut cmd = Cli::command();
    cmd.build();
    let mut count = 0;
    write_page(dir, &cmd, "mdm", &mut count)?;
    Ok(count)
}

fn write_page(dir: &Path, cmd: &clap::Command, name: &str, count: &mut usize) -> Result<()> {
    let cmd = cmd
        .clone()
        .name(name.to_string())
        .bin_name(name.replace('-', " "));
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .with_context(|| format!("cannot render the man page of {name}"))?;
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, buf).with_context(|| format!("cannot write {}", path.display()))?;
    *count += 1;
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        write_page(dir, sub, &format!("{name}-{}", sub.get_name()), count)?;
    }
    Ok(())
}
