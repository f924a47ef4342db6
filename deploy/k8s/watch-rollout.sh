#!/usr/bin/env bash
# deploy/k8s/watch-rollout.sh SECONDS: fails if any Digitallz alert fires during the window.
set -euo pipefail
: "${PROMETHEUS_URL:?PROMETHEUS_URL is required}"
deadline=$(( $(date +%s) + ${1:-300} ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  firing=$(curl -fsS "$PROMETHEUS_URL/api/v1/alerts" \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const a=JSON.parse(s).data.alerts.filter(x=>x.state==="firing");console.log(a.map(x=>x.labels.alertname).join(","))})')
  if [ -n "$firing" ]; then echo "alerts firing after the deployment: $firing"; exit 1; fi
  sleep 15
done
echo "no alert fired in the window"
