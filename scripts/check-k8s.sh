#!/usr/bin/env bash
# Renders every kustomize overlay under k8s/overlays and validates each object offline against
# the Kubernetes, KEDA and Strimzi schemas (scripts/k8s-validate/validate.mjs). Also fails
# when the generated KafkaTopic resources are stale against kafka/topics.yaml.
#
# Needs: kubectl with kustomize v5 (kubectl 1.27 or later), Node.js 20 or later, Debian's
# python3 with PyYAML, and the validator's packages:
#   npm ci --prefix scripts/k8s-validate --no-audit --no-fund
# The rendered manifests are left in target/k8s/<overlay>.yaml.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

fail() {
  echo "check-k8s: $*" >&2
  exit 2
}

command -v kubectl >/dev/null || fail "kubectl not found; it must embed kustomize v5 (kubectl 1.27 or later)"
kustomize_version="$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p')"
if [[ -z "$kustomize_version" || "$kustomize_version" -lt 5 ]]; then
  fail "kubectl embeds kustomize '${kustomize_version:-unknown}', need v5 or later (kubectl 1.27+)"
fi
command -v node >/dev/null || fail "node not found; Node.js 20 or later runs the schema validator"
[[ -d scripts/k8s-validate/node_modules ]] ||
  fail "validator packages missing; run: npm ci --prefix scripts/k8s-validate --no-audit --no-fund"

echo "== KafkaTopic resources against kafka/topics.yaml"
/usr/bin/python3 scripts/generate-kafka-topics.py --check
echo "up to date"

mkdir -p target/k8s
rendered=()
for overlay in k8s/overlays/*/; do
  name="$(basename "$overlay")"
  echo "== render $overlay"
  kubectl kustomize "$overlay" > "target/k8s/$name.yaml"
  rendered+=("target/k8s/$name.yaml")
done

echo "== validate ${rendered[*]}"
node scripts/k8s-validate/validate.mjs "${rendered[@]}"
