"""commands.py for two distswift binaries, row by row (the baseline's row, then this build's), in one table.

usage: python3 against_base.py BASE THIS STORE WORK --only NAME,NAME [--runs N] [--precision float32] [--first-calls]
Each row runs commands.py once per binary (alternating, so a change in the machine's load falls on both) and keeps
each reference's best over the two runs. Columns: the reference warm (best of N calls in one Python process) and,
with --first-calls, its first call in a fresh Python process; each binary's cold (one chunk per process) and steady
(chunks 2..N through one worker) times; this build's ratios against the reference (reference ÷ distswift).
Call it as commands.py: under `taskset -c 0` with OPENBLAS_NUM_THREADS=1.
"""
import os
import subprocess
import sys

base, this, store, work = sys.argv[1:5]
rest = sys.argv[5:]
only = rest[rest.index("--only") + 1].split(",")
passed = [a for i, a in enumerate(rest) if a != "--only" and (i == 0 or rest[i - 1] != "--only")]
first_calls = "--first-calls" in rest
script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "commands.py")


def rows(binary, name, folder):
    """commands.py's rows for `name` (its --only matches the first word): name → cells. Each binary works in a
    folder of its own: the steady column reads the run's journal, which a second binary's run would add to."""
    os.makedirs(f"{work}/{folder}", exist_ok=True)
    out = subprocess.run([sys.executable, script, binary, store, f"{work}/{folder}", "--only", name] + passed,
                         check=True, capture_output=True, text=True).stdout
    found = {}
    for line in out.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        found[cells[0]] = cells[1:]
    return found


def number(cell):
    try:
        return float(cell)
    except ValueError:
        return None


def ratio(theirs, ours):
    return f"{theirs / ours:.1f}×" if theirs and ours else "—"


def best(*values):
    present = [v for v in values if v is not None]
    return min(present) if present else None


def cell(value):
    return "—" if value is None else f"{value:.4f}"


print("| command | numpy/scipy warm (s) |" + (" first call (s) |" if first_calls else "")
      + " base cold (s) | this cold (s) | this ÷ warm |" + (" this ÷ first call |" if first_calls else "")
      + " base steady (s) | this steady (s) | numpy/scipy steady (s) | this ÷ steady |")
print("|---|---:|" + ("---:|" if first_calls else "") + "---:|---:|---:|" + ("---:|" if first_calls else "")
      + "---:|---:|---:|---:|")
for name in only:
    a, b = rows(base, name, "base"), rows(this, name, "this")
    for label in b:
        x, y = a.get(label), b[label]
        # commands.py's cells: cold, reference, ÷, [first call, ÷,] steady, reference steady, ÷
        k = 2 if first_calls else 0
        ref = best(number(x[1]) if x else None, number(y[1]))
        first = best(number(x[3]) if x else None, number(y[3])) if first_calls else None
        ref_steady = best(number(x[4 + k]) if x else None, number(y[4 + k]))
        ours, ours_steady = number(y[0]), number(y[3 + k])
        theirs, theirs_steady = (number(x[0]), number(x[3 + k])) if x else (None, None)
        print(f"| {label} | {cell(ref)} |" + (f" {cell(first)} |" if first_calls else "")
              + f" {cell(theirs)} | {cell(ours)} | {ratio(ref, ours)} |"
              + (f" {ratio(first, ours)} |" if first_calls else "")
              + f" {cell(theirs_steady)} | {cell(ours_steady)} | {cell(ref_steady)} | {ratio(ref_steady, ours_steady)} |",
              flush=True)
