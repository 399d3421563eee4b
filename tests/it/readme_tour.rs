//! The README's quickstart and tour run as written, in order, against a fresh
//! `mdm sandbox up`, in a real pseudo-terminal: one bash session (so `ACT=$(…)` carries
//! to later lines), a fresh HOME, the binary first on PATH. The test answers prompts as a
//! reader would: the phrase a prompt asks for, a code from `mdm sandbox otp` for a TOTP
//! prompt, a code from the printed key when a new authenticator is enrolled, and Ctrl-C
//! for the commands that follow. Trailing tags set what a line must exit with; `[remote]`
//! lines are skipped.

use crate::common::BIN;
use crate::common::readme::section_blocks;
use expectrl::Session;
use expectrl::session::OsSession;
use regex::Regex;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// One command of the tour: its README line, its text as written (continuations kept)
/// and what its tags say.
#[derive(Debug)]
struct Line {
    readme_line: usize,
    text: String,
    exits: Vec<i32>,
    ctrl_c: bool,
    remote: bool,
    tags: Vec<String>,
}

const QUICKSTART_BUILD: &str = "cargo install --locked --path . && ";

/// Where a shell comment starts: a `#` at the start or after blank space, outside quotes.
fn comment_start(line: &str) -> Option<usize> {
    let (mut single, mut double, mut prev_blank) = (false, false, true);
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && prev_blank => return Some(i),
            _ => {}
        }
        prev_blank = c.is_whitespace();
    }
    None
}

fn parse(block: &str, first_line: usize) -> Vec<Line> {
    let tag = Regex::new(r"\[([^\]]+)\]").unwrap();
    let mut out = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (i, raw) in block.lines().enumerate() {
        let (start, mut text) = match pending.take() {
            Some((n, t)) => (n, t + "\n" + raw),
            None => {
                let t = raw.trim();
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                (first_line + i, raw.to_string())
            }
        };
        let code = &raw[..comment_start(raw).unwrap_or(raw.len())];
        if code.trim_end().ends_with('\\') {
            pending = Some((start, text));
            continue;
        }
        let comment = comment_start(raw).map(|c| &raw[c..]).unwrap_or("");
        let tags: Vec<String> = tag
            .captures_iter(comment)
            .map(|c| c[1].to_string())
            .collect();
        let mut line = Line {
            readme_line: start,
            text: std::mem::take(&mut text),
            exits: vec![0],
            ctrl_c: false,
            remote: false,
            tags: tags.clone(),
        };
        for t in &tags {
            if let Some(codes) = t.strip_prefix("exit ") {
                line.exits = codes
                    .split('|')
                    .map(|c| c.parse().unwrap_or(-1000))
                    .collect();
            } else if t == "Ctrl-C" {
                line.ctrl_c = true;
                line.exits = vec![130];
            } else if t == "remote" {
                line.remote = true;
            }
        }
        out.push(line);
    }
    assert!(pending.is_none(), "the tour ends in a `\\` continuation");
    out
}

/// The quickstart's command without the build, then every line of the tour.
fn tour() -> Vec<Line> {
    let quick = section_blocks("## Quickstart (fresh machine)");
    let quick = quick.iter().find(|b| b.info == "sh").expect("a sh block");
    let mut lines = parse(&quick.text, quick.first_line + 1);
    assert_eq!(lines.len(), 1, "the quickstart is one command");
    lines[0].text = lines[0]
        .text
        .strip_prefix(QUICKSTART_BUILD)
        .unwrap_or_else(|| panic!("the quickstart starts with {QUICKSTART_BUILD:?}"))
        .to_string();
    let blocks = section_blocks("## A tour");
    let sh: Vec<_> = blocks.iter().filter(|b| b.info == "sh").collect();
    assert_eq!(sh.len(), 1, "the tour is one sh block");
    lines.extend(parse(&sh[0].text, sh[0].first_line + 1));
    lines
}

