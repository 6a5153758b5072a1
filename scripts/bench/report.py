"""Markdown tables from scripts/bench-distpy.sh's results.tsv (key "tool dtype processes", median wall s, peak RSS KB,
Msamples, MB). Usage: report.py results.tsv"""
import sys

rows = {}
for line in open(sys.argv[1]):
    key, wall, rss, ms, mb = line.rstrip("\n").split("\t")
    rows[key] = (float(wall), int(rss), float(ms), float(mb))

label = {
    "bound": "bound: fread + FFTW r2c (C)", "numpy-rfft": "numpy.fft.rfft (np.load + rfft)",
    "numpy-fft": "numpy.fft.fft (np.load + fft, distpy's transform)", "distpy": "**distpy** stage 2",
    "distswift": "**distswift** process", "distswift-f64": "**distswift** process --precision float64",
    "ingest-distpy": "**distpy** SEG-Y ingest (float64 chunks)",
    "ingest-distswift": "**distswift** ingest",
}

def line(key):
    tool, dtype, procs = key.split()
    wall, rss, ms, mb = rows[key]
    cells = [label[tool], dtype if not tool.startswith("ingest") else ("→ " + dtype), procs, f"{wall:.2f}",
             f"{ms / wall:.1f}", f"{mb / wall:.0f}", f"{rss / 1024:.0f}" if rss else "–"]
    other = f"distpy {dtype} {procs}" if tool.startswith("distswift") else None
    if tool == "ingest-distswift":
        other = f"ingest-distpy f64 {procs}"
    cells.append(f"**{rows[other][0] / wall:.2f}**" if other in rows else "")
    bound = f"bound {dtype} {procs}"
    cells.append(f"{wall / rows[bound][0]:.1f}" if tool in ("distpy", "distswift", "distswift-f64", "numpy-rfft", "numpy-fft")
                 and bound in rows else "")
    one = f"{tool} {dtype} 1"
    cells.append(f"{rows[one][0] / wall:.2f}" if procs == "2" and one in rows else "")
    return "| " + " | ".join(cells) + " |"

head = ("| run | store | processes | wall s | Msamples/s | MB/s | peak RSS MB | distswift ÷ distpy (throughput) "
        "| time ÷ bound | speed-up 2 ÷ 1 |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
process = [k for k in rows if not k.startswith("ingest")]
ingest = [k for k in rows if k.startswith("ingest")]
order = ["bound", "numpy-rfft", "numpy-fft", "distpy", "distswift", "distswift-f64"]
stores = {"f32": "f32 store", "f64": "f64 store", "long": "long fibre: 20,000-channel f32 store"}
for dtype in stores:
    keys = sorted((k for k in process if k.split()[1] == dtype), key=lambda k: (order.index(k.split()[0]), k.split()[2]))
    if keys:
        ms, mb = rows[keys[0]][2], rows[keys[0]][3]
        print(f"Noise log (`configs/strainrate2noiselog.json`), {stores[dtype]}, {ms:.0f} Msamples, {mb:.0f} MB:\n")
        print(head)
        for k in keys:
            print(line(k))
        print()
if ingest:
    ms, mb = rows[ingest[0]][2], rows[ingest[0]][3]
    print(f"SEG-Y ingest, 4 big-endian IEEE float32 files, {ms:.0f} Msamples, {mb:.0f} MB "
          "(MB/s of SEG-Y read; the ratio column is against distpy with as many processes):\n")
    print(head.replace("| time ÷ bound ", "").replace("|---:|---:|---:|---:|---:|---:|---:|", "|---:|---:|---:|---:|---:|---:|"))
    for k in sorted(ingest, key=lambda k: (k.split()[2], k.split()[0] != "ingest-distpy", k.split()[1])):
        cells = line(k).split(" | ")
        del cells[8]   # no bound column for ingest
        print(" | ".join(cells))
