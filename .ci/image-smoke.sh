#!/usr/bin/env bash
# No Docker engine runs here, so this does what the Dockerfile's runtime stage does, by hand: a folder with
# only dist/, bin/, manifest/ and package*.json, `npm ci --omit=dev`, then `npm start` against a local Slack,
# and /healthz and /readyz must answer 200. It also checks the Dockerfile for what the image promises.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

grep -q '^FROM .* AS build' Dockerfile && grep -q '^FROM .* AS runtime' Dockerfile || { echo "Dockerfile: not multi-stage"; exit 1; }
grep -q '^USER node' Dockerfile || { echo "Dockerfile: runs as root"; exit 1; }
grep -q '^HEALTHCHECK' Dockerfile || { echo "Dockerfile: no HEALTHCHECK"; exit 1; }

dir=$(mktemp -d /tmp/okrbot-image.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT
cp -r dist bin manifest package.json package-lock.json LICENSE "$dir/"
mkdir -p "$dir/src/demo" && cp src/demo/sample-org.yaml "$dir/src/demo/"
(cd "$dir" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)

slack_env=$(mktemp)
node --input-type=module -e "
  const { LocalSlack } = await import('$root/dist/src/localslack/local-slack.js');
  const s = await LocalSlack.start({ teamId: 'T0IMAGE' });
  console.log(JSON.stringify({ token: s.botToken, url: s.apiUrl }));
  setInterval(() => {}, 1000);
" > "$slack_env" &
pids+=($!)
for _ in $(seq 50); do [ -s "$slack_env" ] && break; sleep 0.1; done
token=$(node -e "console.log(JSON.parse(require('fs').readFileSync('$slack_env','utf8')).token)")
url=$(node -e "console.log(JSON.parse(require('fs').readFileSync('$slack_env','utf8')).url)")
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

(cd "$dir" && SLACK_BOT_TOKEN=$token SLACK_SIGNING_SECRET=image-smoke-secret SLACK_API_URL=$url \
  DATABASE_URL="sqlite:$dir/data/okrbot.db" PORT=$port NODE_ENV=production npm start --silent > "$dir/serve.log" 2>&1) &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$port/healthz"; echo
curl -fs "http://127.0.0.1:$port/readyz"; echo
echo "image smoke: npm ci --omit=dev && npm start answered /healthz and /readyz"
