#!/usr/bin/env bash
# The performance benchmark of issue 8 (README, "Performance"): builds the shaded jar, runs the
# benchmark-tagged JUnit class against dynalite, the in-memory store, the local server and fresh JVMs,
# and prints the table it wrote to target/benchmark/results.md. Extra arguments go to both Maven
# runs (e.g. -o, -Dplayground.skip=true, -Dbenchmark.sizes=100,1000, -Dbenchmark.baselineJar=old.jar).
# A full run takes about 5-10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -B -q package -DskipTests "$@"
mvn -B -q test -Dplayground.skip=true -Dgroups=benchmark -DexcludedGroups=none \
    -Dtest=PerformanceBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
if [[ -f target/benchmark/results.md ]]; then
  cat target/benchmark/results.md
fi
exit "${status:-0}"
