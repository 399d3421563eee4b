//! Interactive behaviour in a real pseudo-terminal: prompts appear on the terminal and
//! hidden input is not echoed.

use crate::common::{BIN, Sandbox};
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};
use std::time::Duration;

pub fn spawn(sb: &Sandbox, args: &[&str]) -> OsSession {
    let mut cmd = std::process::Command::new(BIN);
    sb.env.apply(&mut cmd);
    cmd.env("TERM", "xterm").args(args);
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    s
}

#[test]
fn login_prompts_on_the_terminal_without_echo() {
    let sb = Sandbox::new(2);
    let token = sb.user("pat", "viewer");
    sb.run(&["context", "add", "pty", "--server", &sb.server.url])
        .ok();
    let mut s = spawn(&sb, &["auth", "login", "--context", "pty"]);
    s.expect("Token for pty").unwrap();
    s.send_line(&token).unwrap();
    let seen = s.expect("Logged in to pty as pat").unwrap();
    let echoed = String::from_utf8_lossy(seen.before()).into_owned();
    assert!(!echoed.contains(&token), "the token was echoed: {echoed:?}");
    let rest = s.expect(Eof).unwrap();
    assert!(!String::from_utf8_lossy(rest.before()).contains(&token));
    sb.run(&["auth", "status", "-c", "pty", "-o", "json"])
        .ok()
        .stdout_has("\"user\": \"pat\"");
}
