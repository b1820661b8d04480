#!/usr/bin/env bash
# Starts Jupyter on the NewsLens notebooks (notebooks/*.ipynb) with the Java kernel "newslens-java".
#   notebooks/start-notebook.sh [OUTPUT_DIR] [jupyter notebook options...]     (bin/newslens notebook calls it)
# OUTPUT_DIR: the run's output directory the notebooks read (NEWSLENS_OUT); default $NEWSLENS_OUT, else ./out
# (relative to where you run the command). Then:
#   1. builds the kernel module when notebooks/kernel/target is missing or older than the kernel's or the
#      jobs module's sources (mvn -B -ntp -pl notebooks/kernel -am install -DskipTests; log in
#      notebooks/kernel/target-build.log);
#   2. installs the kernelspec into notebooks/kernel/target/jupyter (install-kernel.sh) and puts that on
#      JUPYTER_PATH;
#   3. runs `jupyter notebook` on notebooks/, bound to 127.0.0.1 (NEWSLENS_NOTEBOOK_PORT, default 8888).
# Jupyter comes from Debian: notebooks/install-deps.sh installs it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
kernel="$here/kernel"

out_arg=""
if [[ $# -gt 0 && "$1" != -* ]]; then
  out_arg="$1"
  shift
fi
out="${out_arg:-${NEWSLENS_OUT:-./out}}"
if [[ "$out" != *://* ]]; then
  out="$(realpath -m "$out")"
  if [[ ! -d "$out" || -z "$(ls -A "$out" 2>/dev/null)" ]]; then
    echo "start-notebook.sh: warning: $out holds no tables yet; run \`bin/newslens run --output $out\` first" >&2
  fi
fi

command -v jupyter >/dev/null 2>&1 && command -v jupyter-notebook >/dev/null 2>&1 || {
  echo "start-notebook.sh: Jupyter is not installed; run notebooks/install-deps.sh (Debian: jupyter-notebook jupyter-nbconvert python3-ipykernel)" >&2
  exit 1
}

needs_build() {
  local jar
  jar="$(ls "$kernel"/target/newslens-kernel-*.jar 2>/dev/null | grep -v -E -- '-(sources|tests|javadoc)\.jar$' | head -n 1 || true)"
  [[ -z "$jar" || ! -f "$kernel/target/kernelspec/classpath.txt" || ! -f "$kernel/target/kernelspec/jvm-flags.txt" ]] && return 0
  [[ -n "$(find "$kernel/src/main" "$kernel/pom.xml" "$repo/jobs/src/main" "$repo/jobs/pom.xml" "$repo/pom.xml" \
            -newer "$jar" -type f -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  echo "start-notebook.sh: building the kernel module (mvn -pl notebooks/kernel -am install; first build downloads Spark, a few minutes)..." >&2
  (cd "$repo" && mvn -B -ntp -pl notebooks/kernel -am install -DskipTests) > "$kernel/target-build.log" 2>&1 || {
    echo "start-notebook.sh: build failed; see notebooks/kernel/target-build.log" >&2
    tail -n 20 "$kernel/target-build.log" >&2
    exit 1
  }
fi

"$kernel/install-kernel.sh" >/dev/null
export JUPYTER_PATH="$kernel/target/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export NEWSLENS_OUT="$out"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

echo "start-notebook.sh: notebooks in $here, reading NEWSLENS_OUT=$NEWSLENS_OUT; kernel \"Java (NewsLens, Spark)\"" >&2
root_flag=()
[[ "$(id -u)" == 0 ]] && root_flag=(--allow-root)   # containers often run as root; Jupyter refuses it otherwise
exec jupyter notebook --ip=127.0.0.1 --port="${NEWSLENS_NOTEBOOK_PORT:-8888}" --notebook-dir="$here" "${root_flag[@]}" "$@"