#[test]
fn the_tour_has_no_unknown_tags_and_every_remote_line_is_marked() {
    let lines = tour();
    assert!(lines.len() > 80, "the tour has {} commands", lines.len());
    let known = Regex::new(r"^(exit \d+(\|\d+)*|Ctrl-C|remote)$").unwrap();
    let remote_url = Regex::new(r"(https|syslog\+\w+|hec\+https)://([^/:\s]+)").unwrap();
    for l in &lines {
        for t in &l.tags {
            assert!(
                known.is_match(t),
                "README line {}: unknown tag [{t}] (known: [exit N], [exit N|M], [Ctrl-C], [remote])",
                l.readme_line
            );
        }
        let code = l
            .text
            .lines()
            .map(|r| &r[..comment_start(r).unwrap_or(r.len())])
            .collect::<Vec<_>>()
            .join(" ");
        let reaches_out = remote_url.captures_iter(&code).any(|c| {
            !matches!(&c[2], "127.0.0.1" | "localhost") && !code.starts_with("mdm context add")
        }) || code.contains("--context prod")
            || code.contains("-c prod");
        assert!(
            !reaches_out || l.remote,
            "README line {}: `{code}` needs a server the tour does not have; tag it [remote]",
            l.readme_line
        );
        assert!(
            !(l.remote && l.ctrl_c),
            "README line {}: [remote] and [Ctrl-C] together",
            l.readme_line
        );
    }
}

/// Stops the tour's sandbox and removes what it stored, however the test ends.
struct Guard<'a> {
    env: &'a TourEnv,
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        let _ = self.env.mdm(&["sandbox", "down", "--purge"]);
        let _ = self.env.mdm(&["auth", "logout", "--all"]);
    }
}

struct TourEnv {
    root: tempfile::TempDir,
    service: String,
}

impl TourEnv {
    fn home(&self) -> std::path::PathBuf {
        self.root.path().join("home")
    }
    fn cwd(&self) -> std::path::PathBuf {
        self.root.path().join("work")
    }

    fn apply(&self, cmd: &mut Command) {
        let bin_dir = Path::new(BIN).parent().unwrap();
        cmd.env_clear()
            .current_dir(self.cwd())
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    bin_dir.display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .env("HOME", self.home())
            .env("TERM", "xterm")
            .env("LANG", "C.UTF-8")
            .env("MDM_KEYRING", "keyutils")
            .env("MDM_KEYRING_SERVICE", &self.service);
    }

    fn mdm(&self, args: &[&str]) -> std::process::Output {
        let mut cmd = Command::new(BIN);
        self.apply(&mut cmd);
        cmd.args(args).stdin(std::process::Stdio::null());
        cmd.output().unwrap()
    }

