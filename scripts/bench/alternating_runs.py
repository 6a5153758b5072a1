"""Times several command lines against each other on a shared, busy machine: each round runs every command once,
in turn (so a burst of load from other programs hits all of them alike, not whichever ran in that minute), after
one untimed warm-up run each. Prints, per command, the fastest wall time and the least CPU time (user + system of
the command and every process it started: less sensitive to load than wall time, and what a spinning thread or
duplicated work costs).

Usage: alternating_runs.py ROUNDS NAME=COMMAND... (COMMAND run by the shell, output discarded)
Output: one line per command: NAME WALL_SECONDS CPU_SECONDS"""
import resource
import subprocess
import sys
import time


def timed(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    rounds = int(sys.argv[1])
    commands = [argument.split("=", 1) for argument in sys.argv[2:]]
    for _, command in commands:
        timed(command)
    best = {name: (float("inf"), float("inf")) for name, _ in commands}
    for _ in range(rounds):
        for name, command in commands:
            wall, cpu = timed(command)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    for name, _ in commands:
        print(name, f"{best[name][0]:.4f}", f"{best[name][1]:.4f}")


if __name__ == "__main__":
    main()
