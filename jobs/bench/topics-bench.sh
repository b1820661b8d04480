#!/usr/bin/env bash
# Topics benchmark: our LDA stage vs MALLET on the articles + sentences of a run (k=20, 2 cores, 2 GB driver).
#   jobs/bench/topics-bench.sh [RUN_DIR] [OUT_DIR] [key=value ...]     (keys: see TopicsBenchmark)
#   e.g. optimizer=online iterations=100 (the former defaults), mallet_iterations=0 (skip MALLET)
# RUN_DIR defaults to /tmp/nl-bench-out; when it lacks complete articles/sentences tables they are made once with
#   bin/newslens run --input ../shared/corpora/rss-2022/2022 --output RUN_DIR
# MALLET (cc.mallet:mallet:2.0.8) is a test-scope dependency: it never enters the job jar.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="${1:-/tmp/nl-bench-out}"; shift || true
OUT="${1:-/tmp/nl-topics-bench}"; shift || true
if [ ! -f "$RUN/articles/_NEWSLENS_COMPLETE" ] || [ ! -f "$RUN/sentences/_NEWSLENS_COMPLETE" ]; then
  "$HOME_DIR/bin/newslens" run --input "$HOME_DIR/../shared/corpora/rss-2022/2022" --output "$RUN"
fi
cd "$HOME_DIR"
mvn -B -o -q -pl jobs test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$HOME_DIR/jobs/target/topics-bench-classpath.txt" >/dev/null
FLAGS="$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$HOME_DIR/pom.xml")"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java -Xmx2g $FLAGS -cp "jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/topics-bench-classpath.txt)" \
  org.newslens.topics.TopicsBenchmark "$RUN" "$OUT" "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
