//! `mdm completions` and `mdm man`: generated from the clap definition, so they can never
//! describe a command that does not exist.

use crate::app::Factory;
use crate::cli::{CompletionsArgs, ManArgs};
use crate::error::{Context as _, Error, Result};
use clap_complete::env::EnvCompleter;
use clap_mangen::roff::{Roff, bold, roman};
use std::io::Write;
use std::path::Path;

/// The shell's registration script for dynamic completion: it calls `mdm` back with
/// `COMPLETE=<shell>` to complete, so contexts, groups, devices and action ids come
/// from the config and the server (`src/completion.rs`).
pub fn completions(_app: &Factory, args: &CompletionsArgs) -> Result<()> {
    let mut buf = Vec::new();
    registration(args.shell, &mut buf).map_err(|e| Error::io("cannot write to stdout", e))?;
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

/// Writes the registration script of `shell`, naming `mdm` on the PATH (not this
/// binary's path), so the committed scripts are the same on every machine.
pub fn registration(shell: clap_complete::Shell, buf: &mut dyn Write) -> std::io::Result<()> {
    use clap_complete::env::{Bash, Elvish, Fish, Powershell, Zsh};
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Elvish => &Elvish,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::PowerShell => &Powershell,
        clap_complete::Shell::Zsh => &Zsh,
        _ => {
            return Err(std::io::Error::other(
                "this shell has no completion support in mdm",
            ));
        }
    };
    completer.write_registration("COMPLETE", "mdm", "mdm", "mdm", buf)
}

/// Writes `mdm.1` and one page per subcommand at every depth (`mdm-devices-list.1`).
pub fn write_man_pages(dir: &Path) -> Result<usize> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut cmd = crate::cli::command();
    cmd.build();
    let mut count = 0;
    write_page(dir, &cmd, "mdm", "", &mut count)?;
    Ok(count)
}

fn write_page(
    dir: &Path,
    cmd: &clap::Command,
    name: &str,
    path: &str,
    count: &mut usize,
) -> Result<()> {
    let cmd = cmd
        .clone()
        .name(name.to_string())
        .bin_name(name.replace('-', " "));
    let buf =
        render_page(&cmd, path).with_context(|| format!("cannot render the man page of {name}"))?;
    let file = dir.join(format!("{name}.1"));
    std::fs::write(&file, buf).with_context(|| format!("cannot write {}", file.display()))?;
    *count += 1;
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let sub_path = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        write_page(
            dir,
            sub,
            &format!("{name}-{}", sub.get_name()),
            &sub_path,
            count,
        )?;
    }
    Ok(())
}

/// One page: clap_mangen's title, name, synopsis, description, options and
/// subcommands, then EXAMPLES (from `cli::examples`), ENVIRONMENT, FILES and EXIT STATUS
/// (on the root page and every command's own page), instead of the "EXTRA" section a
/// plain render makes of the long help.
fn render_page(cmd: &clap::Command, path: &str) -> std::io::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    let mut part = |f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| -> std::io::Result<()> {
        let mut b = Vec::new();
        f(&mut b)?;
        buf.extend(strip_preamble(&b));
        Ok(())
    };
    part(&|b| man.render_name_section(b))?;
    part(&|b| man.render_synopsis_section(b))?;
    part(&|b| man.render_description_section(b))?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        part(&|b| man.render_options_section(b))?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        part(&|b| man.render_subcommands_section(b))?;
    }
    let mut roff = Roff::default();
    if let Some((_, list)) = crate::cli::examples::EXAMPLES
        .iter()
        .find(|(p, _)| *p == path)
    {
        roff.control("SH", ["EXAMPLES"]);
        for (line, what) in list.iter() {
            roff.control("TP", []);
            roff.text([bold(*line)]);
            roff.text([roman(*what)]);
        }
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (k, v) in crate::cli::ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*k)]);
        roff.text([roman(*v)]);
    }
    roff.control("SH", ["FILES"]);
    for (k, v) in crate::cli::FILES {
        roff.control("TP", []);
        roff.text([bold(*k)]);
        roff.text([roman(*v)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (c, what) in crate::error::EXIT_CODES {
        roff.control("TP", []);
        roff.text([bold(c.to_string())]);
        roff.text([roman(*what)]);
    }
    part(&|b| roff.to_writer(b))?;
    part(&|b| man.render_version_section(b))?;
    Ok(buf)
}

/// Each render starts with the same two-line `.ie`/`.el` preamble; the page needs it once.
fn strip_preamble(b: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(b);
    text.lines()
        .filter(|l| !l.starts_with(".ie \\n(.g .ds Aq") && !l.starts_with(".el .ds Aq"))
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect()
}
