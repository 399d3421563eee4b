//! "Nothing is sent before the gate passes", for every guarded verb: each runs through
//! the real dispatcher against the fake server, with a scripted person (or none). A
//! declined or mismatched confirmation, or a missing code without a terminal, sends no
//! call that changes state; the right phrase and code send exactly the expected calls.

use crate::api::fake::{self, FakeApi, GOOD_CODE};
use crate::api::{Api, Requirements};
use crate::cli::Cli;
use crate::error::{ExitKind, Result};
use crate::outcome::Outcome;
use crate::ui::ScriptedPrompter;
use clap::Parser;
use mdm_model::domain::StepUp;
use std::rc::Rc;

struct Ran {
    result: Result<Outcome>,
    calls: Vec<String>,
    asked: Vec<String>,
}

/// Runs `mdm <argv>` against `fake`; `person` answers prompts in order (`None` hangs
/// up), or there is no terminal at all.
fn run(fake: FakeApi, person: Option<&[Option<&str>]>, argv: &[&str]) -> Ran {
    let fake = Rc::new(fake);
    let prompter = ScriptedPrompter::new(person.unwrap_or(&[]));
    let asked = prompter.asked.clone();
    let cli = Cli::try_parse_from(std::iter::once("mdm").chain(argv.iter().copied()))
        .unwrap_or_else(|e| panic!("{argv:?} does not parse: {e}"));
    let f = crate::app::for_tests(
        fake.clone() as Rc<dyn Api>,
        Box::new(prompter),
        person.is_some(),
        cli.global.clone(),
    );
    let result = super::run(&f, cli.command);
    let asked = asked.borrow().clone();
    Ran {
        result,
        calls: fake.calls(),
        asked,
    }
}

impl Ran {
    fn aborted(&self) -> &Self {
        match &self.result {
            Err(e) => assert_eq!(e.kind, ExitKind::Aborted, "{}", e.message),
            Ok(o) => panic!("expected exit 3, got {o:?}; calls {:?}", self.calls),
        }
        self
    }

    fn ok(&self) -> &Self {
        if let Err(e) = &self.result {
            panic!("{} ({:?}); calls {:?}", e.message, e.causes, self.calls);
        }
        self
    }

    fn sent(&self, calls: &[&str]) -> &Self {
        assert_eq!(self.calls, calls);
        self
    }

    /// Exit 1 with `error: the server did not say what this needs …`.
    fn unsaid(&self) -> &Self {
        match &self.result {
            Err(e) => {
                assert_eq!(e.kind, ExitKind::Failure, "{}", e.message);
                assert!(
                    e.message
                        .starts_with("the server did not say what this needs"),
                    "{}",
                    e.message
                );
            }
            Ok(o) => panic!("expected exit 1, got {o:?}; calls {:?}", self.calls),
        }
        self
    }

    fn message_has(&self, needle: &str) -> &Self {
        let e = self.result.as_ref().expect_err("an error");
        let all = format!("{} {} {}", e.message, e.causes.join(" "), e.hints.join(" "));
        assert!(all.contains(needle), "{needle:?} not in {all}");
        self
    }
}

fn step_up_and(confirmation: Option<&str>, phrase: Option<&str>) -> Requirements {
    Requirements {
        confirmation: confirmation.map(str::to_string),
        phrase: phrase.map(str::to_string),
        ..Requirements::step_up(StepUp::Cached)
    }
}

fn previewing(count: u64, requires: Requirements) -> FakeApi {
    FakeApi {
        preview: Some(fake::preview(count, requires)),
        ..FakeApi::default()
    }
}

// Device actions: the server's preview says what is needed.

