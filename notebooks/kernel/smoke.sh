#!/usr/bin/env bash
# Integration check of the NewsLens Java kernel through real Jupyter (no NewsLens tables needed):
#   1. installs the kernelspec (install-kernel.sh; the module must be built, or pass --build);
#   2. executes src/test/notebooks/smoke.ipynb with nbconvert and asserts it has an image/png output and an
#      escaped text/html table;
#   3. asserts nbconvert FAILS on failing.ipynb (runtime exception) and compile-error.ipynb (javac error),
#      showing the real exception / javac's message;
#   4. times first-query.ipynb: kernel start plus a first Spark query, printed as "kernel start + first query".
# Needs the jupyter command (Debian: jupyter-nbconvert jupyter-client python3-ipykernel). Output: target/smoke/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${1:-}" == "--build" ]]; then
  (cd "$here/../.." && mvn -B -q -pl notebooks/kernel -am install -DskipTests)
fi
command -v jupyter >/dev/null || { echo "smoke.sh: no jupyter command (apt-get install jupyter-nbconvert python3-ipykernel)" >&2; exit 1; }

"$here/install-kernel.sh" >/dev/null
export JUPYTER_PATH="$here/target/jupyter"
nbs="$here/src/test/notebooks"
work="$here/target/smoke"
rm -rf "$work" && mkdir -p "$work"
# the Python that runs jupyter (the python3 on PATH may be another interpreter without nbformat)
py="$(head -n 1 "$(command -v jupyter)" | sed 's/^#! *//')"

execute() { # notebook -> executed copy in $work; returns nbconvert's status
  (cd "$work" && jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
      --output-dir "$work" "$nbs/$1") > "$work/${1%.ipynb}.log" 2>&1
}
fail() { echo "smoke FAILED: $*" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs_since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }

# 1. the happy path
start=$(now_ms)
execute smoke.ipynb || { cat "$work/smoke.log" >&2; fail "smoke.ipynb did not execute"; }
echo "smoke.ipynb executed in $(secs_since "$start") s"
$py - "$work/smoke.ipynb" <<'PY' || fail "smoke.ipynb outputs"
import json, sys
nb = json.load(open(sys.argv[1]))
outs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
errors = [o for o in outs if o["output_type"] == "error"]
assert not errors, errors
pngs = [o for o in outs if "image/png" in o.get("data", {})]
htmls = ["".join(o["data"]["text/html"]) for o in outs if "text/html" in o.get("data", {})]
assert pngs, "no image/png output"
assert htmls, "no text/html output"
table = htmls[0]
assert "<script>" not in table, "unescaped <script> in the HTML table"
assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table, table
assert "&amp;&lt;&gt;&quot;&#39;" in table, table
print("smoke.ipynb: %d image/png, %d text/html outputs, cells escaped" % (len(pngs), len(htmls)))
PY

# 2. failing cells fail the run, with the real exception / javac's message
if execute failing.ipynb; then fail "nbconvert succeeded on failing.ipynb"; fi
grep -q "ArrayIndexOutOfBoundsException" "$work/failing.log" || { cat "$work/failing.log" >&2; fail "failing.ipynb: no real exception shown"; }
echo "failing.ipynb: nbconvert failed as it should ($(grep -m1 -o 'java.lang.ArrayIndexOutOfBoundsException[^"]*' "$work/failing.log"))"
if execute compile-error.ipynb; then fail "nbconvert succeeded on compile-error.ipynb"; fi
grep -q "incompatible types" "$work/compile-error.log" || { cat "$work/compile-error.log" >&2; fail "compile-error.ipynb: no javac message"; }
echo "compile-error.ipynb: nbconvert failed as it should (javac: incompatible types)"

# 3. kernel start + first query
start=$(now_ms)
execute first-query.ipynb || { cat "$work/first-query.log" >&2; fail "first-query.ipynb"; }
echo "kernel start + first query: $(secs_since "$start") s (nbconvert wall clock, Jupyter's own start included)"
grep -h '^newslens kernel:' "$work/first-query.log" | sed 's/^/  /' || true
echo "smoke OK"
