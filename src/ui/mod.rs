//! Everything that talks to the person at the terminal, on stderr: status lines, warnings,
//! errors, prompts and progress. stdout is left to `output/` for data.
//!
//! Rules: never prompt without a terminal (or with `--no-input`); colour follows
//! `--color` > `NO_COLOR` > `CLICOLOR_FORCE` > whether the stream (stderr, or stdout for
//! tables) is a terminal whose `TERM` is not `dumb`.

use crate::error::{Error, ExitKind, Result};
use mdm_model::escape;
use std::io::{IsTerminal, Write};

pub mod qr;

/// When to colour: `--color`; `auto` then follows `NO_COLOR`, `CLICOLOR_FORCE`, the tty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Asks questions. A trait so unit tests answer without a terminal (`ScriptedPrompter`).
pub trait Prompter {
    /// Hidden input (tokens, OTP codes): nothing is echoed.
    fn secret(&self, prompt: &str) -> std::io::Result<String>;
    /// Visible input (typed confirmations).
    fn text(&self, prompt: &str) -> std::io::Result<String>;
}

/// A prompter that answers from a script, for unit tests: each question takes the next
/// answer (`None` = the person pressed Ctrl-D); the questions are kept to check.
#[cfg(test)]
#[derive(Default)]
pub struct ScriptedPrompter {
    answers: std::cell::RefCell<std::collections::VecDeque<Option<String>>>,
    pub asked: std::rc::Rc<std::cell::RefCell<Vec<String>>>,
}

#[cfg(test)]
impl ScriptedPrompter {
    pub fn new(answers: &[Option<&str>]) -> Self {
        ScriptedPrompter {
            answers: std::cell::RefCell::new(
                answers.iter().map(|a| a.map(str::to_string)).collect(),
            ),
            asked: Default::default(),
        }
    }

    fn next(&self, prompt: &str) -> std::io::Result<String> {
        self.asked.borrow_mut().push(prompt.to_string());
        match self.answers.borrow_mut().pop_front() {
            Some(Some(a)) => Ok(a),
            Some(None) | None => Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "no scripted answer",
            )),
        }
    }
}

#[cfg(test)]
impl Prompter for ScriptedPrompter {
    fn secret(&self, prompt: &str) -> std::io::Result<String> {
        self.next(prompt)
    }

    fn text(&self, prompt: &str) -> std::io::Result<String> {
        self.next(prompt)
    }
}

/// Hidden input on Unix. Echo goes off *before* the prompt is shown and without
/// flushing pending input (dialoguer flushes after showing it), so a code pasted the
/// moment the prompt appears is read, not silently discarded.
#[cfg(unix)]
mod hidden {
    use std::io::{BufRead, BufReader, Write};
    use std::os::fd::AsRawFd;

    /// Puts the terminal back as it was, on every way out.
    struct Restore {
        fd: i32,
        original: libc::termios,
    }

    impl Drop for Restore {
        fn drop(&mut self) {
            // SAFETY: `fd` is open for the guard's lifetime; `original` came from tcgetattr.
            unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &self.original) };
        }
    }

    pub fn read_line(prompt: &str) -> std::io::Result<String> {
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")?;
        let fd = tty.as_raw_fd();
        let mut t = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills the struct on success, checked before use.
        if unsafe { libc::tcgetattr(fd, t.as_mut_ptr()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let original = unsafe { t.assume_init() };
        let mut quiet = original;
        quiet.c_lflag &= !libc::ECHO;
        quiet.c_lflag |= libc::ECHONL;
        // SAFETY: a valid fd and a termios derived from the current one.
        if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &quiet) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let _restore = Restore { fd, original };
        let mut err = std::io::stderr().lock();
        write!(err, "{prompt}: ")?;
        err.flush()?;
        drop(err);
        let mut line = String::new();
        if BufReader::new(&tty).read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "end of input",
            ));
        }
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}

/// The real prompter: the controlling terminal.
pub struct TermPrompter;

impl Prompter for TermPrompter {
    #[cfg(unix)]
    fn secret(&self, prompt: &str) -> std::io::Result<String> {
        hidden::read_line(prompt)
    }

    #[cfg(not(unix))]
    fn secret(&self, prompt: &str) -> std::io::Result<String> {
        dialoguer::Password::new()
            .with_prompt(prompt)
            .allow_empty_password(true)
            .report(false)
            .interact()
            .map_err(dialoguer_io)
    }

    fn text(&self, prompt: &str) -> std::io::Result<String> {
        // dialoguer's Input lacks a "no default" blank mode we need, so read a line raw.
        let mut err = std::io::stderr().lock();
        write!(err, "{prompt}: ")?;
        err.flush()?;
        drop(err);
        let mut line = String::new();
        let n = std::io::stdin().read_line(&mut line)?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "end of input",
            ));
        }
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}

#[cfg(not(unix))]
fn dialoguer_io(e: dialoguer::Error) -> std::io::Error {
    match e {
        dialoguer::Error::IO(io) => io,
    }
}