#[test]
fn wipe_one_device_needs_the_serial_then_a_code() {
    let needs = || previewing(1, step_up_and(Some("serial"), Some("SER1")));
    run(needs(), None, &["wipe", "dev_1"])
        .aborted()
        .message_has("--confirm \"SER1\"")
        .sent(&["preview wipe", "decline prv_1 no_terminal"]);
    run(
        needs(),
        None,
        &["wipe", "dev_1", "--confirm", "SER2", "--otp", GOOD_CODE],
    )
    .aborted()
    .sent(&["preview wipe", "decline prv_1 mismatch"]);
    run(needs(), Some(&[None]), &["wipe", "dev_1"])
        .aborted()
        .sent(&["preview wipe", "decline prv_1 declined"]);
    run(needs(), None, &["wipe", "dev_1", "--confirm", "SER1"])
        .aborted()
        .message_has("--otp CODE")
        .sent(&["preview wipe", "decline prv_1 step_up_unavailable"]);
    let ok = run(
        needs(),
        None,
        &[
            "wipe",
            "dev_1",
            "--confirm",
            " SER1 ",
            "--otp",
            GOOD_CODE,
            "--no-wait",
        ],
    );
    ok.ok().sent(&[
        "preview wipe",
        "step_up",
        "create wipe expected=1 +elevation",
    ]);
    let change = ok.result.as_ref().unwrap().change().cloned().unwrap();
    assert_eq!(change.action_id.as_deref(), Some("act_1"));
    assert_eq!(change.request_id.as_deref(), Some("req_fake"));
    let person = run(
        needs(),
        Some(&[Some("SER1"), Some(GOOD_CODE)]),
        &["wipe", "dev_1", "--no-wait"],
    );
    person.ok().sent(&[
        "preview wipe",
        "step_up",
        "create wipe expected=1 +elevation",
    ]);
    assert_eq!(person.asked.len(), 2, "{:?}", person.asked);
    // A preview that asks for the serial but names none: an error, nothing sent, and no
    // serial taken from the sample instead.
    run(
        previewing(1, step_up_and(Some("serial"), None)),
        None,
        &["wipe", "dev_1", "--confirm", "SER1", "--otp", GOOD_CODE],
    )
    .unsaid()
    .sent(&["preview wipe"]);
}

#[test]
fn the_servers_phrase_is_the_one_typed_with_the_context_filled_in() {
    let needs = || {
        previewing(
            3,
            step_up_and(Some("phrase"), Some("lock 3 devices in <context>")),
        )
    };
    run(
        needs(),
        None,
        &[
            "lock",
            "--group",
            "sales",
            "--confirm",
            "lock 3 devices in prod",
            "--otp",
            GOOD_CODE,
        ],
    )
    .aborted()
    .message_has("expected `lock 3 devices in t`")
    .sent(&["preview lock", "decline prv_1 mismatch"]);
    run(
        needs(),
        None,
        &[
            "lock",
            "--group",
            "sales",
            "--confirm",
            "lock 3 devices in t",
            "--otp",
            GOOD_CODE,
            "--no-wait",
        ],
    )
    .ok()
    .sent(&[
        "preview lock",
        "step_up",
        "create lock expected=3 +elevation",
    ]);
}

#[test]
fn unlock_with_a_filter_and_a_wrong_code_sends_no_action() {
    let needs = || {
        previewing(
            2,
            step_up_and(Some("phrase"), Some("unlock 2 devices in <context>")),
        )
    };
    let args = [
        "unlock",
        "--filter",
        "platform = ios",
        "--confirm",
        "unlock 2 devices in t",
        "--no-wait",
    ];
    let mut wrong = args.to_vec();
    wrong.extend(["--otp", "000000"]);
    let r = run(needs(), None, &wrong);
    assert_eq!(r.result.as_ref().unwrap_err().kind, ExitKind::Forbidden);
    r.sent(&["preview unlock", "step_up"]);
    let mut right = args.to_vec();
    right.extend(["--otp", GOOD_CODE]);
    run(needs(), None, &right).ok().sent(&[
        "preview unlock",
        "step_up",
        "create unlock expected=2 +elevation",
    ]);
}

#[test]
fn locking_one_device_needs_nothing_the_server_does_not_ask_for() {
    run(
        previewing(1, Requirements::none()),
        None,
        &["lock", "dev_1", "--no-wait"],
    )
    .ok()
    .sent(&["preview lock", "create lock expected=1"]);
}

#[test]
fn retire_asks_for_the_serial() {
    let needs = || previewing(1, step_up_and(Some("serial"), Some("SER1")));
    run(needs(), Some(&[Some("SER9")]), &["retire", "dev_1"])
        .aborted()
        .sent(&["preview retire", "decline prv_1 mismatch"]);
    run(
        needs(),
        Some(&[Some("SER1"), Some(GOOD_CODE)]),
        &["retire", "dev_1", "--no-wait"],
    )
    .ok()
    .sent(&[
        "preview retire",
        "step_up",
        "create retire expected=1 +elevation",
    ]);
}

#[test]
fn a_dry_run_sends_nothing_that_changes_state() {
    let r = run(
        previewing(
            5,
            step_up_and(Some("phrase"), Some("wipe 5 devices in <context>")),
        ),
        None,
        &["wipe", "--all", "--dry-run"],
    );
    r.ok().sent(&["preview wipe"]);
    assert_eq!(r.result.unwrap(), Outcome::Unchanged);
}

