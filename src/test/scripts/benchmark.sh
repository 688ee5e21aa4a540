#!/usr/bin/env bash
# The performance benchmark (README, "Performance"; cold start: docs/performance.md): builds the shaded
# jar and the Lambda artifact, runs the benchmark-tagged JUnit class against dynalite, the in-memory
# store, the local server, fresh processes (the Node handler in the seed's shape, the SDK floor, Java 17
# and 25, the artifact through its bootstrap, on one core and under CPU quotas), cold and warm, and prints
# the tables it wrote to target/benchmark/results.md. Extra arguments go to both Maven runs (e.g. -o,
# -Dplayground.skip=true, -Dbenchmark.sizes=100,1000, -Dbenchmark.sections=lambda for issue 24's tables
# alone). A full run takes about 20-25 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -B -q package -DskipTests "$@"
mvn -B -q test -Dplayground.skip=true -Dgroups=benchmark -DexcludedGroups=none \
    -Dtest=PerformanceBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
if [[ -f target/benchmark/results.md ]]; then
  cat target/benchmark/results.md
fi
exit "${status:-0}"
