# Completes a command line in a real interactive zsh, as a person pressing Tab would.
# usage: zsh tests/shell/complete.zsh COMPLETIONS_DIR "ampx-rs sa"
# Loads the completion functions of COMPLETIONS_DIR with compinit, types the words and
# a Tab, then prints the command line the completion left (one line), exit 0; exit 1
# when zsh never showed it.
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'show() { print -r -- "BUF:[$BUFFER]" }; zle -N show; bindkey "^X" show; bindkey "^I" complete-word'
zpty -w z "$2"$'\t\x18'
local line
integer i=0
while (( i++ < 200 )); do
  zpty -r -t z line || { sleep 0.05; continue; }
  # The terminal echoes the `show` definition itself; its line names BUFFER.
  if [[ $line == *BUF:\[* && $line != *BUFFER* ]]; then
    line=${line#*BUF:\[}
    print -r -- "${line%%\]*}"
    exit 0
  fi
done
exit 1