fn fleet_push() -> FakeApi {
    let mut r = step_up_and(Some("phrase"), Some("push 5 devices in <context>"));
    r.reason = true;
    previewing(5, r)
}

#[test]
fn pushes_need_the_reason_the_phrase_and_a_code() {
    run(
        fleet_push(),
        None,
        &[
            "push",
            "app",
            "com.example.app",
            "--all",
            "--confirm",
            "push 5 devices in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .message_has("needs --reason")
    .sent(&[]);
    run(
        fleet_push(),
        None,
        &[
            "push",
            "command",
            "restart",
            "--all",
            "--reason",
            "r",
            "--confirm",
            "push 4 devices in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .aborted()
    .sent(&["preview push_command", "decline prv_1 mismatch"]);
    run(
        fleet_push(),
        None,
        &[
            "push",
            "command",
            "restart",
            "--all",
            "--reason",
            "r",
            "--confirm",
            "push 5 devices in t",
            "--otp",
            GOOD_CODE,
            "--no-wait",
        ],
    )
    .ok()
    .sent(&[
        "preview push_command",
        "step_up",
        "create push_command expected=5 +elevation",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("wifi.mobileconfig");
    std::fs::write(
        &profile,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
  <key>PayloadContent</key><array/>
  <key>PayloadIdentifier</key><string>org.example.wifi</string>
  <key>PayloadType</key><string>Configuration</string>
  <key>PayloadUUID</key><string>9A1B2C3D-0000-4000-8000-000000000001</string>
</dict></plist>"#,
    )
    .unwrap();
    let p = profile.to_str().unwrap();
    run(
        fleet_push(),
        Some(&[None]),
        &["push", "profile", p, "--all", "--reason", "r"],
    )
    .aborted()
    .sent(&["preview push_profile", "decline prv_1 declined"]);
    run(
        fleet_push(),
        Some(&[Some("push 5 devices in t"), Some(GOOD_CODE)]),
        &["push", "profile", p, "--all", "--reason", "r", "--no-wait"],
    )
    .ok()
    .sent(&[
        "preview push_profile",
        "step_up",
        "create push_profile expected=5 +elevation",
    ]);
}

// Policy changes that weaken security (classified by the shared classifier).

const BASELINE: &str =
    "name: baseline\npasscode:\n  required: true\n  min_length: 8\nassignments: [sales]\n";

fn with_baseline() -> FakeApi {
    FakeApi {
        policies: vec![fake::policy(BASELINE, 3)],
        ..FakeApi::default()
    }
}

#[test]
fn deleting_a_policy_needs_the_weaken_phrase_and_a_code() {
    run(with_baseline(), None, &["policy", "delete", "baseline"])
        .aborted()
        .message_has("--confirm \"weaken baseline in t\"")
        .sent(&["get_policy baseline", "plan delete_policy baseline v3"]);
    run(
        with_baseline(),
        None,
        &[
            "policy",
            "delete",
            "baseline",
            "--confirm",
            "weaken baseline in t",
        ],
    )
    .aborted()
    .sent(&["get_policy baseline", "plan delete_policy baseline v3"]);
    run(
        with_baseline(),
        None,
        &[
            "policy",
            "delete",
            "baseline",
            "--confirm",
            "weaken baseline in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .ok()
    .sent(&[
        "get_policy baseline",
        "plan delete_policy baseline v3",
        "step_up",
        "delete_policy baseline v3 +elevation",
    ]);
    // A plan without `requires` (an old server): an error, nothing sent, no phrase made up.
    let old = FakeApi {
        plans_without_requires: true,
        ..with_baseline()
    };
    run(
        old,
        None,
        &[
            "policy",
            "delete",
            "baseline",
            "--confirm",
            "weaken baseline in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .unsaid()
    .sent(&["get_policy baseline", "plan delete_policy baseline v3"]);
}

#[test]
fn unassigning_a_policy_is_a_weakening() {
    run(
        with_baseline(),
        Some(&[Some("weaken baseline in prod")]),
        &[
            "policy", "assign", "baseline", "--group", "sales", "--remove",
        ],
    )
    .aborted()
    .sent(&[
        "get_policy baseline",
        "plan assign_policy baseline Remove sales v3",
    ]);
    run(
        with_baseline(),
        Some(&[Some("weaken baseline in t"), Some(GOOD_CODE)]),
        &[
            "policy", "assign", "baseline", "--group", "sales", "--remove",
        ],
    )
    .ok()
    .sent(&[
        "get_policy baseline",
        "plan assign_policy baseline Remove sales v3",
        "step_up",
        "assign_policy baseline Remove sales v3 +elevation",
    ]);
}

#[test]
fn applying_a_weaker_policy_needs_the_phrase_and_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.yaml");
    std::fs::write(&file, BASELINE.replace("min_length: 8", "min_length: 6")).unwrap();
    let f = file.to_str().unwrap();
    run(
        with_baseline(),
        None,
        &["policy", "apply", "-f", f, "--otp", GOOD_CODE],
    )
    .aborted()
    .sent(&["list_policies", "plan 1 policies"]);
    run(
        with_baseline(),
        None,
        &[
            "policy",
            "apply",
            "-f",
            f,
            "--confirm",
            "weaken baseline in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .ok()
    .sent(&[
        "list_policies",
        "plan 1 policies",
        "step_up",
        "apply 1 policies +elevation",
    ]);
    let old = FakeApi {
        plans_without_requires: true,
        ..with_baseline()
    };
    run(
        old,
        None,
        &[
            "policy",
            "apply",
            "-f",
            f,
            "--confirm",
            "weaken baseline in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .unsaid()
    .sent(&["list_policies", "plan 1 policies"]);
}

// Incident response: the server's dry run says what is needed.

fn incident(requires: Option<Requirements>, frozen: bool) -> FakeApi {
    FakeApi {
        requires,
        frozen,
        ..FakeApi::default()
    }
}

#[test]
fn freezing_needs_the_step_up_the_dry_run_names() {
    let needs = || incident(Some(Requirements::step_up(StepUp::Cached)), false);
    run(needs(), None, &["incident", "freeze"])
        .aborted()
        .sent(&["set_freeze true dry_run"]);
    let ok = run(needs(), None, &["incident", "freeze", "--otp", GOOD_CODE]);
    ok.ok().sent(&[
        "set_freeze true dry_run",
        "step_up",
        "set_freeze true +elevation",
    ]);
    // The journal gets the change's request id from the command's own outcome.
    let change = ok.result.as_ref().unwrap().change().cloned().unwrap();
    assert_eq!(change.request_id.as_deref(), Some("req_fake"));
}

#[test]
fn unfreezing_needs_the_phrase_and_a_code() {
    let needs = || {
        incident(
            Some(step_up_and(Some("phrase"), Some("unfreeze <context>"))),
            true,
        )
    };
    run(
        needs(),
        None,
        &[
            "incident",
            "unfreeze",
            "--confirm",
            "unfreeze other",
            "--otp",
            GOOD_CODE,
        ],
    )
    .aborted()
    .sent(&["freeze_state", "set_freeze false dry_run"]);
    run(needs(), Some(&[None]), &["incident", "unfreeze"])
        .aborted()
        .sent(&["freeze_state", "set_freeze false dry_run"]);
    run(
        needs(),
        None,
        &[
            "incident",
            "unfreeze",
            "--confirm",
            "unfreeze t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .ok()
    .sent(&[
        "freeze_state",
        "set_freeze false dry_run",
        "step_up",
        "set_freeze false +elevation",
    ]);
    // A dry run that names no requirements: an error, never a phrase made up here.
    run(
        incident(None, true),
        None,
        &["incident", "unfreeze", "--confirm", "unfreeze t"],
    )
    .unsaid()
    .sent(&["freeze_state", "set_freeze false dry_run"]);
}

#[test]
fn revoking_everyones_sessions_needs_the_count_in_the_phrase() {
    let needs = || {
        incident(
            Some(step_up_and(
                Some("phrase"),
                Some("revoke 3 sessions in <context>"),
            )),
            false,
        )
    };
    run(
        needs(),
        None,
        &[
            "incident",
            "revoke-sessions",
            "--all-except-me",
            "--confirm",
            "revoke 4 sessions in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .aborted()
    .sent(&["revoke_sessions everyone dry_run"]);
    run(
        needs(),
        None,
        &[
            "incident",
            "revoke-sessions",
            "--all-except-me",
            "--confirm",
            "revoke 3 sessions in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .ok()
    .sent(&[
        "revoke_sessions everyone dry_run",
        "step_up",
        "revoke_sessions everyone +elevation",
    ]);
}

#[test]
fn rotating_enrollment_needs_a_code() {
    let needs = || incident(Some(Requirements::step_up(StepUp::Cached)), false);
    run(needs(), None, &["incident", "rotate-enrollment"])
        .aborted()
        .sent(&["revoke_unused dry_run"]);
    run(
        needs(),
        None,
        &["incident", "rotate-enrollment", "--otp", GOOD_CODE],
    )
    .ok()
    .sent(&[
        "revoke_unused dry_run",
        "step_up",
        "revoke_unused +elevation",
    ]);
}

// Approvals, break-glass, sessions.

fn pending(requires: Option<Requirements>) -> FakeApi {
    FakeApi {
        action: Some(fake::action("lock", "pending_approval", 3)),
        requires,
        ..FakeApi::default()
    }
}

#[test]
fn approving_needs_the_requesters_phrase_and_the_approvers_code() {
    // The server's `requires` on the pending action, as the gate table fills it.
    let server = || {
        pending(Some(step_up_and(
            Some("phrase"),
            Some("lock 3 devices in <context>"),
        )))
    };
    run(
        server(),
        None,
        &[
            "approvals",
            "approve",
            "act_1",
            "--confirm",
            "lock 30 devices in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .aborted()
    .sent(&["get_action act_1", "me"]);
    run(
        server(),
        None,
        &[
            "approvals",
            "approve",
            "act_1",
            "--confirm",
            "lock 3 devices in t",
        ],
    )
    .aborted()
    .sent(&["get_action act_1", "me"]);
    run(
        server(),
        None,
        &[
            "approvals",
            "approve",
            "act_1",
            "--confirm",
            "lock 3 devices in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .ok()
    .sent(&[
        "get_action act_1",
        "me",
        "step_up",
        "approve act_1 +elevation",
    ]);
    run(
        server(),
        Some(&[Some("lock 3 devices in t"), Some(GOOD_CODE)]),
        &["approvals", "approve", "act_1"],
    )
    .ok()
    .sent(&[
        "get_action act_1",
        "me",
        "step_up",
        "approve act_1 +elevation",
    ]);
    // No `requires` on the pending action: an error, never a phrase made up here.
    run(
        pending(None),
        None,
        &[
            "approvals",
            "approve",
            "act_1",
            "--confirm",
            "lock 3 devices in t",
            "--otp",
            GOOD_CODE,
        ],
    )
    .unsaid()
    .sent(&["get_action act_1", "me"]);
}

#[test]
fn rejecting_sends_only_the_rejection() {
    run(
        pending(None),
        None,
        &["approvals", "reject", "act_1", "--reason", "no"],
    )
    .ok()
    .sent(&["reject act_1"]);
}

#[test]
fn breaking_the_glass_needs_a_fresh_code() {
    let args = [
        "breakglass",
        "activate",
        "--reason",
        "outage",
        "--ticket",
        "INC-1",
    ];
    run(FakeApi::default(), None, &args).aborted().sent(&[]);
    run(
        FakeApi::default(),
        Some(&[Some("000000"), Some("000000"), Some("000000")]),
        &args,
    )
    .sent(&[
        "breakglass_activate bad-otp",
        "breakglass_activate bad-otp",
        "breakglass_activate bad-otp",
    ]);
    // The code travels in the activation itself: no step-up, no elevation sent.
    let mut with_code = args.to_vec();
    with_code.extend(["--otp", GOOD_CODE]);
    run(FakeApi::default(), None, &with_code)
        .ok()
        .sent(&["breakglass_activate +otp"]);
}

#[test]
fn revoking_another_users_sessions_needs_a_code_first() {
    let args = ["auth", "sessions", "revoke", "--all", "--user", "bob"];
    run(FakeApi::default(), None, &args).aborted().sent(&[]);
    let mut with_code = args.to_vec();
    with_code.extend(["--otp", GOOD_CODE]);
    run(FakeApi::default(), None, &with_code).ok().sent(&[
        "step_up",
        "revoke_sessions bob +elevation",
        "me",
    ]);
}

// The pager, through `devices list`.

#[test]
fn devices_list_stops_on_an_empty_page_that_still_has_a_cursor() {
    let fake = FakeApi::default();
    fake.device_pages.borrow_mut().push_back(crate::api::Page {
        items: Vec::new(),
        next_cursor: Some("again".into()),
        total: Some(0),
    });
    run(fake, None, &["devices", "list", "--all", "-o", "json"])
        .ok()
        .sent(&["list_devices cursor=None"]);
}
