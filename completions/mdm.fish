# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mdm_global_optspecs
    string join \n c/context= o/output= no-input color= q/quiet v/verbose h/help V/version
end

function __fish_mdm_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mdm_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mdm_using_subcommand
    set -l cmd (__fish_mdm_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mdm -n "__fish_mdm_needs_command" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_needs_command" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_needs_command" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_needs_command" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_needs_command" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_needs_command" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_needs_command" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "sandbox" -d 'Run the embedded sandbox MDM server (a real server with a simulated fleet)'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "gateway" -d 'Run the gateway: API v1 with its safety gates in front of a real MDM (--config FILE)'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "context" -d 'Manage contexts: which server to talk to and how'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "auth" -d 'Log in and out, and show who you are'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "devices" -d 'List and inspect managed devices'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "groups" -d 'List and inspect device groups'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "enroll" -d 'Enroll devices: tokens with QR codes, one by one or from a CSV file'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "apps" -d 'The trusted app catalog: only apps with a pinned hash can be pushed'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "push" -d 'Push apps, profiles and commands (several devices: step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "policy" -d 'Security policy as code: validate, diff, apply; weakenings need a step-up'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "audit" -d 'The audit trail: query, follow, export to SIEMs, forward, verify, local journal'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "wipe" -d 'Erase devices (step-up and typed confirmation; large wipes need a second admin)'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "lock" -d 'Lock devices, optionally with a message and a callback number'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "unlock" -d 'Unlock devices'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "retire" -d 'Retire devices: remove management and corporate data, keep personal data'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "actions" -d 'Follow, inspect and cancel actions'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "approvals" -d 'Approve or reject actions that need a second admin (two-person rule)'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "breakglass" -d 'Time-boxed emergency admin access for a sealed break-glass user'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "incident" -d 'Contain a compromise: freeze changes, revoke sessions, rotate enrollment, report'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "man" -d 'Write man pages (one per command) into a directory'
complete -c mdm -n "__fish_mdm_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -f -a "up" -d 'Start the sandbox in the background, create the `sandbox` context and log in'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -f -a "down" -d 'Stop the background sandbox (its data is kept)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -f -a "status" -d 'Show whether the background sandbox is running, and where'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -f -a "serve" -d 'Run the sandbox server in the foreground and print its address'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -f -a "user" -d 'Manage sandbox users (local administration of the sandbox database)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -f -a "otp" -d 'Print a current TOTP code for a sandbox user (a demo and test convenience)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -f -a "enroll-device" -d 'Play a device that enrolls with a token (the sandbox\'s device simulator)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and not __fish_seen_subcommand_from up down status serve user otp enroll-device help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l port -d 'TCP port on 127.0.0.1 (0 picks a free one)' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l devices -d 'Number of simulated devices to seed on first start' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l name -d 'Name of the context to create or update' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l purge -d 'Also delete the sandbox database'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l port -d 'TCP port on 127.0.0.1 (0 picks a free one)' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l devices -d 'Number of simulated devices to seed on first start' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l seed -d 'Seed for the synthetic fleet (same seed, same fleet)' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l tick-ms -d 'Milliseconds between simulator ticks (0 disables the simulator)' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l db-dir -d 'Directory for the SQLite database (default: <data dir>/sandbox)' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l elevation-ttl -d 'Lifetime of an elevation after step-up (at most 5m)' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l stepup-lockout -d 'How long step-up is locked after 5 wrong codes in a row' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l approval-threshold -d 'Wipes/retires of more devices than this need a second admin\'s approval' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l push-approval-threshold -d 'Pushes to more devices than this need a second admin\'s approval' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fleet-share-percent -d 'A target covering at least this percentage of the active fleet is fleet-wide (a reason and a second admin\'s approval), whatever its selector' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l single-action-budget -d 'After this many single-device pushes or wipes/retires by one user in an hour, the next needs a step-up (budgets: devices wiped/retired or pushed to per user per hour also count toward the approval thresholds)' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l pii-budget -d 'The PII guard: unmasking owner email and phone for more than this many devices per user per hour needs a step-up and alerts the webhook (0: every unmasked read needs a step-up; at most 10000)' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l approval-ttl -d 'How long a request waits for its approval before it expires' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fail-percent -d 'Percentage of device commands the simulator fails' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l offline-percent -d 'Percentage of the seeded fleet that starts offline (and of random drop-outs)' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l alert-webhook -d 'Webhook that is told about every break-glass activation (https://, or http:// to loopback); the JSON has a `text` field, as chat webhooks expect' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l seed-audit -d 'Benchmark-only: N synthetic audit events appended on first start' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fault -d 'Test-only fault injection (drop-next-action-response, stall-after-submits=N)' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l baseline-policies -d 'Seed the starter policies (one baseline per platform, as `mdm policy init` writes them) on first start; `sandbox up` does'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l test-hooks -d 'Test-only: serve the `/_test/…` hooks (server clock, simulator step, fixtures)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from user" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from user" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from user" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from user" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from user" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from user" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from user" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from user" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from user" -f -a "add" -d 'Create a sandbox user and print its token once'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from user" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from otp" -l user -d 'Sandbox user (default: the context\'s user)' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from otp" -l db-dir -d 'Directory of the sandbox database (default: <data dir>/sandbox)' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from otp" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from otp" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from otp" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from otp" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from otp" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from otp" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from otp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from otp" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -l platform -d 'The device\'s platform (default: the token\'s, else ios)' -r -f -a "ios\t''
android\t''
macos\t''
windows\t''"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -l name -d 'The device\'s name' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -l serial -d 'The device\'s serial number' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from enroll-device" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "up" -d 'Start the sandbox in the background, create the `sandbox` context and log in'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop the background sandbox (its data is kept)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show whether the background sandbox is running, and where'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Run the sandbox server in the foreground and print its address'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "user" -d 'Manage sandbox users (local administration of the sandbox database)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "otp" -d 'Print a current TOTP code for a sandbox user (a demo and test convenience)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "enroll-device" -d 'Play a device that enrolls with a token (the sandbox\'s device simulator)'
complete -c mdm -n "__fish_mdm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -f -a "serve" -d 'Run the gateway in the foreground (API v1 in front of the configured backend) and print its address'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -f -a "check" -d 'Validate the config, read its secrets and try the backend; changes nothing'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -f -a "user" -d 'Manage gateway users (local administration of the gateway\'s database)'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and not __fish_seen_subcommand_from serve check user help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l config -d 'The gateway\'s config file (TOML; see README: The gateway)' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from serve" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from serve" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from serve" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from check" -l config -d 'The gateway\'s config file (TOML; see README: The gateway)' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from check" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from check" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from user" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from user" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from user" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from user" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from user" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from user" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from user" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from user" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from user" -f -a "add" -d 'Create a gateway user and print its token and authenticator URI once'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from user" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Run the gateway in the foreground (API v1 in front of the configured backend) and print its address'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from help" -f -a "check" -d 'Validate the config, read its secrets and try the backend; changes nothing'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from help" -f -a "user" -d 'Manage gateway users (local administration of the gateway\'s database)'
complete -c mdm -n "__fish_mdm_using_subcommand gateway; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -f -a "add" -d 'Add a context (a named server); the first one added becomes current'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -f -a "list" -d 'List contexts'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -f -a "use" -d 'Make a context the current one'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -f -a "show" -d 'Show a context (the current one by default)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -f -a "remove" -d 'Remove a context and its credentials from the keyring (the current one asks)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and not __fish_seen_subcommand_from add list use show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -l server -d 'Server URL (https://..., or http:// to a loopback address only)' -r
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -l ca-bundle -d 'PEM file with extra CA certificates to trust for this server' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -l default-output -d 'Default output format for this context' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -l force -d 'Replace an existing context of the same name'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -l use -d 'Make it the current context'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from list" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from use" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from use" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from use" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from use" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from show" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from remove" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from remove" -l force -d 'Remove the current context without asking'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a context (a named server); the first one added becomes current'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "list" -d 'List contexts'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a context the current one'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a context (the current one by default)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a context and its credentials from the keyring (the current one asks)'
complete -c mdm -n "__fish_mdm_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -f -a "login" -d 'Store a token for the context in the OS keyring (read from a hidden prompt or stdin)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -f -a "logout" -d 'Remove the context\'s credentials (token and elevation) from the keyring'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -f -a "status" -d 'Show who you are, your role, where the credential lives, and the elevation left'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -f -a "mfa" -d 'Enroll or activate an authenticator app (TOTP) for step-up'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -f -a "step-up" -d 'Elevate now with a TOTP code, so the next guarded actions need no code'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -f -a "step-down" -d 'Drop the elevation now (revoked on the server, removed from the keyring)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -f -a "sessions" -d 'List or revoke tokens and elevations (yours, or another user\'s as an admin)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and not __fish_seen_subcommand_from login logout status mfa step-up step-down sessions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from login" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from login" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from login" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from login" -l with-token -d 'Read the token from stdin instead of prompting (never pass it as an argument)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from login" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from logout" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from logout" -l all -d 'Every context\'s credentials, and any left behind by removed contexts'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from status" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -f -a "enroll" -d 'Start enrollment: shows the otpauth:// URI and a QR code, then asks for a code'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -f -a "activate" -d 'Finish an enrollment started without a terminal, with a code from the new app'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from mfa" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-up" -l otp -d 'One TOTP code, for non-interactive use (or set MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-up" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-up" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-up" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-up" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-up" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-up" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-up" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-down" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-down" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-down" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-down" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-down" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-down" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from step-down" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -l user -d 'Whose sessions (admins only for other users)' -r
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -f -a "list" -d 'List tokens and elevations (the default)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -f -a "revoke" -d 'Revoke sessions: by id, or all of a user\'s'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from sessions" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Store a token for the context in the OS keyring (read from a hidden prompt or stdin)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Remove the context\'s credentials (token and elevation) from the keyring'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show who you are, your role, where the credential lives, and the elevation left'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "mfa" -d 'Enroll or activate an authenticator app (TOTP) for step-up'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "step-up" -d 'Elevate now with a TOTP code, so the next guarded actions need no code'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "step-down" -d 'Drop the elevation now (revoked on the server, removed from the keyring)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "sessions" -d 'List or revoke tokens and elevations (yours, or another user\'s as an admin)'
complete -c mdm -n "__fish_mdm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List devices (first page by default; --all streams the whole fleet)'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show one device by id or serial'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l group -d 'Only devices in this group' -r
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l platform -d 'Only devices of this platform' -r -f -a "ios\t''
android\t''
macos\t''
windows\t''"
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l search -d 'Only devices whose name, serial, model or owner contains TEXT' -r
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l status -d 'Only devices in this state' -r -f -a "online\t''
offline\t''
wiped\t''
retired\t''"
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l compliance -d 'Only devices with this compliance state' -r -f -a "compliant\t''
noncompliant\t''
unknown\t''"
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l filter -d 'Only devices matching an expression (the same language as for actions), e.g. \'platform = ios and os_version < 17.4\'' -r
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N devices' -r
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l columns -d 'Comma-separated columns for table and CSV output (an unknown name lists them all)' -r
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l otp -d 'One TOTP code (or MDM_OTP) for the step-up an unmasked read over the server\'s PII budget needs; otherwise a hidden prompt asks when it is needed' -r
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l all -d 'Follow every page: the whole (filtered) fleet, streamed'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l show-pii -d 'Show owner email and phone unmasked (the server records the read in its audit log; over its PII budget of devices per hour it asks for a step-up)'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from show" -l otp -d 'One TOTP code (or MDM_OTP) for the step-up an unmasked read over the server\'s PII budget needs; otherwise a hidden prompt asks when it is needed' -r
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from show" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from show" -l show-pii -d 'Show owner email and phone unmasked (the server records the read in its audit log; over its PII budget of devices per hour it asks for a step-up)'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from help" -f -a "list" -d 'List devices (first page by default; --all streams the whole fleet)'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one device by id or serial'
complete -c mdm -n "__fish_mdm_using_subcommand devices; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List device groups with their sizes'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show one group'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from list" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from show" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "list" -d 'List device groups with their sizes'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one group'
complete -c mdm -n "__fish_mdm_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -f -a "create" -d 'Create an enrollment token for a user: URL, token and a QR code, shown once'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -f -a "list" -d 'List enrollment tokens (never the tokens themselves)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -f -a "revoke" -d 'Revoke an enrollment token, or every one that could still enroll a device'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -f -a "bulk" -d 'Create tokens for every row of a CSV file (columns: email, platform, group)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and not __fish_seen_subcommand_from create list revoke bulk help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -l user -d 'Email of the person whose device will enroll' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -l platform -d 'Only a device of this platform may use the token' -r -f -a "ios\t''
android\t''
macos\t''
windows\t''"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -l group -d 'Put the enrolled device in this group' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -l expires -d 'Lifetime of the token (at most 90d)' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -l uses -d 'How many devices may enroll with it' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -l qr-png -d 'Also write the QR code as a PNG file (created with mode 0600: it holds the token)' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from list" -l status -d 'Only tokens in this state' -r -f -a "unused\t''
used\t''
expired\t''
revoked\t''"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N tokens' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from list" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from revoke" -l reason -d 'Why (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from revoke" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from revoke" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from revoke" -l all-unused -d 'Revoke every token that could still enroll a device'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -l out -d 'Write the results (user, token, url, expires_at) to this file, created with mode 0600' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -l expires -d 'Lifetime of the tokens (at most 90d)' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -l uses -d 'How many devices may enroll with each token' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -l dry-run -d 'Check every row and report problems; create nothing'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -l skip-invalid -d 'Create the valid rows even if some are invalid (by default nothing is created)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from bulk" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an enrollment token for a user: URL, token and a QR code, shown once'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "list" -d 'List enrollment tokens (never the tokens themselves)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke an enrollment token, or every one that could still enroll a device'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "bulk" -d 'Create tokens for every row of a CSV file (columns: email, platform, group)'
complete -c mdm -n "__fish_mdm_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -f -a "list" -d 'List the trusted app catalog'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -f -a "show" -d 'Show one app (by id, bundle id or name, with optional @version)'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -f -a "add" -d 'Add an app version with its pinned package hash (admin, step-up)'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and not __fish_seen_subcommand_from list show add help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from list" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from show" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l name -d 'Display name' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l version -d 'Version string, e.g. 4.29.149' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l bundle-id -d 'Bundle or package id, e.g. com.tinyspeck.chatlyio' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l platform -d 'Platform the package is for' -r -f -a "ios\t''
android\t''
macos\t''
windows\t''"
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l package -d 'A local package file: its SHA-256 is computed and pinned' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l url -d 'Where devices download the package (https://); needs --sha256' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l intune-app-id -d 'An app already in Intune (its mobileApp id) that a gateway in front of Intune assigns to groups; needs --sha256 (the package you vetted) and --version must be Intune\'s where it shows one' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l sha256 -d 'The package\'s SHA-256 (hex); with --package it must match the file' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l otp -d 'One TOTP code for the step-up (or MDM_OTP)' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the trusted app catalog'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one app (by id, bundle id or name, with optional @version)'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an app version with its pinned package hash (admin, step-up)'
complete -c mdm -n "__fish_mdm_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -f -a "app" -d 'Install (or --uninstall) a catalog app on devices'
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -f -a "profile" -d 'Install a configuration profile (.mobileconfig or JSON), checked before sending'
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -f -a "command" -d 'Send a device command (clear-passcode is destructive)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and not __fish_seen_subcommand_from app profile command help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l group -d 'Every device in this group (with --filter: those of them that match)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l filter -d 'Devices matching an expression, e.g. \'platform = ios and os_version < 17.4\'' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l package -d 'The package you intend to push: its hash must match the catalog\'s pinned hash' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l rollout -d 'Cumulative waves, e.g. 5%,25%,100% (each waits for the one before)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l halt-above-failure -d 'Halt the rollout when a wave\'s failure rate exceeds this, e.g. 2%' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l wave-timeout -d 'How long offline devices may hold a wave before the next one starts (1m to 7d; default 30m). They are not failures, and still get it when they check in' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l confirm -d 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l wait-timeout -d 'Stop following after this long (exit 8 if devices are still pending)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l all -d 'Every active device of the fleet (needs --reason and a second admin\'s approval)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l uninstall -d 'Remove the app instead of installing it'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l no-wait -d 'Return as soon as the action is accepted, without following its progress'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from app" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l group -d 'Every device in this group (with --filter: those of them that match)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l filter -d 'Devices matching an expression, e.g. \'platform = ios and os_version < 17.4\'' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l rollout -d 'Cumulative waves, e.g. 5%,25%,100% (each waits for the one before)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l halt-above-failure -d 'Halt the rollout when a wave\'s failure rate exceeds this, e.g. 2%' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l wave-timeout -d 'How long offline devices may hold a wave before the next one starts (1m to 7d; default 30m). They are not failures, and still get it when they check in' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l confirm -d 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l wait-timeout -d 'Stop following after this long (exit 8 if devices are still pending)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l all -d 'Every active device of the fleet (needs --reason and a second admin\'s approval)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l no-wait -d 'Return as soon as the action is accepted, without following its progress'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from profile" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l group -d 'Every device in this group (with --filter: those of them that match)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l filter -d 'Devices matching an expression, e.g. \'platform = ios and os_version < 17.4\'' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l rollout -d 'Cumulative waves, e.g. 5%,25%,100% (each waits for the one before)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l halt-above-failure -d 'Halt the rollout when a wave\'s failure rate exceeds this, e.g. 2%' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l wave-timeout -d 'How long offline devices may hold a wave before the next one starts (1m to 7d; default 30m). They are not failures, and still get it when they check in' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l confirm -d 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l wait-timeout -d 'Stop following after this long (exit 8 if devices are still pending)' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l all -d 'Every active device of the fleet (needs --reason and a second admin\'s approval)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l no-wait -d 'Return as soon as the action is accepted, without following its progress'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from command" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from help" -f -a "app" -d 'Install (or --uninstall) a catalog app on devices'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from help" -f -a "profile" -d 'Install a configuration profile (.mobileconfig or JSON), checked before sending'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from help" -f -a "command" -d 'Send a device command (clear-passcode is destructive)'
complete -c mdm -n "__fish_mdm_using_subcommand push; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "init" -d 'Write a commented starter set (one baseline per platform) into a directory'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "list" -d 'List the server\'s policies with their versions'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "show" -d 'Show one policy'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "validate" -d 'Check policy files (a file or a directory): errors as file:line:col'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "diff" -d 'Show what applying the files would change, field by field (marks WEAKENS)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "apply" -d 'Apply policy files; weakening changes need a step-up and a typed confirmation'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "assign" -d 'Assign a policy to a group, or remove it (removing weakens security)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "delete" -d 'Delete a policy (weakens security: step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "export" -d 'Print policies as files (-o yaml, the default, or -o json); export then apply changes nothing'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "schema" -d 'Print the JSON Schema of policy files'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and not __fish_seen_subcommand_from init list show validate diff apply assign delete export schema help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from init" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from init" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from init" -l force -d 'Write into a directory that already has files (replacing same-named ones)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from init" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from list" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from show" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from validate" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from validate" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from validate" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -s f -l file -d 'Policy file or directory' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -l prune -d 'Also plan deleting server policies that are not in the files'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -l exit-code -d 'Exit with code 10 when there are changes (0 when none)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -s f -l file -d 'Policy file or directory' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -l reason -d 'Why (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -l confirm -d 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -l prune -d 'Also delete server policies that are not in the files'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -l dry-run -d 'Show the plan and change nothing'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -l group -d 'The group' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -l reason -d 'Why (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -l confirm -d 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -l remove -d 'Remove the assignment instead (weakens security)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from assign" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -l reason -d 'Why (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -l confirm -d 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from export" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from export" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from schema" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from schema" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from schema" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from schema" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from schema" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from schema" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from schema" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a commented starter set (one baseline per platform) into a directory'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the server\'s policies with their versions'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one policy'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check policy files (a file or a directory): errors as file:line:col'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show what applying the files would change, field by field (marks WEAKENS)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Apply policy files; weakening changes need a step-up and a typed confirmation'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "assign" -d 'Assign a policy to a group, or remove it (removing weakens security)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a policy (weakens security: step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print policies as files (-o yaml, the default, or -o json); export then apply changes nothing'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "schema" -d 'Print the JSON Schema of policy files'
complete -c mdm -n "__fish_mdm_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -f -a "log" -d 'Query the server\'s audit log (and --follow new events)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -f -a "export" -d 'Export events for a SIEM: jsonl, cef, ecs, ocsf or syslog (streamed)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -f -a "forward" -d 'Forward events continuously to syslog (tcp/udp/tls) or Splunk HEC, at least once'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -f -a "verify" -d 'Check the hash chain, every signed checkpoint, and the checkpoints pinned here'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -f -a "journal" -d 'Show (or --verify) this CLI\'s own hash-chained journal of mutating commands'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and not __fish_seen_subcommand_from log export forward verify journal help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -l since -d 'Only events at or after this time (RFC 3339, or an age such as 24h, 7d)' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -l until -d 'Only events at or before this time (RFC 3339, or an age)' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -l actor -d 'Only events by this actor' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -l action -d 'Only this action (exact, or a prefix ending in *, e.g. \'policy.*\')' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -l outcome -d 'Only this outcome (success, failure, ...)' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -l device -d 'Only events about this device id' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -l limit -d 'Show the newest N matching events, printed oldest first; a note on stderr says when more matched' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -l all -d 'Show every matching event, oldest first (instead of the newest --limit)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -s f -l follow -d 'Keep printing new events until Ctrl-C (resumes after dropped connections)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from log" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -l format -d 'Output format' -r -f -a "jsonl\t''
cef\t''
ecs\t''
ocsf\t''
syslog\t''"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -l after -d 'Only events with an id above this one' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -l since -d 'Only events at or after this time (RFC 3339, or an age such as 24h)' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -l until -d 'Only events at or before this time' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -l to -d 'syslog+tcp://HOST:PORT, syslog+udp://HOST:PORT, syslog+tls://HOST:PORT or hec+https://HOST/services/collector/event' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -l batch -d 'Events per batch' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -l from -d 'Where to start the first time (later runs resume where they stopped): an event id' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -l ca-bundle -d 'PEM file with CA certificates for syslog+tls or HEC' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -l exit-when-idle -d 'Exit once caught up and no new event arrived for this long (for cron and tests)' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -l from-now -d 'Start the first time with events that happen from now on (skip the history)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -l set-token -d 'Read the HEC token from stdin and store it in the OS keyring for this destination, then exit'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -l unset-token -d 'Remove the stored HEC token for this destination from the OS keyring, then exit'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from forward" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from verify" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from verify" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from journal" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from journal" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from journal" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from journal" -l verify -d 'Check the chain instead of listing entries'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from journal" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from journal" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from journal" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from journal" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from journal" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "log" -d 'Query the server\'s audit log (and --follow new events)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export events for a SIEM: jsonl, cef, ecs, ocsf or syslog (streamed)'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "forward" -d 'Forward events continuously to syslog (tcp/udp/tls) or Splunk HEC, at least once'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the hash chain, every signed checkpoint, and the checkpoints pinned here'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "journal" -d 'Show (or --verify) this CLI\'s own hash-chained journal of mutating commands'
complete -c mdm -n "__fish_mdm_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l group -d 'Every device in this group (with --filter: those of them that match)' -r
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l filter -d 'Devices matching an expression, e.g. \'platform = ios and os_version < 17.4\'' -r
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l confirm -d 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`' -r
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l wait-timeout -d 'Stop following after this long (exit 8 if devices are still pending)' -r
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l all -d 'Every active device of the fleet (needs --reason and a second admin\'s approval)'
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l keep-enrollment -d 'Keep the device enrolled after the wipe (windows, android)'
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l keep-user-data -d 'Keep user data: reset settings and apps only (windows)'
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l no-wait -d 'Return as soon as the action is accepted, without following its progress'
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand wipe" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l group -d 'Every device in this group (with --filter: those of them that match)' -r
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l filter -d 'Devices matching an expression, e.g. \'platform = ios and os_version < 17.4\'' -r
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l message -d 'Message on the lock screen (ios, macos, android)' -r
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l callback-number -d 'Phone number on the lock screen (ios, android)' -r
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l confirm -d 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`' -r
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l wait-timeout -d 'Stop following after this long (exit 8 if devices are still pending)' -r
complete -c mdm -n "__fish_mdm_using_subcommand lock" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand lock" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l all -d 'Every active device of the fleet (needs --reason and a second admin\'s approval)'
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l no-wait -d 'Return as soon as the action is accepted, without following its progress'
complete -c mdm -n "__fish_mdm_using_subcommand lock" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand lock" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand lock" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand lock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand lock" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l group -d 'Every device in this group (with --filter: those of them that match)' -r
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l filter -d 'Devices matching an expression, e.g. \'platform = ios and os_version < 17.4\'' -r
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l confirm -d 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`' -r
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l wait-timeout -d 'Stop following after this long (exit 8 if devices are still pending)' -r
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l all -d 'Every active device of the fleet (needs --reason and a second admin\'s approval)'
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l no-wait -d 'Return as soon as the action is accepted, without following its progress'
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand unlock" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l group -d 'Every device in this group (with --filter: those of them that match)' -r
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l filter -d 'Devices matching an expression, e.g. \'platform = ios and os_version < 17.4\'' -r
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l confirm -d 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`' -r
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l wait-timeout -d 'Stop following after this long (exit 8 if devices are still pending)' -r
complete -c mdm -n "__fish_mdm_using_subcommand retire" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand retire" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l all -d 'Every active device of the fleet (needs --reason and a second admin\'s approval)'
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l no-wait -d 'Return as soon as the action is accepted, without following its progress'
complete -c mdm -n "__fish_mdm_using_subcommand retire" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand retire" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand retire" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand retire" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand retire" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -f -a "list" -d 'List actions, newest first'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -f -a "show" -d 'Show one action, its counts and (with --devices) its devices'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -f -a "watch" -d 'Follow an action\'s progress until it is done (Ctrl-C detaches)'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -f -a "cancel" -d 'Cancel what has not reached devices yet'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -f -a "advance" -d 'Release a staged rollout\'s next wave now, without waiting for offline devices'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -f -a "halt" -d 'Stop a running action or rollout: nothing more is sent'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and not __fish_seen_subcommand_from list show watch cancel advance halt help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from list" -l status -d 'Only actions in this state' -r -f -a "pending-approval\t''
queued\t''
running\t''
completed\t''
completed-with-failures\t''
cancelled\t''
rejected\t''
expired\t''
halted\t''"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N actions' -r
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from list" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from show" -l devices -d 'List the action\'s devices, optionally only those in one state' -r -f -a "all\t''
queued\t''
sent\t''
acknowledged\t''
failed\t''
pending\t''
cancelled\t''
held\t''
vendor-approval\t''"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from show" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from show" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from watch" -l timeout -d 'Stop following after this long (exit 9 if devices have not answered yet)' -r
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from watch" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from watch" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from watch" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from watch" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from watch" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from watch" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from watch" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from cancel" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from cancel" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from cancel" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from cancel" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from advance" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from advance" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from advance" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from advance" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from advance" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from advance" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from advance" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from advance" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from halt" -l reason -d 'Why (kept on the action and in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from halt" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from halt" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from halt" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from halt" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from halt" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from halt" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from halt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from halt" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from help" -f -a "list" -d 'List actions, newest first'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one action, its counts and (with --devices) its devices'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from help" -f -a "watch" -d 'Follow an action\'s progress until it is done (Ctrl-C detaches)'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel what has not reached devices yet'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from help" -f -a "advance" -d 'Release a staged rollout\'s next wave now, without waiting for offline devices'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from help" -f -a "halt" -d 'Stop a running action or rollout: nothing more is sent'
complete -c mdm -n "__fish_mdm_using_subcommand actions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -f -a "list" -d 'List actions waiting for a second admin (--all: every action that needed one)'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -f -a "approve" -d 'Approve another admin\'s action (needs your own step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -f -a "reject" -d 'Reject an action waiting for approval'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and not __fish_seen_subcommand_from list approve reject help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from list" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from list" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from list" -l all -d 'Include decided and expired ones'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -l reason -d 'Why (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -l confirm -d 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)' -r
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from approve" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from reject" -l reason -d 'Why (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from reject" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from reject" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from reject" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from reject" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from reject" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from reject" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from reject" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from reject" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from help" -f -a "list" -d 'List actions waiting for a second admin (--all: every action that needed one)'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Approve another admin\'s action (needs your own step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from help" -f -a "reject" -d 'Reject an action waiting for approval'
complete -c mdm -n "__fish_mdm_using_subcommand approvals; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -f -a "activate" -d 'Take admin powers for a bounded time (step-up; loud: audited and alerted)'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -f -a "status" -d 'Who holds break-glass access now, and recent sessions'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -f -a "end" -d 'End a break-glass session (your own by default)'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and not __fish_seen_subcommand_from activate status end help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -l reason -d 'Why emergency access is needed (recorded in the audit log and the alert)' -r
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -l ticket -d 'The incident or change ticket' -r
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -l duration -d 'How long the powers last (at most 4h); a new activation starts a new session' -r
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -l otp -d 'One TOTP code for the step-up (or MDM_OTP)' -r
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from activate" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from status" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from status" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from end" -l reason -d 'Why (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from end" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from end" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from end" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from end" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from end" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from end" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from end" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from end" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from help" -f -a "activate" -d 'Take admin powers for a bounded time (step-up; loud: audited and alerted)'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from help" -f -a "status" -d 'Who holds break-glass access now, and recent sessions'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from help" -f -a "end" -d 'End a break-glass session (your own by default)'
complete -c mdm -n "__fish_mdm_using_subcommand breakglass; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -f -a "freeze" -d 'Freeze changes server-wide: pushes, policy changes, enrollments, wipes (not locks)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -f -a "unfreeze" -d 'Lift the change freeze (step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -f -a "revoke-sessions" -d 'Revoke tokens and elevations: everyone\'s but yours, or one user\'s'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -f -a "rotate-enrollment" -d 'Revoke every enrollment token that could still enroll a device'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -f -a "report" -d 'A timeline of what changed, by actor, for a CERT (Markdown, or -o json)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -f -a "snapshot" -d 'Save inventory, policies and the audit head with a SHA-256 manifest, as evidence'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and not __fish_seen_subcommand_from freeze unfreeze revoke-sessions rotate-enrollment report snapshot help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -l message -d 'Shown to everyone whose change is refused, e.g. "incident INC-42: call the SOC"' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from freeze" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -l confirm -d 'The confirmation typed non-interactively: `unfreeze <context>`' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from unfreeze" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -l user -d 'Only this user\'s tokens and elevations' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -l confirm -d 'The confirmation typed non-interactively: `revoke <N> sessions in <context>`' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -l all-except-me -d 'Every user\'s tokens and elevations except the one you are using'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from revoke-sessions" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -l reason -d 'Why (recorded in the audit log; required for fleet-wide actions)' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -l ticket -d 'Change or incident ticket (recorded in the audit log)' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -l otp -d 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -l dry-run -d 'Show what would happen (count, sample, diff) and send nothing that changes state'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from rotate-enrollment" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -l since -d 'Start of the window: an age (48h, 7d) or an RFC 3339 time' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -l until -d 'End of the window (default: now)' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -l actor -d 'Only this actor' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from report" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -l out -d 'A new (or empty) directory for the evidence' -r -F
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -l otp -d 'One TOTP code (or MDM_OTP) for the step-up the PII budget may need' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -l show-pii -d 'Include owner emails and phone numbers in the inventory (audited PII read; over the server\'s PII budget of devices per hour it needs a step-up)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -l with-chain -d 'Also save the whole raw audit chain (every event as hashed)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from snapshot" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "freeze" -d 'Freeze changes server-wide: pushes, policy changes, enrollments, wipes (not locks)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "unfreeze" -d 'Lift the change freeze (step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "revoke-sessions" -d 'Revoke tokens and elevations: everyone\'s but yours, or one user\'s'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "rotate-enrollment" -d 'Revoke every enrollment token that could still enroll a device'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "report" -d 'A timeline of what changed, by actor, for a CERT (Markdown, or -o json)'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "snapshot" -d 'Save inventory, policies and the audit head with a SHA-256 manifest, as evidence'
complete -c mdm -n "__fish_mdm_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand completions" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand completions" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand completions" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand completions" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand completions" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand completions" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand completions" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand man" -s c -l context -d 'Context (server + credential) to use instead of the current one' -r
complete -c mdm -n "__fish_mdm_using_subcommand man" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
yaml\t''
md\t'Markdown (tables, and documents such as `incident report`)'"
complete -c mdm -n "__fish_mdm_using_subcommand man" -l color -d 'When to use colour on stderr and in tables' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mdm -n "__fish_mdm_using_subcommand man" -l no-input -d 'Never prompt; fail with exit code 3 where a prompt would be needed'
complete -c mdm -n "__fish_mdm_using_subcommand man" -s q -l quiet -d 'Print less on stderr (errors are always printed)'
complete -c mdm -n "__fish_mdm_using_subcommand man" -s v -l verbose -d 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
complete -c mdm -n "__fish_mdm_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdm -n "__fish_mdm_using_subcommand man" -s V -l version -d 'Print version'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "sandbox" -d 'Run the embedded sandbox MDM server (a real server with a simulated fleet)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "gateway" -d 'Run the gateway: API v1 with its safety gates in front of a real MDM (--config FILE)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "context" -d 'Manage contexts: which server to talk to and how'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "auth" -d 'Log in and out, and show who you are'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "devices" -d 'List and inspect managed devices'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "groups" -d 'List and inspect device groups'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "enroll" -d 'Enroll devices: tokens with QR codes, one by one or from a CSV file'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "apps" -d 'The trusted app catalog: only apps with a pinned hash can be pushed'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "push" -d 'Push apps, profiles and commands (several devices: step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "policy" -d 'Security policy as code: validate, diff, apply; weakenings need a step-up'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "audit" -d 'The audit trail: query, follow, export to SIEMs, forward, verify, local journal'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "wipe" -d 'Erase devices (step-up and typed confirmation; large wipes need a second admin)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "lock" -d 'Lock devices, optionally with a message and a callback number'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "unlock" -d 'Unlock devices'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "retire" -d 'Retire devices: remove management and corporate data, keep personal data'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "actions" -d 'Follow, inspect and cancel actions'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "approvals" -d 'Approve or reject actions that need a second admin (two-person rule)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "breakglass" -d 'Time-boxed emergency admin access for a sealed break-glass user'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "incident" -d 'Contain a compromise: freeze changes, revoke sessions, rotate enrollment, report'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "man" -d 'Write man pages (one per command) into a directory'
complete -c mdm -n "__fish_mdm_using_subcommand help; and not __fish_seen_subcommand_from sandbox gateway context auth devices groups enroll apps push policy audit wipe lock unlock retire actions approvals breakglass incident completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "up" -d 'Start the sandbox in the background, create the `sandbox` context and log in'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "down" -d 'Stop the background sandbox (its data is kept)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "status" -d 'Show whether the background sandbox is running, and where'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Run the sandbox server in the foreground and print its address'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "user" -d 'Manage sandbox users (local administration of the sandbox database)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "otp" -d 'Print a current TOTP code for a sandbox user (a demo and test convenience)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "enroll-device" -d 'Play a device that enrolls with a token (the sandbox\'s device simulator)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from gateway" -f -a "serve" -d 'Run the gateway in the foreground (API v1 in front of the configured backend) and print its address'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from gateway" -f -a "check" -d 'Validate the config, read its secrets and try the backend; changes nothing'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from gateway" -f -a "user" -d 'Manage gateway users (local administration of the gateway\'s database)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "add" -d 'Add a context (a named server); the first one added becomes current'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "list" -d 'List contexts'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "use" -d 'Make a context the current one'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "show" -d 'Show a context (the current one by default)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "remove" -d 'Remove a context and its credentials from the keyring (the current one asks)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Store a token for the context in the OS keyring (read from a hidden prompt or stdin)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Remove the context\'s credentials (token and elevation) from the keyring'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show who you are, your role, where the credential lives, and the elevation left'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "mfa" -d 'Enroll or activate an authenticator app (TOTP) for step-up'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "step-up" -d 'Elevate now with a TOTP code, so the next guarded actions need no code'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "step-down" -d 'Drop the elevation now (revoked on the server, removed from the keyring)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "sessions" -d 'List or revoke tokens and elevations (yours, or another user\'s as an admin)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from devices" -f -a "list" -d 'List devices (first page by default; --all streams the whole fleet)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from devices" -f -a "show" -d 'Show one device by id or serial'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "list" -d 'List device groups with their sizes'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "show" -d 'Show one group'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from enroll" -f -a "create" -d 'Create an enrollment token for a user: URL, token and a QR code, shown once'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from enroll" -f -a "list" -d 'List enrollment tokens (never the tokens themselves)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from enroll" -f -a "revoke" -d 'Revoke an enrollment token, or every one that could still enroll a device'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from enroll" -f -a "bulk" -d 'Create tokens for every row of a CSV file (columns: email, platform, group)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "list" -d 'List the trusted app catalog'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "show" -d 'Show one app (by id, bundle id or name, with optional @version)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "add" -d 'Add an app version with its pinned package hash (admin, step-up)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from push" -f -a "app" -d 'Install (or --uninstall) a catalog app on devices'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from push" -f -a "profile" -d 'Install a configuration profile (.mobileconfig or JSON), checked before sending'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from push" -f -a "command" -d 'Send a device command (clear-passcode is destructive)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "init" -d 'Write a commented starter set (one baseline per platform) into a directory'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "list" -d 'List the server\'s policies with their versions'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "show" -d 'Show one policy'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "validate" -d 'Check policy files (a file or a directory): errors as file:line:col'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "diff" -d 'Show what applying the files would change, field by field (marks WEAKENS)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "apply" -d 'Apply policy files; weakening changes need a step-up and a typed confirmation'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "assign" -d 'Assign a policy to a group, or remove it (removing weakens security)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "delete" -d 'Delete a policy (weakens security: step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "export" -d 'Print policies as files (-o yaml, the default, or -o json); export then apply changes nothing'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "schema" -d 'Print the JSON Schema of policy files'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "log" -d 'Query the server\'s audit log (and --follow new events)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "export" -d 'Export events for a SIEM: jsonl, cef, ecs, ocsf or syslog (streamed)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "forward" -d 'Forward events continuously to syslog (tcp/udp/tls) or Splunk HEC, at least once'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check the hash chain, every signed checkpoint, and the checkpoints pinned here'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "journal" -d 'Show (or --verify) this CLI\'s own hash-chained journal of mutating commands'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from actions" -f -a "list" -d 'List actions, newest first'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from actions" -f -a "show" -d 'Show one action, its counts and (with --devices) its devices'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from actions" -f -a "watch" -d 'Follow an action\'s progress until it is done (Ctrl-C detaches)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from actions" -f -a "cancel" -d 'Cancel what has not reached devices yet'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from actions" -f -a "advance" -d 'Release a staged rollout\'s next wave now, without waiting for offline devices'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from actions" -f -a "halt" -d 'Stop a running action or rollout: nothing more is sent'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from approvals" -f -a "list" -d 'List actions waiting for a second admin (--all: every action that needed one)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from approvals" -f -a "approve" -d 'Approve another admin\'s action (needs your own step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from approvals" -f -a "reject" -d 'Reject an action waiting for approval'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from breakglass" -f -a "activate" -d 'Take admin powers for a bounded time (step-up; loud: audited and alerted)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from breakglass" -f -a "status" -d 'Who holds break-glass access now, and recent sessions'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from breakglass" -f -a "end" -d 'End a break-glass session (your own by default)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "freeze" -d 'Freeze changes server-wide: pushes, policy changes, enrollments, wipes (not locks)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "unfreeze" -d 'Lift the change freeze (step-up and typed confirmation)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "revoke-sessions" -d 'Revoke tokens and elevations: everyone\'s but yours, or one user\'s'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "rotate-enrollment" -d 'Revoke every enrollment token that could still enroll a device'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "report" -d 'A timeline of what changed, by actor, for a CERT (Markdown, or -o json)'
complete -c mdm -n "__fish_mdm_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "snapshot" -d 'Save inventory, policies and the audit head with a SHA-256 manifest, as evidence'
