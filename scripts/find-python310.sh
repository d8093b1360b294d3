#!/usr/bin/env bash
# Prints the path of a working Python 3.10 (Rasa 3.6 runs on 3.8 to 3.10 only), or nothing.
# pyenv's shims answer to `python3.10` even when 3.10 is not selected, so each candidate is run.
candidates=("${PYTHON310:-}" "$(command -v python3.10 2>/dev/null)")
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root 2>/dev/null)
  candidates+=($(ls -d "$root"/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V -r))
fi
candidates+=($(ls -d "$HOME"/.pyenv/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V -r) /usr/bin/python3.10 /usr/local/bin/python3.10)
for candidate in "${candidates[@]}"; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  if "$candidate" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then
    echo "$candidate"
    exit 0
  fi
done
