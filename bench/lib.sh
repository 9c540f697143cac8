# Shared by the benchmark scripts (sourced): ports, tool checks and the canned nginx upstream.
# Sets UPSTREAM_PORT (canned upstream), PROXY_PORT (bare nginx proxy) and SLUICE_PORT, exported for the Sluice config.
UPSTREAM_PORT=4401 PROXY_PORT=4402 SLUICE_PORT=4400 SPLIT_PORT=4403
export UPSTREAM_PORT SLUICE_PORT

# bench_need TOOL...: exits 2 naming the Debian packages when a tool is missing.
bench_need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install nginx-light wrk postgresql-client)"; exit 2; }
  done
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  # thousands of clients connecting at once overflow a short accept queue (SYNs dropped, retried a second later)
  if [ "$(cat /proc/sys/net/core/somaxconn 2>/dev/null || echo 0)" -lt 16384 ]; then
    sysctl -qw net.core.somaxconn=16384 net.ipv4.tcp_max_syn_backlog=16384 2>/dev/null \
      || echo "bench: net.core.somaxconn is $(cat /proc/sys/net/core/somaxconn); raise it to 16384 (as root) or the stream runs may see connect errors"
  fi
}

# bench_ports_free PORT...: waits up to 20 s for each port to have no listener (a run just before may still be
# stopping), else exits 2 naming it: a run must never measure a process left over from another.
bench_ports_free() {
  local port
  for port in "$@"; do
    for _ in $(seq 1 40); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || continue 2
      sleep 0.5
    done
    echo "bench: port $port is still taken (a process left over from another run?)"; exit 2
  done
}

# bench_start_nginx OUT_DIR: starts the canned upstream and the proxy in the foreground of a background job; sets NGINX.
bench_start_nginx() {
  bench_ports_free "$UPSTREAM_PORT" "$PROXY_PORT"
  sed -e "s#BENCH_DIR#$1#g" -e "s#UPSTREAM_PORT#$UPSTREAM_PORT#g" -e "s#PROXY_PORT#$PROXY_PORT#g" \
    "$ROOT/bench/nginx.conf.template" > "$1/nginx.conf"
  nginx -c "$1/nginx.conf" -p "$1" & NGINX=$!
}

# bench_start_nginx_split OUT_DIR: a second nginx, a proxy in its own process to the first's upstream; sets NGINX_SPLIT.
bench_start_nginx_split() {
  sed -e "s#BENCH_DIR#$1#g" -e "s#UPSTREAM_PORT#$UPSTREAM_PORT#g" -e "s#SPLIT_PORT#$SPLIT_PORT#g" \
    "$ROOT/bench/nginx-split.conf.template" > "$1/nginx-split.conf"
  nginx -c "$1/nginx-split.conf" -p "$1" & NGINX_SPLIT=$!
}

# /proc readings for CPU-per-call figures (ticks are 1/100 s on Linux; CLK_TCK is checked by bench_hz).
bench_hz() { getconf CLK_TCK; }
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }                     # user + system ticks of one process
proc_ctx() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s + 0}'; }
machine_busy() { awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8}' /proc/stat; } # busy ticks of all cores
machine_ipis() { awk '$1 == "RES:" || $1 == "CAL:" {for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i} END {print s + 0}' /proc/interrupts; }

# bench_wrk_cpu PID CONNECTIONS URL: wrk with bench/chat.lua for DUR seconds (SLUICE_KEY, BENCH_BODY and the like pass
# through the environment); prints wrk's RESULT fields and jvm_us=, the CPU that process PID took per call.
bench_wrk_cpu() {
  local t0 t1 line n
  t0=$(proc_ticks "$1")
  line=$(wrk -t"$(( $2 > 1 ? 2 : 1 ))" -c"$2" -d"$DUR"s -s "$ROOT/bench/chat.lua" "$3" | grep RESULT)
  t1=$(proc_ticks "$1")
  n=$(echo "$line" | tr ' ' '\n' | awk -F= '$1 == "requests" {print $2}')
  echo "${line#RESULT } jvm_us=$(awk -v d=$((t1 - t0)) -v n="$n" -v hz="$(bench_hz)" 'BEGIN {printf "%.1f", d * 1e6 / hz / n}')"
}
