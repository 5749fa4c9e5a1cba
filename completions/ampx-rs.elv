
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
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand synth 'Check the backend definition offline and print the CloudFormation template the sandbox deploys'
            cand cp 'Copy files to, from or between buckets'
            cand ls 'List the configured buckets, or the objects in one'
            cand rm 'Delete one object, or with --recursive every object under a prefix'
            cand presign 'Print a presigned URL that downloads (GET) or uploads (PUT) one object'
            cand completions 'Print the completion script for a shell'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;synth'= {
            cand --out 'Write the template to FILE instead of standard output'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;cp'= {
            cand --include 'Copy only what matches this glob (relative to SRC; later filters win)'
            cand --exclude 'Skip what matches this glob (relative to SRC; later filters win)'
            cand --concurrency 'Requests in flight at once'
            cand --content-type 'Content-Type of uploaded objects (default: guessed from the file extension)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -r 'Copy a whole folder or key prefix'
            cand --recursive 'Copy a whole folder or key prefix'
            cand --dryrun 'Show what would be copied, copy nothing'
            cand --no-progress 'Do not show the progress bar'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;ls'= {
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
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;rm'= {
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
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;presign'= {
            cand --expires-in 'Seconds the URL stays valid (1 to 604800, i.e. 7 days)'
            cand --method 'GET downloads the object, PUT uploads it'
            cand --content-type 'Content-Type signed into a PUT URL (the upload must send the same header)'
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;completions'= {
            cand --profile 'Use this AWS profile from ~/.aws/config'
            cand --region 'AWS region for buckets the outputs file does not place'
            cand --outputs 'Read bucket names from this amplify_outputs.json instead of the nearest one'
            cand -q 'Print only errors (no per-object lines, summaries or progress)'
            cand --quiet 'Print only errors (no per-object lines, summaries or progress)'
            cand --verbose 'Explain what is resolved and sent (bucket, region, endpoint)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;help'= {
            cand synth 'Check the backend definition offline and print the CloudFormation template the sandbox deploys'
            cand cp 'Copy files to, from or between buckets'
            cand ls 'List the configured buckets, or the objects in one'
            cand rm 'Delete one object, or with --recursive every object under a prefix'
            cand presign 'Print a presigned URL that downloads (GET) or uploads (PUT) one object'
            cand completions 'Print the completion script for a shell'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;help;synth'= {
        }
        &'ampx-rs;help;cp'= {
        }
        &'ampx-rs;help;ls'= {
        }
        &'ampx-rs;help;rm'= {
        }
        &'ampx-rs;help;presign'= {
        }
        &'ampx-rs;help;completions'= {
        }
        &'ampx-rs;help;help'= {
        }
    ]
    $completions[$command]
}
