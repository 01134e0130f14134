#!/usr/bin/env bash
# Drives the `cloudemu` command line from the outside: help and errors, serve
# (endpoint line, client lines, a real botocore client, clean shutdown on
# SIGTERM and SIGINT, the data directory lock), snapshot dump/save, seed and
# coverage.
# Usage: cli_test.sh CLOUDEMU_BINARY SOURCE_DIR PYTHON_WITH_BOTOCORE
set -uo pipefail
cli=$1
source_dir=$2
python=$3
fixture=$source_dir/fixtures/example.json

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudemu-cli.XXXXXX")
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill -KILL "$server_pid" 2> /dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAILED: $1"; }
check() {  # check DESCRIPTION COMMAND...
  local description=$1
  shift
  if "$@"; then pass "$description"; else fail "$description"; fi
}
contains() { grep -qF -- "$2" "$1"; }
one_line() { [[ $(wc -l < "$1") -eq 1 ]]; }

# expect_error DESCRIPTION EXPECTED ARGS...: exit status 1..100 and exactly
# one line on stderr, containing EXPECTED.
expect_error() {
  local description=$1 expected=$2
  shift 2
  timeout 20 "$cli" "$@" > "$work/out" 2> "$work/err"
  local rc=$?
  if [[ $rc -ne 0 && $rc -lt 124 ]] && one_line "$work/err" && contains "$work/err" "$expected"; then
    pass "$description ($(cat "$work/err"))"
  else
    fail "$description: exit $rc, stderr: $(cat "$work/err")"
  fi
}

