
use builtin;
use str;

set edit:completion:arg-completer[mdm] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'mdm'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'mdm'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand sandbox 'Run the embedded sandbox MDM server (a real server with a simulated fleet)'
            cand gateway 'Run the gateway: API v1 with its safety gates in front of a real MDM (--config FILE)'
            cand context 'Manage contexts: which server to talk to and how'
            cand auth 'Log in and out, and show who you are'
            cand devices 'List and inspect managed devices'
            cand groups 'List and inspect device groups'
            cand enroll 'Enroll devices: tokens with QR codes, one by one or from a CSV file'
            cand apps 'The trusted app catalog: only apps with a pinned hash can be pushed'
            cand push 'Push apps, profiles and commands (several devices: step-up and typed confirmation)'
            cand policy 'Security policy as code: validate, diff, apply; weakenings need a step-up'
            cand audit 'The audit trail: query, follow, export to SIEMs, forward, verify, local journal'
            cand wipe 'Erase devices (step-up and typed confirmation; large wipes need a second admin)'
            cand lock 'Lock devices, optionally with a message and a callback number'
            cand unlock 'Unlock devices'
            cand retire 'Retire devices: remove management and corporate data, keep personal data'
            cand actions 'Follow, inspect and cancel actions'
            cand approvals 'Approve or reject actions that need a second admin (two-person rule)'
            cand breakglass 'Time-boxed emergency admin access for a sealed break-glass user'
            cand incident 'Contain a compromise: freeze changes, revoke sessions, rotate enrollment, report'
            cand completions 'Print a shell completion script to stdout'
            cand man 'Write man pages (one per command) into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;sandbox'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand up 'Start the sandbox in the background, create the `sandbox` context and log in'
            cand down 'Stop the background sandbox (its data is kept)'
            cand status 'Show whether the background sandbox is running, and where'
            cand serve 'Run the sandbox server in the foreground and print its address'
            cand user 'Manage sandbox users (local administration of the sandbox database)'
            cand otp 'Print a current TOTP code for a sandbox user (a demo and test convenience)'
            cand enroll-device 'Play a device that enrolls with a token (the sandbox''s device simulator)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;sandbox;up'= {
            cand --port 'TCP port on 127.0.0.1 (0 picks a free one)'
            cand --devices 'Number of simulated devices to seed on first start'
            cand --name 'Name of the context to create or update'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;sandbox;down'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --purge 'Also delete the sandbox database'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;sandbox;status'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;sandbox;serve'= {
            cand --port 'TCP port on 127.0.0.1 (0 picks a free one)'
            cand --devices 'Number of simulated devices to seed on first start'
            cand --seed 'Seed for the synthetic fleet (same seed, same fleet)'
            cand --tick-ms 'Milliseconds between simulator ticks (0 disables the simulator)'
            cand --db-dir 'Directory for the SQLite database (default: <data dir>/sandbox)'
            cand --elevation-ttl 'Lifetime of an elevation after step-up (at most 5m)'
            cand --stepup-lockout 'How long step-up is locked after 5 wrong codes in a row'
            cand --approval-threshold 'Wipes/retires of more devices than this need a second admin''s approval'
            cand --push-approval-threshold 'Pushes to more devices than this need a second admin''s approval'
            cand --fleet-share-percent 'A target covering at least this percentage of the active fleet is fleet-wide (a reason and a second admin''s approval), whatever its selector'
            cand --single-action-budget 'After this many single-device pushes or wipes/retires by one user in an hour, the next needs a step-up (budgets: devices wiped/retired or pushed to per user per hour also count toward the approval thresholds)'
            cand --pii-budget 'The PII guard: unmasking owner email and phone for more than this many devices per user per hour needs a step-up and alerts the webhook (0: every unmasked read needs a step-up; at most 10000)'
            cand --approval-ttl 'How long a request waits for its approval before it expires'
            cand --fail-percent 'Percentage of device commands the simulator fails'
            cand --offline-percent 'Percentage of the seeded fleet that starts offline (and of random drop-outs)'
            cand --alert-webhook 'Webhook that is told about every break-glass activation (https://, or http:// to loopback); the JSON has a `text` field, as chat webhooks expect'
            cand --seed-audit 'Benchmark-only: N synthetic audit events appended on first start'
            cand --fault 'Test-only fault injection (drop-next-action-response, stall-after-submits=N)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --baseline-policies 'Seed the starter policies (one baseline per platform, as `mdm policy init` writes them) on first start; `sandbox up` does'
            cand --test-hooks 'Test-only: serve the `/_test/…` hooks (server clock, simulator step, fixtures)'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;sandbox;user'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Create a sandbox user and print its token once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;sandbox;user;add'= {
            cand --role 'Role of the new user'
            cand --expires 'Let the token expire after this long (e.g. 30d); default: no expiry'
            cand --login 'Log the new user in: add context CONTEXT for the running sandbox and store the token in the OS keyring (it is not printed); `-c CONTEXT` then acts as them'
            cand --db-dir 'Directory of the sandbox database (default: <data dir>/sandbox)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;sandbox;user;help'= {
            cand add 'Create a sandbox user and print its token once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;sandbox;user;help;add'= {
        }
        &'mdm;sandbox;user;help;help'= {
        }
        &'mdm;sandbox;otp'= {
            cand --user 'Sandbox user (default: the context''s user)'
            cand --db-dir 'Directory of the sandbox database (default: <data dir>/sandbox)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;sandbox;enroll-device'= {
            cand --platform 'The device''s platform (default: the token''s, else ios)'
            cand --name 'The device''s name'
            cand --serial 'The device''s serial number'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;sandbox;help'= {
            cand up 'Start the sandbox in the background, create the `sandbox` context and log in'
            cand down 'Stop the background sandbox (its data is kept)'
            cand status 'Show whether the background sandbox is running, and where'
            cand serve 'Run the sandbox server in the foreground and print its address'
            cand user 'Manage sandbox users (local administration of the sandbox database)'
            cand otp 'Print a current TOTP code for a sandbox user (a demo and test convenience)'
            cand enroll-device 'Play a device that enrolls with a token (the sandbox''s device simulator)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;sandbox;help;up'= {
        }
        &'mdm;sandbox;help;down'= {
        }
        &'mdm;sandbox;help;status'= {
        }
        &'mdm;sandbox;help;serve'= {
        }
        &'mdm;sandbox;help;user'= {
            cand add 'Create a sandbox user and print its token once'
        }
        &'mdm;sandbox;help;user;add'= {
        }
        &'mdm;sandbox;help;otp'= {
        }
        &'mdm;sandbox;help;enroll-device'= {
        }
        &'mdm;sandbox;help;help'= {
        }
        &'mdm;gateway'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Run the gateway in the foreground (API v1 in front of the configured backend) and print its address'
            cand check 'Validate the config, read its secrets and try the backend; changes nothing'
            cand user 'Manage gateway users (local administration of the gateway''s database)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;gateway;serve'= {
            cand --config 'The gateway''s config file (TOML; see README: The gateway)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;gateway;check'= {
            cand --config 'The gateway''s config file (TOML; see README: The gateway)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;gateway;user'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Create a gateway user and print its token and authenticator URI once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;gateway;user;add'= {
            cand --role 'Role of the new user'
            cand --expires 'Let the token expire after this long (e.g. 30d); default: no expiry'
            cand --config 'The gateway''s config file (its `database` is where the user is created)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;gateway;user;help'= {
            cand add 'Create a gateway user and print its token and authenticator URI once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;gateway;user;help;add'= {
        }
        &'mdm;gateway;user;help;help'= {
        }
        &'mdm;gateway;help'= {
            cand serve 'Run the gateway in the foreground (API v1 in front of the configured backend) and print its address'
            cand check 'Validate the config, read its secrets and try the backend; changes nothing'
            cand user 'Manage gateway users (local administration of the gateway''s database)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;gateway;help;serve'= {
        }
        &'mdm;gateway;help;check'= {
        }
        &'mdm;gateway;help;user'= {
            cand add 'Create a gateway user and print its token and authenticator URI once'
        }
        &'mdm;gateway;help;user;add'= {
        }
        &'mdm;gateway;help;help'= {
        }
        &'mdm;context'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a context (a named server); the first one added becomes current'
            cand list 'List contexts'
            cand use 'Make a context the current one'
            cand show 'Show a context (the current one by default)'
            cand remove 'Remove a context and its credentials from the keyring (the current one asks)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;context;add'= {
            cand --server 'Server URL (https://..., or http:// to a loopback address only)'
            cand --ca-bundle 'PEM file with extra CA certificates to trust for this server'
            cand --default-output 'Default output format for this context'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --force 'Replace an existing context of the same name'
            cand --use 'Make it the current context'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;context;list'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;context;use'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;context;show'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;context;remove'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --force 'Remove the current context without asking'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;context;help'= {
            cand add 'Add a context (a named server); the first one added becomes current'
            cand list 'List contexts'
            cand use 'Make a context the current one'
            cand show 'Show a context (the current one by default)'
            cand remove 'Remove a context and its credentials from the keyring (the current one asks)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;context;help;add'= {
        }
        &'mdm;context;help;list'= {
        }
        &'mdm;context;help;use'= {
        }
        &'mdm;context;help;show'= {
        }
        &'mdm;context;help;remove'= {
        }
        &'mdm;context;help;help'= {
        }
        &'mdm;auth'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Store a token for the context in the OS keyring (read from a hidden prompt or stdin)'
            cand logout 'Remove the context''s credentials (token and elevation) from the keyring'
            cand status 'Show who you are, your role, where the credential lives, and the elevation left'
            cand mfa 'Enroll or activate an authenticator app (TOTP) for step-up'
            cand step-up 'Elevate now with a TOTP code, so the next guarded actions need no code'
            cand step-down 'Drop the elevation now (revoked on the server, removed from the keyring)'
            cand sessions 'List or revoke tokens and elevations (yours, or another user''s as an admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;auth;login'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --with-token 'Read the token from stdin instead of prompting (never pass it as an argument)'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;auth;logout'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Every context''s credentials, and any left behind by removed contexts'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;auth;status'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;auth;mfa'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand enroll 'Start enrollment: shows the otpauth:// URI and a QR code, then asks for a code'
            cand activate 'Finish an enrollment started without a terminal, with a code from the new app'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;auth;mfa;enroll'= {
            cand --qr-png 'Also write the QR code as a PNG file (created with mode 0600: it holds the seed)'
            cand --otp 'Code of the authenticator already enrolled (replacing one needs a step-up)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;auth;mfa;activate'= {
            cand --otp 'One TOTP code, for non-interactive use (or set MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;auth;mfa;help'= {
            cand enroll 'Start enrollment: shows the otpauth:// URI and a QR code, then asks for a code'
            cand activate 'Finish an enrollment started without a terminal, with a code from the new app'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;auth;mfa;help;enroll'= {
        }
        &'mdm;auth;mfa;help;activate'= {
        }
        &'mdm;auth;mfa;help;help'= {
        }
        &'mdm;auth;step-up'= {
            cand --otp 'One TOTP code, for non-interactive use (or set MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;auth;step-down'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;auth;sessions'= {
            cand --user 'Whose sessions (admins only for other users)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List tokens and elevations (the default)'
            cand revoke 'Revoke sessions: by id, or all of a user''s'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;auth;sessions;list'= {
            cand --user 'Whose sessions (admins only for other users)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;auth;sessions;revoke'= {
            cand --user 'Whose sessions (another user''s needs the admin role and a step-up)'
            cand --reason 'Why (recorded in the audit log)'
            cand --otp 'One TOTP code, for non-interactive use (or set MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Revoke every session of the user (yours by default, including this one)'
            cand --all-except-current 'Revoke every session of the user except the one making this request'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;auth;sessions;help'= {
            cand list 'List tokens and elevations (the default)'
            cand revoke 'Revoke sessions: by id, or all of a user''s'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;auth;sessions;help;list'= {
        }
        &'mdm;auth;sessions;help;revoke'= {
        }
        &'mdm;auth;sessions;help;help'= {
        }
        &'mdm;auth;help'= {
            cand login 'Store a token for the context in the OS keyring (read from a hidden prompt or stdin)'
            cand logout 'Remove the context''s credentials (token and elevation) from the keyring'
            cand status 'Show who you are, your role, where the credential lives, and the elevation left'
            cand mfa 'Enroll or activate an authenticator app (TOTP) for step-up'
            cand step-up 'Elevate now with a TOTP code, so the next guarded actions need no code'
            cand step-down 'Drop the elevation now (revoked on the server, removed from the keyring)'
            cand sessions 'List or revoke tokens and elevations (yours, or another user''s as an admin)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;auth;help;login'= {
        }
        &'mdm;auth;help;logout'= {
        }
        &'mdm;auth;help;status'= {
        }
        &'mdm;auth;help;mfa'= {
            cand enroll 'Start enrollment: shows the otpauth:// URI and a QR code, then asks for a code'
            cand activate 'Finish an enrollment started without a terminal, with a code from the new app'
        }
        &'mdm;auth;help;mfa;enroll'= {
        }
        &'mdm;auth;help;mfa;activate'= {
        }
        &'mdm;auth;help;step-up'= {
        }
        &'mdm;auth;help;step-down'= {
        }
        &'mdm;auth;help;sessions'= {
            cand list 'List tokens and elevations (the default)'
            cand revoke 'Revoke sessions: by id, or all of a user''s'
        }
        &'mdm;auth;help;sessions;list'= {
        }
        &'mdm;auth;help;sessions;revoke'= {
        }
        &'mdm;auth;help;help'= {
        }
        &'mdm;devices'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List devices (first page by default; --all streams the whole fleet)'
            cand show 'Show one device by id or serial'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;devices;list'= {
            cand --group 'Only devices in this group'
            cand --platform 'Only devices of this platform'
            cand --search 'Only devices whose name, serial, model or owner contains TEXT'
            cand --status 'Only devices in this state'
            cand --compliance 'Only devices with this compliance state'
            cand --filter 'Only devices matching an expression (the same language as for actions), e.g. ''platform = ios and os_version < 17.4'''
            cand --limit 'Show at most N devices'
            cand --columns 'Comma-separated columns for table and CSV output (an unknown name lists them all)'
            cand --otp 'One TOTP code (or MDM_OTP) for the step-up an unmasked read over the server''s PII budget needs; otherwise a hidden prompt asks when it is needed'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Follow every page: the whole (filtered) fleet, streamed'
            cand --show-pii 'Show owner email and phone unmasked (the server records the read in its audit log; over its PII budget of devices per hour it asks for a step-up)'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;devices;show'= {
            cand --otp 'One TOTP code (or MDM_OTP) for the step-up an unmasked read over the server''s PII budget needs; otherwise a hidden prompt asks when it is needed'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --show-pii 'Show owner email and phone unmasked (the server records the read in its audit log; over its PII budget of devices per hour it asks for a step-up)'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;devices;help'= {
            cand list 'List devices (first page by default; --all streams the whole fleet)'
            cand show 'Show one device by id or serial'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;devices;help;list'= {
        }
        &'mdm;devices;help;show'= {
        }
        &'mdm;devices;help;help'= {
        }
        &'mdm;groups'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List device groups with their sizes'
            cand show 'Show one group'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;groups;list'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;groups;show'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;groups;help'= {
            cand list 'List device groups with their sizes'
            cand show 'Show one group'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;groups;help;list'= {
        }
        &'mdm;groups;help;show'= {
        }
        &'mdm;groups;help;help'= {
        }
        &'mdm;enroll'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create an enrollment token for a user: URL, token and a QR code, shown once'
            cand list 'List enrollment tokens (never the tokens themselves)'
            cand revoke 'Revoke an enrollment token, or every one that could still enroll a device'
            cand bulk 'Create tokens for every row of a CSV file (columns: email, platform, group)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;enroll;create'= {
            cand --user 'Email of the person whose device will enroll'
            cand --platform 'Only a device of this platform may use the token'
            cand --group 'Put the enrolled device in this group'
            cand --expires 'Lifetime of the token (at most 90d)'
            cand --uses 'How many devices may enroll with it'
            cand --qr-png 'Also write the QR code as a PNG file (created with mode 0600: it holds the token)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;enroll;list'= {
            cand --status 'Only tokens in this state'
            cand --limit 'Show at most N tokens'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;enroll;revoke'= {
            cand --reason 'Why (recorded in the audit log)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all-unused 'Revoke every token that could still enroll a device'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;enroll;bulk'= {
            cand --out 'Write the results (user, token, url, expires_at) to this file, created with mode 0600'
            cand --expires 'Lifetime of the tokens (at most 90d)'
            cand --uses 'How many devices may enroll with each token'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --dry-run 'Check every row and report problems; create nothing'
            cand --skip-invalid 'Create the valid rows even if some are invalid (by default nothing is created)'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;enroll;help'= {
            cand create 'Create an enrollment token for a user: URL, token and a QR code, shown once'
            cand list 'List enrollment tokens (never the tokens themselves)'
            cand revoke 'Revoke an enrollment token, or every one that could still enroll a device'
            cand bulk 'Create tokens for every row of a CSV file (columns: email, platform, group)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;enroll;help;create'= {
        }
        &'mdm;enroll;help;list'= {
        }
        &'mdm;enroll;help;revoke'= {
        }
        &'mdm;enroll;help;bulk'= {
        }
        &'mdm;enroll;help;help'= {
        }
        &'mdm;apps'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the trusted app catalog'
            cand show 'Show one app (by id, bundle id or name, with optional @version)'
            cand add 'Add an app version with its pinned package hash (admin, step-up)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;apps;list'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;apps;show'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;apps;add'= {
            cand --name 'Display name'
            cand --version 'Version string, e.g. 4.29.149'
            cand --bundle-id 'Bundle or package id, e.g. com.tinyspeck.chatlyio'
            cand --platform 'Platform the package is for'
            cand --package 'A local package file: its SHA-256 is computed and pinned'
            cand --url 'Where devices download the package (https://); needs --sha256'
            cand --intune-app-id 'An app already in Intune (its mobileApp id) that a gateway in front of Intune assigns to groups; needs --sha256 (the package you vetted) and --version must be Intune''s where it shows one'
            cand --sha256 'The package''s SHA-256 (hex); with --package it must match the file'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdm;apps;help'= {
            cand list 'List the trusted app catalog'
            cand show 'Show one app (by id, bundle id or name, with optional @version)'
            cand add 'Add an app version with its pinned package hash (admin, step-up)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;apps;help;list'= {
        }
        &'mdm;apps;help;show'= {
        }
        &'mdm;apps;help;add'= {
        }
        &'mdm;apps;help;help'= {
        }
        &'mdm;push'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand app 'Install (or --uninstall) a catalog app on devices'
            cand profile 'Install a configuration profile (.mobileconfig or JSON), checked before sending'
            cand command 'Send a device command (clear-passcode is destructive)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;push;app'= {
            cand --group 'Every device in this group (with --filter: those of them that match)'
            cand --filter 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4'''
            cand --package 'The package you intend to push: its hash must match the catalog''s pinned hash'
            cand --rollout 'Cumulative waves, e.g. 5%,25%,100% (each waits for the one before)'
            cand --halt-above-failure 'Halt the rollout when a wave''s failure rate exceeds this, e.g. 2%'
            cand --wave-timeout 'How long offline devices may hold a wave before the next one starts (1m to 7d; default 30m). They are not failures, and still get it when they check in'
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand --confirm 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`'
            cand --wait-timeout 'Stop following after this long (exit 8 if devices are still pending)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Every active device of the fleet (needs --reason and a second admin''s approval)'
            cand --uninstall 'Remove the app instead of installing it'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-wait 'Return as soon as the action is accepted, without following its progress'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;push;profile'= {
            cand --group 'Every device in this group (with --filter: those of them that match)'
            cand --filter 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4'''
            cand --rollout 'Cumulative waves, e.g. 5%,25%,100% (each waits for the one before)'
            cand --halt-above-failure 'Halt the rollout when a wave''s failure rate exceeds this, e.g. 2%'
            cand --wave-timeout 'How long offline devices may hold a wave before the next one starts (1m to 7d; default 30m). They are not failures, and still get it when they check in'
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand --confirm 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`'
            cand --wait-timeout 'Stop following after this long (exit 8 if devices are still pending)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Every active device of the fleet (needs --reason and a second admin''s approval)'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-wait 'Return as soon as the action is accepted, without following its progress'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;push;command'= {
            cand --group 'Every device in this group (with --filter: those of them that match)'
            cand --filter 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4'''
            cand --rollout 'Cumulative waves, e.g. 5%,25%,100% (each waits for the one before)'
            cand --halt-above-failure 'Halt the rollout when a wave''s failure rate exceeds this, e.g. 2%'
            cand --wave-timeout 'How long offline devices may hold a wave before the next one starts (1m to 7d; default 30m). They are not failures, and still get it when they check in'
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand --confirm 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`'
            cand --wait-timeout 'Stop following after this long (exit 8 if devices are still pending)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Every active device of the fleet (needs --reason and a second admin''s approval)'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-wait 'Return as soon as the action is accepted, without following its progress'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;push;help'= {
            cand app 'Install (or --uninstall) a catalog app on devices'
            cand profile 'Install a configuration profile (.mobileconfig or JSON), checked before sending'
            cand command 'Send a device command (clear-passcode is destructive)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;push;help;app'= {
        }
        &'mdm;push;help;profile'= {
        }
        &'mdm;push;help;command'= {
        }
        &'mdm;push;help;help'= {
        }
        &'mdm;policy'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write a commented starter set (one baseline per platform) into a directory'
            cand list 'List the server''s policies with their versions'
            cand show 'Show one policy'
            cand validate 'Check policy files (a file or a directory): errors as file:line:col'
            cand diff 'Show what applying the files would change, field by field (marks WEAKENS)'
            cand apply 'Apply policy files; weakening changes need a step-up and a typed confirmation'
            cand assign 'Assign a policy to a group, or remove it (removing weakens security)'
            cand delete 'Delete a policy (weakens security: step-up and typed confirmation)'
            cand export 'Print policies as files (-o yaml, the default, or -o json); export then apply changes nothing'
            cand schema 'Print the JSON Schema of policy files'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;policy;init'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --force 'Write into a directory that already has files (replacing same-named ones)'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;policy;list'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;policy;show'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;policy;validate'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;policy;diff'= {
            cand -f 'Policy file or directory'
            cand --file 'Policy file or directory'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --prune 'Also plan deleting server policies that are not in the files'
            cand --exit-code 'Exit with code 10 when there are changes (0 when none)'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;policy;apply'= {
            cand -f 'Policy file or directory'
            cand --file 'Policy file or directory'
            cand --reason 'Why (recorded in the audit log)'
            cand --confirm 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --prune 'Also delete server policies that are not in the files'
            cand --dry-run 'Show the plan and change nothing'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;policy;assign'= {
            cand --group 'The group'
            cand --reason 'Why (recorded in the audit log)'
            cand --confirm 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --remove 'Remove the assignment instead (weakens security)'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;policy;delete'= {
            cand --reason 'Why (recorded in the audit log)'
            cand --confirm 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;policy;export'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;policy;schema'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;policy;help'= {
            cand init 'Write a commented starter set (one baseline per platform) into a directory'
            cand list 'List the server''s policies with their versions'
            cand show 'Show one policy'
            cand validate 'Check policy files (a file or a directory): errors as file:line:col'
            cand diff 'Show what applying the files would change, field by field (marks WEAKENS)'
            cand apply 'Apply policy files; weakening changes need a step-up and a typed confirmation'
            cand assign 'Assign a policy to a group, or remove it (removing weakens security)'
            cand delete 'Delete a policy (weakens security: step-up and typed confirmation)'
            cand export 'Print policies as files (-o yaml, the default, or -o json); export then apply changes nothing'
            cand schema 'Print the JSON Schema of policy files'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;policy;help;init'= {
        }
        &'mdm;policy;help;list'= {
        }
        &'mdm;policy;help;show'= {
        }
        &'mdm;policy;help;validate'= {
        }
        &'mdm;policy;help;diff'= {
        }
        &'mdm;policy;help;apply'= {
        }
        &'mdm;policy;help;assign'= {
        }
        &'mdm;policy;help;delete'= {
        }
        &'mdm;policy;help;export'= {
        }
        &'mdm;policy;help;schema'= {
        }
        &'mdm;policy;help;help'= {
        }
        &'mdm;audit'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand log 'Query the server''s audit log (and --follow new events)'
            cand export 'Export events for a SIEM: jsonl, cef, ecs, ocsf or syslog (streamed)'
            cand forward 'Forward events continuously to syslog (tcp/udp/tls) or Splunk HEC, at least once'
            cand verify 'Check the hash chain, every signed checkpoint, and the checkpoints pinned here'
            cand journal 'Show (or --verify) this CLI''s own hash-chained journal of mutating commands'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;audit;log'= {
            cand --since 'Only events at or after this time (RFC 3339, or an age such as 24h, 7d)'
            cand --until 'Only events at or before this time (RFC 3339, or an age)'
            cand --actor 'Only events by this actor'
            cand --action 'Only this action (exact, or a prefix ending in *, e.g. ''policy.*'')'
            cand --outcome 'Only this outcome (success, failure, ...)'
            cand --device 'Only events about this device id'
            cand --limit 'Show the newest N matching events, printed oldest first; a note on stderr says when more matched'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Show every matching event, oldest first (instead of the newest --limit)'
            cand -f 'Keep printing new events until Ctrl-C (resumes after dropped connections)'
            cand --follow 'Keep printing new events until Ctrl-C (resumes after dropped connections)'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;audit;export'= {
            cand --format 'Output format'
            cand --after 'Only events with an id above this one'
            cand --since 'Only events at or after this time (RFC 3339, or an age such as 24h)'
            cand --until 'Only events at or before this time'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;audit;forward'= {
            cand --to 'syslog+tcp://HOST:PORT, syslog+udp://HOST:PORT, syslog+tls://HOST:PORT or hec+https://HOST/services/collector/event'
            cand --batch 'Events per batch'
            cand --from 'Where to start the first time (later runs resume where they stopped): an event id'
            cand --ca-bundle 'PEM file with CA certificates for syslog+tls or HEC'
            cand --exit-when-idle 'Exit once caught up and no new event arrived for this long (for cron and tests)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --from-now 'Start the first time with events that happen from now on (skip the history)'
            cand --set-token 'Read the HEC token from stdin and store it in the OS keyring for this destination, then exit'
            cand --unset-token 'Remove the stored HEC token for this destination from the OS keyring, then exit'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;audit;verify'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;audit;journal'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --verify 'Check the chain instead of listing entries'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;audit;help'= {
            cand log 'Query the server''s audit log (and --follow new events)'
            cand export 'Export events for a SIEM: jsonl, cef, ecs, ocsf or syslog (streamed)'
            cand forward 'Forward events continuously to syslog (tcp/udp/tls) or Splunk HEC, at least once'
            cand verify 'Check the hash chain, every signed checkpoint, and the checkpoints pinned here'
            cand journal 'Show (or --verify) this CLI''s own hash-chained journal of mutating commands'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;audit;help;log'= {
        }
        &'mdm;audit;help;export'= {
        }
        &'mdm;audit;help;forward'= {
        }
        &'mdm;audit;help;verify'= {
        }
        &'mdm;audit;help;journal'= {
        }
        &'mdm;audit;help;help'= {
        }
        &'mdm;wipe'= {
            cand --group 'Every device in this group (with --filter: those of them that match)'
            cand --filter 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4'''
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand --confirm 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`'
            cand --wait-timeout 'Stop following after this long (exit 8 if devices are still pending)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Every active device of the fleet (needs --reason and a second admin''s approval)'
            cand --keep-enrollment 'Keep the device enrolled after the wipe (windows, android)'
            cand --keep-user-data 'Keep user data: reset settings and apps only (windows)'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-wait 'Return as soon as the action is accepted, without following its progress'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;lock'= {
            cand --group 'Every device in this group (with --filter: those of them that match)'
            cand --filter 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4'''
            cand --message 'Message on the lock screen (ios, macos, android)'
            cand --callback-number 'Phone number on the lock screen (ios, android)'
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand --confirm 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`'
            cand --wait-timeout 'Stop following after this long (exit 8 if devices are still pending)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Every active device of the fleet (needs --reason and a second admin''s approval)'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-wait 'Return as soon as the action is accepted, without following its progress'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;unlock'= {
            cand --group 'Every device in this group (with --filter: those of them that match)'
            cand --filter 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4'''
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand --confirm 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`'
            cand --wait-timeout 'Stop following after this long (exit 8 if devices are still pending)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Every active device of the fleet (needs --reason and a second admin''s approval)'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-wait 'Return as soon as the action is accepted, without following its progress'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;retire'= {
            cand --group 'Every device in this group (with --filter: those of them that match)'
            cand --filter 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4'''
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand --confirm 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`'
            cand --wait-timeout 'Stop following after this long (exit 8 if devices are still pending)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Every active device of the fleet (needs --reason and a second admin''s approval)'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-wait 'Return as soon as the action is accepted, without following its progress'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;actions'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List actions, newest first'
            cand show 'Show one action, its counts and (with --devices) its devices'
            cand watch 'Follow an action''s progress until it is done (Ctrl-C detaches)'
            cand cancel 'Cancel what has not reached devices yet'
            cand advance 'Release a staged rollout''s next wave now, without waiting for offline devices'
            cand halt 'Stop a running action or rollout: nothing more is sent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;actions;list'= {
            cand --status 'Only actions in this state'
            cand --limit 'Show at most N actions'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;actions;show'= {
            cand --devices 'List the action''s devices, optionally only those in one state'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;actions;watch'= {
            cand --timeout 'Stop following after this long (exit 9 if devices have not answered yet)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;actions;cancel'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;actions;advance'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;actions;halt'= {
            cand --reason 'Why (kept on the action and in the audit log)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;actions;help'= {
            cand list 'List actions, newest first'
            cand show 'Show one action, its counts and (with --devices) its devices'
            cand watch 'Follow an action''s progress until it is done (Ctrl-C detaches)'
            cand cancel 'Cancel what has not reached devices yet'
            cand advance 'Release a staged rollout''s next wave now, without waiting for offline devices'
            cand halt 'Stop a running action or rollout: nothing more is sent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;actions;help;list'= {
        }
        &'mdm;actions;help;show'= {
        }
        &'mdm;actions;help;watch'= {
        }
        &'mdm;actions;help;cancel'= {
        }
        &'mdm;actions;help;advance'= {
        }
        &'mdm;actions;help;halt'= {
        }
        &'mdm;actions;help;help'= {
        }
        &'mdm;approvals'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List actions waiting for a second admin (--all: every action that needed one)'
            cand approve 'Approve another admin''s action (needs your own step-up and typed confirmation)'
            cand reject 'Reject an action waiting for approval'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;approvals;list'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all 'Include decided and expired ones'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;approvals;approve'= {
            cand --reason 'Why (recorded in the audit log)'
            cand --confirm 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;approvals;reject'= {
            cand --reason 'Why (recorded in the audit log)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;approvals;help'= {
            cand list 'List actions waiting for a second admin (--all: every action that needed one)'
            cand approve 'Approve another admin''s action (needs your own step-up and typed confirmation)'
            cand reject 'Reject an action waiting for approval'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;approvals;help;list'= {
        }
        &'mdm;approvals;help;approve'= {
        }
        &'mdm;approvals;help;reject'= {
        }
        &'mdm;approvals;help;help'= {
        }
        &'mdm;breakglass'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand activate 'Take admin powers for a bounded time (step-up; loud: audited and alerted)'
            cand status 'Who holds break-glass access now, and recent sessions'
            cand end 'End a break-glass session (your own by default)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;breakglass;activate'= {
            cand --reason 'Why emergency access is needed (recorded in the audit log and the alert)'
            cand --ticket 'The incident or change ticket'
            cand --duration 'How long the powers last (at most 4h); a new activation starts a new session'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;breakglass;status'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;breakglass;end'= {
            cand --reason 'Why (recorded in the audit log)'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;breakglass;help'= {
            cand activate 'Take admin powers for a bounded time (step-up; loud: audited and alerted)'
            cand status 'Who holds break-glass access now, and recent sessions'
            cand end 'End a break-glass session (your own by default)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;breakglass;help;activate'= {
        }
        &'mdm;breakglass;help;status'= {
        }
        &'mdm;breakglass;help;end'= {
        }
        &'mdm;breakglass;help;help'= {
        }
        &'mdm;incident'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand freeze 'Freeze changes server-wide: pushes, policy changes, enrollments, wipes (not locks)'
            cand unfreeze 'Lift the change freeze (step-up and typed confirmation)'
            cand revoke-sessions 'Revoke tokens and elevations: everyone''s but yours, or one user''s'
            cand rotate-enrollment 'Revoke every enrollment token that could still enroll a device'
            cand report 'A timeline of what changed, by actor, for a CERT (Markdown, or -o json)'
            cand snapshot 'Save inventory, policies and the audit head with a SHA-256 manifest, as evidence'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;incident;freeze'= {
            cand --message 'Shown to everyone whose change is refused, e.g. "incident INC-42: call the SOC"'
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;incident;unfreeze'= {
            cand --confirm 'The confirmation typed non-interactively: `unfreeze <context>`'
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;incident;revoke-sessions'= {
            cand --user 'Only this user''s tokens and elevations'
            cand --confirm 'The confirmation typed non-interactively: `revoke <N> sessions in <context>`'
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --all-except-me 'Every user''s tokens and elevations except the one you are using'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;incident;rotate-enrollment'= {
            cand --reason 'Why (recorded in the audit log; required for fleet-wide actions)'
            cand --ticket 'Change or incident ticket (recorded in the audit log)'
            cand --otp 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --dry-run 'Show what would happen (count, sample, diff) and send nothing that changes state'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;incident;report'= {
            cand --since 'Start of the window: an age (48h, 7d) or an RFC 3339 time'
            cand --until 'End of the window (default: now)'
            cand --actor 'Only this actor'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;incident;snapshot'= {
            cand --out 'A new (or empty) directory for the evidence'
            cand --otp 'One TOTP code (or MDM_OTP) for the step-up the PII budget may need'
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --show-pii 'Include owner emails and phone numbers in the inventory (audited PII read; over the server''s PII budget of devices per hour it needs a step-up)'
            cand --with-chain 'Also save the whole raw audit chain (every event as hashed)'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;incident;help'= {
            cand freeze 'Freeze changes server-wide: pushes, policy changes, enrollments, wipes (not locks)'
            cand unfreeze 'Lift the change freeze (step-up and typed confirmation)'
            cand revoke-sessions 'Revoke tokens and elevations: everyone''s but yours, or one user''s'
            cand rotate-enrollment 'Revoke every enrollment token that could still enroll a device'
            cand report 'A timeline of what changed, by actor, for a CERT (Markdown, or -o json)'
            cand snapshot 'Save inventory, policies and the audit head with a SHA-256 manifest, as evidence'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;incident;help;freeze'= {
        }
        &'mdm;incident;help;unfreeze'= {
        }
        &'mdm;incident;help;revoke-sessions'= {
        }
        &'mdm;incident;help;rotate-enrollment'= {
        }
        &'mdm;incident;help;report'= {
        }
        &'mdm;incident;help;snapshot'= {
        }
        &'mdm;incident;help;help'= {
        }
        &'mdm;completions'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;man'= {
            cand -c 'Context (server + credential) to use instead of the current one'
            cand --context 'Context (server + credential) to use instead of the current one'
            cand -o 'Output format for data on stdout'
            cand --output 'Output format for data on stdout'
            cand --color 'When to use colour on stderr and in tables'
            cand --no-input 'Never prompt; fail with exit code 3 where a prompt would be needed'
            cand -q 'Print less on stderr (errors are always printed)'
            cand --quiet 'Print less on stderr (errors are always printed)'
            cand -v 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand --verbose 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mdm;help'= {
            cand sandbox 'Run the embedded sandbox MDM server (a real server with a simulated fleet)'
            cand gateway 'Run the gateway: API v1 with its safety gates in front of a real MDM (--config FILE)'
            cand context 'Manage contexts: which server to talk to and how'
            cand auth 'Log in and out, and show who you are'
            cand devices 'List and inspect managed devices'
            cand groups 'List and inspect device groups'
            cand enroll 'Enroll devices: tokens with QR codes, one by one or from a CSV file'
            cand apps 'The trusted app catalog: only apps with a pinned hash can be pushed'
            cand push 'Push apps, profiles and commands (several devices: step-up and typed confirmation)'
            cand policy 'Security policy as code: validate, diff, apply; weakenings need a step-up'
            cand audit 'The audit trail: query, follow, export to SIEMs, forward, verify, local journal'
            cand wipe 'Erase devices (step-up and typed confirmation; large wipes need a second admin)'
            cand lock 'Lock devices, optionally with a message and a callback number'
            cand unlock 'Unlock devices'
            cand retire 'Retire devices: remove management and corporate data, keep personal data'
            cand actions 'Follow, inspect and cancel actions'
            cand approvals 'Approve or reject actions that need a second admin (two-person rule)'
            cand breakglass 'Time-boxed emergency admin access for a sealed break-glass user'
            cand incident 'Contain a compromise: freeze changes, revoke sessions, rotate enrollment, report'
            cand completions 'Print a shell completion script to stdout'
            cand man 'Write man pages (one per command) into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdm;help;sandbox'= {
            cand up 'Start the sandbox in the background, create the `sandbox` context and log in'
            cand down 'Stop the background sandbox (its data is kept)'
            cand status 'Show whether the background sandbox is running, and where'
            cand serve 'Run the sandbox server in the foreground and print its address'
            cand user 'Manage sandbox users (local administration of the sandbox database)'
            cand otp 'Print a current TOTP code for a sandbox user (a demo and test convenience)'
            cand enroll-device 'Play a device that enrolls with a token (the sandbox''s device simulator)'
        }
        &'mdm;help;sandbox;up'= {
        }
        &'mdm;help;sandbox;down'= {
        }
        &'mdm;help;sandbox;status'= {
        }
        &'mdm;help;sandbox;serve'= {
        }
        &'mdm;help;sandbox;user'= {
            cand add 'Create a sandbox user and print its token once'
        }
        &'mdm;help;sandbox;user;add'= {
        }
        &'mdm;help;sandbox;otp'= {
        }
        &'mdm;help;sandbox;enroll-device'= {
        }
        &'mdm;help;gateway'= {
            cand serve 'Run the gateway in the foreground (API v1 in front of the configured backend) and print its address'
            cand check 'Validate the config, read its secrets and try the backend; changes nothing'
            cand user 'Manage gateway users (local administration of the gateway''s database)'
        }
        &'mdm;help;gateway;serve'= {
        }
        &'mdm;help;gateway;check'= {
        }
        &'mdm;help;gateway;user'= {
            cand add 'Create a gateway user and print its token and authenticator URI once'
        }
        &'mdm;help;gateway;user;add'= {
        }
        &'mdm;help;context'= {
            cand add 'Add a context (a named server); the first one added becomes current'
            cand list 'List contexts'
            cand use 'Make a context the current one'
            cand show 'Show a context (the current one by default)'
            cand remove 'Remove a context and its credentials from the keyring (the current one asks)'
        }
        &'mdm;help;context;add'= {
        }
        &'mdm;help;context;list'= {
        }
        &'mdm;help;context;use'= {
        }
        &'mdm;help;context;show'= {
        }
        &'mdm;help;context;remove'= {
        }
        &'mdm;help;auth'= {
            cand login 'Store a token for the context in the OS keyring (read from a hidden prompt or stdin)'
            cand logout 'Remove the context''s credentials (token and elevation) from the keyring'
            cand status 'Show who you are, your role, where the credential lives, and the elevation left'
            cand mfa 'Enroll or activate an authenticator app (TOTP) for step-up'
            cand step-up 'Elevate now with a TOTP code, so the next guarded actions need no code'
            cand step-down 'Drop the elevation now (revoked on the server, removed from the keyring)'
            cand sessions 'List or revoke tokens and elevations (yours, or another user''s as an admin)'
        }
        &'mdm;help;auth;login'= {
        }
        &'mdm;help;auth;logout'= {
        }
        &'mdm;help;auth;status'= {
        }
        &'mdm;help;auth;mfa'= {
            cand enroll 'Start enrollment: shows the otpauth:// URI and a QR code, then asks for a code'
            cand activate 'Finish an enrollment started without a terminal, with a code from the new app'
        }
        &'mdm;help;auth;mfa;enroll'= {
        }
        &'mdm;help;auth;mfa;activate'= {
        }
        &'mdm;help;auth;step-up'= {
        }
        &'mdm;help;auth;step-down'= {
        }
        &'mdm;help;auth;sessions'= {
            cand list 'List tokens and elevations (the default)'
            cand revoke 'Revoke sessions: by id, or all of a user''s'
        }
        &'mdm;help;auth;sessions;list'= {
        }
        &'mdm;help;auth;sessions;revoke'= {
        }
        &'mdm;help;devices'= {
            cand list 'List devices (first page by default; --all streams the whole fleet)'
            cand show 'Show one device by id or serial'
        }
        &'mdm;help;devices;list'= {
        }
        &'mdm;help;devices;show'= {
        }
        &'mdm;help;groups'= {
            cand list 'List device groups with their sizes'
            cand show 'Show one group'
        }
        &'mdm;help;groups;list'= {
        }
        &'mdm;help;groups;show'= {
        }
        &'mdm;help;enroll'= {
            cand create 'Create an enrollment token for a user: URL, token and a QR code, shown once'
            cand list 'List enrollment tokens (never the tokens themselves)'
            cand revoke 'Revoke an enrollment token, or every one that could still enroll a device'
            cand bulk 'Create tokens for every row of a CSV file (columns: email, platform, group)'
        }
        &'mdm;help;enroll;create'= {
        }
        &'mdm;help;enroll;list'= {
        }
        &'mdm;help;enroll;revoke'= {
        }
        &'mdm;help;enroll;bulk'= {
        }
        &'mdm;help;apps'= {
            cand list 'List the trusted app catalog'
            cand show 'Show one app (by id, bundle id or name, with optional @version)'
            cand add 'Add an app version with its pinned package hash (admin, step-up)'
        }
        &'mdm;help;apps;list'= {
        }
        &'mdm;help;apps;show'= {
        }
        &'mdm;help;apps;add'= {
        }
        &'mdm;help;push'= {
            cand app 'Install (or --uninstall) a catalog app on devices'
            cand profile 'Install a configuration profile (.mobileconfig or JSON), checked before sending'
            cand command 'Send a device command (clear-passcode is destructive)'
        }
        &'mdm;help;push;app'= {
        }
        &'mdm;help;push;profile'= {
        }
        &'mdm;help;push;command'= {
        }
        &'mdm;help;policy'= {
            cand init 'Write a commented starter set (one baseline per platform) into a directory'
            cand list 'List the server''s policies with their versions'
            cand show 'Show one policy'
            cand validate 'Check policy files (a file or a directory): errors as file:line:col'
            cand diff 'Show what applying the files would change, field by field (marks WEAKENS)'
            cand apply 'Apply policy files; weakening changes need a step-up and a typed confirmation'
            cand assign 'Assign a policy to a group, or remove it (removing weakens security)'
            cand delete 'Delete a policy (weakens security: step-up and typed confirmation)'
            cand export 'Print policies as files (-o yaml, the default, or -o json); export then apply changes nothing'
            cand schema 'Print the JSON Schema of policy files'
        }
        &'mdm;help;policy;init'= {
        }
        &'mdm;help;policy;list'= {
        }
        &'mdm;help;policy;show'= {
        }
        &'mdm;help;policy;validate'= {
        }
        &'mdm;help;policy;diff'= {
        }
        &'mdm;help;policy;apply'= {
        }
        &'mdm;help;policy;assign'= {
        }
        &'mdm;help;policy;delete'= {
        }
        &'mdm;help;policy;export'= {
        }
        &'mdm;help;policy;schema'= {
        }
        &'mdm;help;audit'= {
            cand log 'Query the server''s audit log (and --follow new events)'
            cand export 'Export events for a SIEM: jsonl, cef, ecs, ocsf or syslog (streamed)'
            cand forward 'Forward events continuously to syslog (tcp/udp/tls) or Splunk HEC, at least once'
            cand verify 'Check the hash chain, every signed checkpoint, and the checkpoints pinned here'
            cand journal 'Show (or --verify) this CLI''s own hash-chained journal of mutating commands'
        }
        &'mdm;help;audit;log'= {
        }
        &'mdm;help;audit;export'= {
        }
        &'mdm;help;audit;forward'= {
        }
        &'mdm;help;audit;verify'= {
        }
        &'mdm;help;audit;journal'= {
        }
        &'mdm;help;wipe'= {
        }
        &'mdm;help;lock'= {
        }
        &'mdm;help;unlock'= {
        }
        &'mdm;help;retire'= {
        }
        &'mdm;help;actions'= {
            cand list 'List actions, newest first'
            cand show 'Show one action, its counts and (with --devices) its devices'
            cand watch 'Follow an action''s progress until it is done (Ctrl-C detaches)'
            cand cancel 'Cancel what has not reached devices yet'
            cand advance 'Release a staged rollout''s next wave now, without waiting for offline devices'
            cand halt 'Stop a running action or rollout: nothing more is sent'
        }
        &'mdm;help;actions;list'= {
        }
        &'mdm;help;actions;show'= {
        }
        &'mdm;help;actions;watch'= {
        }
        &'mdm;help;actions;cancel'= {
        }
        &'mdm;help;actions;advance'= {
        }
        &'mdm;help;actions;halt'= {
        }
        &'mdm;help;approvals'= {
            cand list 'List actions waiting for a second admin (--all: every action that needed one)'
            cand approve 'Approve another admin''s action (needs your own step-up and typed confirmation)'
            cand reject 'Reject an action waiting for approval'
        }
        &'mdm;help;approvals;list'= {
        }
        &'mdm;help;approvals;approve'= {
        }
        &'mdm;help;approvals;reject'= {
        }
        &'mdm;help;breakglass'= {
            cand activate 'Take admin powers for a bounded time (step-up; loud: audited and alerted)'
            cand status 'Who holds break-glass access now, and recent sessions'
            cand end 'End a break-glass session (your own by default)'
        }
        &'mdm;help;breakglass;activate'= {
        }
        &'mdm;help;breakglass;status'= {
        }
        &'mdm;help;breakglass;end'= {
        }
        &'mdm;help;incident'= {
            cand freeze 'Freeze changes server-wide: pushes, policy changes, enrollments, wipes (not locks)'
            cand unfreeze 'Lift the change freeze (step-up and typed confirmation)'
            cand revoke-sessions 'Revoke tokens and elevations: everyone''s but yours, or one user''s'
            cand rotate-enrollment 'Revoke every enrollment token that could still enroll a device'
            cand report 'A timeline of what changed, by actor, for a CERT (Markdown, or -o json)'
            cand snapshot 'Save inventory, policies and the audit head with a SHA-256 manifest, as evidence'
        }
        &'mdm;help;incident;freeze'= {
        }
        &'mdm;help;incident;unfreeze'= {
        }
        &'mdm;help;incident;revoke-sessions'= {
        }
        &'mdm;help;incident;rotate-enrollment'= {
        }
        &'mdm;help;incident;report'= {
        }
        &'mdm;help;incident;snapshot'= {
        }
        &'mdm;help;completions'= {
        }
        &'mdm;help;man'= {
        }
        &'mdm;help;help'= {
        }
    ]
    $completions[$command]
}
