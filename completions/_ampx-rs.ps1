
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
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('synth', 'synth', [CompletionResultType]::ParameterValue, 'Check the backend definition offline and print the CloudFormation template the sandbox deploys')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy files to, from or between buckets')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the configured buckets, or the objects in one')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete one object, or with --recursive every object under a prefix')
            [CompletionResult]::new('presign', 'presign', [CompletionResultType]::ParameterValue, 'Print a presigned URL that downloads (GET) or uploads (PUT) one object')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;synth' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the template to FILE instead of standard output')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;cp' {
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Copy only what matches this glob (relative to SRC; later filters win)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip what matches this glob (relative to SRC; later filters win)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'Content-Type of uploaded objects (default: guessed from the file extension)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Copy a whole folder or key prefix')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Copy a whole folder or key prefix')
            [CompletionResult]::new('--dryrun', '--dryrun', [CompletionResultType]::ParameterName, 'Show what would be copied, copy nothing')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Do not show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;ls' {
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
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;rm' {
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
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;presign' {
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Seconds the URL stays valid (1 to 604800, i.e. 7 days)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'GET downloads the object, PUT uploads it')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'Content-Type signed into a PUT URL (the upload must send the same header)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this AWS profile from ~/.aws/config')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for buckets the outputs file does not place')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Read bucket names from this amplify_outputs.json instead of the nearest one')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (no per-object lines, summaries or progress)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint)')
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
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is resolved and sent (bucket, region, endpoint)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ampx-rs;help' {
            [CompletionResult]::new('synth', 'synth', [CompletionResultType]::ParameterValue, 'Check the backend definition offline and print the CloudFormation template the sandbox deploys')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy files to, from or between buckets')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the configured buckets, or the objects in one')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete one object, or with --recursive every object under a prefix')
            [CompletionResult]::new('presign', 'presign', [CompletionResultType]::ParameterValue, 'Print a presigned URL that downloads (GET) or uploads (PUT) one object')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ampx-rs;help;synth' {
            break
        }
        'ampx-rs;help;cp' {
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
