#!/usr/bin/env bash
# A private two-node Slurm cluster on loopback, for the tests of `--engine slurm` (Tests/DistSwiftCLITests/SlurmTests).
#
#   Tests/cluster/slurm-cluster.sh up DIR     install Slurm and munge from Debian when missing (root only), write
#                                             DIR/slurm.conf, start munged, slurmctld and two slurmd "nodes" (node1,
#                                             node2), wait until both are idle; prints `SLURM_CONF=DIR/slurm.conf`
#   Tests/cluster/slurm-cluster.sh down DIR   kill every daemon started by `up DIR`, by its PID file
#
# Nothing outside DIR is touched: munged has its own key, socket and PID file there, the Slurm daemons their own
# ports, state, spool, logs and PID files; no systemd, no cgroups (proctrack/linuxproc, task/none). Client
# commands reach this cluster only with SLURM_CONF=DIR/slurm.conf. MaxArraySize is 4 (SLURM_TEST_MAX_ARRAY_SIZE
# changes it), so that tests see arrays packed and split with a handful of tasks.
set -euo pipefail

usage() { echo "usage: $0 up|down DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)

packages="slurmctld slurmd slurm-client munge"

install_when_missing() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null \
      && command -v munged >/dev/null; then
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "slurm-cluster: Slurm is not installed and this is not root: apt-get install $packages" >&2
    exit 3
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
}

# A port nothing listens on, from a range that depends on this shell's PID (two clusters at once do not collide).
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

write_config() {
  local base ctld node1 node2 host user
  base=$((20000 + ($$ % 2000) * 10))
  ctld=$(free_port "$base")
  node1=$(free_port $((ctld + 1)))
  node2=$(free_port $((node1 + 1)))
  host=$(hostname -s)
  user=$(id -un)
  mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/run"
  cat >"$dir/slurm.conf" <<CONF
ClusterName=distswift-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/run/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd-%n.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,bf_interval=1
MaxArraySize=${SLURM_TEST_MAX_ARRAY_SIZE:-4}
ReturnToService=2
SlurmctldDebug=info
SlurmdDebug=info
NodeName=node1 NodeHostname=$host NodeAddr=127.0.0.1 Port=$node1 CPUs=1 RealMemory=1000 State=UNKNOWN
NodeName=node2 NodeHostname=$host NodeAddr=127.0.0.1 Port=$node2 CPUs=1 RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=node1,node2 Default=YES MaxTime=INFINITE State=UP
CONF
}

start_munge() {
  if [ ! -s "$dir/run/munge.key" ]; then
    dd if=/dev/urandom of="$dir/run/munge.key" bs=1024 count=1 status=none
    chmod 600 "$dir/run/munge.key"
  fi
  unblocked munged --force --key-file="$dir/run/munge.key" --socket="$dir/run/munge.socket" \
    --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/run/munged.seed" \
    </dev/null >>"$dir/log/munged.out" 2>&1
}

wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      echo "slurm-cluster: $what did not come up within $seconds s; logs in $dir/log" >&2
      return 1
    fi
    sleep 0.2
  done
}

both_nodes_idle() {
  [ "$(SLURM_CONF="$dir/slurm.conf" sinfo -h -N -o '%N %t' | grep -c ' idle$')" -eq 2 ]
}

# Closes what the caller left open besides standard input, output and error (Foundation's Process passes a
# socket on which it waits for the child's exit): the daemons would inherit it and keep the caller waiting.
close_inherited_files() {
  local fd
  for fd in /proc/$$/fd/*; do
    fd=${fd##*/}
    case $fd in 0 | 1 | 2 | 255) ;; *) eval "exec $fd>&-" 2>/dev/null || true ;; esac
  done
}

# Runs a daemon with no signal blocked. A blocked signal stays blocked across exec, and a test runner's threads
# block most: slurmd would never see the SIGTERM of `down`, nor its jobs Slurm's. perl-base is always installed.
unblocked() {
  perl -MPOSIX -e 'sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!"; exec @ARGV or die "$ARGV[0]: $!"' "$@"
}

up() {
  close_inherited_files
  install_when_missing
  write_config
  export SLURM_CONF="$dir/slurm.conf"
  start_munge
  # Daemons keep what they inherit open: a caller reading this script's output to its end would wait for them.
  unblocked slurmctld -f "$SLURM_CONF" </dev/null >>"$dir/log/slurmctld.out" 2>&1
  wait_for "slurmctld" 30 scontrol ping
  unblocked slurmd -f "$SLURM_CONF" -N node1 </dev/null >>"$dir/log/slurmd-node1.out" 2>&1
  unblocked slurmd -f "$SLURM_CONF" -N node2 </dev/null >>"$dir/log/slurmd-node2.out" 2>&1
  wait_for "both slurmd nodes" 30 both_nodes_idle
  echo "SLURM_CONF=$SLURM_CONF"
}

# Whether a process runs: an exited daemon stays a zombie until whoever inherited it reaps it, which in a container
# without an init may be never.
alive() {
  [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" != Z ]
}

down() {
  local pidfile pid
  for pidfile in "$dir"/run/slurmd-*.pid "$dir/run/slurmctld.pid" "$dir/run/munged.pid"; do
    [ -s "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$pidfile"
  done
}

case $action in
  up) up ;;
  down) down ;;
  *) usage ;;
esac
