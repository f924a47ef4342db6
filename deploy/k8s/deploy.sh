#!/usr/bin/env bash
# deploy/k8s/deploy.sh NAMESPACE: applies the manifests with the images of $TAG, runs the
# migrations once (a Job of the API image), then waits for the rollouts. Rolls back on failure.
set -euo pipefail
namespace="$1"
: "${TAG:?TAG (the image tag) is required}"
if [ -n "${KUBECONFIG_DATA:-}" ]; then
  export KUBECONFIG="$(mktemp)"
  printf '%s' "$KUBECONFIG_DATA" > "$KUBECONFIG"
fi
dir="$(cd "$(dirname "$0")" && pwd)"
owner="${IMAGE_OWNER:-digitallz}"
render() {
  sed -e "s#namespace: digitallz\$#namespace: ${namespace}#" \
      -e "s#ghcr.io/digitallz/\([a-z]*\):latest#ghcr.io/${owner}/digitallz-\1:${TAG}#" "$1"
}
for file in config api worker web; do render "$dir/$file.yaml" | kubectl apply -f -; done
kubectl -n "$namespace" delete job migrate --ignore-not-found
kubectl -n "$namespace" create job migrate --image="ghcr.io/${owner}/digitallz-api:${TAG}" -- \
  node apps/cli/bin/digitallz.js migrate
kubectl -n "$namespace" wait --for=condition=complete job/migrate --timeout=300s
for deployment in api worker web; do
  if ! kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout=600s; then
    kubectl -n "$namespace" rollout undo "deployment/$deployment"
    exit 1
  fi
done
