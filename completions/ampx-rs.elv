
use builtin;
use str;

set edit:completion:arg-completer[ampx-rs] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ampx-rs'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ampx-rs'= {
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -V 'Print version'
            cand --version 'Print version'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand sandbox 'Deploy the backend as your own sandbox stack, keep it in step with your files'
            cand synth 'Check the backend definition offline and print the CloudFormation template the sandbox deploys'
            cand generate 'Generate files from a deployed backend'
            cand cp 'Copy files to, from or between buckets'
            cand mv 'Move files to, from or between buckets'
            cand sync 'Sync a folder or key prefix to another'
            cand ls 'List the configured buckets, or the objects in one'
            cand rm 'Delete one object, or with --recursive every object under a prefix'
            cand presign 'Print a presigned URL that downloads (GET) or uploads (PUT) one object'
            cand access 'Explain who may do what in the buckets, offline, from the definition'
            cand browse 'Browse and manage the buckets in a web page on this machine'
            cand info 'Show versions, paths and settings for a bug report'
            cand completions 'Print the completion script for a shell'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;sandbox'= {
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --dir-to-watch 'Directory to watch for file changes (default: the project''s amplify/)'
            cand --exclude 'Paths or globs to ignore when watching (repeatable)'
            cand --outputs-out-dir 'Directory where amplify_outputs is written (default: the project root)'
            cand --outputs-format 'amplify_outputs file format: json, dart; mjs, ts, json-mobile with --outputs-version 0'
            cand --outputs-version 'Version of amplify_outputs.json (1, 1.1, 1.2, 1.3, 1.4, 1.5), or 0 for the legacy amplifyconfiguration (with the mjs, ts and json-mobile formats)'
            cand --port 'Port of the local sandbox (0: a free one, named in the outputs)'
            cand --allow-origin 'A page origin the local sandbox answers besides localhost, 127.0.0.1 and [::1] (repeatable), e.g. https://dev.example.com'
            cand --token-lifetime 'Lifetime of the local user pool''s id and access tokens, in seconds (Amplify''s default is 3600; a short one lets an app''s token refresh be tried)'
            cand --logs-filter 'Accepted for `npx ampx` scripts (with --stream-function-logs)'
            cand --logs-out-file 'Accepted for `npx ampx` scripts (with --stream-function-logs)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --once 'Deploy once and exit, without watching for changes'
            cand --express 'Deploy with CloudFormation Express mode (faster; a failed deploy is not rolled back)'
            cand --without-left-out 'Deploy storage and auth even when parts of the backend that ampx-rs leaves out (CDK grants or policy overrides in backend.ts, allow.resource) change who may do what; those parts stay undeployed'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand --auto-confirm 'Confirm the local user pool''s sign-ups without a code'
            cand --stream-function-logs 'Accepted for `npx ampx` scripts; functions'' logs are not streamed by ampx-rs'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand delete 'Delete the sandbox: empty its buckets, delete its stack, remove amplify_outputs'
            cand status 'Show the sandbox stack: state, last deploy, buckets (the cloud sandbox)'
            cand env 'Print `export` lines that point any S3 client at the local sandbox (with --local)'
            cand users 'The local user pool''s users: add, list, remove, group add|remove'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;sandbox;delete'= {
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ampx-rs;sandbox;status'= {
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --json 'Print one JSON object'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ampx-rs;sandbox;env'= {
            cand --as 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)'
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;sandbox;users'= {
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand add 'Add a confirmed user (email verified) who can sign in at once'
            cand list 'List the users: login, status, groups, identity id'
            cand remove 'Remove a user (their files stay)'
            cand group 'Put a user in a group, or take them out'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;sandbox;users;add'= {
            cand --password 'The password, held to the pool''s policy: 8 characters with upper and lower case, a number and a symbol'
            cand --group 'A group of the definition to put the user in (repeatable)'
            cand --attribute 'Another attribute, e.g. name=Alice or custom:team=red (repeatable)'
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;sandbox;users;list'= {
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --json 'Print one JSON object per line: {login, sub, status, groups, identity_id}'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ampx-rs;sandbox;users;remove'= {
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ampx-rs;sandbox;users;group'= {
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Put EMAIL in GROUP'
            cand remove 'Take EMAIL out of GROUP'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;sandbox;users;group;add'= {
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ampx-rs;sandbox;users;group;remove'= {
            cand --identifier 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -y 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --yes 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
            cand --local 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ampx-rs;sandbox;users;group;help'= {
            cand add 'Put EMAIL in GROUP'
            cand remove 'Take EMAIL out of GROUP'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;sandbox;users;group;help;add'= {
        }
        &'ampx-rs;sandbox;users;group;help;remove'= {
        }
        &'ampx-rs;sandbox;users;group;help;help'= {
        }
        &'ampx-rs;sandbox;users;help'= {
            cand add 'Add a confirmed user (email verified) who can sign in at once'
            cand list 'List the users: login, status, groups, identity id'
            cand remove 'Remove a user (their files stay)'
            cand group 'Put a user in a group, or take them out'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;sandbox;users;help;add'= {
        }
        &'ampx-rs;sandbox;users;help;list'= {
        }
        &'ampx-rs;sandbox;users;help;remove'= {
        }
        &'ampx-rs;sandbox;users;help;group'= {
            cand add 'Put EMAIL in GROUP'
            cand remove 'Take EMAIL out of GROUP'
        }
        &'ampx-rs;sandbox;users;help;group;add'= {
        }
        &'ampx-rs;sandbox;users;help;group;remove'= {
        }
        &'ampx-rs;sandbox;users;help;help'= {
        }
        &'ampx-rs;sandbox;help'= {
            cand delete 'Delete the sandbox: empty its buckets, delete its stack, remove amplify_outputs'
            cand status 'Show the sandbox stack: state, last deploy, buckets (the cloud sandbox)'
            cand env 'Print `export` lines that point any S3 client at the local sandbox (with --local)'
            cand users 'The local user pool''s users: add, list, remove, group add|remove'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;sandbox;help;delete'= {
        }
        &'ampx-rs;sandbox;help;status'= {
        }
        &'ampx-rs;sandbox;help;env'= {
        }
        &'ampx-rs;sandbox;help;users'= {
            cand add 'Add a confirmed user (email verified) who can sign in at once'
            cand list 'List the users: login, status, groups, identity id'
            cand remove 'Remove a user (their files stay)'
            cand group 'Put a user in a group, or take them out'
        }
        &'ampx-rs;sandbox;help;users;add'= {
        }
        &'ampx-rs;sandbox;help;users;list'= {
        }
        &'ampx-rs;sandbox;help;users;remove'= {
        }
        &'ampx-rs;sandbox;help;users;group'= {
            cand add 'Put EMAIL in GROUP'
            cand remove 'Take EMAIL out of GROUP'
        }
        &'ampx-rs;sandbox;help;users;group;add'= {
        }
        &'ampx-rs;sandbox;help;users;group;remove'= {
        }
        &'ampx-rs;sandbox;help;help'= {
        }
        &'ampx-rs;synth'= {
            cand --out 'Write the template to FILE instead of standard output'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;generate'= {
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help'
            cand --help 'Print help'
            cand outputs 'Write amplify_outputs from a deployed stack (not from the local files)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;generate;outputs'= {
            cand --stack 'A stack name that contains an Amplify backend deployed by ampx-rs'
            cand --app-id 'The Amplify app of a branch deployment (with --branch): its stack is amplify-<APP_ID>-<BRANCH>-branch-<hash>, as Amplify names it'
            cand --branch 'The git branch of that deployment (with --app-id)'
            cand --out-dir 'Directory to write to (default: the project root, else the current directory)'
            cand --format 'File format: json, dart; mjs, ts, json-mobile with --outputs-version 0'
            cand --outputs-version 'Version of amplify_outputs.json (1, 1.1, 1.2, 1.3, 1.4, 1.5), or 0 for the legacy amplifyconfiguration (with the mjs, ts and json-mobile formats)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;generate;help'= {
            cand outputs 'Write amplify_outputs from a deployed stack (not from the local files)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;generate;help;outputs'= {
        }
        &'ampx-rs;generate;help;help'= {
        }
        &'ampx-rs;cp'= {
            cand --as 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)'
            cand --include 'Copy only what matches this glob (relative to SRC; later filters win)'
            cand --exclude 'Skip what matches this glob (relative to SRC; later filters win)'
            cand --concurrency 'Requests in flight at once'
            cand --multipart-threshold 'Move files of this size and above in parts of 8 MiB, e.g. 64MiB [default: 8MiB, or 1GiB for uploads to a server on this machine, which take one request]'
            cand --content-type 'Content-Type of uploaded objects, e.g. image/jpeg (default: guessed from the file extension)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -r 'Copy a whole folder or key prefix'
            cand --recursive 'Copy a whole folder or key prefix'
            cand --dryrun 'Show what would be done, do nothing'
            cand --no-progress 'Do not show the progress bar'
            cand --json 'One JSON line per object instead of text, before acting: {"action", "from", "to", "size", "dryrun"} (and for sync --delete {"action": "delete", "target", "dryrun"})'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;mv'= {
            cand --as 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)'
            cand --include 'Copy only what matches this glob (relative to SRC; later filters win)'
            cand --exclude 'Skip what matches this glob (relative to SRC; later filters win)'
            cand --concurrency 'Requests in flight at once'
            cand --multipart-threshold 'Move files of this size and above in parts of 8 MiB, e.g. 64MiB [default: 8MiB, or 1GiB for uploads to a server on this machine, which take one request]'
            cand --content-type 'Content-Type of uploaded objects, e.g. image/jpeg (default: guessed from the file extension)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -r 'Move a whole folder or key prefix'
            cand --recursive 'Move a whole folder or key prefix'
            cand --dryrun 'Show what would be done, do nothing'
            cand --no-progress 'Do not show the progress bar'
            cand --json 'One JSON line per object instead of text, before acting: {"action", "from", "to", "size", "dryrun"} (and for sync --delete {"action": "delete", "target", "dryrun"})'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;sync'= {
            cand --as 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)'
            cand --include 'Copy only what matches this glob (relative to SRC; later filters win)'
            cand --exclude 'Skip what matches this glob (relative to SRC; later filters win)'
            cand --concurrency 'Requests in flight at once'
            cand --multipart-threshold 'Move files of this size and above in parts of 8 MiB, e.g. 64MiB [default: 8MiB, or 1GiB for uploads to a server on this machine, which take one request]'
            cand --content-type 'Content-Type of uploaded objects, e.g. image/jpeg (default: guessed from the file extension)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --delete 'Delete what DST holds and SRC does not (never outside DST''s folder, never what --exclude leaves out)'
            cand --size-only 'Compare sizes only, not times'
            cand --checksum 'Compare contents: a file of the same size is copied when its ETag differs (MD5, or for files sent in parts the multipart ETag computed locally), whatever its time'
            cand --exact-timestamps 'Downloads: copy when the times differ at all, not only when SRC is newer'
            cand --watch 'After syncing, keep watching the local SRC folder and sync again whenever files change (for seeding a sandbox''s buckets); Ctrl-C stops'
            cand --dryrun 'Show what would be done, do nothing'
            cand --no-progress 'Do not show the progress bar'
            cand --json 'One JSON line per object instead of text, before acting: {"action", "from", "to", "size", "dryrun"} (and for sync --delete {"action": "delete", "target", "dryrun"})'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;ls'= {
            cand --as 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -r 'List every object under the prefix, not just one level'
            cand --recursive 'List every object under the prefix, not just one level'
            cand -H 'Show sizes as KiB, MiB, GiB…'
            cand --human-readable 'Show sizes as KiB, MiB, GiB…'
            cand --summarize 'End with the number of objects and their total size'
            cand --json 'Print JSON Lines (one object per line; fields in docs/ls.md)'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;rm'= {
            cand --as 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)'
            cand --include 'Delete only what matches this glob (relative to the prefix; later filters win)'
            cand --exclude 'Keep what matches this glob (relative to the prefix; later filters win)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -r 'Delete every object under the prefix (treated as a folder)'
            cand --recursive 'Delete every object under the prefix (treated as a folder)'
            cand --dryrun 'Show what would be deleted, delete nothing'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'One JSON line per object, {"action": "delete", "target", "dryrun"}, instead of text'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;presign'= {
            cand --as 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)'
            cand --expires-in 'Seconds the URL stays valid (1 to 604800, i.e. 7 days)'
            cand --method 'GET downloads the object, PUT uploads it'
            cand --content-type 'Content-Type signed into a PUT URL (the upload must send the same header)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --json 'Print {"url", "method", "expires_in", "expires_at"} as one JSON line'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;access'= {
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand check 'May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided; exits 0 when allowed, 1 when denied, 2 on an error (like `test`)'
            cand why 'Why may (or may not) WHO do ACTION on s3://NAME/KEY? The path rule that decides, the trap it is, and the smallest change to the definition that allows it'
            cand diff 'Who gains and who loses access between a git revision and the working files'
            cand table 'The matrix of access paths × principals × actions, as IAM will enforce it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;access;check'= {
            cand --as 'user:EMAIL (a user of the local user pool), guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --deployed 'Try the whole access table against the deployed sandbox as its app users'
            cand --json 'Print one JSON line per action: {who, action, uri, allowed, reason} (with --deployed: one per disagreement)'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;access;why'= {
            cand --as 'user:EMAIL (a user of the local user pool), guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]'
            cand --error 'The text of a denied request, as the browser console, an SDK or the CLI printed it'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --json 'Print one JSON line per action: {who, action, uri, allowed, explanation}'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;access;diff'= {
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --json 'Print JSON Lines: {bucket, path, principal, action, change: gained|lost}'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;access;table'= {
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --json 'Print JSON Lines: {bucket, path, principal, actions}'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ampx-rs;access;help'= {
            cand check 'May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided; exits 0 when allowed, 1 when denied, 2 on an error (like `test`)'
            cand why 'Why may (or may not) WHO do ACTION on s3://NAME/KEY? The path rule that decides, the trap it is, and the smallest change to the definition that allows it'
            cand diff 'Who gains and who loses access between a git revision and the working files'
            cand table 'The matrix of access paths × principals × actions, as IAM will enforce it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;access;help;check'= {
        }
        &'ampx-rs;access;help;why'= {
        }
        &'ampx-rs;access;help;diff'= {
        }
        &'ampx-rs;access;help;table'= {
        }
        &'ampx-rs;access;help;help'= {
        }
        &'ampx-rs;browse'= {
            cand --bucket 'Open this bucket (friendly name) first'
            cand --port 'Serve on this port of 127.0.0.1 (0: a free one)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --local 'Browse the local sandbox (start it first with `ampx-rs sandbox --local`)'
            cand --no-open 'Do not open the page in the default browser'
            cand --json 'Print {"url": …} as one JSON line instead of the sentence'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;info'= {
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand --json 'Print one JSON object instead of lines'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;completions'= {
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand --debug 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;help'= {
            cand sandbox 'Deploy the backend as your own sandbox stack, keep it in step with your files'
            cand synth 'Check the backend definition offline and print the CloudFormation template the sandbox deploys'
            cand generate 'Generate files from a deployed backend'
            cand cp 'Copy files to, from or between buckets'
            cand mv 'Move files to, from or between buckets'
            cand sync 'Sync a folder or key prefix to another'
            cand ls 'List the configured buckets, or the objects in one'
            cand rm 'Delete one object, or with --recursive every object under a prefix'
            cand presign 'Print a presigned URL that downloads (GET) or uploads (PUT) one object'
            cand access 'Explain who may do what in the buckets, offline, from the definition'
            cand browse 'Browse and manage the buckets in a web page on this machine'
            cand info 'Show versions, paths and settings for a bug report'
            cand completions 'Print the completion script for a shell'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;help;sandbox'= {
            cand delete 'Delete the sandbox: empty its buckets, delete its stack, remove amplify_outputs'
            cand status 'Show the sandbox stack: state, last deploy, buckets (the cloud sandbox)'
            cand env 'Print `export` lines that point any S3 client at the local sandbox (with --local)'
            cand users 'The local user pool''s users: add, list, remove, group add|remove'
        }
        &'ampx-rs;help;sandbox;delete'= {
        }
        &'ampx-rs;help;sandbox;status'= {
        }
        &'ampx-rs;help;sandbox;env'= {
        }
        &'ampx-rs;help;sandbox;users'= {
            cand add 'Add a confirmed user (email verified) who can sign in at once'
            cand list 'List the users: login, status, groups, identity id'
            cand remove 'Remove a user (their files stay)'
            cand group 'Put a user in a group, or take them out'
        }
        &'ampx-rs;help;sandbox;users;add'= {
        }
        &'ampx-rs;help;sandbox;users;list'= {
        }
        &'ampx-rs;help;sandbox;users;remove'= {
        }
        &'ampx-rs;help;sandbox;users;group'= {
            cand add 'Put EMAIL in GROUP'
            cand remove 'Take EMAIL out of GROUP'
        }
        &'ampx-rs;help;sandbox;users;group;add'= {
        }
        &'ampx-rs;help;sandbox;users;group;remove'= {
        }
        &'ampx-rs;help;synth'= {
        }
        &'ampx-rs;help;generate'= {
            cand outputs 'Write amplify_outputs from a deployed stack (not from the local files)'
        }
        &'ampx-rs;help;generate;outputs'= {
        }
        &'ampx-rs;help;cp'= {
        }
        &'ampx-rs;help;mv'= {
        }
        &'ampx-rs;help;sync'= {
        }
        &'ampx-rs;help;ls'= {
        }
        &'ampx-rs;help;rm'= {
        }
        &'ampx-rs;help;presign'= {
        }
        &'ampx-rs;help;access'= {
            cand check 'May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided; exits 0 when allowed, 1 when denied, 2 on an error (like `test`)'
            cand why 'Why may (or may not) WHO do ACTION on s3://NAME/KEY? The path rule that decides, the trap it is, and the smallest change to the definition that allows it'
            cand diff 'Who gains and who loses access between a git revision and the working files'
            cand table 'The matrix of access paths × principals × actions, as IAM will enforce it'
        }
        &'ampx-rs;help;access;check'= {
        }
        &'ampx-rs;help;access;why'= {
        }
        &'ampx-rs;help;access;diff'= {
        }
        &'ampx-rs;help;access;table'= {
        }
        &'ampx-rs;help;browse'= {
        }
        &'ampx-rs;help;info'= {
        }
        &'ampx-rs;help;completions'= {
        }
        &'ampx-rs;help;help'= {
        }
    ]
    $completions[$command]
}
