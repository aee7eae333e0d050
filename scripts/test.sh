#!/usr/bin/env bash
# Runs every test of the project. The Java tests use a real in-process Kafka broker, S3Mock on
# 127.0.0.1 and the DJL PyTorch engine on a random-weight bundle that Maven exports first.
# Then come the offline Kubernetes manifest checks and the Python model, data and deployment
# tests.
# Needs what .ci/run installs. Stops at the first failing step.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== Java tests (mvn test)"
mvn -B test

echo "== Kubernetes manifests (render with kubectl kustomize, validate offline)"
npm ci --prefix scripts/k8s-validate --no-audit --no-fund
scripts/check-k8s.sh

# The model tests and the data tests each have a conftest.py that pytest would import under
# the same module name, so they run in two calls.
echo "== Python tests: model toolchain and deployment references"
/usr/bin/python3 -m pytest -q src/test/python --ignore=src/test/python/vip_data
echo "== Python tests: training data and evaluation"
/usr/bin/python3 -m pytest -q src/test/python/vip_data
