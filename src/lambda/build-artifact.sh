#!/usr/bin/env bash
# Builds target/category-gateway-lambda.zip, the Lambda deployment artifact (runtime provided.al2023,
# x86_64); run by `mvn package` after the shaded jar (skip with -Dlambda.skip=true). Layout and reasons:
# docs/performance.md, "The Lambda artifact".
#
#   bash src/lambda/build-artifact.sh <JDK 25 home> <directory with the runtime interface client jars>
#
# 1. jlink: a Java runtime with only the modules the Lambda path needs (checked with jdeps, below)
# 2. the shaded jar, the runtime interface client jars and its x86_64 glibc JNI library, the bootstrap
# 3. one fixed modification time on every file (zip and unzip keep it; the JVM records jar times in the cache)
# 4. the AOT cache: a training run of that bootstrap, that JVM and that class path against a stand-in
#    Runtime API and DynamoDB endpoint on loopback (StandInRuntimeApi), with real API Gateway events
# 5. zip, keeping file modes (bootstrap and jvm/bin/java must stay executable)
set -euo pipefail
cd "$(dirname "$0")/../.."

jdk=${1:?usage: build-artifact.sh <JDK 25 home> <runtime interface client jar directory>}
ric=${2:?usage: build-artifact.sh <JDK 25 home> <runtime interface client jar directory>}
stage=target/lambda
zip=target/category-gateway-lambda.zip

# The gateway's Lambda path needs java.base (HTTP client of the AWS SDK, TLS, JSON), java.net.http (the
# JWKS fetch of TokenVerifier), java.sql (types Jackson and Gson reference), jdk.unsupported
# (sun.misc.Unsafe for the runtime interface client). jdeps also lists jdk.httpserver (the local server,
# never started on Lambda) and java.desktop (java.beans for an optional Jackson feature, java.awt.Color
# for a scalar the schema does not use): both left out; LambdaArtifactIT runs the real handler on this
# runtime.
modules=java.base,java.net.http,java.sql,jdk.unsupported

if [[ ! -x "$jdk/bin/jlink" ]]; then
  echo "build-artifact.sh: no JDK at $jdk (set -Dlambda.jdk=<JDK 25 home>, or skip with -Dlambda.skip=true)" >&2
  exit 1
fi
if ! "$jdk/bin/java" -version 2>&1 | grep -q 'version "25'; then
  echo "build-artifact.sh: $jdk is not a JDK 25" >&2
  exit 1
fi
command -v zip > /dev/null || { echo "build-artifact.sh: the zip command is missing (apt-get install zip)" >&2; exit 1; }

rm -rf "$stage" "$zip" "$stage-training.log"
mkdir -p "$stage/ric"

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$stage/jvm"

cp target/category-gateway.jar "$stage/category-gateway.jar"
cp "$ric"/aws-lambda-java-runtime-interface-client-*.jar "$stage/ric/aws-lambda-java-runtime-interface-client.jar"
cp "$ric"/aws-lambda-java-serialization-*.jar "$stage/ric/aws-lambda-java-serialization.jar"
# The client would otherwise copy this library out of its jar into /tmp on every cold start.
unzip -p "$stage/ric/aws-lambda-java-runtime-interface-client.jar" jni/libaws-lambda-jni.linux-x86_64.so \
  > "$stage/ric/libaws-lambda-jni.linux-x86_64.so"
install -m 755 src/lambda/bootstrap "$stage/bootstrap"

find "$stage" -exec touch -h -d '2000-01-01 00:00:00 UTC' {} +

"$jdk/bin/java" src/test/java/com/awsinsight/categories/testing/StandInRuntimeApi.java train "$stage" "$stage/app.aot" \
  src/test/resources/events/health.json \
  src/test/resources/events/graphql-list-claims.json \
  src/test/resources/events/graphql-post-tree.json \
  src/test/resources/events/rest-list.json
rm -f "$stage/app.aot.config"
touch -d '2000-01-01 00:00:00 UTC' "$stage/app.aot"

(cd "$stage" && TZ=UTC zip -q -r -y "../$(basename "$zip")" .)
echo "Lambda artifact: $zip ($(du -h "$zip" | cut -f1) zipped, $(du -sh "$stage" | cut -f1) unzipped)"
