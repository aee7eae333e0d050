"""The deployment tooling fails when it should: the offline schema validator, the KafkaTopic
generator and the worker's preStop drain script."""

import http.server
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import threading
import time

import pytest

from deploy_support import REPO_ROOT

VALIDATOR = REPO_ROOT / "scripts" / "k8s-validate" / "validate.mjs"
DRAIN_SCRIPT = REPO_ROOT / "src" / "main" / "docker" / "worker-drain.sh"

VALID_TOPIC = """
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaTopic
metadata: {name: vip.outpaint.prompted, labels: {strimzi.io/cluster: vip-kafka}}
spec: {partitions: 12, replicas: 3, config: {retention.ms: "604800000"}}
"""

INVALID_OBJECTS = {
    "topic_unknown_field": (
        "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata: {name: t}\n"
        "spec: {partitions: 3, replica: 3}\n", "must NOT have additional properties 'replica'"),
    "topic_zero_partitions": (
        "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata: {name: t}\n"
        "spec: {partitions: 0}\n", "/spec/partitions must be >= 1"),
    "scaled_object_string_count": (
        "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: s}\n"
        "spec: {scaleTargetRef: {name: w}, minReplicaCount: 'zero', triggers: [{type: kafka, metadata: {}}]}\n",
        "minReplicaCount must be integer"),
    "scaled_object_without_triggers": (
        "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: s}\n"
        "spec: {scaleTargetRef: {name: w}}\n", "must have required property triggers"),
    "deployment_string_port": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"
        "spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}},"
        " spec: {containers: [{name: c, image: i, ports: [{containerPort: '80'}]}]}}}\n",
        "containerPort must be integer"),
    "unknown_kind": (
        "apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata: {name: k}\n",
        "no schema for kafka.strimzi.io/v1beta2/Kafka"),
    "invalid_name": (
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Vip_Config}\n", "must be a DNS subdomain"),
}


def run_validator(tmp_path, text):
    node = shutil.which("node")
    assert node, "node is required for the schema validator"
    assert (VALIDATOR.parent / "node_modules").is_dir(), (
        "run: npm ci --prefix scripts/k8s-validate --no-audit --no-fund")
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(text, encoding="utf-8")
    return subprocess.run([node, str(VALIDATOR), str(manifest)], capture_output=True, text=True,
                          timeout=60, check=False)


def test_validator_accepts_valid_topic(tmp_path):
    result = run_validator(tmp_path, VALID_TOPIC)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 0 failed" in result.stdout


@pytest.mark.parametrize("case", sorted(INVALID_OBJECTS))
def test_validator_rejects_invalid_object(tmp_path, case):
    text, expected_message = INVALID_OBJECTS[case]
    result = run_validator(tmp_path, VALID_TOPIC + "---\n" + text)

    assert result.returncode == 1, result.stdout + result.stderr
    assert expected_message in result.stdout
    assert "1 passed, 1 failed" in result.stdout


def load_generator():
    path = REPO_ROOT / "scripts" / "generate-kafka-topics.py"
    spec = importlib.util.spec_from_file_location("generate_kafka_topics", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_topics_are_current():
    result = subprocess.run(["/usr/bin/python3", str(REPO_ROOT / "scripts" / "generate-kafka-topics.py"), "--check"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("topics, message", [
    ("- {name: a.b, partitions: 1}\n- {name: a.b, partitions: 2}\n", "defined twice"),
    ("- {name: Vip_Topic, partitions: 1}\n", "must use only a-z, 0-9"),
    ("- {name: a.b, partitions: 0}\n", "partitions of a.b must be an integer >= 1"),
    ("- {name: a.b, partitions: 1, config: {retention.ms: 1000}}\n", "must map keys to quoted strings"),
])
def test_generator_rejects_invalid_topics(tmp_path, topics, message):
    topics_file = tmp_path / "topics.yaml"
    topics_file.write_text("replicationFactor: 3\nstrimziCluster: vip-kafka\ntopics:\n" + topics, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_generator().load_topics(topics_file)


class DrainEndpoint(http.server.BaseHTTPRequestHandler):
    """The worker's drain endpoint as the preStop script expects it: POST starts draining,
    GET reports the running jobs, which finish one per status request."""

    running_jobs = 2
    posts = 0
    status_for_post = 202

    def do_POST(self):  # noqa: N802 - http.server's naming
        type(self).posts += 1
        self.send_response(self.status_for_post)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        body = json.dumps({"draining": True, "runningJobs": type(self).running_jobs}).encode()
        type(self).running_jobs = max(0, type(self).running_jobs - 1)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def drain_server():
    handler = type("Handler", (DrainEndpoint,), {"running_jobs": 2, "posts": 0, "status_for_post": 202})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, handler
    server.shutdown()
    server.server_close()


def run_drain(server, max_seconds):
    environment = dict(os.environ, VIP_DRAIN_URL=f"http://127.0.0.1:{server.server_port}/admin/drain",
                       VIP_DRAIN_MAX_SECONDS=str(max_seconds), VIP_DRAIN_POLL_SECONDS="1")
    started = time.monotonic()
    result = subprocess.run(["sh", str(DRAIN_SCRIPT)], env=environment, capture_output=True, text=True,
                            timeout=60, check=False)
    return result, time.monotonic() - started


def test_drain_waits_for_running_jobs(drain_server):
    server, handler = drain_server
    result, _ = run_drain(server, max_seconds=30)

    assert result.returncode == 0
    assert handler.posts == 1
    assert handler.running_jobs == 0, "the script returned before the jobs finished"
    assert "no running jobs" in result.stdout


def test_drain_stops_at_time_bound(drain_server):
    server, handler = drain_server
    handler.running_jobs = 10_000
    result, elapsed_seconds = run_drain(server, max_seconds=2)

    assert result.returncode == 0
    assert "still running after 2 s" in result.stdout
    assert elapsed_seconds < 15


def test_drain_without_endpoint_returns_at_once(drain_server):
    server, handler = drain_server
    handler.status_for_post = 404
    result, elapsed_seconds = run_drain(server, max_seconds=30)

    assert result.returncode == 0
    assert "returned HTTP 404" in result.stdout
    assert handler.running_jobs == 2, "no status request may follow a missing endpoint"
    assert elapsed_seconds < 10
