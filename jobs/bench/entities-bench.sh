#!/usr/bin/env bash
# Entities benchmark: mention extraction and co-occurrence vs the tokenize stage, on the articles and
# sentences of an existing run (default /tmp/nl-bench-out; make one with
#   bin/newslens run --input ../shared/corpora/rss-2022/2022 --output /tmp/nl-bench-out).
#   bash jobs/bench/entities-bench.sh [RUN_DIR] [SCRATCH_DIR] [MASTER]
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CP="$(bash "$HOME_DIR/bin/newslens" java-classpath)"
FLAGS="$(cat "$HOME_DIR/jobs/target/launcher/jvm-flags.txt")"
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
exec java -Xmx2g $FLAGS -Dlog4j2.configurationFile=classpath:log4j2.properties -cp "$CP" \
  org.newslens.entities.EntitiesBenchmark "$@"
