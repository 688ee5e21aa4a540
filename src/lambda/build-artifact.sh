#!/usr/bin/env bash
# Builds target/category-gateway-lambda.zip, the Lambda deployment artifact (runtime provided.al2023,
# x86_64); run by `mvn package` after the shaded jar (skip with -Dlambda.skip=true). Layout and reasons:
# docs/performance.md, "The Lambda artifact".
#
#   bash src/lambda/build-artifact.sh <JDK 25 home> <directory with the runtime interface client jars>
#
# 1. jlink: a Java runtime with only the modules the Lambda path needs (checked with jdeps, below)
#    and a trust store holding only the roots of AWS's endpoint certificates (Amazon Trust Services)
# 2. the shaded jar, the runtime interface client jars and its x86_64 glibc JNI library, the bootstrap
# 3. one fixed modification time on every file (zip and unzip keep it; the JVM records jar times in the cache)
# 4. the AOT cache: a training run of that bootstrap, that JVM and that class path against a stand-in
#    Runtime API and DynamoDB endpoint on loopback (StandInRuntimeApi), with real API Gateway events
# 5. zip (fastest level), keeping file modes (bootstrap and jvm/bin/java must stay executable)
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

# The certificates of AWS endpoints (DynamoDB, Cognito's JWKS) chain to Amazon Trust Services: Amazon
# Root CA 1-4, and Starfield Services Root CA G2 that cross-signs them. A trust store with only these
# (SHA-256 fingerprints as published at amazontrust.com/repository) is read at start-up in a few
# milliseconds, where the JDK's ~140 certificates took ~100 ms of CPU before the first request.
aws_roots="8E:CD:E6:88:4F:3D:87:B1:12:5B:A3:1A:C3:FC:B1:3D:70:16:DE:7F:57:CC:90:4F:E1:CB:97:C6:AE:98:19:6E
1B:A5:B2:AA:8C:65:40:1A:82:96:01:18:F8:0B:EC:4F:62:30:4D:83:CE:C4:71:3A:19:C3:9C:01:1E:A4:6D:B4
18:CE:6C:FE:7B:F1:4E:60:B2:E3:47:B8:DF:E8:68:CB:31:D0:2E:BB:3A:DA:27:15:69:F5:03:43:B4:6D:B3:A4
E3:5D:28:41:9E:D0:20:25:CF:A6:90:38:CD:62:39:62:45:8D:A5:C6:95:FB:DE:A3:C2:2B:0B:FB:25:89:70:92
56:8D:69:05:A2:C8:87:08:A4:B3:02:51:90:ED:CF:ED:B1:97:4A:60:6A:13:C6:E5:29:0F:CB:2A:E6:3E:DA:B5"

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

truststore="$stage/jvm/lib/security/aws-root-cas.p12"
"$jdk/bin/keytool" -list -v -cacerts -storepass changeit 2> /dev/null \
  | awk '/^Alias name:/ { alias = substr($0, 13) } /^\t *SHA256:/ || /^ *SHA256:/ { print $2 "|" alias }' > "$stage/cacerts.txt"
for fingerprint in $aws_roots; do
  alias=$(grep "^$fingerprint|" "$stage/cacerts.txt" | head -1 | cut -d'|' -f2-)
  if [[ -z "$alias" ]]; then
    echo "build-artifact.sh: root certificate $fingerprint is not in $jdk's cacerts" >&2
    exit 1
  fi
  "$jdk/bin/keytool" -importkeystore -noprompt -srckeystore "$jdk/lib/security/cacerts" -srcstorepass changeit \
    -srcalias "$alias" -destkeystore "$truststore" -deststoretype PKCS12 -deststorepass changeit \
    -destalias "${fingerprint//:/}" > /dev/null 2>&1
done
rm -f "$stage/cacerts.txt"
if [[ $("$jdk/bin/keytool" -list -keystore "$truststore" -storepass changeit 2> /dev/null | grep -c trustedCertEntry) != 5 ]]; then
  echo "build-artifact.sh: $truststore does not hold the five roots" >&2
  exit 1
fi

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

# -1: twice as fast as the default level for 9 % more bytes (57.6 instead of 52.9 MB)
(cd "$stage" && TZ=UTC zip -q -r -y -1 "../$(basename "$zip")" .)
echo "Lambda artifact: $zip ($(du -h "$zip" | cut -f1) zipped, $(du -sh "$stage" | cut -f1) unzipped)"