pub struct Ui {
    pub color: bool,
    pub stdout_color: bool,
    pub stderr_tty: bool,
    pub stdin_tty: bool,
    pub no_input: bool,
    pub quiet: u8,
    pub verbose: u8,
    prompter: Box<dyn Prompter>,
}

impl Ui {
    pub fn new(choice: ColorChoice, no_input: bool, quiet: u8, verbose: u8) -> Self {
        let stderr_tty = std::io::stderr().is_terminal();
        let stdout_tty = std::io::stdout().is_terminal();
        Ui {
            color: color_enabled(choice, stderr_tty),
            stdout_color: color_enabled(choice, stdout_tty),
            stderr_tty,
            stdin_tty: std::io::stdin().is_terminal(),
            no_input,
            quiet,
            verbose,
            prompter: Box::new(TermPrompter),
        }
    }

    pub fn with_prompter(mut self, p: Box<dyn Prompter>) -> Self {
        self.prompter = p;
        self
    }

    /// True when a person can be asked: a terminal on stdin and stderr, and no `--no-input`.
    pub fn can_prompt(&self) -> bool {
        !self.no_input && self.stdin_tty && self.stderr_tty
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// A completed step: `✔ Logged in as alice`.
    pub fn success(&self, msg: &str) {
        if self.quiet == 0 {
            let mark = self.paint("32", "✔");
            eprintln!("{mark} {msg}");
        }
    }

    /// Neutral information for the person (not data).
    pub fn info(&self, msg: &str) {
        if self.quiet == 0 {
            eprintln!("{msg}");
        }
    }

    /// Extra detail shown with `-v`.
    pub fn debug(&self, msg: &str) {
        if self.verbose > 0 {
            eprintln!("* {msg}");
        }
    }

    pub fn warn(&self, msg: &str) {
        if self.quiet < 2 {
            let label = self.paint("33;1", "warning:");
            eprintln!("{label} {msg}");
        }
    }

    pub fn hint(&self, msg: &str) {
        if self.quiet == 0 {
            let label = self.paint("36", "hint:");
            eprintln!("{label} {msg}");
        }
    }

    /// Prints an error the documented way: `error:`, causes, request id, hints. A
    /// multi-line message (a filter with a caret under the bad column) keeps its lines,
    /// each escaped and indented under the first.
    pub fn error(&self, err: &Error) {
        if matches!(err.kind, ExitKind::BrokenPipe | ExitKind::ChangesFound) {
            return;
        }
        let mut s = String::new();
        if err.kind == ExitKind::Running {
            // Accepted and still running: a summary, not an error.
            if self.quiet > 0 {
                return;
            }
            s.push_str(&format!("{}\n", lines(&err.message, 0)));
        } else {
            let label = self.paint("31;1", "error:");
            s.push_str(&format!(
                "{label} {}\n",
                lines(&err.message, "error: ".len())
            ));
        }
        for cause in &err.causes {
            s.push_str(&format!(
                "  caused by: {}\n",
                lines(cause, "  caused by: ".len())
            ));
        }
        if let Some(rid) = &err.request_id {
            s.push_str(&format!("  request id: {}\n", escape::terminal(rid)));
        }
        for hint in &err.hints {
            let label = self.paint("36", "hint:");
            s.push_str(&format!("{label} {}\n", escape::terminal(hint)));
        }
        let _ = std::io::stderr().lock().write_all(s.as_bytes());
    }

    /// Asks for hidden input, or explains why it cannot (exit 3, nothing sent).
    pub fn prompt_secret(&self, prompt: &str, what_instead: &str) -> Result<String> {
        self.require_terminal(what_instead)?;
        self.prompter.secret(prompt).map_err(prompt_error)
    }

    pub fn prompt_text(&self, prompt: &str, what_instead: &str) -> Result<String> {
        self.require_terminal(what_instead)?;
        self.prompter.text(prompt).map_err(prompt_error)
    }

    fn require_terminal(&self, what_instead: &str) -> Result<()> {
        if self.can_prompt() {
            return Ok(());
        }
        let why = if self.no_input {
            "--no-input was given"
        } else {
            "there is no terminal to ask on"
        };
        Err(
            Error::aborted(format!("input needed but {why}; nothing was sent"))
                .with_hint(what_instead.to_string()),
        )
    }
}

fn prompt_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::Interrupted {
        return Error::new(ExitKind::Interrupted, "interrupted");
    }
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        return Error::aborted("no answer (end of input); nothing was sent");
    }
    Error::aborted("cannot read the answer; nothing was sent").with_source(&e)
}

fn color_enabled(choice: ColorChoice, tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
            {
                true
            } else {
                tty && std::env::var("TERM").map(|t| t != "dumb").unwrap_or(true)
            }
        }
    }
}

/// Text of several lines for stderr: each line escaped on its own (so a line break is a
/// line break, not a visible `\n`), continuation lines indented to where the first
/// line's text starts, so a caret stays under its column.
fn lines(text: &str, indent: usize) -> String {
    let sep = format!("\n{}", " ".repeat(indent));
    text.split('\n')
        .map(|l| escape::terminal(l.strip_suffix('\r').unwrap_or(l)))
        .collect::<Vec<_>>()
        .join(&sep)
}