# start_server ARGS...: runs `cloudemu serve --port 0 ARGS` in the background,
# waits for its whole banner and sets $endpoint from its first line.
start_server() {
  "$cli" serve --port 0 "$@" > "$work/serve.out" 2> "$work/serve.err" &
  server_pid=$!
  endpoint=
  for _ in $(seq 200); do
    if [[ -s $work/serve.out ]]; then
      endpoint=$(head -n1 "$work/serve.out" | awk '{print $NF}')
      # The banner ends with this line; the checks read all of it.
      [[ $endpoint == http://* ]] && contains "$work/serve.out" "Press Ctrl-C to stop." && return 0
    fi
    kill -0 "$server_pid" 2> /dev/null || break
    sleep 0.1
  done
  echo "the server did not print its endpoint; stderr: $(cat "$work/serve.err")"
  return 1
}

# exited_within SECONDS PID: the process has exited (or is a zombie) in time.
exited_within() {
  local state
  for _ in $(seq $(($1 * 10))); do
    state=$(awk '{print $3}' "/proc/$2/stat" 2> /dev/null) || return 0
    [[ $state == Z ]] && return 0
    sleep 0.1
  done
  return 1
}

# stop_server SIGNAL: the server must exit 0 on it.
stop_server() {
  kill "-$1" "$server_pid"
  wait "$server_pid"
  local rc=$?
  server_pid=
  return $rc
}

# botocore ENDPOINT PYTHON_STATEMENTS [AKID SECRET]: runs the statements with
# `s3` a botocore S3 client of the endpoint.
botocore() {
  "$python" - "$1" "$2" "${3:-test}" "${4:-test}" <<'PY'
import sys
import botocore.config
import botocore.exceptions
import botocore.session
s3 = botocore.session.get_session().create_client(
    "s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id=sys.argv[3],
    aws_secret_access_key=sys.argv[4],
    config=botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
exec(sys.argv[2])
PY
}

# --- help and bad input
"$cli" --help > "$work/help" 2>&1
check "--help exits 0" test $? -eq 0
for command in serve snapshot seed coverage; do
  check "--help lists $command" contains "$work/help" "$command"
  "$cli" "$command" --help > /dev/null 2>&1
  check "$command --help exits 0" test $? -eq 0
done
"$cli" snapshot dump --help > /dev/null 2>&1
check "snapshot dump --help exits 0" test $? -eq 0
expect_error "no subcommand is an error" "subcommand is required"
expect_error "an unknown subcommand is named" "frobnicate" frobnicate
expect_error "snapshot needs a subcommand" "snapshot subcommand" snapshot
expect_error "an unknown snapshot subcommand is named" "frobnicate" snapshot frobnicate
expect_error "a port out of range is an error" "not in range" serve --port 70000
expect_error "a missing seed file is an error" "absent.json" serve --seed "$work/absent.json"
expect_error "strict signatures need credentials" "requires --credentials" serve --strict-signatures
expect_error "malformed credentials are an error" "ACCESS_KEY_ID:SECRET" serve --strict-signatures --credentials nocolon
expect_error "--sync needs --data-dir" "requires --data-dir" serve --sync
expect_error "an unknown format is an error" "yaml" coverage --format yaml
expect_error "dumping a missing path is an error" "neither a data directory nor a snapshot" snapshot dump "$work/absent"
mkdir "$work/not-a-data-dir"
expect_error "dumping a directory without a store is an error" "not a CloudEmu data directory" snapshot dump "$work/not-a-data-dir"
expect_error "dumping a file that is no snapshot is an error" "is not a CloudEmu snapshot" snapshot dump "$fixture"
echo '{"version": 1, "s3": {"buckets": [{"name": "Not_A_Valid_Bucket"}]}}' > "$work/bad_fixture.json"
expect_error "a fixture the service rejects is an error" "InvalidBucketName" seed "$work/seeded-bad" "$work/bad_fixture.json"
echo '{"version": 2, "s3": {"buckets": []}}' > "$work/v2_fixture.json"
expect_error "a fixture of another format version is an error" "must be 1" seed "$work/seeded-v2" "$work/v2_fixture.json"
echo '{"version": 1, "nosuchservice": {}}' > "$work/unknown_fixture.json"
expect_error "a fixture for an unknown service is an error" "nosuchservice" seed "$work/seeded-unknown" "$work/unknown_fixture.json"

# --- serve with a data directory and a seed
if start_server --data-dir "$work/data" --seed "$fixture"; then
  pass "serve prints its endpoint first ($endpoint)"
  check "serve prints an aws CLI line" contains "$work/serve.out" "aws --endpoint-url $endpoint"
  check "serve prints a boto3 line" contains "$work/serve.out" "endpoint_url=\"$endpoint\""
  check "serve prints a Terraform provider block" contains "$work/serve.out" "s3 = \"$endpoint\""
  check "the Terraform block uses path-style S3" contains "$work/serve.out" "s3_use_path_style           = true"
  botocore "$endpoint" '
names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
assert names == ["example-data", "example-website"], names
body = s3.get_object(Bucket="example-data", Key="reports/2024-05-01.csv")["Body"].read()
assert body == b"item,total\nwidgets,3\ngadgets,5\n", body
s3.put_object(Bucket="example-data", Key="added/by-client.txt", Body=b"0123456789")
' > "$work/client.log" 2>&1
  check "a botocore client sees the seeded state and writes ($(tail -n1 "$work/client.log"))" test $? -eq 0
  expect_error "a data directory in use is refused" "in use" snapshot dump "$work/data"
  expect_error "seeding a data directory in use is refused" "in use" seed "$work/data" "$fixture"
  stop_server TERM
  check "serve exits 0 on SIGTERM" test $? -eq 0
else
  fail "serve --data-dir --seed starts"
fi

# --- snapshot dump and save of the data directory the server left
"$cli" snapshot dump "$work/data" > "$work/dump.txt" 2> "$work/err"
check "snapshot dump of a data dir exits 0 ($(cat "$work/err"))" test $? -eq 0
for name in example-website example-data index.html reports/2024-05-01.csv added/by-client.txt; do
  check "the dump lists $name" contains "$work/dump.txt" "$name"
done
"$cli" snapshot dump "$work/data" --format json > "$work/dump.json"
"$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "s3" in d["services"], d' "$work/dump.json"
check "snapshot dump --format json is JSON with an s3 section" test $? -eq 0
"$cli" snapshot save "$work/data" "$work/snapshot.json" > /dev/null
check "snapshot save exits 0" test $? -eq 0
"$cli" snapshot dump "$work/snapshot.json" > "$work/dump_from_file.txt"
check "a snapshot file dumps like its data dir" cmp -s "$work/dump.txt" "$work/dump_from_file.txt"

# --- seed
"$cli" seed "$work/seeded" "$fixture" > /dev/null 2> "$work/err"
check "seed into a new data dir exits 0 ($(cat "$work/err"))" test $? -eq 0
"$cli" snapshot dump "$work/seeded" > "$work/seeded.txt"
check "the seeded data dir has the fixture's objects" contains "$work/seeded.txt" "css/site.css"

# --- serve in memory, stopped with SIGINT; the port of a running server is refused
if start_server; then
  first_endpoint=$endpoint
  first_pid=$server_pid
  port=${first_endpoint##*:}
  expect_error "a port in use is an error" "cannot listen on" serve --port "$port"
  server_pid=$first_pid
  botocore "$first_endpoint" 'assert s3.list_buckets()["Buckets"] == []' > "$work/client.log" 2>&1
  check "an in-memory server starts empty ($(tail -n1 "$work/client.log"))" test $? -eq 0
  stop_server INT
  check "serve exits 0 on SIGINT" test $? -eq 0
else
  fail "serve in memory starts"
fi

# --- a client holding an idle keep-alive connection must not delay shutdown
if start_server; then
  "$python" - "$endpoint" "$work/holding" <<'PY' &
import http.client, sys, time, urllib.parse
url = urllib.parse.urlparse(sys.argv[1])
connection = http.client.HTTPConnection(url.hostname, url.port)
connection.request("GET", "/_cloudemu/health")
connection.getresponse().read()
open(sys.argv[2], "w").close()
time.sleep(60)
PY
  holder_pid=$!
  for _ in $(seq 100); do [[ -e $work/holding ]] && break; sleep 0.1; done
  kill -TERM "$server_pid"
  check "serve exits within 10 s of SIGTERM while a client keeps a connection open" exited_within 10 "$server_pid"
  kill -KILL "$server_pid" "$holder_pid" 2> /dev/null
  wait "$server_pid" "$holder_pid" 2> /dev/null
  server_pid=
else
  fail "serve in memory starts for the keep-alive check"
fi

# --- serve checking signatures
if start_server --strict-signatures --credentials AKIDCLITEST:cli-secret; then
  check "serve prints the given credentials" contains "$work/serve.out" "AWS_ACCESS_KEY_ID=AKIDCLITEST"
  botocore "$endpoint" 's3.create_bucket(Bucket="signed")' AKIDCLITEST cli-secret > "$work/client.log" 2>&1
  check "a request signed with the given credentials succeeds ($(tail -n1 "$work/client.log"))" test $? -eq 0
  botocore "$endpoint" '
try:
    s3.list_buckets()
    raise SystemExit("an unknown access key was accepted")
except botocore.exceptions.ClientError as e:
    assert e.response["Error"]["Code"] == "InvalidAccessKeyId", e.response["Error"]
' > "$work/client.log" 2>&1
  check "a request signed with other credentials is refused ($(tail -n1 "$work/client.log"))" test $? -eq 0
  stop_server TERM
  check "the strict server exits 0 on SIGTERM" test $? -eq 0
else
  fail "serve --strict-signatures starts"
fi

# --- coverage
"$cli" coverage --format json > "$work/coverage.json"
"$python" -c '
import json, sys
services = {s["service"]: s for s in json.load(open(sys.argv[1]))["services"]}
s3 = services["s3"]
assert s3["emulated"] and 0 < s3["implemented"] <= s3["total"] == len(s3["operations"]), s3
assert s3["operations"]["PutObject"] is True
' "$work/coverage.json"
check "coverage --format json reports S3 as emulated" test $? -eq 0
"$cli" coverage > "$work/coverage.md"
check "coverage markdown has the summary table" contains "$work/coverage.md" "| s3 |"
check "coverage markdown lists S3 operations" contains "$work/coverage.md" "| PutObject | yes |"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
