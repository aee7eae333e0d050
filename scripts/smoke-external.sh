#!/usr/bin/env bash
# Smoke test of the service against external processes, all on 127.0.0.1: a Kafka broker
# started from kafka/server.properties (KRaft), S3Mock as the S3 server, `vip serve` with every
# role and the MinIO store pointed at S3Mock, then `vip submit PHOTO`. It checks the completed
# event, the result image and the gateway's job status, stops `vip serve` with SIGTERM (the
# worker drains), and stops only the processes it started, by PID.
#
#   scripts/smoke-external.sh [PHOTO]      # default samples/dune.jpg
#
# Needs Java 17, Maven (./vip builds the application when needed), curl and python3 (free
# ports). Nothing is downloaded: the Kafka classes come from the application's own classpath,
# S3Mock from target/test-servers or the local Maven repository. Set KEEP_WORK=1 to keep the
# logs in the work folder it prints.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PHOTO="${1:-samples/dune.jpg}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/vip-smoke.XXXXXX")"
STARTUP_SECONDS=180
STOP_SECONDS=60
PIDS=()

log() {
    echo "smoke: $*" >&2
}

# Stops one started process: SIGTERM, then SIGKILL after STOP_SECONDS. Sets STOP_STATUS to its
# exit status; it runs in this shell, not in $(...), because only the parent shell can wait.
STOP_STATUS=0
stop_pid() {
    local pid="$1" waited=0
    STOP_STATUS=0
    if ! kill -TERM "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || STOP_STATUS=$?
        return
    fi
    while kill -0 "$pid" 2>/dev/null && (( waited < STOP_SECONDS )); do
        sleep 1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "PID $pid still runs after ${STOP_SECONDS} s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || STOP_STATUS=$?
}

