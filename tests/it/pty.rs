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

#[test]
fn step_up_asks_for_the_code_on_the_terminal_without_echo() {
    let sb = Sandbox::new(1);
    crate::common::away_from_step_edge(3);
    let code = sb.admin_otp();
    let mut s = spawn(&sb, &["auth", "step-up"]);
    s.expect("TOTP code for root on t").unwrap();
    s.send_line(&code).unwrap();
    let seen = s.expect("Elevated for").unwrap();
    assert!(
        !String::from_utf8_lossy(seen.before()).contains(&code),
        "the code was echoed"
    );
    s.expect(Eof).unwrap();
    let st = sb.run(&["auth", "status", "-o", "json"]).json();
    assert!(st["elevation_id"].as_str().unwrap().starts_with("elv_"));
}

#[test]
fn a_wrong_code_can_be_retyped() {
    let sb = Sandbox::new(1);
    let bob = sb.user("bob", "viewer");
    let _ = bob;
    let mut s = spawn(
        &sb,
        &["auth", "sessions", "revoke", "--all", "--user", "bob"],
    );
    s.expect("needs a step-up").unwrap();
    s.expect("TOTP code for root on t").unwrap();
    s.send_line("000000").unwrap();
    s.expect("wrong or was already used").unwrap();
    s.expect("TOTP code for root on t").unwrap();
    s.send_line(sb.otp("root")).unwrap();
    s.expect("Revoked 1 token(s)").unwrap();
    s.expect(Eof).unwrap();
}
