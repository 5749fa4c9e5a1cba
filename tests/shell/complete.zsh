# Completes a command line in a real interactive zsh, as a person pressing Tab would.
# usage: zsh tests/shell/complete.zsh COMPLETIONS_DIR "ampx-rs sa"
# Loads the completion functions of COMPLETIONS_DIR with compinit, types the words and
# a Tab, then prints the command line the completion left (one line), exit 0; exit 1
# when zsh never showed it within 60 s.
#
# Two things keep this steady on a loaded machine: the words are typed only after the
# shell says its line editor is waiting (typed earlier, they can meet a terminal still in
# cooked mode), and the key that shows the line is ^T, which starts no longer key
# sequence (^X does, so zsh would wait to see whether more keys follow).
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'show() { print -r -- "BUF:[$BUFFER]" }; zle -N show; bindkey "^T" show; bindkey "^I" complete-word'
# The echo of this line names READY$((6*7)); only the hook's own output reads READY42.
zpty -w z 'zle-line-init() { print -rn -- READY$((6*7)) }; zle -N zle-line-init'

# Reads the shell's output until a line matches $1 (a pattern), at most 60 s.
await() {
  local line
  while (( SECONDS < 60 )); do
    zpty -r -t z line || { sleep 0.02; continue; }
    if [[ $line == $~1 ]]; then
      REPLY=$line
      return 0
    fi
  done
  return 1
}

await '*READY42*' || exit 1
zpty -w -n z "$2"$'\t\x14'
# The echo of the `show` definition names BUFFER; its output does not.
await '*BUF:\[*' && [[ $REPLY != *BUFFER* ]] || exit 1
REPLY=${REPLY#*BUF:\[}
print -r -- "${REPLY%%\]*}"
