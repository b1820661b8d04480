#!/usr/bin/env bash
# Scale benchmark: the full pipeline in local mode (2 GB driver) on rss-2022 replicated 1x, 2x, 4x
# (jobs/bench/replicate.py). Prints size, seconds and peak memory per scale.
#   jobs/bench/scale-bench.sh [SCALES (default "1 2 4")] [STAGE COMMAND (default run)]
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SRC="$HOME_DIR/../shared/corpora/rss-2022/2022"
[ -d "$SRC" ] || { echo "scale-bench: $SRC not found (needs ../shared)" >&2; exit 2; }
SCALES="${1:-1 2 4}"; COMMAND="${2:-run}"
WORK="${NEWSLENS_BENCH_DIR:-/tmp/newslens-scale}"; mkdir -p "$WORK"
CP="$("$HOME_DIR/bin/newslens" java-classpath)"
FLAGS="$(cat "$HOME_DIR/jobs/target/launcher/jvm-flags.txt")"
export SPARK_LOCAL_IP=127.0.0.1
echo "| scale | records | input MB | seconds | peak RSS MB | s per 100k records |"
echo "|---|---|---|---|---|---|"
for s in $SCALES; do
  [ -d "$WORK/x$s" ] || python3 "$HOME_DIR/jobs/bench/replicate.py" "$SRC" "$WORK/x$s" "$s" >/dev/null
  rm -rf "$WORK/out-x$s"
  # shellcheck disable=SC2086
  /usr/bin/time -f "peak_rss_kb=%M wall_s=%e" java -Xmx2g $FLAGS -cp "$CP" org.newslens.cli.Main "$COMMAND" \
    --input "$WORK/x$s" --output "$WORK/out-x$s" >"$WORK/x$s.log" 2>&1 || { echo "scale $s failed: $WORK/x$s.log"; tail -5 "$WORK/x$s.log"; exit 1; }
  recs=$(grep -o '[0-9]* input records' "$WORK/x$s.log" | head -1 | cut -d' ' -f1)
  mb=$(du -sm --apparent-size "$WORK/x$s" | cut -f1)
  wall=$(grep -o 'wall_s=[0-9.]*' "$WORK/x$s.log" | cut -d= -f2)
  rss=$(( $(grep -o 'peak_rss_kb=[0-9]*' "$WORK/x$s.log" | cut -d= -f2) / 1024 ))
  echo "| ${s}x | $recs | $mb | $wall | $rss | $(python3 -c "print(round($wall / $recs * 100000, 1))") |"
done
