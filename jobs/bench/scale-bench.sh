#!/usr/bin/env bash
# Scale and layout benchmark: the full pipeline (`newslens run`, all stages unless --stages) in local mode with
# a 2 GB driver on rss-2022 replicated SCALES times (jobs/bench/replicate.py: new ids, dates shifted by k years,
# a per-copy marker word in every text), in two layouts of the same records:
#   files    one gzip JSON Lines file per day and copy (DIR/xN, as replicate.py writes it)
#   onefile  the same records as ONE uncompressed JSON Lines file (DIR/xN-onefile/rss-xN.jsonl: the xN files
#            decompressed and concatenated in sorted file order)
# then the single-thread yardstick (org.newslens.bench.SingleThreadBaseline) on the same input.
# Data sets are made when absent and reused when present (DIR default /tmp/newslens-scale).
# Prints the machine, then per run: seconds per stage (whatever `[name] done in X s` lines the pipeline prints),
# records/s, process CPU %, peak RSS, the single thread's read+clean and tokenise+count, the spine / single-thread
# ratio, one-file / many-files ratios, and per-stage ratios between scales (e.g. 4x / 1x).
#   jobs/bench/scale-bench.sh [--layouts "files onefile"] [--no-baseline] [--stages LIST] [--dir DIR]
#                             [--source DIR] [SCALES... (default 1 4)] [STAGES (default: all)]
#   bin/newslens bench-scale ...   (the same, building the jar first when needed)
# Environment: NEWSLENS_BENCH_DIR (= --dir), SPINE (default: every stage but entities, cooccur and topics),
# BASELINE_XMX (single thread's heap, default 2g like the pipeline's driver).
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SRC="$HOME_DIR/../shared/corpora/rss-2022/2022"
WORK="${NEWSLENS_BENCH_DIR:-/tmp/newslens-scale}"
LAYOUTS="files onefile"; BASELINE=1; STAGES=""; POS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --layouts) LAYOUTS="$2"; shift 2 ;;
    --no-baseline) BASELINE=0; shift ;;
    --stages) STAGES="$2"; shift 2 ;;
    --dir) WORK="$2"; shift 2 ;;
    --source) SRC="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "scale-bench: unknown option $1" >&2; exit 2 ;;
    *) POS+=("$1"); shift ;;
  esac
done
# positional: numbers are scales ("1 2 4" or 1 2 4), anything else the stages
SCALES=""
for a in ${POS[@]+"${POS[@]}"}; do
  if [[ "$a" =~ ^[0-9\ ]+$ ]]; then SCALES="$SCALES $a"; else STAGES="$a"; fi
done
# shellcheck disable=SC2086
SCALES="$(echo ${SCALES:-1 4})"  # words, single spaces
for l in $LAYOUTS; do
  case "$l" in files|onefile) ;; *) echo "scale-bench: unknown layout $l (files, onefile)" >&2; exit 2 ;; esac
done
[ -d "$SRC" ] || { echo "scale-bench: $SRC not found (needs ../shared)" >&2; exit 2; }
SRC="$(cd "$SRC" && pwd)"
mkdir -p "$WORK"
# a private copy of the jar, so a rebuild during the benchmark cannot disturb it
CP_ALL="$(bash "$HOME_DIR/bin/newslens" java-classpath)"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
cp "${CP_ALL%%:*}" "$TMP/job.jar"
CP="$TMP/job.jar:${CP_ALL#*:}"
FLAGS="$("$HOME_DIR/bin/newslens" java-flags)"
export SPARK_LOCAL_IP=127.0.0.1
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "scale-bench: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), machine $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/Mem:/{print $2}') GB RAM, load $(load)"
echo "scale-bench: $(java -version 2>&1 | head -1), commit $(git -C "$HOME_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'), scales $SCALES, layouts $LAYOUTS, stages ${STAGES:-all}, baseline $([ "$BASELINE" = 1 ] && echo yes || echo no), data $WORK"

# data: xN from the source (replicate.py), xN-onefile from xN; made atomically, reused when present
prepare() {
  local s="$1"
  if [ -d "$WORK/x$s" ]; then
    if [ -f "$WORK/x$s.source" ] && [ "$(cat "$WORK/x$s.source")" != "$SRC" ]; then
      echo "scale-bench: $WORK/x$s was made from $(cat "$WORK/x$s.source"), not $SRC: use another --dir" >&2; exit 2
    fi
  else
    echo "scale-bench: making $WORK/x$s ($s copies of $SRC)"
    rm -rf "$WORK/x$s.tmp"
    python3 "$HOME_DIR/jobs/bench/replicate.py" "$SRC" "$WORK/x$s.tmp" "$s" >/dev/null
    echo "$SRC" >"$WORK/x$s.source"
    mv "$WORK/x$s.tmp" "$WORK/x$s"
  fi
  case " $LAYOUTS " in *" onefile "*)
    if [ ! -f "$WORK/x$s-onefile/rss-x$s.jsonl" ]; then
      echo "scale-bench: making $WORK/x$s-onefile/rss-x$s.jsonl (the x$s files decompressed, in sorted order)"
      mkdir -p "$WORK/x$s-onefile"
      find "$WORK/x$s" -type f -name '*.jsonl.gz' -print0 | LC_ALL=C sort -z | xargs -0 zcat >"$WORK/x$s-onefile/rss-x$s.jsonl.tmp"
      mv "$WORK/x$s-onefile/rss-x$s.jsonl.tmp" "$WORK/x$s-onefile/rss-x$s.jsonl"
    fi ;;
  esac
}

