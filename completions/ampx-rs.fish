# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ampx_rs_global_optspecs
    string join \n V/version h/help
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

complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -s V -l version -d 'Print version'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "synth" -d 'Check the backend definition offline and print the CloudFormation template the sandbox deploys'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "completions" -d 'Print the completion script for a shell'
complete -c ampx-rs -n "__fish_ampx_rs_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand synth" -l out -d 'Write the template to FILE instead of standard output' -r -F
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand synth" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from synth completions help" -f -a "synth" -d 'Check the backend definition offline and print the CloudFormation template the sandbox deploys'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from synth completions help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c ampx-rs -n "__fish_ampx_rs_using_subcommand help; and not __fish_seen_subcommand_from synth completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
