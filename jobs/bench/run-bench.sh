#!/usr/bin/env bash
# Pipeline benchmark: ingest + tokenize + terms (the spine), then entities + cooccur, in one run on a corpus
# (default ../shared/corpora/rss-2022/2022) in local mode with a 2 GB driver, as `bin/newslens run` runs them;
# then a single-threaded Java loop doing the spine's tokenise + count. Prints per-stage seconds, input MB/s,
# articles/s, peak memory, the Spark/single-thread ratio, and how entities + cooccur compare with tokenize.
#   bin/newslens bench [CORPUS_DIR] [OUTPUT_DIR]
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CORPUS="${1:-$HOME_DIR/../shared/corpora/rss-2022/2022}"
OUT="${2:-/tmp/newslens-bench-out}"
[ -d "$CORPUS" ] || { echo "bench: corpus not found: $CORPUS (../shared is needed for the default corpus)" >&2; exit 2; }
LAUNCHER="$HOME_DIR/jobs/target/launcher"
# a private copy of the jar, so a rebuild during the benchmark cannot disturb it
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
cp "$HOME_DIR/jobs/target/newslens-jobs-0.1.0.jar" "$WORK/job.jar"
CP="$WORK/job.jar:$(cat "$LAUNCHER/classpath.txt")"
FLAGS="$("$HOME_DIR/bin/newslens" java-flags)"
export SPARK_LOCAL_IP=127.0.0.1
MB=$(du -sm --apparent-size "$CORPUS" | cut -f1)
FILES=$(find "$CORPUS" -type f | wc -l)
echo "bench: corpus $CORPUS ($FILES files, $MB MB on disk), machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB RAM, $(java -version 2>&1 | head -1)"
rm -rf "$OUT"
# shellcheck disable=SC2086
/usr/bin/time -f "peak_rss_kb=%M wall_s=%e" java -Xmx2g $FLAGS -cp "$CP" org.newslens.cli.Main run --stages ingest,tokenize,terms,entities,cooccur \
  --input "$CORPUS" --output "$OUT" 2>&1 | tee "$WORK/spark.log" | grep -E '^\[|peak_rss|error|failed'
# shellcheck disable=SC2086
/usr/bin/time -f "baseline_peak_rss_kb=%M baseline_wall_s=%e" java -Xmx2g $FLAGS -cp "$CP" \
  org.newslens.bench.SingleThreadBaseline "$CORPUS" 2>&1 | tee "$WORK/base.log" | grep -E 'baseline'
python3 - "$WORK/spark.log" "$WORK/base.log" "$MB" <<'PY'
import re, sys
spark = open(sys.argv[1]).read(); base = open(sys.argv[2]).read(); mb = float(sys.argv[3])
sec = {}
for k, v in re.findall(r'^\[([^\]]+)\] done in ([\d.]+) s', spark, re.M):
    sec[k] = sec.get(k, 0) + float(v)
arts = int(re.search(r'articles=(\d+)', spark).group(1))
peak = int(re.search(r'peak_rss_kb=(\d+)', spark).group(1)) / 1024
wall = float(re.search(r'wall_s=([\d.]+)', spark).group(1))
b = dict(re.findall(r'(baseline_\w+)=([\d.]+)', base))
# the spine: every stage but entities, cooccur and topics (so a renamed or fused tokenize/terms stage is still in it)
spine = [k for k in sec if k not in ('entities', 'cooccur', 'topics')]
total = sum(sec.get(k, 0) for k in spine)
print("\n| step | seconds |\n|---|---|")
for k, v in sec.items():
    print(f"| {k} | {v:.1f} |")
print(f"| spine ({' + '.join(spine)}) | {total:.1f} |\n| process wall (JVM start included, all stages) | {wall:.1f} |")
print(f"\narticles={arts} input_MB={mb:.0f} MB/s={mb/total:.2f} articles/s={arts/total:.0f} peak_rss_MB={peak:.0f}")
tt = total - sec.get('ingest', 0)  # the spine after ingest: tokenize + terms
bt = float(b['baseline_tokenize_count_s'])
print(f"single thread: read+clean {float(b['baseline_read_clean_s']):.1f} s, tokenise+count {bt:.1f} s "
      f"(peak {int(b['baseline_peak_rss_kb'])/1024:.0f} MB)")
print(f"spark {'+'.join(k for k in spine if k != 'ingest')} {tt:.1f} s vs single-thread tokenise+count {bt:.1f} s: ratio {tt/bt:.2f} (<= 1 means Spark is no slower)")
br = float(b['baseline_read_clean_s']) + bt
print(f"end to end: spark {'+'.join(spine)} {total:.1f} s vs single-thread read+clean+tokenise+count {br:.1f} s: ratio {total/br:.2f}")
tok = sec.get('tokenize', 0); ent = sec.get('entities', 0); coo = sec.get('cooccur', 0)
if tok and ent:
    print(f"entities vs tokenize, same documents: extraction speed / tokenize speed = {tok/ent:.2f} (>= 1 wanted); "
          f"entities + cooccur {ent+coo:.1f} s vs tokenize {tok:.1f} s: ratio {(ent+coo)/tok:.2f} (< 1 wanted)")
PY