    fn otp(&self, user: &str) -> String {
        let out = self.mdm(&["sandbox", "otp", "--user", user]);
        assert!(
            out.status.success(),
            "mdm sandbox otp --user {user}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

/// Everything the terminal showed while a line ran, with colours and cursor moves removed.
fn clean(raw: &str) -> String {
    let ansi = Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07").unwrap();
    ansi.replace_all(raw, "").replace('\r', "")
}

fn read_some(s: &mut OsSession, into: &mut String) -> bool {
    let mut buf = [0u8; 8192];
    match s.try_read(&mut buf) {
        Ok(0) => false,
        Ok(n) => {
            into.push_str(&String::from_utf8_lossy(&buf[..n]));
            true
        }
        Err(_) => false,
    }
}

/// Runs one line in the session, answering its prompts; returns its exit code and what
/// the terminal showed.
fn run_line(s: &mut OsSession, env: &TourEnv, line: &Line, script: &Path) -> (i32, String) {
    std::fs::write(script, format!("{}\n", line.text)).unwrap();
    s.write_all(
        format!(
            ". {}; printf '\\n__TOUR_RC=%s__\\n' \"$?\"\n",
            script.display()
        )
        .as_bytes(),
    )
    .unwrap();
    s.flush().unwrap();
    let rc = Regex::new(r"__TOUR_RC=(\d+)__").unwrap();
    let confirm = Regex::new(r"Type `([^`\n]+)` to confirm").unwrap();
    let totp = Regex::new(r"TOTP code for ([A-Za-z0-9._@-]+) on ").unwrap();
    let new_app = Regex::new(r"Code shown by the app").unwrap();
    let key = Regex::new(r"key: ([A-Z2-7]+=*)").unwrap();
    let started = Instant::now();
    let mut raw = String::new();
    let mut answered = 0; // bytes of the clean text already acted on
    let mut interrupted = false;
    loop {
        if !read_some(s, &mut raw) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let text = clean(&raw);
        if let Some(c) = rc.captures(&text[answered.min(text.len())..]) {
            return (c[1].parse().unwrap(), text);
        }
        let rest = &text[answered.min(text.len())..];
        let first = [&confirm, &totp, &new_app]
            .into_iter()
            .filter_map(|r| r.captures(rest).map(|c| (c.get(0).unwrap().start(), c)))
            .min_by_key(|(at, _)| *at);
        if let Some((_, c)) = first {
            let end = c.get(0).unwrap().end();
            let answer = if c[0].starts_with("Type") {
                c[1].to_string()
            } else if c[0].starts_with("TOTP") {
                env.otp(&c[1])
            } else {
                let seed = key
                    .captures_iter(&text)
                    .last()
                    .expect("the enrollment printed its key")[1]
                    .to_string();
                crate::common::otp_at(&seed, None)
            };
            answered += rest[..end].len();
            s.write_all(format!("{answer}\n").as_bytes()).unwrap();
            s.flush().unwrap();
            continue;
        }
        if line.ctrl_c && !interrupted && started.elapsed() > Duration::from_secs(4) {
            s.write_all(b"\x03").unwrap();
            s.flush().unwrap();
            interrupted = true;
        }
        if started.elapsed() > Duration::from_secs(240) {
            return (-1, text + "\n[the tour test gave up after 240 s]");
        }
    }
}

#[test]
fn the_readme_tour_runs_as_written_against_a_fresh_sandbox() {
    let lines = tour();
    let env = TourEnv {
        root: tempfile::Builder::new()
            .prefix("mdm-tour-")
            .tempdir()
            .unwrap(),
        service: format!("mdm-tour-{}", crate::common::random_suffix()),
    };
    std::fs::create_dir_all(env.home()).unwrap();
    // The tour runs in the checkout: its example files are there.
    let examples = env.cwd().join("examples");
    std::fs::create_dir_all(&examples).unwrap();
    for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), examples.join(e.file_name())).unwrap();
    }
    let _guard = Guard { env: &env };
    let mut cmd = Command::new("bash");
    env.apply(&mut cmd);
    cmd.args(["--norc", "--noprofile", "--noediting", "-i"])
        .env("PS1", "")
        .env("PS2", "");
    let mut s = Session::spawn(cmd).expect("bash in a pty");
    s.write_all(b"stty cols 120 rows 40\n").unwrap();
    let script = env.root.path().join("line.sh");
    let mut transcript = String::new();
    for line in lines.iter().filter(|l| !l.remote) {
        let (code, shown) = run_line(&mut s, &env, line, &script);
        transcript.push_str(&format!(
            "\n$ {}\n{}\n[exit {code}]\n",
            line.text,
            shown.trim()
        ));
        if !line.exits.contains(&code) {
            let tail: String = {
                let start = transcript.len().saturating_sub(6000);
                let start = (start..transcript.len())
                    .find(|i| transcript.is_char_boundary(*i))
                    .unwrap_or(0);
                transcript[start..].to_string()
            };
            panic!(
                "README line {}: `{}` exited {code}, expected {:?}\n--- the end of the tour so far ---{tail}",
                line.readme_line, line.text, line.exits
            );
        }
    }
    // For a look at the whole run: MDM_TOUR_TRANSCRIPT=FILE.
    if let Ok(path) = std::env::var("MDM_TOUR_TRANSCRIPT") {
        std::fs::write(path, &transcript).unwrap();
    }
}
