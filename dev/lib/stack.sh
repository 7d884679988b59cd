# shellcheck shell=bash
# The local stack: Azurite (Blob, Queue, Table) and a RabbitMQ node with the AMQP 1.0 plugin.
#
# Sourced by dev/up and dev/test, and wrapped by dev/stack for everything else (the integration
# tests start their stacks through dev/stack so there is one implementation).
#
# Every stack is self-contained under its DATA_DIR: Azurite's workspace, the RabbitMQ node's
# configuration, cookie, database and logs, and the PIDs. Each RabbitMQ node gets its own epmd on
# its own port, so stacks never share anything and stopping one cannot disturb another.
# Everything listens on 127.0.0.1 only.
#
# Functions print KEY=VALUE lines on stdout; they say nothing else on the happy path, and print the
# reason and the tail of the service's log on stderr when something fails (and return non-zero).

STACK_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The well-known Azurite development account (public, documented by Microsoft; not a secret).
STACK_AZURITE_ACCOUNT="devstoreaccount1"
STACK_AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

STACK_RABBITMQ_BIN="${STACK_RABBITMQ_BIN:-/usr/lib/rabbitmq/bin}"
STACK_START_TIMEOUT="${STACK_START_TIMEOUT:-120}"
STACK_STOP_TIMEOUT="${STACK_STOP_TIMEOUT:-30}"

_stack_err() {
  printf 'stack: %s\n' "$*" >&2
}

_stack_info() {
  if [[ "${STACK_VERBOSE:-0}" == 1 ]]; then
    printf 'stack: %s\n' "$*" >&2
  fi
}

# Prints the last lines of each existing log file to stderr, so a failure explains itself.
_stack_log_tail() {
  local file
  for file in "$@"; do
    if [[ -s "$file" ]]; then
      printf -- '----- last lines of %s -----\n' "$file" >&2
      tail -n 40 "$file" >&2
    fi
  done
}

_stack_require_port() {
  local name="$1" value="$2"
  if ! [[ "$value" =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
    _stack_err "$name must be a TCP port number, got '$value'"
    return 1
  fi
}

_stack_require_name() {
  if ! [[ "$1" =~ ^[A-Za-z0-9_-]+$ ]]; then
    _stack_err "NAME must be letters, digits, '-' or '_' (it becomes the RabbitMQ node name), got '$1'"
    return 1
  fi
}

_stack_abs_dir() {
  mkdir -p "$1" && (cd "$1" && pwd)
}

# True when PID is a live process (zombies do not count: an orphan may wait a while to be reaped).
_stack_running() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/stat" ]] || return 1
  state="$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null)" || return 1
  [[ "$state" != Z && "$state" != X ]]
}

# True when PID is running and its command line contains PATTERN; guards against PID reuse when a
# PID comes from a file written by an earlier run.
_stack_alive() {
  local pid="$1" pattern="$2" command_line
  _stack_running "$pid" || return 1
  command_line="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$command_line" == *"$pattern"* ]]
}

_stack_read_pid() {
  [[ -s "$1" ]] && tr -d ' \n' <"$1"
}

# Prints KEY's value from a KEY=VALUE file, or nothing (and still succeeds) when there is none.
_stack_setting() {
  local key="$1" file="$2"
  if [[ -f "$file" ]]; then
    sed -n "s/^$key=//p" "$file"
  fi
  return 0
}

_stack_port_open() {
  (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Asks the kernel for a free loopback port (bind to port 0), as the tests do.
_stack_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close();});'
}

# Waits for PID to exit; returns 1 if it is still alive after SECONDS.
_stack_wait_exit() {
  local pid="$1" pattern="$2" seconds="$3" i
  for ((i = 0; i < seconds * 10; i++)); do
    _stack_alive "$pid" "$pattern" || return 0
    sleep 0.1
  done
  ! _stack_alive "$pid" "$pattern"
}

# Ends PID: SIGTERM, then SIGKILL if it does not exit within SECONDS.
_stack_terminate() {
  local pid="$1" pattern="$2" seconds="$3"
  _stack_alive "$pid" "$pattern" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  _stack_wait_exit "$pid" "$pattern" "$seconds" && return 0
  _stack_err "process $pid ($pattern) ignored SIGTERM for ${seconds}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  _stack_wait_exit "$pid" "$pattern" 5
}

