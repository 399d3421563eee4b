
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'mdm' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'mdm'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'mdm' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the embedded sandbox MDM server (a real server with a simulated fleet)')
            [CompletionResult]::new('gateway', 'gateway', [CompletionResultType]::ParameterValue, 'Run the gateway: API v1 with its safety gates in front of a real MDM (--config FILE)')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Manage contexts: which server to talk to and how')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in and out, and show who you are')
            [CompletionResult]::new('devices', 'devices', [CompletionResultType]::ParameterValue, 'List and inspect managed devices')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List and inspect device groups')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enroll devices: tokens with QR codes, one by one or from a CSV file')
            [CompletionResult]::new('apps', 'apps', [CompletionResultType]::ParameterValue, 'The trusted app catalog: only apps with a pinned hash can be pushed')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push apps, profiles and commands (several devices: step-up and typed confirmation)')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Security policy as code: validate, diff, apply; weakenings need a step-up')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit trail: query, follow, export to SIEMs, forward, verify, local journal')
            [CompletionResult]::new('wipe', 'wipe', [CompletionResultType]::ParameterValue, 'Erase devices (step-up and typed confirmation; large wipes need a second admin)')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Lock devices, optionally with a message and a callback number')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Unlock devices')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Retire devices: remove management and corporate data, keep personal data')
            [CompletionResult]::new('actions', 'actions', [CompletionResultType]::ParameterValue, 'Follow, inspect and cancel actions')
            [CompletionResult]::new('approvals', 'approvals', [CompletionResultType]::ParameterValue, 'Approve or reject actions that need a second admin (two-person rule)')
            [CompletionResult]::new('breakglass', 'breakglass', [CompletionResultType]::ParameterValue, 'Time-boxed emergency admin access for a sealed break-glass user')
            [CompletionResult]::new('incident', 'incident', [CompletionResultType]::ParameterValue, 'Contain a compromise: freeze changes, revoke sessions, rotate enrollment, report')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script to stdout')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write man pages (one per command) into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;sandbox' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the sandbox in the background, create the `sandbox` context and log in')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop the background sandbox (its data is kept)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the background sandbox is running, and where')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the sandbox server in the foreground and print its address')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage sandbox users (local administration of the sandbox database)')
            [CompletionResult]::new('otp', 'otp', [CompletionResultType]::ParameterValue, 'Print a current TOTP code for a sandbox user (a demo and test convenience)')
            [CompletionResult]::new('enroll-device', 'enroll-device', [CompletionResultType]::ParameterValue, 'Play a device that enrolls with a token (the sandbox''s device simulator)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;sandbox;up' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port on 127.0.0.1 (0 picks a free one)')
            [CompletionResult]::new('--devices', '--devices', [CompletionResultType]::ParameterName, 'Number of simulated devices to seed on first start')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the context to create or update')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;sandbox;down' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Also delete the sandbox database')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;sandbox;status' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;sandbox;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'TCP port on 127.0.0.1 (0 picks a free one)')
            [CompletionResult]::new('--devices', '--devices', [CompletionResultType]::ParameterName, 'Number of simulated devices to seed on first start')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for the synthetic fleet (same seed, same fleet)')
            [CompletionResult]::new('--tick-ms', '--tick-ms', [CompletionResultType]::ParameterName, 'Milliseconds between simulator ticks (0 disables the simulator)')
            [CompletionResult]::new('--db-dir', '--db-dir', [CompletionResultType]::ParameterName, 'Directory for the SQLite database (default: <data dir>/sandbox)')
            [CompletionResult]::new('--elevation-ttl', '--elevation-ttl', [CompletionResultType]::ParameterName, 'Lifetime of an elevation after step-up (at most 5m)')
            [CompletionResult]::new('--stepup-lockout', '--stepup-lockout', [CompletionResultType]::ParameterName, 'How long step-up is locked after 5 wrong codes in a row')
            [CompletionResult]::new('--approval-threshold', '--approval-threshold', [CompletionResultType]::ParameterName, 'Wipes/retires of more devices than this need a second admin''s approval')
            [CompletionResult]::new('--push-approval-threshold', '--push-approval-threshold', [CompletionResultType]::ParameterName, 'Pushes to more devices than this need a second admin''s approval')
            [CompletionResult]::new('--fleet-share-percent', '--fleet-share-percent', [CompletionResultType]::ParameterName, 'A target covering at least this percentage of the active fleet is fleet-wide (a reason and a second admin''s approval), whatever its selector')
            [CompletionResult]::new('--single-action-budget', '--single-action-budget', [CompletionResultType]::ParameterName, 'After this many single-device pushes or wipes/retires by one user in an hour, the next needs a step-up (budgets: devices wiped/retired or pushed to per user per hour also count toward the approval thresholds)')
            [CompletionResult]::new('--pii-budget', '--pii-budget', [CompletionResultType]::ParameterName, 'The PII guard: unmasking owner email and phone for more than this many devices per user per hour needs a step-up and alerts the webhook (0: every unmasked read needs a step-up; at most 10000)')
            [CompletionResult]::new('--approval-ttl', '--approval-ttl', [CompletionResultType]::ParameterName, 'How long a request waits for its approval before it expires')
            [CompletionResult]::new('--fail-percent', '--fail-percent', [CompletionResultType]::ParameterName, 'Percentage of device commands the simulator fails')
            [CompletionResult]::new('--offline-percent', '--offline-percent', [CompletionResultType]::ParameterName, 'Percentage of the seeded fleet that starts offline (and of random drop-outs)')
            [CompletionResult]::new('--alert-webhook', '--alert-webhook', [CompletionResultType]::ParameterName, 'Webhook that is told about every break-glass activation (https://, or http:// to loopback); the JSON has a `text` field, as chat webhooks expect')
            [CompletionResult]::new('--seed-audit', '--seed-audit', [CompletionResultType]::ParameterName, 'Benchmark-only: N synthetic audit events appended on first start')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Test-only fault injection (drop-next-action-response, stall-after-submits=N)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--baseline-policies', '--baseline-policies', [CompletionResultType]::ParameterName, 'Seed the starter policies (one baseline per platform, as `mdm policy init` writes them) on first start; `sandbox up` does')
            [CompletionResult]::new('--test-hooks', '--test-hooks', [CompletionResultType]::ParameterName, 'Test-only: serve the `/_test/…` hooks (server clock, simulator step, fixtures)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;sandbox;user' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a sandbox user and print its token once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;sandbox;user;add' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role of the new user')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Let the token expire after this long (e.g. 30d); default: no expiry')
            [CompletionResult]::new('--login', '--login', [CompletionResultType]::ParameterName, 'Log the new user in: add context CONTEXT for the running sandbox and store the token in the OS keyring (it is not printed); `-c CONTEXT` then acts as them')
            [CompletionResult]::new('--db-dir', '--db-dir', [CompletionResultType]::ParameterName, 'Directory of the sandbox database (default: <data dir>/sandbox)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;sandbox;user;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a sandbox user and print its token once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;sandbox;user;help;add' {
            break
        }
        'mdm;sandbox;user;help;help' {
            break
        }
        'mdm;sandbox;otp' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Sandbox user (default: the context''s user)')
            [CompletionResult]::new('--db-dir', '--db-dir', [CompletionResultType]::ParameterName, 'Directory of the sandbox database (default: <data dir>/sandbox)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;sandbox;enroll-device' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The device''s platform (default: the token''s, else ios)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The device''s name')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'The device''s serial number')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;sandbox;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the sandbox in the background, create the `sandbox` context and log in')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop the background sandbox (its data is kept)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the background sandbox is running, and where')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the sandbox server in the foreground and print its address')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage sandbox users (local administration of the sandbox database)')
            [CompletionResult]::new('otp', 'otp', [CompletionResultType]::ParameterValue, 'Print a current TOTP code for a sandbox user (a demo and test convenience)')
            [CompletionResult]::new('enroll-device', 'enroll-device', [CompletionResultType]::ParameterValue, 'Play a device that enrolls with a token (the sandbox''s device simulator)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;sandbox;help;up' {
            break
        }
        'mdm;sandbox;help;down' {
            break
        }
        'mdm;sandbox;help;status' {
            break
        }
        'mdm;sandbox;help;serve' {
            break
        }
        'mdm;sandbox;help;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a sandbox user and print its token once')
            break
        }
        'mdm;sandbox;help;user;add' {
            break
        }
        'mdm;sandbox;help;otp' {
            break
        }
        'mdm;sandbox;help;enroll-device' {
            break
        }
        'mdm;sandbox;help;help' {
            break
        }
        'mdm;gateway' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the gateway in the foreground (API v1 in front of the configured backend) and print its address')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the config, read its secrets and try the backend; changes nothing')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage gateway users (local administration of the gateway''s database)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;gateway;serve' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The gateway''s config file (TOML; see README: The gateway)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;gateway;check' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The gateway''s config file (TOML; see README: The gateway)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;gateway;user' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a gateway user and print its token and authenticator URI once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;gateway;user;add' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role of the new user')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Let the token expire after this long (e.g. 30d); default: no expiry')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The gateway''s config file (its `database` is where the user is created)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;gateway;user;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a gateway user and print its token and authenticator URI once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;gateway;user;help;add' {
            break
        }
        'mdm;gateway;user;help;help' {
            break
        }
        'mdm;gateway;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the gateway in the foreground (API v1 in front of the configured backend) and print its address')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the config, read its secrets and try the backend; changes nothing')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage gateway users (local administration of the gateway''s database)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;gateway;help;serve' {
            break
        }
        'mdm;gateway;help;check' {
            break
        }
        'mdm;gateway;help;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a gateway user and print its token and authenticator URI once')
            break
        }
        'mdm;gateway;help;user;add' {
            break
        }
        'mdm;gateway;help;help' {
            break
        }
        'mdm;context' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a context (a named server); the first one added becomes current')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List contexts')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context the current one')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a context (the current one by default)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a context and its credentials from the keyring (the current one asks)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;context;add' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server URL (https://..., or http:// to a loopback address only)')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file with extra CA certificates to trust for this server')
            [CompletionResult]::new('--default-output', '--default-output', [CompletionResultType]::ParameterName, 'Default output format for this context')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing context of the same name')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'Make it the current context')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;context;list' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;context;use' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;context;show' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;context;remove' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove the current context without asking')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;context;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a context (a named server); the first one added becomes current')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List contexts')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context the current one')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a context (the current one by default)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a context and its credentials from the keyring (the current one asks)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;context;help;add' {
            break
        }
        'mdm;context;help;list' {
            break
        }
        'mdm;context;help;use' {
            break
        }
        'mdm;context;help;show' {
            break
        }
        'mdm;context;help;remove' {
            break
        }
        'mdm;context;help;help' {
            break
        }
        'mdm;auth' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store a token for the context in the OS keyring (read from a hidden prompt or stdin)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the context''s credentials (token and elevation) from the keyring')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show who you are, your role, where the credential lives, and the elevation left')
            [CompletionResult]::new('mfa', 'mfa', [CompletionResultType]::ParameterValue, 'Enroll or activate an authenticator app (TOTP) for step-up')
            [CompletionResult]::new('step-up', 'step-up', [CompletionResultType]::ParameterValue, 'Elevate now with a TOTP code, so the next guarded actions need no code')
            [CompletionResult]::new('step-down', 'step-down', [CompletionResultType]::ParameterValue, 'Drop the elevation now (revoked on the server, removed from the keyring)')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List or revoke tokens and elevations (yours, or another user''s as an admin)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;auth;login' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Read the token from stdin instead of prompting (never pass it as an argument)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;auth;logout' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every context''s credentials, and any left behind by removed contexts')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;auth;status' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;auth;mfa' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Start enrollment: shows the otpauth:// URI and a QR code, then asks for a code')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Finish an enrollment started without a terminal, with a code from the new app')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;auth;mfa;enroll' {
            [CompletionResult]::new('--qr-png', '--qr-png', [CompletionResultType]::ParameterName, 'Also write the QR code as a PNG file (created with mode 0600: it holds the seed)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'Code of the authenticator already enrolled (replacing one needs a step-up)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;auth;mfa;activate' {
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code, for non-interactive use (or set MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;auth;mfa;help' {
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Start enrollment: shows the otpauth:// URI and a QR code, then asks for a code')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Finish an enrollment started without a terminal, with a code from the new app')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;auth;mfa;help;enroll' {
            break
        }
        'mdm;auth;mfa;help;activate' {
            break
        }
        'mdm;auth;mfa;help;help' {
            break
        }
        'mdm;auth;step-up' {
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code, for non-interactive use (or set MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;auth;step-down' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;auth;sessions' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Whose sessions (admins only for other users)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens and elevations (the default)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke sessions: by id, or all of a user''s')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;auth;sessions;list' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Whose sessions (admins only for other users)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;auth;sessions;revoke' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Whose sessions (another user''s needs the admin role and a step-up)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code, for non-interactive use (or set MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Revoke every session of the user (yours by default, including this one)')
            [CompletionResult]::new('--all-except-current', '--all-except-current', [CompletionResultType]::ParameterName, 'Revoke every session of the user except the one making this request')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;auth;sessions;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens and elevations (the default)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke sessions: by id, or all of a user''s')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;auth;sessions;help;list' {
            break
        }
        'mdm;auth;sessions;help;revoke' {
            break
        }
        'mdm;auth;sessions;help;help' {
            break
        }
        'mdm;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store a token for the context in the OS keyring (read from a hidden prompt or stdin)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the context''s credentials (token and elevation) from the keyring')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show who you are, your role, where the credential lives, and the elevation left')
            [CompletionResult]::new('mfa', 'mfa', [CompletionResultType]::ParameterValue, 'Enroll or activate an authenticator app (TOTP) for step-up')
            [CompletionResult]::new('step-up', 'step-up', [CompletionResultType]::ParameterValue, 'Elevate now with a TOTP code, so the next guarded actions need no code')
            [CompletionResult]::new('step-down', 'step-down', [CompletionResultType]::ParameterValue, 'Drop the elevation now (revoked on the server, removed from the keyring)')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List or revoke tokens and elevations (yours, or another user''s as an admin)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;auth;help;login' {
            break
        }
        'mdm;auth;help;logout' {
            break
        }
        'mdm;auth;help;status' {
            break
        }
        'mdm;auth;help;mfa' {
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Start enrollment: shows the otpauth:// URI and a QR code, then asks for a code')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Finish an enrollment started without a terminal, with a code from the new app')
            break
        }
        'mdm;auth;help;mfa;enroll' {
            break
        }
        'mdm;auth;help;mfa;activate' {
            break
        }
        'mdm;auth;help;step-up' {
            break
        }
        'mdm;auth;help;step-down' {
            break
        }
        'mdm;auth;help;sessions' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens and elevations (the default)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke sessions: by id, or all of a user''s')
            break
        }
        'mdm;auth;help;sessions;list' {
            break
        }
        'mdm;auth;help;sessions;revoke' {
            break
        }
        'mdm;auth;help;help' {
            break
        }
        'mdm;devices' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List devices (first page by default; --all streams the whole fleet)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one device by id or serial')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;devices;list' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only devices in this group')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Only devices of this platform')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only devices whose name, serial, model or owner contains TEXT')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only devices in this state')
            [CompletionResult]::new('--compliance', '--compliance', [CompletionResultType]::ParameterName, 'Only devices with this compliance state')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Only devices matching an expression (the same language as for actions), e.g. ''platform = ios and os_version < 17.4''')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N devices')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Comma-separated columns for table and CSV output (an unknown name lists them all)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code (or MDM_OTP) for the step-up an unmasked read over the server''s PII budget needs; otherwise a hidden prompt asks when it is needed')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Follow every page: the whole (filtered) fleet, streamed')
            [CompletionResult]::new('--show-pii', '--show-pii', [CompletionResultType]::ParameterName, 'Show owner email and phone unmasked (the server records the read in its audit log; over its PII budget of devices per hour it asks for a step-up)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;devices;show' {
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code (or MDM_OTP) for the step-up an unmasked read over the server''s PII budget needs; otherwise a hidden prompt asks when it is needed')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--show-pii', '--show-pii', [CompletionResultType]::ParameterName, 'Show owner email and phone unmasked (the server records the read in its audit log; over its PII budget of devices per hour it asks for a step-up)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;devices;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List devices (first page by default; --all streams the whole fleet)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one device by id or serial')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;devices;help;list' {
            break
        }
        'mdm;devices;help;show' {
            break
        }
        'mdm;devices;help;help' {
            break
        }
        'mdm;groups' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List device groups with their sizes')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one group')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;groups;list' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;groups;show' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;groups;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List device groups with their sizes')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one group')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;groups;help;list' {
            break
        }
        'mdm;groups;help;show' {
            break
        }
        'mdm;groups;help;help' {
            break
        }
        'mdm;enroll' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an enrollment token for a user: URL, token and a QR code, shown once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List enrollment tokens (never the tokens themselves)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke an enrollment token, or every one that could still enroll a device')
            [CompletionResult]::new('bulk', 'bulk', [CompletionResultType]::ParameterValue, 'Create tokens for every row of a CSV file (columns: email, platform, group)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;enroll;create' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Email of the person whose device will enroll')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Only a device of this platform may use the token')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Put the enrolled device in this group')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Lifetime of the token (at most 90d)')
            [CompletionResult]::new('--uses', '--uses', [CompletionResultType]::ParameterName, 'How many devices may enroll with it')
            [CompletionResult]::new('--qr-png', '--qr-png', [CompletionResultType]::ParameterName, 'Also write the QR code as a PNG file (created with mode 0600: it holds the token)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;enroll;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only tokens in this state')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N tokens')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;enroll;revoke' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all-unused', '--all-unused', [CompletionResultType]::ParameterName, 'Revoke every token that could still enroll a device')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;enroll;bulk' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the results (user, token, url, expires_at) to this file, created with mode 0600')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Lifetime of the tokens (at most 90d)')
            [CompletionResult]::new('--uses', '--uses', [CompletionResultType]::ParameterName, 'How many devices may enroll with each token')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check every row and report problems; create nothing')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Create the valid rows even if some are invalid (by default nothing is created)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;enroll;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an enrollment token for a user: URL, token and a QR code, shown once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List enrollment tokens (never the tokens themselves)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke an enrollment token, or every one that could still enroll a device')
            [CompletionResult]::new('bulk', 'bulk', [CompletionResultType]::ParameterValue, 'Create tokens for every row of a CSV file (columns: email, platform, group)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;enroll;help;create' {
            break
        }
        'mdm;enroll;help;list' {
            break
        }
        'mdm;enroll;help;revoke' {
            break
        }
        'mdm;enroll;help;bulk' {
            break
        }
        'mdm;enroll;help;help' {
            break
        }
        'mdm;apps' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the trusted app catalog')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one app (by id, bundle id or name, with optional @version)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an app version with its pinned package hash (admin, step-up)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;apps;list' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;apps;show' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;apps;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Version string, e.g. 4.29.149')
            [CompletionResult]::new('--bundle-id', '--bundle-id', [CompletionResultType]::ParameterName, 'Bundle or package id, e.g. com.tinyspeck.chatlyio')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Platform the package is for')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, 'A local package file: its SHA-256 is computed and pinned')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Where devices download the package (https://); needs --sha256')
            [CompletionResult]::new('--intune-app-id', '--intune-app-id', [CompletionResultType]::ParameterName, 'An app already in Intune (its mobileApp id) that a gateway in front of Intune assigns to groups; needs --sha256 (the package you vetted) and --version must be Intune''s where it shows one')
            [CompletionResult]::new('--sha256', '--sha256', [CompletionResultType]::ParameterName, 'The package''s SHA-256 (hex); with --package it must match the file')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdm;apps;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the trusted app catalog')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one app (by id, bundle id or name, with optional @version)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an app version with its pinned package hash (admin, step-up)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;apps;help;list' {
            break
        }
        'mdm;apps;help;show' {
            break
        }
        'mdm;apps;help;add' {
            break
        }
        'mdm;apps;help;help' {
            break
        }
        'mdm;push' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('app', 'app', [CompletionResultType]::ParameterValue, 'Install (or --uninstall) a catalog app on devices')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Install a configuration profile (.mobileconfig or JSON), checked before sending')
            [CompletionResult]::new('command', 'command', [CompletionResultType]::ParameterValue, 'Send a device command (clear-passcode is destructive)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;push;app' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Every device in this group (with --filter: those of them that match)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4''')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, 'The package you intend to push: its hash must match the catalog''s pinned hash')
            [CompletionResult]::new('--rollout', '--rollout', [CompletionResultType]::ParameterName, 'Cumulative waves, e.g. 5%,25%,100% (each waits for the one before)')
            [CompletionResult]::new('--halt-above-failure', '--halt-above-failure', [CompletionResultType]::ParameterName, 'Halt the rollout when a wave''s failure rate exceeds this, e.g. 2%')
            [CompletionResult]::new('--wave-timeout', '--wave-timeout', [CompletionResultType]::ParameterName, 'How long offline devices may hold a wave before the next one starts (1m to 7d; default 30m). They are not failures, and still get it when they check in')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Stop following after this long (exit 8 if devices are still pending)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every active device of the fleet (needs --reason and a second admin''s approval)')
            [CompletionResult]::new('--uninstall', '--uninstall', [CompletionResultType]::ParameterName, 'Remove the app instead of installing it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the action is accepted, without following its progress')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;push;profile' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Every device in this group (with --filter: those of them that match)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4''')
            [CompletionResult]::new('--rollout', '--rollout', [CompletionResultType]::ParameterName, 'Cumulative waves, e.g. 5%,25%,100% (each waits for the one before)')
            [CompletionResult]::new('--halt-above-failure', '--halt-above-failure', [CompletionResultType]::ParameterName, 'Halt the rollout when a wave''s failure rate exceeds this, e.g. 2%')
            [CompletionResult]::new('--wave-timeout', '--wave-timeout', [CompletionResultType]::ParameterName, 'How long offline devices may hold a wave before the next one starts (1m to 7d; default 30m). They are not failures, and still get it when they check in')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Stop following after this long (exit 8 if devices are still pending)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every active device of the fleet (needs --reason and a second admin''s approval)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the action is accepted, without following its progress')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;push;command' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Every device in this group (with --filter: those of them that match)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4''')
            [CompletionResult]::new('--rollout', '--rollout', [CompletionResultType]::ParameterName, 'Cumulative waves, e.g. 5%,25%,100% (each waits for the one before)')
            [CompletionResult]::new('--halt-above-failure', '--halt-above-failure', [CompletionResultType]::ParameterName, 'Halt the rollout when a wave''s failure rate exceeds this, e.g. 2%')
            [CompletionResult]::new('--wave-timeout', '--wave-timeout', [CompletionResultType]::ParameterName, 'How long offline devices may hold a wave before the next one starts (1m to 7d; default 30m). They are not failures, and still get it when they check in')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Stop following after this long (exit 8 if devices are still pending)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every active device of the fleet (needs --reason and a second admin''s approval)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the action is accepted, without following its progress')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;push;help' {
            [CompletionResult]::new('app', 'app', [CompletionResultType]::ParameterValue, 'Install (or --uninstall) a catalog app on devices')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Install a configuration profile (.mobileconfig or JSON), checked before sending')
            [CompletionResult]::new('command', 'command', [CompletionResultType]::ParameterValue, 'Send a device command (clear-passcode is destructive)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;push;help;app' {
            break
        }
        'mdm;push;help;profile' {
            break
        }
        'mdm;push;help;command' {
            break
        }
        'mdm;push;help;help' {
            break
        }
        'mdm;policy' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter set (one baseline per platform) into a directory')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the server''s policies with their versions')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one policy')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check policy files (a file or a directory): errors as file:line:col')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what applying the files would change, field by field (marks WEAKENS)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply policy files; weakening changes need a step-up and a typed confirmation')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign a policy to a group, or remove it (removing weakens security)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a policy (weakens security: step-up and typed confirmation)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print policies as files (-o yaml, the default, or -o json); export then apply changes nothing')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of policy files')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;policy;init' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Write into a directory that already has files (replacing same-named ones)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;policy;list' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;policy;show' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;policy;validate' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;policy;diff' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Policy file or directory')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Policy file or directory')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also plan deleting server policies that are not in the files')
            [CompletionResult]::new('--exit-code', '--exit-code', [CompletionResultType]::ParameterName, 'Exit with code 10 when there are changes (0 when none)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;policy;apply' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Policy file or directory')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Policy file or directory')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also delete server policies that are not in the files')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and change nothing')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;policy;assign' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Remove the assignment instead (weakens security)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;policy;delete' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;policy;export' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;policy;schema' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;policy;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter set (one baseline per platform) into a directory')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the server''s policies with their versions')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one policy')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check policy files (a file or a directory): errors as file:line:col')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what applying the files would change, field by field (marks WEAKENS)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply policy files; weakening changes need a step-up and a typed confirmation')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign a policy to a group, or remove it (removing weakens security)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a policy (weakens security: step-up and typed confirmation)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print policies as files (-o yaml, the default, or -o json); export then apply changes nothing')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of policy files')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;policy;help;init' {
            break
        }
        'mdm;policy;help;list' {
            break
        }
        'mdm;policy;help;show' {
            break
        }
        'mdm;policy;help;validate' {
            break
        }
        'mdm;policy;help;diff' {
            break
        }
        'mdm;policy;help;apply' {
            break
        }
        'mdm;policy;help;assign' {
            break
        }
        'mdm;policy;help;delete' {
            break
        }
        'mdm;policy;help;export' {
            break
        }
        'mdm;policy;help;schema' {
            break
        }
        'mdm;policy;help;help' {
            break
        }
        'mdm;audit' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Query the server''s audit log (and --follow new events)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export events for a SIEM: jsonl, cef, ecs, ocsf or syslog (streamed)')
            [CompletionResult]::new('forward', 'forward', [CompletionResultType]::ParameterValue, 'Forward events continuously to syslog (tcp/udp/tls) or Splunk HEC, at least once')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain, every signed checkpoint, and the checkpoints pinned here')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'Show (or --verify) this CLI''s own hash-chained journal of mutating commands')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;audit;log' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events at or after this time (RFC 3339, or an age such as 24h, 7d)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only events at or before this time (RFC 3339, or an age)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Only events by this actor')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action (exact, or a prefix ending in *, e.g. ''policy.*'')')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only this outcome (success, failure, ...)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Only events about this device id')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show the newest N matching events, printed oldest first; a note on stderr says when more matched')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every matching event, oldest first (instead of the newest --limit)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing new events until Ctrl-C (resumes after dropped connections)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new events until Ctrl-C (resumes after dropped connections)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;audit;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only events with an id above this one')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events at or after this time (RFC 3339, or an age such as 24h)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only events at or before this time')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;audit;forward' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'syslog+tcp://HOST:PORT, syslog+udp://HOST:PORT, syslog+tls://HOST:PORT or hec+https://HOST/services/collector/event')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Events per batch')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Where to start the first time (later runs resume where they stopped): an event id')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file with CA certificates for syslog+tls or HEC')
            [CompletionResult]::new('--exit-when-idle', '--exit-when-idle', [CompletionResultType]::ParameterName, 'Exit once caught up and no new event arrived for this long (for cron and tests)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--from-now', '--from-now', [CompletionResultType]::ParameterName, 'Start the first time with events that happen from now on (skip the history)')
            [CompletionResult]::new('--set-token', '--set-token', [CompletionResultType]::ParameterName, 'Read the HEC token from stdin and store it in the OS keyring for this destination, then exit')
            [CompletionResult]::new('--unset-token', '--unset-token', [CompletionResultType]::ParameterName, 'Remove the stored HEC token for this destination from the OS keyring, then exit')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;audit;verify' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;audit;journal' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Check the chain instead of listing entries')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;audit;help' {
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Query the server''s audit log (and --follow new events)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export events for a SIEM: jsonl, cef, ecs, ocsf or syslog (streamed)')
            [CompletionResult]::new('forward', 'forward', [CompletionResultType]::ParameterValue, 'Forward events continuously to syslog (tcp/udp/tls) or Splunk HEC, at least once')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain, every signed checkpoint, and the checkpoints pinned here')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'Show (or --verify) this CLI''s own hash-chained journal of mutating commands')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;audit;help;log' {
            break
        }
        'mdm;audit;help;export' {
            break
        }
        'mdm;audit;help;forward' {
            break
        }
        'mdm;audit;help;verify' {
            break
        }
        'mdm;audit;help;journal' {
            break
        }
        'mdm;audit;help;help' {
            break
        }
        'mdm;wipe' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Every device in this group (with --filter: those of them that match)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4''')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Stop following after this long (exit 8 if devices are still pending)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every active device of the fleet (needs --reason and a second admin''s approval)')
            [CompletionResult]::new('--keep-enrollment', '--keep-enrollment', [CompletionResultType]::ParameterName, 'Keep the device enrolled after the wipe (windows, android)')
            [CompletionResult]::new('--keep-user-data', '--keep-user-data', [CompletionResultType]::ParameterName, 'Keep user data: reset settings and apps only (windows)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the action is accepted, without following its progress')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;lock' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Every device in this group (with --filter: those of them that match)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4''')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Message on the lock screen (ios, macos, android)')
            [CompletionResult]::new('--callback-number', '--callback-number', [CompletionResultType]::ParameterName, 'Phone number on the lock screen (ios, android)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Stop following after this long (exit 8 if devices are still pending)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every active device of the fleet (needs --reason and a second admin''s approval)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the action is accepted, without following its progress')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;unlock' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Every device in this group (with --filter: those of them that match)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4''')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Stop following after this long (exit 8 if devices are still pending)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every active device of the fleet (needs --reason and a second admin''s approval)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the action is accepted, without following its progress')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;retire' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Every device in this group (with --filter: those of them that match)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Devices matching an expression, e.g. ''platform = ios and os_version < 17.4''')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation, typed non-interactively: the serial, or `<verb> <N> devices in <context>`')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Stop following after this long (exit 8 if devices are still pending)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every active device of the fleet (needs --reason and a second admin''s approval)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as the action is accepted, without following its progress')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;actions' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List actions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one action, its counts and (with --devices) its devices')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow an action''s progress until it is done (Ctrl-C detaches)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel what has not reached devices yet')
            [CompletionResult]::new('advance', 'advance', [CompletionResultType]::ParameterValue, 'Release a staged rollout''s next wave now, without waiting for offline devices')
            [CompletionResult]::new('halt', 'halt', [CompletionResultType]::ParameterValue, 'Stop a running action or rollout: nothing more is sent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;actions;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only actions in this state')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N actions')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;actions;show' {
            [CompletionResult]::new('--devices', '--devices', [CompletionResultType]::ParameterName, 'List the action''s devices, optionally only those in one state')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;actions;watch' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop following after this long (exit 9 if devices have not answered yet)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;actions;cancel' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;actions;advance' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;actions;halt' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (kept on the action and in the audit log)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;actions;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List actions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one action, its counts and (with --devices) its devices')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow an action''s progress until it is done (Ctrl-C detaches)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel what has not reached devices yet')
            [CompletionResult]::new('advance', 'advance', [CompletionResultType]::ParameterValue, 'Release a staged rollout''s next wave now, without waiting for offline devices')
            [CompletionResult]::new('halt', 'halt', [CompletionResultType]::ParameterValue, 'Stop a running action or rollout: nothing more is sent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;actions;help;list' {
            break
        }
        'mdm;actions;help;show' {
            break
        }
        'mdm;actions;help;watch' {
            break
        }
        'mdm;actions;help;cancel' {
            break
        }
        'mdm;actions;help;advance' {
            break
        }
        'mdm;actions;help;halt' {
            break
        }
        'mdm;actions;help;help' {
            break
        }
        'mdm;approvals' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List actions waiting for a second admin (--all: every action that needed one)')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve another admin''s action (needs your own step-up and typed confirmation)')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Reject an action waiting for approval')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;approvals;list' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include decided and expired ones')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;approvals;approve' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation typed non-interactively: the exact phrase the command asks for (`weaken <policy> in <context>`, `<verb> <N> devices in <context>`, …)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;approvals;reject' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;approvals;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List actions waiting for a second admin (--all: every action that needed one)')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve another admin''s action (needs your own step-up and typed confirmation)')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Reject an action waiting for approval')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;approvals;help;list' {
            break
        }
        'mdm;approvals;help;approve' {
            break
        }
        'mdm;approvals;help;reject' {
            break
        }
        'mdm;approvals;help;help' {
            break
        }
        'mdm;breakglass' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Take admin powers for a bounded time (step-up; loud: audited and alerted)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Who holds break-glass access now, and recent sessions')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End a break-glass session (your own by default)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;breakglass;activate' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why emergency access is needed (recorded in the audit log and the alert)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'The incident or change ticket')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long the powers last (at most 4h); a new activation starts a new session')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;breakglass;status' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;breakglass;end' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;breakglass;help' {
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Take admin powers for a bounded time (step-up; loud: audited and alerted)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Who holds break-glass access now, and recent sessions')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End a break-glass session (your own by default)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;breakglass;help;activate' {
            break
        }
        'mdm;breakglass;help;status' {
            break
        }
        'mdm;breakglass;help;end' {
            break
        }
        'mdm;breakglass;help;help' {
            break
        }
        'mdm;incident' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('freeze', 'freeze', [CompletionResultType]::ParameterValue, 'Freeze changes server-wide: pushes, policy changes, enrollments, wipes (not locks)')
            [CompletionResult]::new('unfreeze', 'unfreeze', [CompletionResultType]::ParameterValue, 'Lift the change freeze (step-up and typed confirmation)')
            [CompletionResult]::new('revoke-sessions', 'revoke-sessions', [CompletionResultType]::ParameterValue, 'Revoke tokens and elevations: everyone''s but yours, or one user''s')
            [CompletionResult]::new('rotate-enrollment', 'rotate-enrollment', [CompletionResultType]::ParameterValue, 'Revoke every enrollment token that could still enroll a device')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'A timeline of what changed, by actor, for a CERT (Markdown, or -o json)')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Save inventory, policies and the audit head with a SHA-256 manifest, as evidence')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;incident;freeze' {
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Shown to everyone whose change is refused, e.g. "incident INC-42: call the SOC"')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;incident;unfreeze' {
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation typed non-interactively: `unfreeze <context>`')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;incident;revoke-sessions' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only this user''s tokens and elevations')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The confirmation typed non-interactively: `revoke <N> sessions in <context>`')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--all-except-me', '--all-except-me', [CompletionResultType]::ParameterName, 'Every user''s tokens and elevations except the one you are using')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;incident;rotate-enrollment' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log; required for fleet-wide actions)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Change or incident ticket (recorded in the audit log)')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code for the step-up (or MDM_OTP); otherwise a hidden prompt asks')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (count, sample, diff) and send nothing that changes state')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;incident;report' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start of the window: an age (48h, 7d) or an RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the window (default: now)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Only this actor')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;incident;snapshot' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'A new (or empty) directory for the evidence')
            [CompletionResult]::new('--otp', '--otp', [CompletionResultType]::ParameterName, 'One TOTP code (or MDM_OTP) for the step-up the PII budget may need')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--show-pii', '--show-pii', [CompletionResultType]::ParameterName, 'Include owner emails and phone numbers in the inventory (audited PII read; over the server''s PII budget of devices per hour it needs a step-up)')
            [CompletionResult]::new('--with-chain', '--with-chain', [CompletionResultType]::ParameterName, 'Also save the whole raw audit chain (every event as hashed)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;incident;help' {
            [CompletionResult]::new('freeze', 'freeze', [CompletionResultType]::ParameterValue, 'Freeze changes server-wide: pushes, policy changes, enrollments, wipes (not locks)')
            [CompletionResult]::new('unfreeze', 'unfreeze', [CompletionResultType]::ParameterValue, 'Lift the change freeze (step-up and typed confirmation)')
            [CompletionResult]::new('revoke-sessions', 'revoke-sessions', [CompletionResultType]::ParameterValue, 'Revoke tokens and elevations: everyone''s but yours, or one user''s')
            [CompletionResult]::new('rotate-enrollment', 'rotate-enrollment', [CompletionResultType]::ParameterValue, 'Revoke every enrollment token that could still enroll a device')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'A timeline of what changed, by actor, for a CERT (Markdown, or -o json)')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Save inventory, policies and the audit head with a SHA-256 manifest, as evidence')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;incident;help;freeze' {
            break
        }
        'mdm;incident;help;unfreeze' {
            break
        }
        'mdm;incident;help;revoke-sessions' {
            break
        }
        'mdm;incident;help;rotate-enrollment' {
            break
        }
        'mdm;incident;help;report' {
            break
        }
        'mdm;incident;help;snapshot' {
            break
        }
        'mdm;incident;help;help' {
            break
        }
        'mdm;completions' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;man' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context (server + credential) to use instead of the current one')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour on stderr and in tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit code 3 where a prompt would be needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr (errors are always printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: -v shows HTTP requests, -vv their (redacted) headers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mdm;help' {
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the embedded sandbox MDM server (a real server with a simulated fleet)')
            [CompletionResult]::new('gateway', 'gateway', [CompletionResultType]::ParameterValue, 'Run the gateway: API v1 with its safety gates in front of a real MDM (--config FILE)')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Manage contexts: which server to talk to and how')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in and out, and show who you are')
            [CompletionResult]::new('devices', 'devices', [CompletionResultType]::ParameterValue, 'List and inspect managed devices')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List and inspect device groups')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enroll devices: tokens with QR codes, one by one or from a CSV file')
            [CompletionResult]::new('apps', 'apps', [CompletionResultType]::ParameterValue, 'The trusted app catalog: only apps with a pinned hash can be pushed')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push apps, profiles and commands (several devices: step-up and typed confirmation)')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Security policy as code: validate, diff, apply; weakenings need a step-up')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit trail: query, follow, export to SIEMs, forward, verify, local journal')
            [CompletionResult]::new('wipe', 'wipe', [CompletionResultType]::ParameterValue, 'Erase devices (step-up and typed confirmation; large wipes need a second admin)')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Lock devices, optionally with a message and a callback number')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Unlock devices')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Retire devices: remove management and corporate data, keep personal data')
            [CompletionResult]::new('actions', 'actions', [CompletionResultType]::ParameterValue, 'Follow, inspect and cancel actions')
            [CompletionResult]::new('approvals', 'approvals', [CompletionResultType]::ParameterValue, 'Approve or reject actions that need a second admin (two-person rule)')
            [CompletionResult]::new('breakglass', 'breakglass', [CompletionResultType]::ParameterValue, 'Time-boxed emergency admin access for a sealed break-glass user')
            [CompletionResult]::new('incident', 'incident', [CompletionResultType]::ParameterValue, 'Contain a compromise: freeze changes, revoke sessions, rotate enrollment, report')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script to stdout')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write man pages (one per command) into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdm;help;sandbox' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the sandbox in the background, create the `sandbox` context and log in')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop the background sandbox (its data is kept)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the background sandbox is running, and where')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the sandbox server in the foreground and print its address')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage sandbox users (local administration of the sandbox database)')
            [CompletionResult]::new('otp', 'otp', [CompletionResultType]::ParameterValue, 'Print a current TOTP code for a sandbox user (a demo and test convenience)')
            [CompletionResult]::new('enroll-device', 'enroll-device', [CompletionResultType]::ParameterValue, 'Play a device that enrolls with a token (the sandbox''s device simulator)')
            break
        }
        'mdm;help;sandbox;up' {
            break
        }
        'mdm;help;sandbox;down' {
            break
        }
        'mdm;help;sandbox;status' {
            break
        }
        'mdm;help;sandbox;serve' {
            break
        }
        'mdm;help;sandbox;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a sandbox user and print its token once')
            break
        }
        'mdm;help;sandbox;user;add' {
            break
        }
        'mdm;help;sandbox;otp' {
            break
        }
        'mdm;help;sandbox;enroll-device' {
            break
        }
        'mdm;help;gateway' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the gateway in the foreground (API v1 in front of the configured backend) and print its address')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the config, read its secrets and try the backend; changes nothing')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage gateway users (local administration of the gateway''s database)')
            break
        }
        'mdm;help;gateway;serve' {
            break
        }
        'mdm;help;gateway;check' {
            break
        }
        'mdm;help;gateway;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a gateway user and print its token and authenticator URI once')
            break
        }
        'mdm;help;gateway;user;add' {
            break
        }
        'mdm;help;context' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a context (a named server); the first one added becomes current')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List contexts')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context the current one')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a context (the current one by default)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a context and its credentials from the keyring (the current one asks)')
            break
        }
        'mdm;help;context;add' {
            break
        }
        'mdm;help;context;list' {
            break
        }
        'mdm;help;context;use' {
            break
        }
        'mdm;help;context;show' {
            break
        }
        'mdm;help;context;remove' {
            break
        }
        'mdm;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store a token for the context in the OS keyring (read from a hidden prompt or stdin)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the context''s credentials (token and elevation) from the keyring')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show who you are, your role, where the credential lives, and the elevation left')
            [CompletionResult]::new('mfa', 'mfa', [CompletionResultType]::ParameterValue, 'Enroll or activate an authenticator app (TOTP) for step-up')
            [CompletionResult]::new('step-up', 'step-up', [CompletionResultType]::ParameterValue, 'Elevate now with a TOTP code, so the next guarded actions need no code')
            [CompletionResult]::new('step-down', 'step-down', [CompletionResultType]::ParameterValue, 'Drop the elevation now (revoked on the server, removed from the keyring)')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List or revoke tokens and elevations (yours, or another user''s as an admin)')
            break
        }
        'mdm;help;auth;login' {
            break
        }
        'mdm;help;auth;logout' {
            break
        }
        'mdm;help;auth;status' {
            break
        }
        'mdm;help;auth;mfa' {
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Start enrollment: shows the otpauth:// URI and a QR code, then asks for a code')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Finish an enrollment started without a terminal, with a code from the new app')
            break
        }
        'mdm;help;auth;mfa;enroll' {
            break
        }
        'mdm;help;auth;mfa;activate' {
            break
        }
        'mdm;help;auth;step-up' {
            break
        }
        'mdm;help;auth;step-down' {
            break
        }
        'mdm;help;auth;sessions' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens and elevations (the default)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke sessions: by id, or all of a user''s')
            break
        }
        'mdm;help;auth;sessions;list' {
            break
        }
        'mdm;help;auth;sessions;revoke' {
            break
        }
        'mdm;help;devices' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List devices (first page by default; --all streams the whole fleet)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one device by id or serial')
            break
        }
        'mdm;help;devices;list' {
            break
        }
        'mdm;help;devices;show' {
            break
        }
        'mdm;help;groups' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List device groups with their sizes')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one group')
            break
        }
        'mdm;help;groups;list' {
            break
        }
        'mdm;help;groups;show' {
            break
        }
        'mdm;help;enroll' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an enrollment token for a user: URL, token and a QR code, shown once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List enrollment tokens (never the tokens themselves)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke an enrollment token, or every one that could still enroll a device')
            [CompletionResult]::new('bulk', 'bulk', [CompletionResultType]::ParameterValue, 'Create tokens for every row of a CSV file (columns: email, platform, group)')
            break
        }
        'mdm;help;enroll;create' {
            break
        }
        'mdm;help;enroll;list' {
            break
        }
        'mdm;help;enroll;revoke' {
            break
        }
        'mdm;help;enroll;bulk' {
            break
        }
        'mdm;help;apps' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the trusted app catalog')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one app (by id, bundle id or name, with optional @version)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an app version with its pinned package hash (admin, step-up)')
            break
        }
        'mdm;help;apps;list' {
            break
        }
        'mdm;help;apps;show' {
            break
        }
        'mdm;help;apps;add' {
            break
        }
        'mdm;help;push' {
            [CompletionResult]::new('app', 'app', [CompletionResultType]::ParameterValue, 'Install (or --uninstall) a catalog app on devices')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Install a configuration profile (.mobileconfig or JSON), checked before sending')
            [CompletionResult]::new('command', 'command', [CompletionResultType]::ParameterValue, 'Send a device command (clear-passcode is destructive)')
            break
        }
        'mdm;help;push;app' {
            break
        }
        'mdm;help;push;profile' {
            break
        }
        'mdm;help;push;command' {
            break
        }
        'mdm;help;policy' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter set (one baseline per platform) into a directory')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the server''s policies with their versions')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one policy')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check policy files (a file or a directory): errors as file:line:col')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what applying the files would change, field by field (marks WEAKENS)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply policy files; weakening changes need a step-up and a typed confirmation')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign a policy to a group, or remove it (removing weakens security)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a policy (weakens security: step-up and typed confirmation)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print policies as files (-o yaml, the default, or -o json); export then apply changes nothing')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of policy files')
            break
        }
        'mdm;help;policy;init' {
            break
        }
        'mdm;help;policy;list' {
            break
        }
        'mdm;help;policy;show' {
            break
        }
        'mdm;help;policy;validate' {
            break
        }
        'mdm;help;policy;diff' {
            break
        }
        'mdm;help;policy;apply' {
            break
        }
        'mdm;help;policy;assign' {
            break
        }
        'mdm;help;policy;delete' {
            break
        }
        'mdm;help;policy;export' {
            break
        }
        'mdm;help;policy;schema' {
            break
        }
        'mdm;help;audit' {
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Query the server''s audit log (and --follow new events)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export events for a SIEM: jsonl, cef, ecs, ocsf or syslog (streamed)')
            [CompletionResult]::new('forward', 'forward', [CompletionResultType]::ParameterValue, 'Forward events continuously to syslog (tcp/udp/tls) or Splunk HEC, at least once')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain, every signed checkpoint, and the checkpoints pinned here')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'Show (or --verify) this CLI''s own hash-chained journal of mutating commands')
            break
        }
        'mdm;help;audit;log' {
            break
        }
        'mdm;help;audit;export' {
            break
        }
        'mdm;help;audit;forward' {
            break
        }
        'mdm;help;audit;verify' {
            break
        }
        'mdm;help;audit;journal' {
            break
        }
        'mdm;help;wipe' {
            break
        }
        'mdm;help;lock' {
            break
        }
        'mdm;help;unlock' {
            break
        }
        'mdm;help;retire' {
            break
        }
        'mdm;help;actions' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List actions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one action, its counts and (with --devices) its devices')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow an action''s progress until it is done (Ctrl-C detaches)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel what has not reached devices yet')
            [CompletionResult]::new('advance', 'advance', [CompletionResultType]::ParameterValue, 'Release a staged rollout''s next wave now, without waiting for offline devices')
            [CompletionResult]::new('halt', 'halt', [CompletionResultType]::ParameterValue, 'Stop a running action or rollout: nothing more is sent')
            break
        }
        'mdm;help;actions;list' {
            break
        }
        'mdm;help;actions;show' {
            break
        }
        'mdm;help;actions;watch' {
            break
        }
        'mdm;help;actions;cancel' {
            break
        }
        'mdm;help;actions;advance' {
            break
        }
        'mdm;help;actions;halt' {
            break
        }
        'mdm;help;approvals' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List actions waiting for a second admin (--all: every action that needed one)')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve another admin''s action (needs your own step-up and typed confirmation)')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Reject an action waiting for approval')
            break
        }
        'mdm;help;approvals;list' {
            break
        }
        'mdm;help;approvals;approve' {
            break
        }
        'mdm;help;approvals;reject' {
            break
        }
        'mdm;help;breakglass' {
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Take admin powers for a bounded time (step-up; loud: audited and alerted)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Who holds break-glass access now, and recent sessions')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End a break-glass session (your own by default)')
            break
        }
        'mdm;help;breakglass;activate' {
            break
        }
        'mdm;help;breakglass;status' {
            break
        }
        'mdm;help;breakglass;end' {
            break
        }
        'mdm;help;incident' {
            [CompletionResult]::new('freeze', 'freeze', [CompletionResultType]::ParameterValue, 'Freeze changes server-wide: pushes, policy changes, enrollments, wipes (not locks)')
            [CompletionResult]::new('unfreeze', 'unfreeze', [CompletionResultType]::ParameterValue, 'Lift the change freeze (step-up and typed confirmation)')
            [CompletionResult]::new('revoke-sessions', 'revoke-sessions', [CompletionResultType]::ParameterValue, 'Revoke tokens and elevations: everyone''s but yours, or one user''s')
            [CompletionResult]::new('rotate-enrollment', 'rotate-enrollment', [CompletionResultType]::ParameterValue, 'Revoke every enrollment token that could still enroll a device')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'A timeline of what changed, by actor, for a CERT (Markdown, or -o json)')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Save inventory, policies and the audit head with a SHA-256 manifest, as evidence')
            break
        }
        'mdm;help;incident;freeze' {
            break
        }
        'mdm;help;incident;unfreeze' {
            break
        }
        'mdm;help;incident;revoke-sessions' {
            break
        }
        'mdm;help;incident;rotate-enrollment' {
            break
        }
        'mdm;help;incident;report' {
            break
        }
        'mdm;help;incident;snapshot' {
            break
        }
        'mdm;help;completions' {
            break
        }
        'mdm;help;man' {
            break
        }
        'mdm;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