# Stops the started processes, the last started first, so vip serve ends before its broker.
cleanup() {
    local index
    for ((index = ${#PIDS[@]} - 1; index >= 0; index--)); do
        stop_pid "${PIDS[index]}"
    done
    PIDS=()
    if [[ "${KEEP_WORK:-0}" == "1" ]]; then
        log "logs kept in $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until the command in "$@" succeeds, for at most STARTUP_SECONDS; $1 names the wait.
wait_until() {
    local what="$1" waited=0
    shift
    until "$@" >/dev/null 2>&1; do
        if (( waited >= STARTUP_SECONDS )); then
            log "$what did not happen within ${STARTUP_SECONDS} s"
            return 1
        fi
        sleep 2
        waited=$((waited + 2))
    done
    log "$what after about ${waited} s"
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# 1. Build the application if needed; its lib/main folder then has the Kafka server classes.
log "work folder $WORK"
./vip --help >"$WORK/build.log" 2>&1 || { log "./vip --help failed:"; tail -20 "$WORK/build.log" >&2; exit 1; }
CLASSPATH_MAIN="$ROOT/target/quarkus-app/lib/main/*"
APP_JARS="$(find "$ROOT/target/quarkus-app/app" -name '*.jar' -printf '%p:')"

# 2. Kafka: kafka/server.properties with free ports and a log folder under the work folder.
KAFKA_PORT="$(free_port)"
CONTROLLER_PORT="$(free_port)"
sed -e "s/:9092/:${KAFKA_PORT}/g" -e "s/:9093/:${CONTROLLER_PORT}/g" \
    -e "s|^log.dirs=.*|log.dirs=${WORK}/kafka-data|" kafka/server.properties >"$WORK/server.properties"
CLUSTER_ID="$(java -cp "$CLASSPATH_MAIN" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
java -cp "$CLASSPATH_MAIN" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$WORK/server.properties" \
    >"$WORK/kafka-format.log" 2>&1
java -Xmx512m -cp "$CLASSPATH_MAIN" kafka.Kafka "$WORK/server.properties" >"$WORK/kafka.log" 2>&1 &
PIDS+=("$!")
log "Kafka broker PID $! on 127.0.0.1:${KAFKA_PORT}"
wait_until "Kafka listens" port_open "$KAFKA_PORT"

# 3. Topics of kafka/topics.yaml, created with the service's own TopicCreator.
cat >"$WORK/CreateTopics.java" <<'EOF'
import dev.vipoutpaint.local.TopicCreator;
import dev.vipoutpaint.local.TopicDefinitions;
import java.util.Optional;

/** Creates the topics of kafka/topics.yaml on the broker in args[0], one replica each. */
public class CreateTopics {
    public static void main(String[] args) {
        TopicCreator.createAll(args[0], TopicDefinitions.load(), (short) 1, Optional.empty());
        System.out.println("topics created: " + TopicDefinitions.load().topics().size());
    }
}
EOF
java -cp "${APP_JARS}${CLASSPATH_MAIN}" "$WORK/CreateTopics.java" "127.0.0.1:${KAFKA_PORT}" 2>"$WORK/topics.log" \
    | tee -a "$WORK/topics.log" >&2

# 4. S3Mock on loopback, both of its HTTP connectors.
S3MOCK_JAR="$ROOT/target/test-servers/s3mock-exec.jar"
if [[ ! -f "$S3MOCK_JAR" ]]; then
    S3MOCK_JAR="$(find "$HOME/.m2/repository/com/adobe/testing/s3mock" -name 's3mock-*-exec.jar' | sort | tail -1)"
fi
[[ -f "$S3MOCK_JAR" ]] || { log "no S3Mock jar: run mvn generate-test-resources once"; exit 1; }
S3_PORT="$(free_port)"
S3_SECOND_PORT="$(free_port)"
java -Xmx192m -XX:+UseSerialGC -jar "$S3MOCK_JAR" \
    --server.address=127.0.0.1 --server.port="$S3_PORT" --server.ssl.enabled=false \
    --com.adobe.testing.s3mock.httpPort="$S3_SECOND_PORT" \
    --com.adobe.testing.s3mock.store.root="$WORK/s3" \
    --com.adobe.testing.s3mock.store.retainFilesOnExit=false \
    --spring.main.sources="file://$ROOT/src/test/resources/s3mock/loopback-http-connector.xml" \
    --spring.main.banner-mode=off >"$WORK/s3mock.log" 2>&1 &
PIDS+=("$!")
log "S3Mock PID $! on http://127.0.0.1:${S3_PORT}"
s3_lists_buckets() {
    curl -sf "http://127.0.0.1:${S3_PORT}/" | grep -q ListAllMyBucketsResult
}
wait_until "S3Mock answers" s3_lists_buckets

# 5. vip serve: every role, the MinIO store on S3Mock (it accepts any credentials).
export VIP_STORAGE_MINIO_ACCESS_KEY=smoke-access
export VIP_STORAGE_MINIO_SECRET_KEY=smoke-secret
HTTP_PORT="$(free_port)"
COMMON_OPTS="-Dkafka.bootstrap.servers=127.0.0.1:${KAFKA_PORT} -Dvip.storage.kind=minio"
COMMON_OPTS="$COMMON_OPTS -Dvip.storage.minio.endpoint=http://127.0.0.1:${S3_PORT}"
VIP_JAVA_OPTS="$COMMON_OPTS -Dvip.roles=all -Dquarkus.http.port=${HTTP_PORT}" ./vip serve >"$WORK/serve.log" 2>&1 &
SERVE_PID="$!"
PIDS+=("$SERVE_PID")
log "vip serve PID $SERVE_PID, HTTP on 127.0.0.1:${HTTP_PORT}"
service_ready() {
    curl -sf "http://127.0.0.1:${HTTP_PORT}/q/health/ready"
}
wait_until "vip serve is ready" service_ready

# 6. vip submit: upload, request event, wait for the completed event.
JOB_ID="smoke-$(date +%s)"
set +e
VIP_JAVA_OPTS="$COMMON_OPTS" ./vip submit "$PHOTO" --job-id "$JOB_ID" --steps 4 --expand 0.25 \
    --out "$WORK/result.png" --timeout PT5M >"$WORK/submit.out" 2>"$WORK/submit.err"
SUBMIT_STATUS=$?
set -e

# 7. Checks: the completion event, the result image, the gateway's view of the job.
FAILURES=0
check() {
    local what="$1"
    shift
    if "$@" >/dev/null 2>&1; then
        log "ok: $what"
    else
        log "FAILED: $what"
        FAILURES=$((FAILURES + 1))
    fi
}
check "vip submit exits with 0 (got $SUBMIT_STATUS)" test "$SUBMIT_STATUS" -eq 0
check "vip submit prints the completed event" grep -q "completed event (dev.vipoutpaint.outpaint.completed.v1" "$WORK/submit.out"
check "the completed event is for job $JOB_ID" grep -q "\"jobId\" : \"$JOB_ID\"" "$WORK/submit.out"
check "the result image was written" test -s "$WORK/result.png"
STATUS_JSON="$(curl -sf "http://127.0.0.1:${HTTP_PORT}/v1/jobs/${JOB_ID}" || true)"
check "GET /v1/jobs/$JOB_ID says completed" grep -q '"status":"completed"' <<<"$STATUS_JSON"
RESULT_BYTES="$(curl -sf -o "$WORK/served.png" -w '%{size_download}' "http://127.0.0.1:${HTTP_PORT}/v1/jobs/${JOB_ID}/result" || echo 0)"
check "GET /v1/jobs/$JOB_ID/result serves the image ($RESULT_BYTES bytes)" cmp -s "$WORK/result.png" "$WORK/served.png"

# 8. Stop vip serve with SIGTERM first: the worker drains and the connector commits.
stop_pid "$SERVE_PID"
SERVE_STATUS="$STOP_STATUS"
REMAINING=()
for pid in "${PIDS[@]}"; do
    [[ "$pid" == "$SERVE_PID" ]] || REMAINING+=("$pid")
done
PIDS=("${REMAINING[@]}")
grep -h "Draining\|stopped in" "$WORK/serve.log" >&2 || true
check "vip serve stops on SIGTERM with status 0 or 143 (got $SERVE_STATUS)" test "$SERVE_STATUS" -eq 0 -o "$SERVE_STATUS" -eq 143

echo "---- vip submit output ----"
cat "$WORK/submit.out"
echo "---- summary ----"
echo "photo $PHOTO, job $JOB_ID, broker 127.0.0.1:${KAFKA_PORT}, S3Mock 127.0.0.1:${S3_PORT}"
echo "gateway status: $STATUS_JSON" | cut -c1-400
if (( FAILURES > 0 )); then
    KEEP_WORK=1
    log "$FAILURES check(s) failed; logs are in $WORK"
    exit 1
fi
log "all checks passed"
