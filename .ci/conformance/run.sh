#!/usr/bin/env bash
# MCP conformance for brum's HTTP server.
#
# 1. Node 22 for the suite only (it needs fs.globSync), fetched from the npm registry as the
#    `node-linux-<arch>` package and cached; the project itself stays on its own Node.
# 2. brum's HTTP MCP server on examples/basic: the CLI (`--no-tui --token -p`) when it serves MCP,
#    else launch-server.mjs (the same server, from dist/).
# 3. auth-proxy.mjs in front: adds the bearer token, passes Host and Origin through unchanged.
# 4. The published suite's active server scenarios, with expected-failures.yml for the scenarios
#    that need the suite's own test tools/resources/prompts.
# 5. modern-checks.mjs: 2026-07-28 and stateless-serving checks the suite does not cover yet.
#
# Exits non-zero on any unexpected failure (or a stale expected-failure entry).
# Env: BRUM_CONFORMANCE_CACHE (default ~/.cache/brum-conformance), CONFORMANCE_VERSION, NODE22_VERSION,
#      BRUM_CONFORMANCE_NO_BUILD=1 (dist/ is fresh already).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${BRUM_CONFORMANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/brum-conformance}
SUITE_VERSION=${CONFORMANCE_VERSION:-0.1.16}
NODE22_VERSION=${NODE22_VERSION:-22}
TOKEN=$(node -e "process.stdout.write(require('node:crypto').randomBytes(24).toString('base64url'))")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/brum-conformance.XXXXXX")
PIDS=()
# The brum under test registers itself here, not in the user's instance registry.
export XDG_RUNTIME_DIR="$WORK/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

log() { printf 'conformance: %s\n' "$*" >&2; }
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# -- Node 22 and the suite (cached) ------------------------------------------------------------
case "$(uname -m)" in
  x86_64 | amd64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) log "unsupported architecture $(uname -m)"; exit 2 ;;
esac
NODE22="$CACHE/node22/package/bin/node"
if [ ! -x "$NODE22" ]; then
  log "fetching node-linux-$ARCH@$NODE22_VERSION from the npm registry"
  mkdir -p "$CACHE/node22"
  TGZ=$(cd "$CACHE" && npm pack --silent "node-linux-$ARCH@$NODE22_VERSION" | tail -n 1)
  tar -xzf "$CACHE/$TGZ" -C "$CACHE/node22"
  rm -f "$CACHE/$TGZ"
fi
"$NODE22" --version >/dev/null
SUITE="$CACHE/suite-$SUITE_VERSION/node_modules/@modelcontextprotocol/conformance/dist/index.js"
if [ ! -f "$SUITE" ]; then
  log "installing @modelcontextprotocol/conformance@$SUITE_VERSION"
  npm install --silent --no-audit --no-fund --prefix "$CACHE/suite-$SUITE_VERSION" "@modelcontextprotocol/conformance@$SUITE_VERSION" >&2
fi

# -- brum's server -------------------------------------------------------------------------------
if [ "${BRUM_CONFORMANCE_NO_BUILD:-}" != 1 ]; then
  log "building dist/"
  (cd "$ROOT" && npx tsc -p tsconfig.build.json) >&2 || log "build reported errors (continuing with what was emitted)"
fi

free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"; }

# Waits until `$1` answers an authenticated ping; returns non-zero after ~15 s.
wait_ready() {
  local url=$1 i
  for i in $(seq 1 75); do
    if node -e "fetch(process.argv[1],{method:'POST',headers:{'content-type':'application/json',accept:'application/json, text/event-stream',authorization:'Bearer '+process.argv[2]},body:JSON.stringify({jsonrpc:'2.0',id:1,method:'ping'})}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "$url" "$TOKEN" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

PORT=$(free_port)
SERVER_URL="http://127.0.0.1:$PORT/mcp"
STARTED=""
if node "$ROOT/dist/cli/main.js" --help 2>/dev/null | grep -q -- '--token'; then
  log "starting brum (CLI) on port $PORT"
  node "$ROOT/dist/cli/main.js" --no-tui --dir "$ROOT/examples/basic" --token "$TOKEN" -p "$PORT" >"$WORK/brum.out" 2>"$WORK/brum.err" &
  PIDS+=($!)
  if wait_ready "$SERVER_URL"; then STARTED=cli; else
    log "the CLI does not serve MCP on $SERVER_URL (yet); using launch-server.mjs"
    kill "${PIDS[-1]}" 2>/dev/null || true
    wait "${PIDS[-1]}" 2>/dev/null || true
  fi
fi
if [ -z "$STARTED" ]; then
  PORT=$(free_port)
  SERVER_URL="http://127.0.0.1:$PORT/mcp"
  log "starting launch-server.mjs on port $PORT"
  node "$HERE/launch-server.mjs" --dir examples/basic --token "$TOKEN" --port "$PORT" >"$WORK/brum.out" 2>"$WORK/brum.err" &
  PIDS+=($!)
  wait_ready "$SERVER_URL" || { log "server did not start:"; cat "$WORK/brum.err" >&2; exit 1; }
  STARTED=launcher
fi

# -- the proxy -----------------------------------------------------------------------------------
PROXY_PORT=$(free_port)
node "$HERE/auth-proxy.mjs" --target "http://127.0.0.1:$PORT" --token "$TOKEN" --port "$PROXY_PORT" >"$WORK/proxy.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do grep -q listening "$WORK/proxy.out" 2>/dev/null && break; sleep 0.1; done
PROXY_URL="http://localhost:$PROXY_PORT/mcp"

# -- the suite and our own 2026 checks -------------------------------------------------------------
STATUS=0
log "running the conformance suite $SUITE_VERSION against $PROXY_URL (server: $STARTED)"
(cd "$WORK" && "$NODE22" "$SUITE" server --url "$PROXY_URL" --suite active \
  --expected-failures "$HERE/expected-failures.yml" -o "$WORK/results") || STATUS=1
log "running modern-checks.mjs"
(cd "$ROOT" && node "$HERE/modern-checks.mjs" --url "$PROXY_URL") || STATUS=1

if [ "$STATUS" -eq 0 ]; then
  log "passed"
  cleanup
  rm -rf "$WORK"
else
  log "FAILED (results in $WORK/results, server log $WORK/brum.err)"
fi
exit "$STATUS"