RUNS=()
for s in $SCALES; do
  prepare "$s"
  for l in $LAYOUTS; do
    name="x$s-$l"; input="$WORK/x$s"; [ "$l" = onefile ] && input="$WORK/x$s-onefile"
    RUNS+=("$s:$l")
    echo "== $name: pipeline on $input ($(find "$input" -type f | wc -l) files, $(du -sm --apparent-size "$input" | cut -f1) MB), load $(load)"
    rm -rf "$WORK/out-$name"
    # shellcheck disable=SC2086
    /usr/bin/time -f "peak_rss_kb=%M wall_s=%e user_s=%U sys_s=%S cpu_pct=%P" java -Xmx2g $FLAGS \
      -Dlog4j2.configurationFile=classpath:log4j2.properties -cp "$CP" org.newslens.cli.Main run \
      ${STAGES:+--stages "$STAGES"} --input "$input" --output "$WORK/out-$name" >"$WORK/$name.log" 2>&1 \
      || { echo "scale-bench: $name failed: $WORK/$name.log"; tail -5 "$WORK/$name.log"; exit 1; }
    grep -E '^\[[^]]+\] (done in|tasks )|^peak_rss_kb' "$WORK/$name.log" | sed 's/^/  /'
    rm -f "$WORK/$name.base.log"
    if [ "$BASELINE" = 1 ]; then
      echo "== $name: single thread on $input, load $(load)"
      # shellcheck disable=SC2086
      /usr/bin/time -f "baseline_peak_rss_kb=%M baseline_wall_s=%e baseline_user_s=%U baseline_sys_s=%S baseline_cpu_pct=%P" \
        java -Xmx"${BASELINE_XMX:-2g}" $FLAGS -cp "$CP" org.newslens.bench.SingleThreadBaseline "$input" \
        >"$WORK/$name.base.log" 2>&1 || echo "scale-bench: single thread failed on $name: $WORK/$name.base.log"
      grep -E '^baseline_' "$WORK/$name.base.log" | sed 's/^/  /'
    fi
  done
done
echo "scale-bench: finished $(date -u '+%H:%M:%S UTC'), load $(load)"

python3 - "$WORK" "${SPINE:-}" "${RUNS[@]}" <<'PY'
import os, re, sys
work, spine_env, runs = sys.argv[1], sys.argv[2], [r.split(':') for r in sys.argv[3:]]
NOT_SPINE = ('entities', 'cooccur', 'topics')

def size_mb(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs) / 2**20

def num(pat, text, default=None):
    m = re.search(pat, text)
    return float(m.group(1)) if m else default

R = {}
stages = []
for s, l in runs:
    name = f"x{s}-{l}"
    log = open(os.path.join(work, name + ".log")).read()
    sec = {}
    for k, v in re.findall(r'^\[([^\]]+)\] done in ([\d.]+) s', log, re.M):
        sec[k] = sec.get(k, 0) + float(v)
    stages += [k for k in sec if k not in stages]
    base_path = os.path.join(work, name + ".base.log")
    base = open(base_path).read() if os.path.exists(base_path) else ''
    b = {k: float(v) for k, v in re.findall(r'(baseline_\w+)=([\d.]+)', base)}
    wall = num(r'\bwall_s=([\d.]+)', log)
    cpu_s = num(r'\buser_s=([\d.]+)', log, 0) + num(r'\bsys_s=([\d.]+)', log, 0)
    R[(s, l)] = dict(
        sec=sec, records=int(num(r'(\d+) input records', log, 0)), wall=wall, cpu_s=cpu_s,
        cpu_pct=num(r'\bcpu_pct=(\d+)%', log), rss=num(r'\bpeak_rss_kb=(\d+)', log, 0) / 1024,
        mb=size_mb(os.path.join(work, f"x{s}" if l == 'files' else f"x{s}-onefile")),
        files=sum(len(fs) for _, _, fs in os.walk(os.path.join(work, f"x{s}" if l == 'files' else f"x{s}-onefile"))),
        base=b)

spine = [k for k in spine_env.split(',') if k] if spine_env else [k for k in stages if k not in NOT_SPINE]
def total(r):
    return sum(r['sec'].values())
def spine_s(r):
    return sum(r['sec'].get(k, 0) for k in spine)
def f1(v):
    return '-' if v is None else f"{v:.1f}"
def mb(v):
    return f"{v:.1f}" if v < 10 else f"{v:.0f}"
def ratio(a, b):
    return '-' if not a or not b else f"{a / b:.2f}"

print(f"\nPer run (seconds per stage as printed by the pipeline; pipeline s = sum of the stages; records/s = input "
      f"records / pipeline s; CPU % = (user + sys) / wall of the whole process, 200 % = both cores):\n")
