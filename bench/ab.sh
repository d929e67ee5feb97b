#!/usr/bin/env bash
# A/B of two builds of this server, both serving at once, so that the machine's noise (±15% from one run to the
# next on a shared machine) falls on both alike. See bench/README.md ("After the direct resolvers").
#
#   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mce_bench bench/ab.sh <before> <after> [operation] [rounds] [seconds]
#
# <before> and <after> are checkouts with a build (`npm run build`: dist/server/main.js), e.g. a `git worktree`
# of the earlier commit with node_modules linked in. operation: nested (default), node, organisations, conference,
# facets or search. Each
# round loads both servers with autocannon at 5 connections each for the given seconds (default 6 rounds of 5 s)
# and prints each one's rate and CPU time per request (utime + stime from /proc/<pid>/stat), and after/before.
# Check the harness against itself first (`bench/ab.sh . . <operation>`): a load that saturates the machine (the
# nested query, on two cores) favours one of the two servers by up to a fifth, and run both ways round.
set -euo pipefail

before=${1:?usage: bench/ab.sh <before> <after> [operation] [rounds] [seconds]}
after=${2:?usage: bench/ab.sh <before> <after> [operation] [rounds] [seconds]}
operation=${3:-nested}
rounds=${4:-6}
seconds=${5:-5}
: "${DATABASE_URL:?DATABASE_URL must name a migrated and seeded database (npm run bench does both)}"

case "$operation" in
  nested) body='{"query":"{ countries(first: 20) { nodes { id code name organisations(first: 20) { nodes { id name city { id name } conferencesHosted(first: 5) { nodes { id year } } } } } } }"}' ;;
  node) body='{"query":"query BenchNode($id: ID!) { node(id: $id) { id ... on Organisation { name slug kind country { id code name } } } }","variables":{"id":"T3JnYW5pc2F0aW9uOjE"}}' ;;
  conference) body='{"query":"query BenchConference($year: Int!) { conference(year: $year) { id year title status hostCity { id name country { id code name } } attendance { participants approximate wording } topics(first: 50) { nodes { id wording kind position theme { id name } } } } }","variables":{"year":2019}}' ;;
  organisations) body='{"query":"{ organisations(first: 20) { totalCount pageInfo { hasNextPage endCursor } nodes { id name slug kind country { id code name } } } }"}' ;;
  facets) body='{"query":"{ conferences(first: 5) { totalCount nodes { id year } facets { year { value count } hostCountry { country { code } count } theme { theme { slug } count } } aggregates { count participants { count sum min max average } } } }"}' ;;
  search) body='{"query":"{ search(query: \"Hamb\", first: 10) { totalCount nodes { kind label score field snippet highlights { start length } record { ... on Node { id } } } } }"}' ;;
  *) echo "bench/ab.sh: unknown operation $operation (nested, node, organisations, conference, facets or search)" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
autocannon="$root/node_modules/.bin/autocannon"
pids=()
trap 'kill -INT "${pids[@]}" 2>/dev/null || true' EXIT

start() { # <checkout> <port>
  # As deployed: with the Node options of that checkout's `npm start` (as bench/lib/deployed-node.ts reads them).
  local options
  options=$(node -p "require('$1/package.json').scripts.start.match(/^node((?:\\s+--\\S+)*)\\s/)[1]")
  # shellcheck disable=SC2086 # the options are words
  NODE_ENV=production RATE_LIMIT_POINTS=0 LOG_LEVEL=warn HOST=127.0.0.1 PORT=$2 \
    node $options "$1/dist/server/main.js" > /dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do
    curl -sf -o /dev/null "http://127.0.0.1:$2/graphql" -H 'content-type: application/json' -d "$body" && return
    sleep 0.2
  done
  echo "bench/ab.sh: $1 did not answer on port $2" >&2
  exit 1
}
cpu_ticks() { local stat; read -ra stat < "/proc/$1/stat"; echo $((stat[13] + stat[14])); }
load() { # <port> [seconds]: prints the number of requests answered
  "$autocannon" -j -c 5 -d "${2:-$seconds}" -m POST -H content-type=application/json -b "$body" \
    "http://127.0.0.1:$1/graphql" 2> /dev/null | node -e "
      const result = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      if (result.errors || result.non2xx) { console.error('bench/ab.sh: failed requests'); process.exit(1); }
      console.log(result.requests.total);"
}

start "$before" 4321
start "$after" 4322
# The same answer from both, without errors: an A/B of a request one build fails (with 200 and `errors`, which
# autocannon counts as answered) measures the failure.
answer_of() { curl -sf "http://127.0.0.1:$1/graphql" -H 'content-type: application/json' -d "$body"; }
before_answer=$(answer_of 4321)
after_answer=$(answer_of 4322)
if [[ $before_answer == *'"errors"'* || $after_answer == *'"errors"'* || $before_answer != "$after_answer" ]]; then
  echo "bench/ab.sh: the two builds must answer $operation alike and without errors:" >&2
  echo "  before: ${before_answer:0:300}" >&2
  echo "  after:  ${after_answer:0:300}" >&2
  exit 1
fi
load 4321 2 > /dev/null & warming=$!; load 4322 2 > /dev/null; wait $warming   # warm-up
ticks_per_second=$(getconf CLK_TCK)
for round in $(seq 1 "$rounds"); do
  a0=$(cpu_ticks "${pids[0]}"); b0=$(cpu_ticks "${pids[1]}")
  # Not a bare `wait`: it would wait for the servers too.
  load 4321 > /tmp/ab-before.$$ & loading=$!; load 4322 > /tmp/ab-after.$$; wait $loading
  a1=$(cpu_ticks "${pids[0]}"); b1=$(cpu_ticks "${pids[1]}")
  node -e "
    const [na, nb] = [$(cat /tmp/ab-before.$$), $(cat /tmp/ab-after.$$)];
    const ms = (ticks, n) => (ticks * 1000) / $ticks_per_second / n;
    const [a, b] = [ms($a1 - $a0, na), ms($b1 - $b0, nb)];
    console.log('round $round: before', (na / $seconds).toFixed(0), 'req/s', a.toFixed(2), 'ms CPU | after',
      (nb / $seconds).toFixed(0), 'req/s', b.toFixed(2), 'ms CPU | after/before CPU', (b / a).toFixed(3));"
done
rm -f /tmp/ab-before.$$ /tmp/ab-after.$$
echo "RSS high-water: before $(awk '/VmHWM/ {print $2}' "/proc/${pids[0]}/status") kB, after $(awk '/VmHWM/ {print $2}' "/proc/${pids[1]}/status") kB"
