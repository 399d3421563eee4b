//! Examples for every command's long help (`-h` shows none, `--help` shows them) and its
//! man page's EXAMPLES section: one table, checked by a test that parses every example.

/// (command path without `mdm`, [(command line starting with `mdm `, what it does)]).
pub const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "sandbox up",
        &[
            (
                "mdm sandbox up",
                "Start a local fleet of 250 simulated devices and log in as its admin",
            ),
            (
                "mdm sandbox up --devices 2000 --port 8443",
                "A bigger fleet on a fixed port, to try scripts at scale",
            ),
        ],
    ),
    (
        "sandbox down",
        &[
            (
                "mdm sandbox down",
                "Stop the sandbox but keep its devices, users and audit log for next time",
            ),
            (
                "mdm sandbox down --purge",
                "Throw the sandbox away so the next start seeds a fresh fleet",
            ),
        ],
    ),
    (
        "sandbox status",
        &[
            (
                "mdm sandbox status",
                "Is the sandbox running, and on which address",
            ),
            (
                "mdm sandbox status -o json",
                "The same for a script that waits for the sandbox",
            ),
        ],
    ),
    (
        "sandbox serve",
        &[
            (
                "mdm sandbox serve --port 8080 --seed 42",
                "Run in the foreground with a reproducible fleet, e.g. in CI",
            ),
            (
                "mdm sandbox serve --tick-ms 0 --fail-percent 0 --offline-percent 0",
                "A still, fully online fleet for deterministic tests",
            ),
            (
                "mdm sandbox serve --approval-threshold 2 --pii-budget 0 --alert-webhook https://hooks.example.com/mdm-alerts",
                "Rehearse the guards: approvals from 3 devices up, a step-up for every unmasked read",
            ),
        ],
    ),
    (
        "sandbox user add",
        &[
            (
                "mdm sandbox user add alice --role admin --login alice",
                "A second admin to approve your large wipes, logged in as context alice",
            ),
            (
                "mdm sandbox user add auditor1 --role auditor --expires 7d",
                "A read-only auditor whose token stops working after a week",
            ),
        ],
    ),
    (
        "sandbox otp",
        &[
            (
                "mdm sandbox otp",
                "The current code of the sandbox admin, to answer a step-up prompt in a demo",
            ),
            (
                "mdm sandbox otp --user alice",
                "Alice's current code, to approve as her",
            ),
        ],
    ),
    (
        "sandbox enroll-device",
        &[
            (
                "mdm sandbox enroll-device - < enroll-url.txt",
                "Enroll a simulated device with the URL saved from enroll create",
            ),
            (
                "mdm sandbox enroll-device - --platform android --name 'Pixel 8 test' --serial R5CT1234ABC < enroll-token.txt",
                "Play a specific Android phone, to test a token bound to a platform",
            ),
        ],
    ),
    (
        "gateway serve",
        &[
            (
                "mdm gateway serve --config /etc/mdm/gateway.toml",
                "Run the API in front of the configured backend",
            ),
            (
                "mdm gateway serve --config /etc/mdm/gateway.toml -vv",
                "The same, logging requests and redacted headers while you debug the backend",
            ),
        ],
    ),
    (
        "gateway check",
        &[
            (
                "mdm gateway check --config /etc/mdm/gateway.toml",
                "Check the config, its secrets and the backend before a restart",
            ),
            (
                "mdm gateway check --config gateway.toml.new -o json",
                "Vet a new config in a deploy pipeline, changing nothing",
            ),
        ],
    ),
    (
        "gateway user add",
        &[
            (
                "mdm gateway user add alice@example.com --role admin --config /etc/mdm/gateway.toml",
                "Create an admin; hand over the token and authenticator URI it prints once",
            ),
            (
                "mdm gateway user add siem-reader --role auditor --expires 90d --config /etc/mdm/gateway.toml",
                "An account for the SIEM that must be renewed every quarter",
            ),
        ],
    ),
    (
        "context add",
        &[
            (
                "mdm context add prod --server https://mdm.example.com --use",
                "Register the production server and switch to it",
            ),
            (
                "mdm context add prod --server https://mdm.corp.example --ca-bundle /etc/ssl/corp-ca.pem --force",
                "Point prod at a new server behind the corporate CA",
            ),
            (
                "mdm context add sandbox --server http://127.0.0.1:8080 --default-output json",
                "A local server that scripts talk to in JSON",
            ),
        ],
    ),
    (
        "context list",
        &[(
            "mdm context list",
            "Every context, with the current one marked",
        )],
    ),
    (
        "context use",
        &[
            (
                "mdm context use prod",
                "Point the following commands at production",
            ),
            (
                "mdm context use sandbox",
                "Back to the sandbox before experimenting",
            ),
        ],
    ),
    (
        "context show",
        &[
            (
                "mdm context show",
                "Which server and credential the next command would use",
            ),
            (
                "mdm context show prod -o json",
                "Production's settings, for a script",
            ),
        ],
    ),
    (
        "context remove",
        &[
            (
                "mdm context remove alice",
                "Forget alice's context and its credentials in the keyring",
            ),
            (
                "mdm context remove sandbox --force",
                "Remove the current context without a prompt",
            ),
        ],
    ),
    (
        "auth login",
        &[
            ("mdm auth login", "Paste the token at a hidden prompt"),
            (
                "mdm auth login -c prod --with-token < prod.token",
                "Log in from a token file, keeping the token out of argv and shell history",
            ),
        ],
    ),
    (
        "auth logout",
        &[
            (
                "mdm auth logout",
                "Remove this context's token and elevation from the keyring",
            ),
            (
                "mdm auth logout --all",
                "Leaving a shared machine: remove every stored credential",
            ),
        ],
    ),
    (
        "auth status",
        &[
            (
                "mdm auth status",
                "Who you are, with which role, and how much elevation is left",
            ),
            (
                "mdm auth status -c prod",
                "Make sure you are on production as yourself before a wipe",
            ),
        ],
    ),
    (
        "auth mfa enroll",
        &[
            (
                "mdm auth mfa enroll",
                "Set up an authenticator app from the QR code in the terminal",
            ),
            (
                "mdm auth mfa enroll --qr-png mfa-qr.png",
                "Also save the QR code as a private PNG, for a terminal that cannot show it",
            ),
            (
                "mdm auth mfa enroll -c sandbox --otp \"$(mdm sandbox otp)\"",
                "Replace the sandbox authenticator, proving the current one",
            ),
        ],
    ),
    (
        "auth mfa activate",
        &[
            (
                "mdm auth mfa activate",
                "Type the first code from the new app to finish enrolling it",
            ),
            (
                "mdm auth mfa activate -c sandbox --otp \"$(mdm sandbox otp)\"",
                "Finish a sandbox enrollment in a script",
            ),
        ],
    ),
    (
        "auth step-up",
        &[
            (
                "mdm auth step-up",
                "Elevate once before a series of guarded actions",
            ),
            (
                "mdm auth step-up -c prod",
                "Elevate on production only, just before the risky part",
            ),
            (
                "mdm auth step-up -c sandbox --otp \"$(mdm sandbox otp)\"",
                "Elevate in the sandbox without a prompt, in a test script",
            ),
        ],
    ),
    (
        "auth step-down",
        &[
            (
                "mdm auth step-down",
                "Give up the elevation as soon as the risky work is done",
            ),
            (
                "mdm auth step-down -c prod",
                "Drop production's elevation before you walk away",
            ),
        ],
    ),
    (
        "auth sessions list",
        &[
            ("mdm auth sessions list", "Your own tokens and elevations"),
            (
                "mdm auth sessions list --user alice -o json",
                "Alice's sessions, when her laptop is reported stolen",
            ),
        ],
    ),
    (
        "auth sessions revoke",
        &[
            (
                "mdm auth sessions revoke tok_3f2a9c1b7d4e --reason 'token pasted into a CI log'",
                "Kill one leaked token",
            ),
            (
                "mdm auth sessions revoke --all-except-current",
                "Sign out everywhere else, keeping this terminal",
            ),
            (
                "mdm auth sessions revoke --all --user alice --reason 'INC-4711 laptop stolen'",
                "End every session of a user whose laptop was stolen",
            ),
        ],
    ),
    (
        "devices list",
        &[
            (
                "mdm devices list --group sales -o csv",
                "Every device of the sales group as CSV",
            ),
            (
                "mdm devices list --filter 'platform = ios and os_version < 17.4' --all",
                "Every iPhone still missing the iOS 17.4 security fixes",
            ),
            (
                "mdm devices list --platform android --compliance noncompliant --limit 50",
                "The Android devices to chase first for compliance",
            ),
        ],
    ),
    (
        "devices show",
        &[
            (
                "mdm devices show C02XK1ZJJG5H",
                "Look up a device from the serial on its sticker",
            ),
            (
                "mdm devices show dev_1ceaa8c60ddc --show-pii",
                "Reveal the owner's email and phone to call them (audited)",
            ),
        ],
    ),
    (
        "groups list",
        &[
            (
                "mdm groups list",
                "Group names and sizes, to judge a target before using it",
            ),
            ("mdm groups list -o json", "The same for a script"),
        ],
    ),
    (
        "groups show",
        &[
            (
                "mdm groups show field-ops",
                "How many devices field-ops has before you target it",
            ),
            ("mdm groups show kiosks -o yaml", "The kiosks group in full"),
        ],
    ),
    (
        "enroll create",
        &[
            (
                "mdm enroll create --user jane.doe@example.com --platform ios --group sales",
                "A one-use iPhone token for a new sales hire",
            ),
            (
                "mdm enroll create --user kiosk-admin@example.com --group kiosks --uses 20 --expires 24h --qr-png kiosk-qr.png",
                "One QR code to enroll 20 kiosks today, useless by tomorrow",
            ),
        ],
    ),
    (
        "enroll list",
        &[
            (
                "mdm enroll list --status unused",
                "Tokens that could still enroll a device",
            ),
            (
                "mdm enroll list --status expired --limit 20 -o csv",
                "Invitations nobody used in time, to chase up",
            ),
        ],
    ),
    (
        "enroll revoke",
        &[
            (
                "mdm enroll revoke enr_3f2a9c1b7d4e --reason 'QR code posted in a public channel'",
                "Kill one leaked invitation",
            ),
            (
                "mdm enroll revoke --all-unused --reason 'INC-4711 enrollment link leaked'",
                "Make sure no outstanding token can enroll a rogue device",
            ),
        ],
    ),
    (
        "enroll bulk",
        &[
            (
                "mdm enroll bulk new-hires.csv --dry-run",
                "Check a CSV of new hires, creating nothing",
            ),
            (
                "mdm enroll bulk new-hires.csv --expires 14d --out tokens.csv",
                "Create the tokens and keep the URLs in a private file to send out",
            ),
            (
                "mdm enroll bulk new-hires.csv --skip-invalid --out tokens.csv",
                "Invite the valid rows now and fix the rest later",
            ),
        ],
    ),
    (
        "apps list",
        &[
            (
                "mdm apps list",
                "The trusted apps and versions you may push",
            ),
            (
                "mdm apps list -o csv",
                "The catalog for a spreadsheet review",
            ),
        ],
    ),
    (
        "apps show",
        &[
            (
                "mdm apps show com.tinyspeck.chatlyio",
                "Versions and pinned hashes of one app",
            ),
            (
                "mdm apps show Chatly@4.29.149",
                "One exact version, before pushing it",
            ),
        ],
    ),
    (
        "apps add",
        &[
            (
                "mdm apps add --name Chatly --version 4.29.149 --bundle-id com.tinyspeck.chatlyio --platform ios --package Chatly-4.29.149.ipa",
                "Trust a vetted package by pinning the hash of the local file",
            ),
            (
                "mdm apps add --name Chatly --version 4.29.149 --bundle-id com.tinyspeck.chatlyio --platform android --url https://downloads.example.com/chatly-4.29.149.apk --sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "Register a download URL together with the hash you checked",
            ),
            (
                "mdm apps add --name Chatly --version 4.29.149 --bundle-id com.tinyspeck.chatlyio --platform windows --intune-app-id 0b6f5c2e-8c1d-4b7a-9f3e-2d1a6c4b8e90 --sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "Catalog an app Intune already has, pinned to the package you vetted",
            ),
            (
                "mdm apps add --name \"Google Chrome\" --version 131.0.6778.86 --bundle-id com.google.Chrome --platform macos --jamf-app-title 0C6 --sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "Catalog a Jamf App Installers title, at the version Jamf offers",
            ),
        ],
    ),
    (
        "push app",
        &[
            (
                "mdm push app Chatly@4.29.149 --group sales --dry-run",
                "How many devices would get the update, sending nothing",
            ),
            (
                "mdm push app Chatly@4.29.149 --group sales --rollout 5%,25%,100% --halt-above-failure 2% --reason 'security fix in 4.29.149' --ticket CHG-1042",
                "Roll out in waves and stop by itself if more than 2% fail",
            ),
            (
                "mdm push app com.tinyspeck.chatlyio C02XK1ZJJG5H --uninstall --reason 'app crashes at launch' --ticket INC-4720",
                "Remove the app from one broken laptop",
            ),
        ],
    ),
    (
        "push profile",
        &[
            (
                "mdm push profile wifi-corp.mobileconfig dev_1ceaa8c60ddc",
                "Try a profile on one test device first",
            ),
            (
                "mdm push profile wifi-corp.mobileconfig --group field-ops --dry-run",
                "Check the profile and count the devices, sending nothing",
            ),
            (
                "mdm push profile wifi-corp.mobileconfig --group field-ops --rollout 10%,100% --wave-timeout 2h --reason 'new Wi-Fi certificate' --ticket CHG-1043",
                "Then the whole group in two waves, not waiting long for offline devices",
            ),
        ],
    ),
    (
        "push command",
        &[
            (
                "mdm push command update-os --filter 'platform = ios and os_version < 17.4' --rollout 5%,50%,100% --halt-above-failure 5% --reason 'iOS 17.4 security update' --ticket CHG-1044",
                "Patch the exposed iPhones in waves",
            ),
            (
                "mdm push command clear-passcode C02XK1ZJJG5H --dry-run",
                "Check which device would lose its passcode",
            ),
            (
                "mdm push command clear-passcode C02XK1ZJJG5H --reason 'owner locked out, identity checked' --ticket INC-4712",
                "Let a verified owner back into their device",
            ),
        ],
    ),
    (
        "policy init",
        &[
            (
                "mdm policy init policies",
                "Start a policy repository with one commented baseline per platform",
            ),
            (
                "mdm policy init policies --force",
                "Bring the baselines up to date, replacing same-named files",
            ),
        ],
    ),
    (
        "policy list",
        &[
            (
                "mdm policy list",
                "Which policies the server has, at which version",
            ),
            ("mdm policy list -o json", "The same for a script"),
        ],
    ),
    (
        "policy show",
        &[
            (
                "mdm policy show ios-baseline",
                "One policy as the server has it now",
            ),
            (
                "mdm policy show ios-baseline -o yaml",
                "The same as YAML, to compare with the repository",
            ),
        ],
    ),
    (
        "policy validate",
        &[
            (
                "mdm policy validate policies",
                "Catch mistakes before review, reported as file:line:col",
            ),
            (
                "mdm policy validate policies/ios-baseline.yaml",
                "Check the one file you just edited",
            ),
        ],
    ),
    (
        "policy diff",
        &[
            (
                "mdm policy diff -f policies",
                "Review what an apply would change, with weakenings marked",
            ),
            (
                "mdm policy diff -f policies --prune --exit-code",
                "In CI: exit 10 when the server drifted from the repository",
            ),
        ],
    ),
    (
        "policy apply",
        &[
            (
                "mdm policy apply -f policies --dry-run",
                "The plan, changing nothing",
            ),
            (
                "mdm policy apply -f policies --reason 'CHG-1045 require 6-digit passcodes'",
                "Apply the reviewed repository",
            ),
            (
                "mdm policy apply -f policies/ios-baseline.yaml -c prod --reason 'CHG-1046 allow AirDrop for field-ops' --confirm 'weaken ios-baseline in prod'",
                "A reviewed weakening, confirmed without a prompt",
            ),
        ],
    ),
    (
        "policy assign",
        &[
            (
                "mdm policy assign ios-baseline --group sales --reason 'new sales iPhones'",
                "Put the sales group under the iOS baseline",
            ),
            (
                "mdm policy assign kiosk-lockdown --group kiosks --remove -c prod --reason 'CHG-1047 kiosks decommissioned' --confirm 'weaken kiosk-lockdown in prod'",
                "Take a policy off a group, which weakens it",
            ),
        ],
    ),
    (
        "policy delete",
        &[
            (
                "mdm policy delete legacy-wifi --reason 'replaced by wifi-2024'",
                "Delete an obsolete policy; asks for a step-up and the phrase",
            ),
            (
                "mdm policy delete legacy-wifi -c prod --reason 'CHG-1048 replaced by wifi-2024' --confirm 'weaken legacy-wifi in prod'",
                "The same without a prompt for the phrase",
            ),
        ],
    ),
    (
        "policy export",
        &[
            (
                "mdm policy export",
                "Every policy as YAML, ready to commit as the starting repository",
            ),
            (
                "mdm policy export ios-baseline -o json",
                "One policy as JSON",
            ),
        ],
    ),
    (
        "policy schema",
        &[
            (
                "mdm policy schema",
                "The JSON Schema, for completion and checks in your editor",
            ),
            (
                "mdm policy schema | jq .properties",
                "Only the fields a policy file may set",
            ),
        ],
    ),
    (
        "audit log",
        &[
            (
                "mdm audit log --since 24h --action 'policy.*'",
                "Every policy change of the last day",
            ),
            (
                "mdm audit log --actor alice --since 7d --all -o jsonl",
                "Everything one user did this week, for the investigation",
            ),
            (
                "mdm audit log --outcome failure -f",
                "Watch refused and failed operations live during an incident",
            ),
        ],
    ),
    (
        "audit export",
        &[
            (
                "mdm audit export --format cef --since 24h",
                "The last day's events for a SIEM that reads CEF",
            ),
            (
                "mdm audit export --format ocsf --after 18342",
                "Carry on after the last event id you imported",
            ),
        ],
    ),
    (
        "audit forward",
        &[
            (
                "mdm audit forward --to syslog+tls://siem.example.com:6514 --ca-bundle /etc/ssl/siem-ca.pem",
                "Stream events to the SIEM over TLS, resuming after restarts",
            ),
            (
                "mdm audit forward --to hec+https://splunk.example.com/services/collector/event --set-token < hec-token",
                "Store the Splunk HEC token in the keyring, read from a file",
            ),
            (
                "mdm audit forward --to hec+https://splunk.example.com/services/collector/event --from-now --exit-when-idle 5m",
                "A cron run: send what is new, exit once caught up",
            ),
        ],
    ),
    (
        "audit verify",
        &[
            (
                "mdm audit verify",
                "Prove the server's audit log was not altered since the last check",
            ),
            (
                "mdm audit verify -c prod -o json",
                "The same for production, for a scheduled job",
            ),
        ],
    ),
    (
        "audit journal",
        &[
            (
                "mdm audit journal",
                "What mdm on this machine changed, in order",
            ),
            (
                "mdm audit journal --verify",
                "Check nobody edited the local journal",
            ),
        ],
    ),
    (
        "wipe",
        &[
            (
                "mdm wipe C02XK1ZJJG5H --dry-run",
                "See exactly which device would be erased",
            ),
            (
                "mdm wipe C02XK1ZJJG5H --reason 'INC-4711 lost phone' --ticket INC-4711",
                "Erase a lost phone; asks for a step-up and its serial",
            ),
            (
                "mdm wipe dev_1ceaa8c60ddc dev_2b7e1f9a0c3d dev_9d4c6a2e8f1b -c prod --reason 'INC-4712 courier bag stolen' --ticket INC-4712 --confirm 'wipe 3 devices in prod'",
                "Erase three stolen devices, the phrase typed in advance",
            ),
        ],
    ),
    (
        "lock",
        &[
            (
                "mdm lock C02XK1ZJJG5H --message 'Lost phone, please call' --callback-number '+1 555 0100' --reason 'INC-4711 lost phone' --ticket INC-4711",
                "Lock a lost phone and tell the finder whom to call",
            ),
            (
                "mdm lock --group field-ops --dry-run",
                "How many devices a lock of the whole group would reach",
            ),
            (
                "mdm lock --group field-ops -c prod --reason 'INC-4713 suspected compromise' --ticket INC-4713 --confirm 'lock 42 devices in prod'",
                "Lock every field-ops device while you investigate",
            ),
        ],
    ),
    (
        "unlock",
        &[
            (
                "mdm unlock C02XK1ZJJG5H --reason 'phone returned to its owner' --ticket INC-4711",
                "Give a found phone back",
            ),
            (
                "mdm unlock --group field-ops --dry-run",
                "Check how many devices the all-clear would unlock",
            ),
            (
                "mdm unlock --group field-ops -c prod --reason 'INC-4713 all clear' --ticket INC-4713 --confirm 'unlock 42 devices in prod'",
                "Unlock them once the incident is closed",
            ),
        ],
    ),
    (
        "retire",
        &[
            (
                "mdm retire C02XK1ZJJG5H --dry-run",
                "Check which device would leave management",
            ),
            (
                "mdm retire C02XK1ZJJG5H --reason 'employee left, personal phone' --ticket HR-2231",
                "Remove company data from a leaver's own phone, keeping their photos",
            ),
            (
                "mdm retire dev_1ceaa8c60ddc dev_2b7e1f9a0c3d -c prod --reason 'contractors offboarded' --ticket HR-2232 --confirm 'retire 2 devices in prod' --no-wait",
                "Offboard two contractors without waiting for the devices to answer",
            ),
        ],
    ),
    (
        "actions list",
        &[
            ("mdm actions list", "The last 20 actions, newest first"),
            (
                "mdm actions list --status running",
                "What is in flight right now",
            ),
            (
                "mdm actions list --status completed-with-failures --limit 50 -o json",
                "Actions that left devices behind, to follow up",
            ),
        ],
    ),
    (
        "actions show",
        &[
            (
                "mdm actions show act_3f2a9c1b7d4e",
                "How far one action got",
            ),
            (
                "mdm actions show act_3f2a9c1b7d4e --devices failed",
                "Which devices failed, to follow up one by one",
            ),
        ],
    ),
    (
        "actions watch",
        &[
            (
                "mdm actions watch act_3f2a9c1b7d4e",
                "Follow an action you started with --no-wait",
            ),
            (
                "mdm actions watch act_3f2a9c1b7d4e --timeout 30m",
                "Give up after half an hour, e.g. in a script",
            ),
        ],
    ),
    (
        "actions cancel",
        &[(
            "mdm actions cancel act_3f2a9c1b7d4e",
            "Stop commands that have not reached devices yet, after picking the wrong target",
        )],
    ),
    (
        "actions advance",
        &[(
            "mdm actions advance act_3f2a9c1b7d4e",
            "Start the next wave now instead of waiting for offline devices",
        )],
    ),
    (
        "actions halt",
        &[
            (
                "mdm actions halt act_3f2a9c1b7d4e --reason 'crash reports from wave 1'",
                "Stop a rollout that is breaking devices",
            ),
            (
                "mdm actions halt act_3f2a9c1b7d4e -c prod --reason 'INC-4714 wrong profile pushed'",
                "Stop a push that went to the wrong place",
            ),
        ],
    ),
    (
        "actions pins",
        &[
            (
                "mdm actions pins act_3f2a9c1b7d4e",
                "Read the unlock PIN Jamf or Fleet set on the Mac you locked (shown once)",
            ),
            (
                "mdm actions pins act_3f2a9c1b7d4e -o json > pins.json",
                "Keep the PINs of a locked group of Macs somewhere safe",
            ),
        ],
    ),
    (
        "approvals list",
        &[
            ("mdm approvals list", "Requests waiting for a second admin"),
            (
                "mdm approvals list --all -o json",
                "Every request that needed approval and how it was decided",
            ),
        ],
    ),
    (
        "approvals approve",
        &[
            (
                "mdm approvals approve act_3f2a9c1b7d4e",
                "Approve a colleague's large wipe; shows it and asks for a step-up and the phrase",
            ),
            (
                "mdm approvals approve act_3f2a9c1b7d4e -c alice --reason 'checked with the requester on the bridge call'",
                "Approve as alice, the second admin in the sandbox",
            ),
        ],
    ),
    (
        "approvals reject",
        &[(
            "mdm approvals reject act_3f2a9c1b7d4e --reason 'targets the whole fleet, not just sales'",
            "Send back a request with the wrong target",
        )],
    ),
    (
        "breakglass activate",
        &[
            (
                "mdm breakglass activate --reason 'SSO down, admins locked out' --ticket INC-4715",
                "Take admin powers for an hour; everyone is alerted",
            ),
            (
                "mdm breakglass activate --reason 'INC-4715 admin accounts compromised' --ticket INC-4715 --duration 30m",
                "Only as long as the fix should take",
            ),
        ],
    ),
    (
        "breakglass status",
        &[(
            "mdm breakglass status",
            "Who holds emergency access right now, and who did recently",
        )],
    ),
    (
        "breakglass end",
        &[
            (
                "mdm breakglass end",
                "Hand back emergency powers as soon as you are done",
            ),
            (
                "mdm breakglass end bgs_3f2a9c1b7d4e --reason 'incident closed'",
                "End a colleague's session (admins)",
            ),
        ],
    ),
    (
        "incident freeze",
        &[
            (
                "mdm incident freeze --dry-run",
                "Check what a freeze would stop",
            ),
            (
                "mdm incident freeze --message 'INC-4716: changes frozen, call the SOC' --reason 'INC-4716 suspected admin token theft' --ticket INC-4716",
                "Stop pushes, policy changes, enrollments and wipes while you investigate",
            ),
        ],
    ),
    (
        "incident unfreeze",
        &[
            (
                "mdm incident unfreeze --dry-run",
                "Preview lifting the freeze, changing nothing",
            ),
            (
                "mdm incident unfreeze -c prod --reason 'INC-4716 contained' --ticket INC-4716 --confirm 'unfreeze prod'",
                "Allow changes again once the incident is contained",
            ),
        ],
    ),
    (
        "incident revoke-sessions",
        &[
            (
                "mdm incident revoke-sessions --all-except-me --dry-run",
                "Count the sessions that would be cut",
            ),
            (
                "mdm incident revoke-sessions --all-except-me -c prod --reason 'INC-4716 token theft' --ticket INC-4716 --confirm 'revoke 37 sessions in prod'",
                "Log everybody else out after a suspected token theft",
            ),
            (
                "mdm incident revoke-sessions --user alice --reason 'INC-4717 phished' --ticket INC-4717",
                "Cut off one phished account",
            ),
        ],
    ),
    (
        "incident rotate-enrollment",
        &[
            (
                "mdm incident rotate-enrollment --dry-run",
                "How many outstanding tokens could still enroll a device",
            ),
            (
                "mdm incident rotate-enrollment --reason 'INC-4718 enrollment URL leaked' --ticket INC-4718",
                "Make every leaked invitation useless",
            ),
        ],
    ),
    (
        "incident report",
        &[
            (
                "mdm incident report",
                "What changed in the last 48 hours, as Markdown for the CERT",
            ),
            (
                "mdm incident report --since 7d --actor alice -o json",
                "One actor's week, for the timeline",
            ),
            (
                "mdm incident report --since 2024-05-01T22:00:00Z --until 2024-05-02T06:00:00Z",
                "Exactly the incident window",
            ),
        ],
    ),
    (
        "incident snapshot",
        &[
            (
                "mdm incident snapshot --out evidence/INC-4716",
                "Preserve inventory, policies and the audit head with hashes, before anything changes",
            ),
            (
                "mdm incident snapshot --out evidence/INC-4716-full --with-chain --show-pii",
                "Everything, with owner contacts and the raw audit chain, for a legal hold",
            ),
        ],
    ),
    (
        "completions",
        &[
            (
                "mdm completions bash",
                "Bash completion, to save in your completions directory",
            ),
            ("mdm completions zsh", "The same for zsh"),
            ("mdm completions fish", "The same for fish"),
        ],
    ),
    (
        "man",
        &[
            (
                "mdm man /usr/local/share/man/man1",
                "Install a man page per command",
            ),
            ("mdm man target/man", "Generate the pages for a package"),
        ],
    ),
];
