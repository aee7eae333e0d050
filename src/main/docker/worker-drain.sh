#!/bin/sh
# preStop hook of the worker pods: stops the worker from taking new jobs and waits until the
# running ones are done, so that Kubernetes sends SIGTERM to an idle worker.
#
# Environment (all optional):
#   VIP_DRAIN_URL           drain endpoint; default http://127.0.0.1:8082/admin/drain
#   VIP_DRAIN_MAX_SECONDS   upper bound on the wait; default 1320 (the 20 min job timeout plus
#                           2 min to store and publish), below the pod's grace period of 1500 s
#   VIP_DRAIN_POLL_SECONDS  seconds between two status requests; default 5
#
# The endpoint takes POST to start draining (readiness turns DOWN) and answers GET with
# {"draining":true,"runningJobs":N}. When it is missing (HTTP 404) or unreachable, the script
# returns at once and the worker drains on SIGTERM instead.
set -u

url="${VIP_DRAIN_URL:-http://127.0.0.1:8082/admin/drain}"
max_seconds="${VIP_DRAIN_MAX_SECONDS:-1320}"
poll_seconds="${VIP_DRAIN_POLL_SECONDS:-5}"

status="$(curl -s -o /dev/null -w '%{http_code}' -X POST --max-time 10 "$url")"
if [ "$status" != "200" ] && [ "$status" != "202" ] && [ "$status" != "204" ]; then
  echo "worker-drain: POST $url returned HTTP $status; leaving the drain to SIGTERM"
  exit 0
fi
echo "worker-drain: draining; waiting up to ${max_seconds} s for running jobs"

waited=0
while [ "$waited" -lt "$max_seconds" ]; do
  body="$(curl -s --max-time 10 "$url" || true)"
  running="$(printf '%s' "$body" | sed -n 's/.*"runningJobs"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p')"
  if [ "$running" = "0" ]; then
    echo "worker-drain: no running jobs after ${waited} s"
    exit 0
  fi
  sleep "$poll_seconds"
  waited=$((waited + poll_seconds))
done

echo "worker-drain: jobs still running after ${max_seconds} s; SIGTERM follows, and their records are processed again"
exit 0
