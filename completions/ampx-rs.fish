# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ampx_rs_global_optspecs
    string join \n V/version profile= region= outputs= q/quiet verbose h/help
end

function __fish_ampx_rs_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ampx_rs_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ampx_rs_using_subcommand
    set -l cmd (__fish_ampx_rs_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -s V -l version -d 'Print version'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "sandbox" -d 'Deploy the backend as your own sandbox stack, keep it in step with your files'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "synth" -d 'Check the backend definition offline and print the CloudFormation template the sandbox deploys'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "generate" -d 'Generate files from a deployed backend'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "cp" -d 'Copy files to, from or between buckets'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "mv" -d 'Move files to, from or between buckets'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "sync" -d 'Sync a folder or key prefix to another'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "ls" -d 'List the configured buckets, or the objects in one'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "rm" -d 'Delete one object, or with --recursive every object under a prefix'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "presign" -d 'Print a presigned URL that downloads (GET) or uploads (PUT) one object'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "access" -d 'Explain who may do what in the buckets, offline, from the definition'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "browse" -d 'Browse and manage the buckets in a web page on this machine'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "info" -d 'Show versions, paths and settings for a bug report'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "completions" -d 'Print the completion script for a shell'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l identifier -d 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l dir-to-watch -d 'Directory to watch for file changes (default: the project\'s amplify/)' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l exclude -d 'Paths or globs to ignore when watching (repeatable)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l outputs-out-dir -d 'Directory where amplify_outputs is written (default: the project root)' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l outputs-format -d 'amplify_outputs file format: json, dart; mjs, ts, json-mobile with --outputs-version 0' -r -f -a "json\t''
dart\t''
mjs\t''
ts\t''
json-mobile\t''"
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l outputs-version -d 'Version of amplify_outputs.json (1, 1.1, 1.2, 1.3, 1.4, 1.5), or 0 for the legacy amplifyconfiguration (with the mjs, ts and json-mobile formats)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l port -d 'Port of the local sandbox (0: a free one, named in the outputs)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l allow-origin -d 'A page origin the local sandbox answers besides localhost, 127.0.0.1 and [::1] (repeatable), e.g. https://dev.example.com' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l token-lifetime -d 'Lifetime of the local user pool\'s id and access tokens, in seconds (Amplify\'s default is 3600; a short one lets an app\'s token refresh be tried)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l logs-filter -d 'Accepted for `npx ampx` scripts (with --stream-function-logs)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l logs-out-file -d 'Accepted for `npx ampx` scripts (with --stream-function-logs)' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l once -d 'Deploy once and exit, without watching for changes'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l express -d 'Deploy with CloudFormation Express mode (faster; a failed deploy is not rolled back)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l without-left-out -d 'Deploy storage and auth even when parts of the backend that ampx-rs leaves out (CDK grants or policy overrides in backend.ts, allow.resource) change who may do what; those parts stay undeployed'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -s y -l yes -d 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l local -d 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l auto-confirm -d 'Confirm the local user pool\'s sign-ups without a code'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l stream-function-logs -d 'Accepted for `npx ampx` scripts; functions\' logs are not streamed by ampx-rs'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -f -a "delete" -d 'Delete the sandbox: empty its buckets, delete its stack, remove amplify_outputs'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -f -a "status" -d 'Show the sandbox stack: state, last deploy, buckets (the cloud sandbox)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -f -a "env" -d 'Print `export` lines that point any S3 client at the local sandbox (with --local)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -f -a "users" -d 'The local user pool\'s users: add, list, remove, group add|remove'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and not __fish_seen_subcommand_from delete status env users help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from delete" -l identifier -d 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from delete" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from delete" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from delete" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from delete" -l local -d 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from delete" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l identifier -d 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON object'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s y -l yes -d 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l local -d 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l as -d 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l identifier -d 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s y -l yes -d 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l local -d 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from env" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -l identifier -d 'An optional identifier to distinguish between different sandboxes. Default is the name of the system user executing the process' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -s y -l yes -d 'Do not ask before a deploy or delete that loses data, or (--local) before rules that take access away from objects that exist'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -l local -d 'Run the backend on this machine instead: S3, a user pool and identities on 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account needed'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -f -a "add" -d 'Add a confirmed user (email verified) who can sign in at once'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -f -a "list" -d 'List the users: login, status, groups, identity id'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -f -a "remove" -d 'Remove a user (their files stay)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -f -a "group" -d 'Put a user in a group, or take them out'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from users" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete the sandbox: empty its buckets, delete its stack, remove amplify_outputs'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the sandbox stack: state, last deploy, buckets (the cloud sandbox)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "env" -d 'Print `export` lines that point any S3 client at the local sandbox (with --local)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "users" -d 'The local user pool\'s users: add, list, remove, group add|remove'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand synth" -l out -d 'Write the template to FILE instead of standard output' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand synth" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand synth" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand synth" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand synth" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand synth" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand synth" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and not __fish_seen_subcommand_from outputs help" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and not __fish_seen_subcommand_from outputs help" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and not __fish_seen_subcommand_from outputs help" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and not __fish_seen_subcommand_from outputs help" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and not __fish_seen_subcommand_from outputs help" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and not __fish_seen_subcommand_from outputs help" -s h -l help -d 'Print help'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and not __fish_seen_subcommand_from outputs help" -f -a "outputs" -d 'Write amplify_outputs from a deployed stack (not from the local files)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and not __fish_seen_subcommand_from outputs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -l stack -d 'A stack name that contains an Amplify backend deployed by ampx-rs' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -l app-id -d 'The Amplify app of a branch deployment (with --branch): its stack is amplify-<APP_ID>-<BRANCH>-branch-<hash>, as Amplify names it' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -l branch -d 'The git branch of that deployment (with --app-id)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -l out-dir -d 'Directory to write to (default: the project root, else the current directory)' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -l format -d 'File format: json, dart; mjs, ts, json-mobile with --outputs-version 0' -r -f -a "json\t''
dart\t''
mjs\t''
ts\t''
json-mobile\t''"
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -l outputs-version -d 'Version of amplify_outputs.json (1, 1.1, 1.2, 1.3, 1.4, 1.5), or 0 for the legacy amplifyconfiguration (with the mjs, ts and json-mobile formats)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from outputs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "outputs" -d 'Write amplify_outputs from a deployed stack (not from the local files)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l as -d 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l include -d 'Copy only what matches this glob (relative to SRC; later filters win)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l exclude -d 'Skip what matches this glob (relative to SRC; later filters win)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l concurrency -d 'Requests in flight at once' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l multipart-threshold -d 'Move files of this size and above in parts of 8 MiB, e.g. 64MiB [default: 8MiB, or 1GiB for uploads to a server on this machine, which take one request]' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l content-type -d 'Content-Type of uploaded objects, e.g. image/jpeg (default: guessed from the file extension)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -s r -l recursive -d 'Copy a whole folder or key prefix'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l dryrun -d 'Show what would be done, do nothing'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l no-progress -d 'Do not show the progress bar'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l json -d 'One JSON line per object instead of text, before acting: {"action", "from", "to", "size", "dryrun"} (and for sync --delete {"action": "delete", "target", "dryrun"})'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l as -d 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l include -d 'Copy only what matches this glob (relative to SRC; later filters win)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l exclude -d 'Skip what matches this glob (relative to SRC; later filters win)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l concurrency -d 'Requests in flight at once' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l multipart-threshold -d 'Move files of this size and above in parts of 8 MiB, e.g. 64MiB [default: 8MiB, or 1GiB for uploads to a server on this machine, which take one request]' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l content-type -d 'Content-Type of uploaded objects, e.g. image/jpeg (default: guessed from the file extension)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -s r -l recursive -d 'Move a whole folder or key prefix'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l dryrun -d 'Show what would be done, do nothing'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l no-progress -d 'Do not show the progress bar'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l json -d 'One JSON line per object instead of text, before acting: {"action", "from", "to", "size", "dryrun"} (and for sync --delete {"action": "delete", "target", "dryrun"})'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand mv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l as -d 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l include -d 'Copy only what matches this glob (relative to SRC; later filters win)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l exclude -d 'Skip what matches this glob (relative to SRC; later filters win)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l concurrency -d 'Requests in flight at once' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l multipart-threshold -d 'Move files of this size and above in parts of 8 MiB, e.g. 64MiB [default: 8MiB, or 1GiB for uploads to a server on this machine, which take one request]' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l content-type -d 'Content-Type of uploaded objects, e.g. image/jpeg (default: guessed from the file extension)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l delete -d 'Delete what DST holds and SRC does not (never outside DST\'s folder, never what --exclude leaves out)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l size-only -d 'Compare sizes only, not times'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l checksum -d 'Compare contents: a file of the same size is copied when its ETag differs (MD5, or for files sent in parts the multipart ETag computed locally), whatever its time'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l exact-timestamps -d 'Downloads: copy when the times differ at all, not only when SRC is newer'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l watch -d 'After syncing, keep watching the local SRC folder and sync again whenever files change (for seeding a sandbox\'s buckets); Ctrl-C stops'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l dryrun -d 'Show what would be done, do nothing'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l no-progress -d 'Do not show the progress bar'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l json -d 'One JSON line per object instead of text, before acting: {"action", "from", "to", "size", "dryrun"} (and for sync --delete {"action": "delete", "target", "dryrun"})'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -l as -d 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -s r -l recursive -d 'List every object under the prefix, not just one level'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -s H -l human-readable -d 'Show sizes as KiB, MiB, GiB…'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -l summarize -d 'End with the number of objects and their total size'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -l json -d 'Print JSON Lines (one object per line; fields in docs/ls.md)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -l as -d 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -l include -d 'Delete only what matches this glob (relative to the prefix; later filters win)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -l exclude -d 'Keep what matches this glob (relative to the prefix; later filters win)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -s r -l recursive -d 'Delete every object under the prefix (treated as a folder)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -l dryrun -d 'Show what would be deleted, delete nothing'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -s y -l yes -d 'Do not ask for confirmation'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -l json -d 'One JSON line per object, {"action": "delete", "target", "dryrun"}, instead of text'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -l as -d 'Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a role; on the deployed sandbox, a guest or a test user of its user pool, with credentials from its identity pool (see docs/access.md)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -l expires-in -d 'Seconds the URL stays valid (1 to 604800, i.e. 7 days)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -l method -d 'GET downloads the object, PUT uploads it' -r -f -a "get\t''
put\t''"
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -l content-type -d 'Content-Type signed into a PUT URL (the upload must send the same header)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -l json -d 'Print {"url", "method", "expires_in", "expires_at"} as one JSON line'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand presign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -f -a "check" -d 'May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided; exits 0 when allowed, 1 when denied, 2 on an error (like `test`)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -f -a "why" -d 'Why may (or may not) WHO do ACTION on s3://NAME/KEY? The path rule that decides, the trap it is, and the smallest change to the definition that allows it'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -f -a "diff" -d 'Who gains and who loses access between a git revision and the working files'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -f -a "table" -d 'The matrix of access paths × principals × actions, as IAM will enforce it'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and not __fish_seen_subcommand_from check why diff table help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from check" -l as -d 'user:EMAIL (a user of the local user pool), guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from check" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from check" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from check" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from check" -l deployed -d 'Try the whole access table against the deployed sandbox as its app users'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from check" -l json -d 'Print one JSON line per action: {who, action, uri, allowed, reason} (with --deployed: one per disagreement)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from check" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from why" -l as -d 'user:EMAIL (a user of the local user pool), guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from why" -l error -d 'The text of a denied request, as the browser console, an SDK or the CLI printed it' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from why" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from why" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from why" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from why" -l json -d 'Print one JSON line per action: {who, action, uri, allowed, explanation}'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from why" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from why" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from why" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from diff" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from diff" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from diff" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from diff" -l json -d 'Print JSON Lines: {bucket, path, principal, action, change: gained|lost}'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from diff" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from diff" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from table" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from table" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from table" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from table" -l json -d 'Print JSON Lines: {bucket, path, principal, actions}'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from table" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from table" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from table" -s h -l help -d 'Print help'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "check" -d 'May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided; exits 0 when allowed, 1 when denied, 2 on an error (like `test`)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "why" -d 'Why may (or may not) WHO do ACTION on s3://NAME/KEY? The path rule that decides, the trap it is, and the smallest change to the definition that allows it'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Who gains and who loses access between a git revision and the working files'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "table" -d 'The matrix of access paths × principals × actions, as IAM will enforce it'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -l bucket -d 'Open this bucket (friendly name) first' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -l port -d 'Serve on this port of 127.0.0.1 (0: a free one)' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -l local -d 'Browse the local sandbox (start it first with `ampx-rs sandbox --local`)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -l no-open -d 'Do not open the page in the default browser'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -l json -d 'Print {"url": …} as one JSON line instead of the sentence'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand browse" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand info" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand info" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand info" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand info" -l json -d 'Print one JSON object instead of lines'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand info" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand info" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand completions" -l profile -d 'Use this AWS profile from ~/.aws/config' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand completions" -l region -d 'AWS region for buckets the outputs file does not place' -r
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand completions" -l outputs -d 'Read bucket names from this amplify_outputs.json instead of the nearest one' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand completions" -s q -l quiet -d 'Print only errors (no per-object lines, summaries or progress)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand completions" -l verbose -l debug -d 'Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as `npx ampx` spells it, is the same'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "sandbox" -d 'Deploy the backend as your own sandbox stack, keep it in step with your files'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "synth" -d 'Check the backend definition offline and print the CloudFormation template the sandbox deploys'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "generate" -d 'Generate files from a deployed backend'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "cp" -d 'Copy files to, from or between buckets'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "mv" -d 'Move files to, from or between buckets'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "sync" -d 'Sync a folder or key prefix to another'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "ls" -d 'List the configured buckets, or the objects in one'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "rm" -d 'Delete one object, or with --recursive every object under a prefix'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "presign" -d 'Print a presigned URL that downloads (GET) or uploads (PUT) one object'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "access" -d 'Explain who may do what in the buckets, offline, from the definition'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "browse" -d 'Browse and manage the buckets in a web page on this machine'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "info" -d 'Show versions, paths and settings for a bug report'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from sandbox synth generate cp mv sync ls rm presign access browse info completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "delete" -d 'Delete the sandbox: empty its buckets, delete its stack, remove amplify_outputs'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "status" -d 'Show the sandbox stack: state, last deploy, buckets (the cloud sandbox)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "env" -d 'Print `export` lines that point any S3 client at the local sandbox (with --local)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "users" -d 'The local user pool\'s users: add, list, remove, group add|remove'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "outputs" -d 'Write amplify_outputs from a deployed stack (not from the local files)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "check" -d 'May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided; exits 0 when allowed, 1 when denied, 2 on an error (like `test`)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "why" -d 'Why may (or may not) WHO do ACTION on s3://NAME/KEY? The path rule that decides, the trap it is, and the smallest change to the definition that allows it'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "diff" -d 'Who gains and who loses access between a git revision and the working files'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "table" -d 'The matrix of access paths × principals × actions, as IAM will enforce it'
