#!/usr/bin/env bash
# Scale benchmark: the pipeline in local mode (2 GB driver) on rss-2022 replicated 1x, 2x, 4x
# (jobs/bench/replicate.py: new ids, dates shifted by k years, a per-copy marker word in every text).
# Prints, per scale: records, input MB, seconds per stage, total, peak RSS and seconds per 100k records.
#   jobs/bench/scale-bench.sh [SCALES (default "1 2 4")] [STAGES (default: all, e.g. ingest,tokenize,terms)]
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SRC="$HOME_DIR/../shared/corpora/rss-2022/2022"
[ -d "$SRC" ] || { echo "scale-bench: $SRC not found (needs ../shared)" >&2; exit 2; }
SCALES="${1:-1 2 4}"; STAGES="${2:-}"
WORK="${NEWSLENS_BENCH_DIR:-/tmp/newslens-scale}"; mkdir -p "$WORK"
CP="$("$HOME_DIR/bin/newslens" java-classpath)"
FLAGS="$(cat "$HOME_DIR/jobs/target/launcher/jvm-flags.txt")"
export SPARK_LOCAL_IP=127.0.0.1
echo "scale-bench: machine $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB RAM, load $(cut -d' ' -f1-3 /proc/loadavg), stages ${STAGES:-all}"
for s in $SCALES; do
  [ -d "$WORK/x$s" ] || python3 "$HOME_DIR/jobs/bench/replicate.py" "$SRC" "$WORK/x$s" "$s" >/dev/null
  rm -rf "$WORK/out-x$s"
  # shellcheck disable=SC2086
  /usr/bin/time -f "peak_rss_kb=%M wall_s=%e" java -Xmx2g $FLAGS -cp "$CP" org.newslens.cli.Main run \
    ${STAGES:+--stages "$STAGES"} --input "$WORK/x$s" --output "$WORK/out-x$s" >"$WORK/x$s.log" 2>&1 \
    || { echo "scale $s failed: $WORK/x$s.log"; tail -5 "$WORK/x$s.log"; exit 1; }
  echo "scale $s: $(grep -o '[0-9]* input records' "$WORK/x$s.log" | head -1), $(du -sm --apparent-size "$WORK/x$s" | cut -f1) MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
python3 - "$WORK" $SCALES <<'PY'
import re, sys, os
work, scales = sys.argv[1], sys.argv[2:]
rows, stages = [], []
for s in scales:
    log = open(os.path.join(work, f"x{s}.log")).read()
    sec = {m[0]: float(m[1]) for m in re.findall(r'^\[(\w+)\] done in ([\d.]+) s', log, re.M)}
    stages += [k for k in sec if k not in stages]
    recs = int(re.search(r'(\d+) input records', log).group(1))
    rss = int(re.search(r'peak_rss_kb=(\d+)', log).group(1)) // 1024
    wall = float(re.search(r'wall_s=([\d.]+)', log).group(1))
    mb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(work, f"x{s}")) for f in fs) / 2**20
    rows.append((s, recs, mb, sec, wall, rss))
print("\n| scale | records | input MB | " + " | ".join(stages) + " | process wall s | peak RSS MB | s per 100k records | wall / 1x wall |")
print("|---" * (7 + len(stages)) + "|")
base = rows[0][4] / float(rows[0][0])
for s, recs, mb, sec, wall, rss in rows:
    cells = " | ".join(f"{sec.get(k, 0):.1f}" for k in stages)
    print(f"| {s}x | {recs} | {mb:.0f} | {cells} | {wall:.1f} | {rss} | {wall / recs * 1e5:.1f} | {wall / base:.2f} |")
PY
