#!/usr/bin/env bash
# End-to-end checks against the packaged jar, run by `mvn verify` after the unit and integration tests:
# starts `serve` on a free loopback port (embedded store, dev identity provider), then runs the
# playground's browser test in headless Chromium (installed from Debian when missing), the graphql-http
# audit suite (npm ci in src/test/graphql-http; fails when any MUST audit fails; table in target/), the
# real-client suites (npm ci in src/test/apollo-client, src/test/urql-client and src/test/relay-client, whose
# artifacts relay-compiler writes first; each fails on any difference between the client's cache and a fresh
# fetch; output in target/<client>-suite.txt) and GraphQL Code Generator with schema/codegen.yml over the
# gateway's operations, type-checked by tsc (npm ci in src/test/codegen; output in target/codegen/).
set -euo pipefail
cd "$(dirname "$0")/../../.."
mkdir -p target

bash playground/scripts/ensure-chromium.sh

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:${port}"
java -jar target/category-gateway.jar serve --port "$port" > target/end-to-end-server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if curl -fsS "${base}/health" > /dev/null 2>&1; then break; fi
  sleep 0.2
done
curl -fsS "${base}/health" > /dev/null || { echo "server did not start; see target/end-to-end-server.log" >&2; exit 1; }

echo "== browser test of the playground against ${base}"
PLAYGROUND_URL="${base}/playground" SCREENSHOT_DIR=target node --test playground/test/

echo "== GraphQL over HTTP: graphql-http audit suite against ${base}/graphql"
# Every MUST audit has to pass (the script exits 1 otherwise); SHOULD/MAY results are printed and the
# failing SHOULDs are explained in README ("GraphQL over HTTP").
(cd src/test/graphql-http && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
node src/test/graphql-http/audit.mjs "$base" | tee target/graphql-http-audit.txt

echo "== Apollo Client suite against ${base}/graphql"
(cd src/test/apollo-client && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
GATEWAY_URL="$base" node --test src/test/apollo-client/ 2>&1 | tee target/apollo-client-suite.txt

echo "== urql (Graphcache) suite against ${base}/graphql"
(cd src/test/urql-client && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
GATEWAY_URL="$base" node --test src/test/urql-client/ 2>&1 | tee target/urql-client-suite.txt

echo "== Relay suite against ${base}/graphql"
(cd src/test/relay-client && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
(cd src/test/relay-client && npm run -s compile) > target/relay-compiler.log 2>&1 || { cat target/relay-compiler.log >&2; exit 1; }
GATEWAY_URL="$base" node --test src/test/relay-client/ 2>&1 | tee target/relay-client-suite.txt

echo "== GraphQL Code Generator: schema/codegen.yml over the gateway's operations, then tsc"
(cd src/test/codegen && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
node --test src/test/codegen/ 2>&1 | tee target/codegen-check.txt
