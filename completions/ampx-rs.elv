
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
            cand -V 'Print version'
            cand --version 'Print version'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand synth 'Check the backend definition offline and print the CloudFormation template the sandbox deploys'
            cand completions 'Print the completion script for a shell'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;synth'= {
            cand --out 'Write the template to FILE instead of standard output'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;completions'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ampx-rs;help'= {
            cand synth 'Check the backend definition offline and print the CloudFormation template the sandbox deploys'
            cand completions 'Print the completion script for a shell'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ampx-rs;help;synth'= {
        }
        &'ampx-rs;help;completions'= {
        }
        &'ampx-rs;help;help'= {
        }
    ]
    $completions[$command]
}