_stack_as_root() {
  if [[ "$(id -u)" == 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    _stack_err "need root (or sudo) to run: $*"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------
# Install

_stack_install_azurite() {
  local lock="$STACK_REPO_ROOT/package-lock.json"
  local marker="$STACK_REPO_ROOT/node_modules/.integrationhub-lock.sha256"
  local want log
  if ! command -v npm >/dev/null 2>&1; then
    _stack_err "npm is not installed: install Node.js 20 and npm first"
    return 1
  fi
  want="$(sha256sum "$lock" | cut -d' ' -f1)" || return 1
  if [[ -x "$STACK_REPO_ROOT/node_modules/.bin/azurite" && -f "$marker" && "$(cat "$marker")" == "$want" ]]; then
    return 0
  fi
  _stack_info "installing Azurite (npm ci)"
  log="$(mktemp)"
  if ! (cd "$STACK_REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    _stack_err "npm ci failed"
    _stack_log_tail "$log"
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  printf '%s\n' "$want" >"$marker"
}

_stack_install_rabbitmq() {
  local log
  if [[ -x "$STACK_RABBITMQ_BIN/rabbitmq-server" && -x "$STACK_RABBITMQ_BIN/rabbitmqctl" ]]; then
    return 0
  fi
  _stack_info "installing rabbitmq-server (apt-get)"
  log="$(mktemp)"
  if ! {
    _stack_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      _stack_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends rabbitmq-server
  } >"$log" 2>&1; then
    _stack_err "installing rabbitmq-server failed"
    _stack_log_tail "$log"
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  if [[ ! -x "$STACK_RABBITMQ_BIN/rabbitmq-server" ]]; then
    _stack_err "rabbitmq-server was installed but $STACK_RABBITMQ_BIN/rabbitmq-server is missing"
    return 1
  fi
}

# Installs whatever is missing: Azurite (npm ci, when node_modules is missing or the lock changed)
# and rabbitmq-server (apt-get). Does nothing when both are present.
stack_install() {
  _stack_install_azurite || return 1
  _stack_install_rabbitmq || return 1
}

# ---------------------------------------------------------------------------------------------
# Azurite

_stack_connection_string() {
  local blob="$1" queue="$2" table="$3"
  printf 'DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/%s;QueueEndpoint=http://127.0.0.1:%s/%s;TableEndpoint=http://127.0.0.1:%s/%s;' \
    "$STACK_AZURITE_ACCOUNT" "$STACK_AZURITE_KEY" "$blob" "$STACK_AZURITE_ACCOUNT" "$queue" "$STACK_AZURITE_ACCOUNT" "$table" "$STACK_AZURITE_ACCOUNT"
}

_stack_print_azurite() {
  local pid="$1" blob="$2" queue="$3" table="$4"
  printf 'AZURITE_PID=%s\n' "$pid"
  printf 'BLOB_PORT=%s\nQUEUE_PORT=%s\nTABLE_PORT=%s\n' "$blob" "$queue" "$table"
  printf 'STORAGE_CONNECTION_STRING=%s\n' "$(_stack_connection_string "$blob" "$queue" "$table")"
}

# stack_start_azurite DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT
# Starts Azurite with its workspace in DATA_DIR/azurite (kept across restarts) and waits until
# the three ports accept connections. Reuses an Azurite of this DATA_DIR already running on the
# same ports.
stack_start_azurite() {
  if (($# != 4)); then
    _stack_err "usage: stack_start_azurite DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT"
    return 2
  fi
  local data blob="$2" queue="$3" table="$4"
  _stack_require_port BLOB_PORT "$blob" || return 1
  _stack_require_port QUEUE_PORT "$queue" || return 1
  _stack_require_port TABLE_PORT "$table" || return 1
  data="$(_stack_abs_dir "$1")" || return 1

  local bin="$STACK_REPO_ROOT/node_modules/.bin/azurite"
  if [[ ! -x "$bin" ]]; then
    _stack_err "Azurite is not installed ($bin is missing): run dev/stack install"
    return 1
  fi

  local pidfile="$data/pids/azurite" portsfile="$data/azurite.ports" log="$data/logs/azurite.log"
  local ports="$blob $queue $table" pid port
  mkdir -p "$data/pids" "$data/logs" "$data/azurite"

  pid="$(_stack_read_pid "$pidfile")" || true
  if _stack_alive "$pid" azurite; then
    if [[ "$(cat "$portsfile" 2>/dev/null)" == "$ports" ]]; then
      _stack_print_azurite "$pid" "$blob" "$queue" "$table"
      return 0
    fi
    _stack_err "Azurite of $data already runs (PID $pid) on ports $(cat "$portsfile" 2>/dev/null); stop it first"
    return 1
  fi

  for port in $ports; do
    if _stack_port_open "$port"; then
      _stack_err "cannot start Azurite: port $port on 127.0.0.1 is already in use by another process"
      return 1
    fi
  done

  # --skipApiVersionCheck: the Azure SDKs send service versions newer than Azurite knows.
  # --disableTelemetry: this machine talks to nobody. Strict mode (no --loose) is kept so that a
  # header Azurite does not support fails here rather than being silently ignored.
  : >"$log"
  (
    cd "$data" || exit 1
    exec setsid "$bin" --silent --skipApiVersionCheck --disableTelemetry \
      --location "$data/azurite" \
      --blobHost 127.0.0.1 --blobPort "$blob" \
      --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" \
      </dev/null >>"$log" 2>&1
  ) &
  pid=$!
  printf '%s\n' "$pid" >"$pidfile"
  printf '%s\n' "$ports" >"$portsfile"

  local deadline=$((SECONDS + STACK_START_TIMEOUT)) ready
  while :; do
    # Just forked, the process may not have exec'd Azurite yet: check it by PID alone.
    if ! _stack_running "$pid"; then
      _stack_err "Azurite exited during start-up (ports $ports)"
      _stack_log_tail "$log"
      rm -f "$pidfile"
      return 1
    fi
    ready=1
    for port in $ports; do
      _stack_port_open "$port" || ready=0
    done
    ((ready)) && break
    if ((SECONDS >= deadline)); then
      _stack_err "Azurite did not open ports $ports within ${STACK_START_TIMEOUT}s"
      _stack_log_tail "$log"
      _stack_terminate "$pid" azurite 5
      rm -f "$pidfile"
      return 1
    fi
    sleep 0.2
  done
  _stack_print_azurite "$pid" "$blob" "$queue" "$table"
}

# stack_stop_azurite DATA_DIR
# Stops Azurite gracefully (SIGTERM lets it flush its database), keeping its data.
stack_stop_azurite() {
  if (($# != 1)); then
    _stack_err "usage: stack_stop_azurite DATA_DIR"
    return 2
  fi
  local data="$1" pid
  [[ -d "$data" ]] || return 0
  pid="$(_stack_read_pid "$data/pids/azurite")" || true
  if [[ -n "$pid" ]] && ! _stack_terminate "$pid" azurite "$STACK_STOP_TIMEOUT"; then
    _stack_err "could not stop Azurite (PID $pid)"
    return 1
  fi
  rm -f "$data/pids/azurite"
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ

# Sets, in the calling (sub)shell, the environment that makes rabbitmq-server and rabbitmqctl use
# this stack's node, files and epmd. Call it inside ( ... ) only.
_stack_rabbitmq_env() {
  local name="$1" data="$2" dir="$2/rabbitmq"
  local epmd_port dist_port
  epmd_port="$(_stack_setting EPMD_PORT "$dir/ports")"
  dist_port="$(_stack_setting DIST_PORT "$dir/ports")"
  # The cookie and nothing else lives in HOME; a private HOME keeps the user's own untouched.
  export HOME="$dir/home"
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
  export RABBITMQ_NODENAME="$name@localhost"
  export RABBITMQ_USE_LONGNAME=false
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="$dir/mnesia"
  export RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_PID_FILE="$data/pids/rabbitmq"
  export ERL_EPMD_ADDRESS=127.0.0.1
  if [[ -n "$epmd_port" ]]; then export ERL_EPMD_PORT="$epmd_port"; fi
  if [[ -n "$dist_port" ]]; then export RABBITMQ_DIST_PORT="$dist_port"; fi
}

_stack_rabbitmqctl() {
  local name="$1" data="$2"
  shift 2
  (
    _stack_rabbitmq_env "$name" "$data"
    exec timeout "${STACK_CTL_TIMEOUT:-120}" \
      "$STACK_RABBITMQ_BIN/rabbitmqctl" -n "$name@localhost" "$@"
  )
}

# Writes the node's configuration (rewritten at every start, so a new port takes effect) and,
# once, its cookie and its epmd/distribution ports.
_stack_rabbitmq_prepare() {
  local name="$1" data="$2" amqp="$3" dir="$2/rabbitmq"
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log" "$data/pids" "$data/logs" || return 1

  if [[ ! -s "$dir/home/.erlang.cookie" ]]; then
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/home/.erlang.cookie") || return 1
    chmod 400 "$dir/home/.erlang.cookie"
  fi

  local epmd_port dist_port
  epmd_port="$(_stack_setting EPMD_PORT "$dir/ports")"
  dist_port="$(_stack_setting DIST_PORT "$dir/ports")"
  # epmd is this stack's own, so its port is kept for the life of DATA_DIR; the distribution
  # port is re-picked if something else took it while the node was down.
  if [[ -z "$epmd_port" ]]; then epmd_port="$(_stack_free_port)" || return 1; fi
  if [[ -z "$dist_port" ]] || _stack_port_open "$dist_port"; then dist_port="$(_stack_free_port)" || return 1; fi
  printf 'EPMD_PORT=%s\nDIST_PORT=%s\n' "$epmd_port" "$dist_port" >"$dir/ports"

  # Empty on purpose: stops the node from reading /etc/rabbitmq/rabbitmq-env.conf.
  : >"$dir/rabbitmq-env.conf"
  cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$amqp
loopback_users.guest = true
default_user = guest
default_pass = guest
default_vhost = /
disk_free_limit.absolute = 50MB
log.file.level = info
log.console = false
EOF
  cat >"$dir/advanced.config" <<'EOF'
[{kernel, [{inet_dist_use_interface, {127,0,0,1}}]}].
EOF
  printf '[rabbitmq_amqp1_0].\n' >"$dir/enabled_plugins"
}

_stack_print_rabbitmq() {
  local name="$1" data="$2" amqp="$3" pid="$4"
  printf 'RABBITMQ_PID=%s\n' "$pid"
  printf 'RABBITMQ_NODE=%s@localhost\n' "$name"
  printf 'RABBITMQ_EPMD_PORT=%s\n' "$(_stack_setting EPMD_PORT "$data/rabbitmq/ports")"
  printf 'AMQP_PORT=%s\n' "$amqp"
  printf 'AMQP_URL=amqp://guest:guest@127.0.0.1:%s\n' "$amqp"
}

# stack_start_rabbitmq NAME DATA_DIR AMQP_PORT
# Starts the RabbitMQ node NAME@localhost with its data in DATA_DIR/rabbitmq (kept across
# restarts), AMQP 0-9-1 and 1.0 on 127.0.0.1:AMQP_PORT, and waits until it has booted.
# Reuses the node if it already runs.
stack_start_rabbitmq() {
  if (($# != 3)); then
    _stack_err "usage: stack_start_rabbitmq NAME DATA_DIR AMQP_PORT"
    return 2
  fi
  local name="$1" data amqp="$3"
  _stack_require_name "$name" || return 1
  _stack_require_port AMQP_PORT "$amqp" || return 1
  data="$(_stack_abs_dir "$2")" || return 1

  if [[ ! -x "$STACK_RABBITMQ_BIN/rabbitmq-server" ]]; then
    _stack_err "RabbitMQ is not installed ($STACK_RABBITMQ_BIN/rabbitmq-server is missing): run dev/stack install"
    return 1
  fi

  local pidfile="$data/pids/rabbitmq" launcherfile="$data/pids/rabbitmq-launcher"
  local console="$data/logs/rabbitmq-console.log" nodelog="$data/rabbitmq/log/$name@localhost.log"
  local pid launcher
  pid="$(_stack_read_pid "$pidfile")" || true
  if _stack_alive "$pid" beam; then
    if grep -qF "127.0.0.1:$amqp" "$data/rabbitmq/rabbitmq.conf" 2>/dev/null; then
      _stack_print_rabbitmq "$name" "$data" "$amqp" "$pid"
      return 0
    fi
    _stack_err "the RabbitMQ node of $data already runs (PID $pid) on another port; stop it first"
    return 1
  fi
  if _stack_port_open "$amqp"; then
    _stack_err "cannot start RabbitMQ: AMQP port $amqp on 127.0.0.1 is already in use by another process"
    return 1
  fi
  rm -f "$pidfile" "$launcherfile"
  _stack_rabbitmq_prepare "$name" "$data" "$amqp" || return 1

  : >"$console"
  (
    _stack_rabbitmq_env "$name" "$data"
    cd "$data/rabbitmq" || exit 1
    exec setsid "$STACK_RABBITMQ_BIN/rabbitmq-server" </dev/null >>"$console" 2>&1
  ) &
  launcher=$!
  printf '%s\n' "$launcher" >"$launcherfile"

  # await_startup fails at once until the node has registered with epmd, then blocks until the
  # broker has booted; so it is asked again until the deadline.
  local deadline=$((SECONDS + STACK_START_TIMEOUT)) ctl_log="$data/logs/rabbitmqctl.log"
  while :; do
    if ! _stack_running "$launcher"; then
      _stack_err "RabbitMQ node $name@localhost exited during start-up (AMQP port $amqp)"
      _stack_log_tail "$console" "$nodelog"
      stack_stop_rabbitmq "$name" "$data" || true
      return 1
    fi
    if _stack_rabbitmqctl "$name" "$data" -q await_startup --timeout 5 >"$ctl_log" 2>&1; then
      break
    fi
    if ((SECONDS >= deadline)); then
      _stack_err "RabbitMQ node $name@localhost did not boot within ${STACK_START_TIMEOUT}s"
      _stack_log_tail "$ctl_log" "$console" "$nodelog"
      stack_stop_rabbitmq "$name" "$data" || true
      return 1
    fi
    sleep 1
  done

  pid="$(_stack_read_pid "$pidfile")" || true
  if ! _stack_alive "$pid" beam; then
    _stack_err "RabbitMQ node $name@localhost booted but its PID file $pidfile names no running VM"
    return 1
  fi
  _stack_print_rabbitmq "$name" "$data" "$amqp" "$pid"
}

# stack_stop_rabbitmq NAME DATA_DIR
# Stops the node (rabbitmqctl stop, then signals if it hangs) and its private epmd, keeping data.
stack_stop_rabbitmq() {
  if (($# != 2)); then
    _stack_err "usage: stack_stop_rabbitmq NAME DATA_DIR"
    return 2
  fi
  local name="$1" data="$2"
  _stack_require_name "$name" || return 1
  [[ -d "$data" ]] || return 0
  data="$(cd "$data" && pwd)"

  local pidfile="$data/pids/rabbitmq" launcherfile="$data/pids/rabbitmq-launcher" pid launcher ok=0
  pid="$(_stack_read_pid "$pidfile")" || true
  launcher="$(_stack_read_pid "$launcherfile")" || true

  if _stack_alive "$pid" beam; then
    # Given the PID file, `stop` returns only once the VM has exited.
    STACK_CTL_TIMEOUT="$STACK_STOP_TIMEOUT" \
      _stack_rabbitmqctl "$name" "$data" -q stop "$pidfile" >"$data/logs/rabbitmqctl.log" 2>&1 || true
    _stack_terminate "$pid" beam 10 || ok=1
  fi
  if [[ -n "$launcher" ]]; then
    _stack_terminate "$launcher" rabbitmq-server 5 || ok=1
  fi

  # The node's private epmd: `epmd -kill` refuses while any node is still registered with it.
  local epmd_port epmd_bin
  epmd_port="$(_stack_setting EPMD_PORT "$data/rabbitmq/ports")"
  epmd_bin="$(command -v epmd || echo /usr/lib/erlang/bin/epmd)"
  if [[ -n "$epmd_port" && -x "$epmd_bin" ]] && _stack_port_open "$epmd_port"; then
    ERL_EPMD_ADDRESS=127.0.0.1 "$epmd_bin" -port "$epmd_port" -kill >/dev/null 2>&1 || true
  fi

  if ((ok != 0)); then
    _stack_err "could not stop RabbitMQ node $name@localhost (PID $pid)"
    return 1
  fi
  rm -f "$pidfile" "$launcherfile"
}

# ---------------------------------------------------------------------------------------------
# Both

# stack_start NAME DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT AMQP_PORT
# Starts both services side by side (Azurite in the background while RabbitMQ boots); if either
# fails, the other is stopped again.
stack_start() {
  if (($# != 6)); then
    _stack_err "usage: stack_start NAME DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT AMQP_PORT"
    return 2
  fi
  local name="$1" data azurite_out rabbitmq_out azurite_job azurite_rc=0 rabbitmq_rc=0
  data="$(_stack_abs_dir "$2")" || return 1
  mkdir -p "$data/logs"
  azurite_out="$data/logs/azurite-start.out"
  stack_start_azurite "$data" "$3" "$4" "$5" >"$azurite_out" &
  azurite_job=$!
  rabbitmq_out="$(stack_start_rabbitmq "$name" "$data" "$6")" || rabbitmq_rc=1
  wait "$azurite_job" || azurite_rc=1

  if ((azurite_rc != 0 || rabbitmq_rc != 0)); then
    ((azurite_rc == 0)) && { stack_stop_azurite "$data" || true; }
    ((rabbitmq_rc == 0)) && { stack_stop_rabbitmq "$name" "$data" || true; }
    rm -f "$azurite_out"
    return 1
  fi
  printf 'DATA_DIR=%s\n' "$data"
  cat "$azurite_out"
  printf '%s\n' "$rabbitmq_out"
  rm -f "$azurite_out"
}

# stack_stop DATA_DIR NAME
stack_stop() {
  if (($# != 2)); then
    _stack_err "usage: stack_stop DATA_DIR NAME"
    return 2
  fi
  local rc=0
  stack_stop_rabbitmq "$2" "$1" || rc=1
  stack_stop_azurite "$1" || rc=1
  return "$rc"
}
