#!/usr/bin/env bash
# Installs what the notebooks need to run headlessly (NotebooksIT, bin/newslens notebook): Jupyter from Debian.
# PyPI is not reachable here, and the python3 on PATH may be another interpreter: only the `jupyter` command counts.
# Idempotent and fast when Jupyter is already there (one `jupyter nbconvert --version`, about 1 s).
set -euo pipefail

have_jupyter() { # nbconvert for headless runs, the notebook server for bin/newslens notebook
  command -v jupyter >/dev/null 2>&1 && command -v jupyter-notebook >/dev/null 2>&1 \
    && jupyter nbconvert --version >/dev/null 2>&1
}

if have_jupyter; then
  exit 0
fi

packages=(jupyter-notebook jupyter-nbconvert python3-ipykernel)
sudo=""
if [[ "$(id -u)" != 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps.sh: need root (or sudo) to apt-get install ${packages[*]}" >&2; exit 1; }
  sudo="sudo"
fi
command -v apt-get >/dev/null 2>&1 || { echo "install-deps.sh: no apt-get; install Jupyter (${packages[*]}) by other means" >&2; exit 1; }

echo "install-deps.sh: installing Jupyter from Debian (${packages[*]})..." >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

have_jupyter || { echo "install-deps.sh: jupyter still not working after apt-get install" >&2; exit 1; }
echo "install-deps.sh: $(jupyter nbconvert --version 2>/dev/null | head -n 1 | sed 's/^/nbconvert /')" >&2
