
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ampx-rs' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ampx-rs'
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
        'ampx-rs' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Deploy the backend as your own sandbox stack, keep it in step with your files')
            [CompletionResult]::new('synth', 'synth', [CompletionResultType]::ParameterValue, 'Check the backend definition offline and print the CloudFormation template the sandbox deploys')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate files from a deployed backend')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy files to, from or between buckets')
            [CompletionResult]::new('mv', 'mv', [CompletionResultType]::ParameterValue, 'Move files to, from or between buckets')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Sync a folder or key prefix to another')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the configured buckets, or the objects in one')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete one object, or with --recursive every object under a prefix')
            [CompletionResult]::new('presign', 'presign', [CompletionResultType]::ParameterValue, 'Print a presigned URL that downloads (GET) or uploads (PUT) one object')
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Explain who may do what in the buckets, offline, from the definition')
            [CompletionResult]::new('browse', 'browse', [CompletionResultType]::ParameterValue, 'Browse and manage the buckets in a web page on this machine')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show versions, paths and settings for a bug report')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;sandbox' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--dir-to-watch', '--dir-to-watch', [CompletionResultType]::ParameterName, 'Directory to watch for file changes (default: the project''s amplify/)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Paths or globs to ignore when watching (repeatable)')
            [CompletionResult]::new('--outputs-out-dir', '--outputs-out-dir', [CompletionResultType]::ParameterName, 'Directory where amplify_outputs is written (default: the project root)')
            [CompletionResult]::new('--outputs-format', '--outputs-format', [CompletionResultType]::ParameterName, 'amplify_outputs file format: json, dart; mjs, ts, json-mobile with --outputs-version 0')
            [CompletionResult]::new('--outputs-version', '--outputs-version', [CompletionResultType]::ParameterName, 'Version of amplify_outputs.json (1, 1.1, 1.2, 1.3, 1.4, 1.5), or 0 for the legacy amplifyconfiguration (with the mjs, ts and json-mobile formats)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port of the local sandbox (0: a free one, named in the outputs)')
            [CompletionResult]::new('--allow-origin', '--allow-origin', [CompletionResultType]::ParameterName, 'A page origin the local sandbox answers besides localhost, 127.0.0.1 and [::1] (repeatable), e.g. https://dev.example.com')
            [CompletionResult]::new('--token-lifetime', '--token-lifetime', [CompletionResultType]::ParameterName, 'Lifetime of the local user pool''s id and access tokens, in seconds (Amplify''s default is 3600; a short one lets an app''s token refresh be tried)')
            [CompletionResult]::new('--logs-filter', '--logs-filter', [CompletionResultType]::ParameterName, 'Accepted for `npx ampx` scripts (with --stream-function-logs)')
            [CompletionResult]::new('--logs-out-file', '--logs-out-file', [CompletionResultType]::ParameterName, 'Accepted for `npx ampx` scripts (with --stream-function-logs)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Deploy once and exit, without watching for changes')
            [CompletionResult]::new('--express', '--express', [CompletionResultType]::ParameterName, 'Deploy with CloudFormation Express mode (faster; a failed deploy is not rolled back)')
            [CompletionResult]::new('--without-left-out', '--without-left-out', [CompletionResultType]::ParameterName, 'Deploy storage and auth even when parts of the backend that ampx-rs leaves out (CDK grants or policy overrides in backend.ts, allow.resource) change who may do what; those parts stay undeployed')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('--auto-confirm', '--auto-confirm', [CompletionResultType]::ParameterName, 'Confirm the local user pool''s sign-ups without a code')
            [CompletionResult]::new('--stream-function-logs', '--stream-function-logs', [CompletionResultType]::ParameterName, 'Accepted for `npx ampx` scripts; functions'' logs are not streamed by ampx-rs')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete the sandbox: empty its buckets, delete its stack, remove amplify_outputs')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the sandbox stack: state, last deploy, buckets (the cloud sandbox)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print `export` lines that point any S3 client at the local sandbox (with --local)')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'The local user pool''s users: add, list, remove, group add|remove')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;sandbox;delete' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ampx-rs;sandbox;status' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ampx-rs;sandbox;env' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)')
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;sandbox;users' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a confirmed user (email verified) who can sign in at once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users: login, status, groups, identity id')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user (their files stay)')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Put a user in a group, or take them out')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;sandbox;users;add' {
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The password, held to the pool''s policy: 8 characters with upper and lower case, a number and a symbol')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'A group of the definition to put the user in (repeatable)')
            [CompletionResult]::new('--attribute', '--attribute', [CompletionResultType]::ParameterName, 'Another attribute, e.g. name=Alice or custom:team=red (repeatable)')
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;sandbox;users;list' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per line: {login, sub, status, groups, identity_id}')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ampx-rs;sandbox;users;remove' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ampx-rs;sandbox;users;group' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Put EMAIL in GROUP')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take EMAIL out of GROUP')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;sandbox;users;group;add' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ampx-rs;sandbox;users;group;remove' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ampx-rs;sandbox;users;group;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Put EMAIL in GROUP')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take EMAIL out of GROUP')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;sandbox;users;group;help;add' {
            break
        }
        'ampx-rs;sandbox;users;group;help;remove' {
            break
        }
        'ampx-rs;sandbox;users;group;help;help' {
            break
        }
        'ampx-rs;sandbox;users;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a confirmed user (email verified) who can sign in at once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users: login, status, groups, identity id')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user (their files stay)')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Put a user in a group, or take them out')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;sandbox;users;help;add' {
            break
        }
        'ampx-rs;sandbox;users;help;list' {
            break
        }
        'ampx-rs;sandbox;users;help;remove' {
            break
        }
        'ampx-rs;sandbox;users;help;group' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Put EMAIL in GROUP')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take EMAIL out of GROUP')
            break
        }
        'ampx-rs;sandbox;users;help;group;add' {
            break
        }
        'ampx-rs;sandbox;users;help;group;remove' {
            break
        }
        'ampx-rs;sandbox;users;help;help' {
            break
        }
        'ampx-rs;sandbox;help' {
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete the sandbox: empty its buckets, delete its stack, remove amplify_outputs')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the sandbox stack: state, last deploy, buckets (the cloud sandbox)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print `export` lines that point any S3 client at the local sandbox (with --local)')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'The local user pool''s users: add, list, remove, group add|remove')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;sandbox;help;delete' {
            break
        }
        'ampx-rs;sandbox;help;status' {
            break
        }
        'ampx-rs;sandbox;help;env' {
            break
        }
        'ampx-rs;sandbox;help;users' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a confirmed user (email verified) who can sign in at once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users: login, status, groups, identity id')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user (their files stay)')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Put a user in a group, or take them out')
            break
        }
        'ampx-rs;sandbox;help;users;add' {
            break
        }
        'ampx-rs;sandbox;help;users;list' {
            break
        }
        'ampx-rs;sandbox;help;users;remove' {
            break
        }
        'ampx-rs;sandbox;help;users;group' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Put EMAIL in GROUP')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take EMAIL out of GROUP')
            break
        }
        'ampx-rs;sandbox;help;users;group;add' {
            break
        }
        'ampx-rs;sandbox;help;users;group;remove' {
            break
        }
        'ampx-rs;sandbox;help;help' {
            break
        }
        'ampx-rs;synth' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the template to FILE instead of standard output')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;generate' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('outputs', 'outputs', [CompletionResultType]::ParameterValue, 'Write amplify_outputs from a deployed stack (not from the local files)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;generate;outputs' {
            [CompletionResult]::new('--stack', '--stack', [CompletionResultType]::ParameterName, 'A stack name that contains an Amplify backend deployed by ampx-rs')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'The Amplify app of a branch deployment (with --branch): its stack is amplify-<APP_ID>-<BRANCH>-branch-<hash>, as Amplify names it')
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'The git branch of that deployment (with --app-id)')
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Directory to write to (default: the project root, else the current directory)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'File format: json, dart; mjs, ts, json-mobile with --outputs-version 0')
            [CompletionResult]::new('--outputs-version', '--outputs-version', [CompletionResultType]::ParameterName, 'Version of amplify_outputs.json (1, 1.1, 1.2, 1.3, 1.4, 1.5), or 0 for the legacy amplifyconfiguration (with the mjs, ts and json-mobile formats)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;generate;help' {
            [CompletionResult]::new('outputs', 'outputs', [CompletionResultType]::ParameterValue, 'Write amplify_outputs from a deployed stack (not from the local files)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;generate;help;outputs' {
            break
        }
        'ampx-rs;generate;help;help' {
            break
        }
        'ampx-rs;cp' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Copy only what matches this glob (relative to SRC; later filters win)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip what matches this glob (relative to SRC; later filters win)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Move files of this size and above in parts of 8 MiB, e.g. 64MiB [default: 8MiB, or 1GiB for uploads to a server on this machine, which take one request]')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'Content-Type of uploaded objects, e.g. image/jpeg (default: guessed from the file extension)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Copy a whole folder or key prefix')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Copy a whole folder or key prefix')
            [CompletionResult]::new('--dryrun', '--dryrun', [CompletionResultType]::ParameterName, 'Show what would be done, do nothing')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show the progress bar')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per object instead of text, before acting: {"action", "from", "to", "size", "dryrun"} (and for sync --delete {"action": "delete", "target", "dryrun"})')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;mv' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Copy only what matches this glob (relative to SRC; later filters win)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip what matches this glob (relative to SRC; later filters win)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Move files of this size and above in parts of 8 MiB, e.g. 64MiB [default: 8MiB, or 1GiB for uploads to a server on this machine, which take one request]')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'Content-Type of uploaded objects, e.g. image/jpeg (default: guessed from the file extension)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Move a whole folder or key prefix')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Move a whole folder or key prefix')
            [CompletionResult]::new('--dryrun', '--dryrun', [CompletionResultType]::ParameterName, 'Show what would be done, do nothing')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show the progress bar')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per object instead of text, before acting: {"action", "from", "to", "size", "dryrun"} (and for sync --delete {"action": "delete", "target", "dryrun"})')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;sync' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Copy only what matches this glob (relative to SRC; later filters win)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip what matches this glob (relative to SRC; later filters win)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Move files of this size and above in parts of 8 MiB, e.g. 64MiB [default: 8MiB, or 1GiB for uploads to a server on this machine, which take one request]')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'Content-Type of uploaded objects, e.g. image/jpeg (default: guessed from the file extension)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Delete what DST holds and SRC does not (never outside DST''s folder, never what --exclude leaves out)')
            [CompletionResult]::new('--size-only', '--size-only', [CompletionResultType]::ParameterName, 'Compare sizes only, not times')
            [CompletionResult]::new('--checksum', '--checksum', [CompletionResultType]::ParameterName, 'Compare contents: a file of the same size is copied when its ETag differs (MD5, or for files sent in parts the multipart ETag computed locally), whatever its time')
            [CompletionResult]::new('--exact-timestamps', '--exact-timestamps', [CompletionResultType]::ParameterName, 'Downloads: copy when the times differ at all, not only when SRC is newer')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After syncing, keep watching the local SRC folder and sync again whenever files change (for seeding a sandbox''s buckets); Ctrl-C stops')
            [CompletionResult]::new('--dryrun', '--dryrun', [CompletionResultType]::ParameterName, 'Show what would be done, do nothing')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show the progress bar')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per object instead of text, before acting: {"action", "from", "to", "size", "dryrun"} (and for sync --delete {"action": "delete", "target", "dryrun"})')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;ls' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'List every object under the prefix, not just one level')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'List every object under the prefix, not just one level')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Show sizes as KiB, MiB, GiB…')
            [CompletionResult]::new('--human-readable', '--human-readable', [CompletionResultType]::ParameterName, 'Show sizes as KiB, MiB, GiB…')
            [CompletionResult]::new('--summarize', '--summarize', [CompletionResultType]::ParameterName, 'End with the number of objects and their total size')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines (one object per line; fields in docs/ls.md)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;rm' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Delete only what matches this glob (relative to the prefix; later filters win)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Keep what matches this glob (relative to the prefix; later filters win)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Delete every object under the prefix (treated as a folder)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Delete every object under the prefix (treated as a folder)')
            [CompletionResult]::new('--dryrun', '--dryrun', [CompletionResultType]::ParameterName, 'Show what would be deleted, delete nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per object, {"action": "delete", "target", "dryrun"}, instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;presign' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Seconds the URL stays valid (1 to 604800, i.e. 7 days)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'GET downloads the object, PUT uploads it')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'Content-Type signed into a PUT URL (the upload must send the same header)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print {"url", "method", "expires_in", "expires_at"} as one JSON line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;access' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided; exits 0 when allowed, 1 when denied, 2 on an error (like `test`)')
            [CompletionResult]::new('why', 'why', [CompletionResultType]::ParameterValue, 'Why may (or may not) WHO do ACTION on s3://NAME/KEY? The path rule that decides, the trap it is, and the smallest change to the definition that allows it')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Who gains and who loses access between a git revision and the working files')
            [CompletionResult]::new('table', 'table', [CompletionResultType]::ParameterValue, 'The matrix of access paths × principals × actions, as IAM will enforce it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;access;check' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'user:EMAIL (a user of the local user pool), guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--deployed', '--deployed', [CompletionResultType]::ParameterName, 'Try the whole access table against the deployed sandbox as its app users')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON line per action: {who, action, uri, allowed, reason} (with --deployed: one per disagreement)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;access;why' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'user:EMAIL (a user of the local user pool), guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]')
            [CompletionResult]::new('--error', '--error', [CompletionResultType]::ParameterName, 'The text of a denied request, as the browser console, an SDK or the CLI printed it')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON line per action: {who, action, uri, allowed, explanation}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;access;diff' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: {bucket, path, principal, action, change: gained|lost}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;access;table' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: {bucket, path, principal, actions}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ampx-rs;access;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided; exits 0 when allowed, 1 when denied, 2 on an error (like `test`)')
            [CompletionResult]::new('why', 'why', [CompletionResultType]::ParameterValue, 'Why may (or may not) WHO do ACTION on s3://NAME/KEY? The path rule that decides, the trap it is, and the smallest change to the definition that allows it')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Who gains and who loses access between a git revision and the working files')
            [CompletionResult]::new('table', 'table', [CompletionResultType]::ParameterValue, 'The matrix of access paths × principals × actions, as IAM will enforce it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;access;help;check' {
            break
        }
        'ampx-rs;access;help;why' {
            break
        }
        'ampx-rs;access;help;diff' {
            break
        }
        'ampx-rs;access;help;table' {
            break
        }
        'ampx-rs;access;help;help' {
            break
        }
        'ampx-rs;browse' {
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Open this bucket (friendly name) first')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serve on this port of 127.0.0.1 (0: a free one)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Browse the local sandbox (start it first with `ampx-rs sandbox --local`)')
            [CompletionResult]::new('--no-open', '--no-open', [CompletionResultType]::ParameterName, 'Do not open the page in the default browser')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print {"url": …} as one JSON line instead of the sentence')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;info' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of lines')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;help' {
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Deploy the backend as your own sandbox stack, keep it in step with your files')
            [CompletionResult]::new('synth', 'synth', [CompletionResultType]::ParameterValue, 'Check the backend definition offline and print the CloudFormation template the sandbox deploys')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate files from a deployed backend')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy files to, from or between buckets')
            [CompletionResult]::new('mv', 'mv', [CompletionResultType]::ParameterValue, 'Move files to, from or between buckets')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Sync a folder or key prefix to another')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the configured buckets, or the objects in one')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete one object, or with --recursive every object under a prefix')
            [CompletionResult]::new('presign', 'presign', [CompletionResultType]::ParameterValue, 'Print a presigned URL that downloads (GET) or uploads (PUT) one object')
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Explain who may do what in the buckets, offline, from the definition')
            [CompletionResult]::new('browse', 'browse', [CompletionResultType]::ParameterValue, 'Browse and manage the buckets in a web page on this machine')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show versions, paths and settings for a bug report')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;help;sandbox' {
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete the sandbox: empty its buckets, delete its stack, remove amplify_outputs')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the sandbox stack: state, last deploy, buckets (the cloud sandbox)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print `export` lines that point any S3 client at the local sandbox (with --local)')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'The local user pool''s users: add, list, remove, group add|remove')
            break
        }
        'ampx-rs;help;sandbox;delete' {
            break
        }
        'ampx-rs;help;sandbox;status' {
            break
        }
        'ampx-rs;help;sandbox;env' {
            break
        }
        'ampx-rs;help;sandbox;users' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a confirmed user (email verified) who can sign in at once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users: login, status, groups, identity id')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user (their files stay)')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Put a user in a group, or take them out')
            break
        }
        'ampx-rs;help;sandbox;users;add' {
            break
        }
        'ampx-rs;help;sandbox;users;list' {
            break
        }
        'ampx-rs;help;sandbox;users;remove' {
            break
        }
        'ampx-rs;help;sandbox;users;group' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Put EMAIL in GROUP')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take EMAIL out of GROUP')
            break
        }
        'ampx-rs;help;sandbox;users;group;add' {
            break
        }
        'ampx-rs;help;sandbox;users;group;remove' {
            break
        }
        'ampx-rs;help;synth' {
            break
        }
        'ampx-rs;help;generate' {
            [CompletionResult]::new('outputs', 'outputs', [CompletionResultType]::ParameterValue, 'Write amplify_outputs from a deployed stack (not from the local files)')
            break
        }
        'ampx-rs;help;generate;outputs' {
            break
        }
        'ampx-rs;help;cp' {
            break
        }
        'ampx-rs;help;mv' {
            break
        }
        'ampx-rs;help;sync' {
            break
        }
        'ampx-rs;help;ls' {
            break
        }
        'ampx-rs;help;rm' {
            break
        }
        'ampx-rs;help;presign' {
            break
        }
        'ampx-rs;help;access' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided; exits 0 when allowed, 1 when denied, 2 on an error (like `test`)')
            [CompletionResult]::new('why', 'why', [CompletionResultType]::ParameterValue, 'Why may (or may not) WHO do ACTION on s3://NAME/KEY? The path rule that decides, the trap it is, and the smallest change to the definition that allows it')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Who gains and who loses access between a git revision and the working files')
            [CompletionResult]::new('table', 'table', [CompletionResultType]::ParameterValue, 'The matrix of access paths × principals × actions, as IAM will enforce it')
            break
        }
        'ampx-rs;help;access;check' {
            break
        }
        'ampx-rs;help;access;why' {
            break
        }
        'ampx-rs;help;access;diff' {
            break
        }
        'ampx-rs;help;access;table' {
            break
        }
        'ampx-rs;help;browse' {
            break
        }
        'ampx-rs;help;info' {
            break
        }
        'ampx-rs;help;completions' {
            break
        }
        'ampx-rs;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
