#!/usr/bin/env bash
# Installs the NewsLens Java kernelspec into a project-local Jupyter path. Builds nothing: it needs the
# built module (cd <repo> && mvn -B -pl notebooks/kernel -am install -DskipTests), whose package phase
# writes target/kernelspec/jvm-flags.txt (the parent pom's spark.jvm.flags) and target/kernelspec/classpath.txt.
#
# Writes target/jupyter/kernels/newslens-java/{kernel.json,jvm.args}. Then:
#   export JUPYTER_PATH="$(pwd)/notebooks/kernel/target/jupyter"   # the line this script prints
#   NEWSLENS_OUT=/path/to/run/out jupyter notebook notebooks/
# Environment read at install time: JAVA_HOME (else the java on PATH), NEWSLENS_KERNEL_XMX (default 2g).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/target"
spec_in="$target/kernelspec"
dest="$target/jupyter/kernels/newslens-java"

jar="$(ls "$target"/newslens-kernel-*.jar 2>/dev/null | grep -v -E -- '-(sources|tests|javadoc)\.jar$' | head -n 1 || true)"
if [[ -z "$jar" || ! -f "$spec_in/classpath.txt" || ! -f "$spec_in/jvm-flags.txt" ]]; then
  echo "install-kernel.sh: the kernel is not built; run first:" >&2
  echo "  (cd \"$here/../..\" && mvn -B -pl notebooks/kernel -am install -DskipTests)" >&2
  exit 1
fi

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java="$JAVA_HOME/bin/java"
else
  java="$(command -v java || true)"
  [[ -n "$java" ]] || { echo "install-kernel.sh: no java on PATH and no JAVA_HOME" >&2; exit 1; }
fi

mkdir -p "$dest"

# The JVM argfile: Spark's Java 17 flags (from the parent pom), heap, headless AWT, jshell, classpath.
# Argfile syntax: whitespace separates arguments; a quoted argument may hold spaces (\ escapes within quotes).
quote() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }
{
  tr -s ' \t\r\n' '\n' < "$spec_in/jvm-flags.txt" | sed '/^$/d'
  echo "-Xmx${NEWSLENS_KERNEL_XMX:-2g}"
  echo "-Djava.awt.headless=true"
  echo "--add-modules"
  echo "jdk.jshell"
  echo "-cp"
  quote "$jar:$(tr -d '\r\n' < "$spec_in/classpath.txt")"
  echo
} > "$dest/jvm.args"

json_string() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }
cat > "$dest/kernel.json" <<JSON
{
  "argv": [$(json_string "$java"), $(json_string "@$dest/jvm.args"), "org.newslens.kernel.NewsLensKernel", "{connection_file}"],
  "display_name": "Java (NewsLens, Spark)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "SPARK_LOCAL_IP": "127.0.0.1"
  }
}
JSON

echo "installed kernelspec newslens-java in $dest"
echo "export JUPYTER_PATH=\"$target/jupyter\""
