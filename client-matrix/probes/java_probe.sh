#!/bin/sh
# Run the Java probe: java_probe.sh httpclient|urlconnection [--version]
#
# Same as `java Probe.java MODE`, but compiles Probe.java once into a cache directory (keyed by
# the source's checksum) instead of on every start, which costs seconds on a small machine, and
# runs the JVM with C1 only and the serial GC, which start faster for a short-lived process.
# Needs a JDK (javac), not just a JRE. JAVA_HOME is honoured when set.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
src="$here/Probe.java"
if [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"; javac="$JAVA_HOME/bin/javac"
else
    java=java; javac=javac
fi
jvm_opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"

sum=$(cksum < "$src" | tr ' ' '-')
jver=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p')
base="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/badtls-java-probe"
dir="$base/$sum-$jver"

if [ ! -f "$dir/Probe.class" ]; then
    if mkdir -p "$base" 2>/dev/null && tmp=$(mktemp -d "$base/build.XXXXXX" 2>/dev/null) \
        && "$javac" -nowarn -d "$tmp" "$src" >&2; then
        # Another probe may have won the race; either copy is fine.
        mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
    else
        echo "java_probe.sh: cannot compile into $base; running the source directly" >&2
        # shellcheck disable=SC2086
        exec "$java" $jvm_opts "$src" "$@"
    fi
fi
# shellcheck disable=SC2086
exec "$java" $jvm_opts -cp "$dir" Probe "$@"