print("| run | files | input MB | records | " + " | ".join(stages) +
      " | pipeline s | process wall s | records/s | CPU s | CPU % | peak RSS MB | s per 100k records |")
print("|---" * (11 + len(stages)) + "|")
for s, l in runs:
    r = R[(s, l)]
    cells = " | ".join(f1(r['sec'].get(k)) for k in stages)
    t = total(r)
    pct = r['cpu_pct'] if r['cpu_pct'] is not None else (100 * r['cpu_s'] / r['wall'] if r['wall'] else None)
    rate = f"{r['records'] / t:.0f}" if t and r['records'] else '-'
    per100k = f"{t / r['records'] * 1e5:.1f}" if r['records'] else '-'
    print(f"| {s}x {l} | {r['files']} | {mb(r['mb'])} | {r['records']} | {cells} | {t:.1f} | {f1(r['wall'])} | "
          f"{rate} | {r['cpu_s']:.1f} | {'-' if pct is None else f'{pct:.0f}'} | {r['rss']:.0f} | {per100k} |")

if any(R[k]['base'] for k in R):
    print(f"\nSingle thread (SingleThreadBaseline, same input) against the spine ({' + '.join(spine)}):\n")
    print("| run | read + clean s | tokenise + count s | sum s | process wall s | CPU % | peak RSS MB | records counted | spine s | spine / single thread |")
    print("|---" * 10 + "|")
    for s, l in runs:
        r = R[(s, l)]; b = r['base']
        if 'baseline_read_clean_s' not in b:
            print(f"| {s}x {l} | failed or not run | | | | | | | {spine_s(r):.1f} | - |")
            continue
        bs = b['baseline_read_clean_s'] + b['baseline_tokenize_count_s']
        print(f"| {s}x {l} | {b['baseline_read_clean_s']:.1f} | {b['baseline_tokenize_count_s']:.1f} | {bs:.1f} | "
              f"{f1(b.get('baseline_wall_s'))} | {b.get('baseline_cpu_pct', 0):.0f} | {b.get('baseline_peak_rss_kb', 0) / 1024:.0f} | "
              f"{b.get('baseline_records', 0):.0f} | {spine_s(r):.1f} | **{ratio(spine_s(r), bs)}** |")

scales = list(dict.fromkeys(s for s, _ in runs))
if any((s, 'files') in R and (s, 'onefile') in R for s in scales):
    print("\nOne file / many files (onefile seconds / files seconds; < 1: the single file is faster):\n")
    print("| scale | " + " | ".join(stages) + " | pipeline | process wall | process CPU-s | single thread |")
    print("|---" * (5 + len(stages)) + "|")
    for s in scales:
        if (s, 'files') in R and (s, 'onefile') in R:
            a, m = R[(s, 'onefile')], R[(s, 'files')]
            bsum = lambda r: r['base'].get('baseline_read_clean_s', 0) + r['base'].get('baseline_tokenize_count_s', 0)
            cells = " | ".join(ratio(a['sec'].get(k), m['sec'].get(k)) for k in stages)
            print(f"| {s}x | {cells} | **{ratio(total(a), total(m))}** | {ratio(a['wall'], m['wall'])} | "
                  f"{ratio(a['cpu_s'], m['cpu_s'])} | {ratio(bsum(a), bsum(m))} |")

if len(scales) > 1:
    s0 = scales[0]
    print(f"\nScale ratios (seconds at each scale / seconds at {s0}x, per layout; time growing no faster than the "
          f"records means each ratio <= the records ratio):\n")
    print("| layout | scale | records ratio | " + " | ".join(stages) +
          " | pipeline | process wall | largest stage ratio | stages over 1.05x the records ratio |")
    print("|---" * (7 + len(stages)) + "|")
    for l in dict.fromkeys(l for _, l in runs):
        if (s0, l) not in R:
            continue
        r0 = R[(s0, l)]
        for s in scales[1:]:
            if (s, l) not in R:
                continue
            r = R[(s, l)]
            rr = r['records'] / r0['records'] if r0['records'] else 0
            per = {k: r['sec'][k] / r0['sec'][k] for k in stages if r['sec'].get(k) and r0['sec'].get(k)}
            worst = max(per.items(), key=lambda kv: kv[1]) if per else ('-', 0)
            cells = " | ".join(f"{per[k]:.2f}" if k in per else '-' for k in stages)
            over = ", ".join(f"{k} {v:.2f}" for k, v in per.items() if v > 1.05 * rr) or "none"
            print(f"| {l} | {s}x / {s0}x | {rr:.2f} | {cells} | {ratio(total(r), total(r0))} | {ratio(r['wall'], r0['wall'])} | "
                  f"{worst[0]} {worst[1]:.2f} ({worst[1] / rr:.2f}x the records ratio) | {over} (limit {1.05 * rr:.2f}) |")
print(f"\nLogs: {work}/x<scale>-<layout>.log (pipeline, with the per-stage task metrics lines) and .base.log (single thread)")
PY
