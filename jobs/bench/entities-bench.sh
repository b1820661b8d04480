#!/usr/bin/env bash
# Entities benchmark: the tokenize, entities and cooccur stages as the pipeline runs them (Parquet in, Parquet
# out, into SCRATCH_DIR, default /tmp/nl-entities-bench), on the articles of an existing run (default
# /tmp/newslens-bench-out, which `bin/newslens bench` makes from ../shared/corpora/rss-2022).
#   bash jobs/bench/entities-bench.sh [RUN_DIR] [SCRATCH_DIR] [MASTER] [PASSES]   (PASSES default 2: cold, then warm)
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CP="$(bash "$HOME_DIR/bin/newslens" java-classpath)"
FLAGS="$("$HOME_DIR/bin/newslens" java-flags)"
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
exec java -Xmx2g $FLAGS -Dlog4j2.configurationFile=classpath:log4j2.properties -cp "$CP" \
  org.newslens.entities.EntitiesBenchmark "$@"
