"""Times stft, istft and spectrogram (issue 19) in `distswift process` against DASCore 0.1.24's Patch methods on the
same chunk (DASCore's spectrogram is scipy.signal.spectrogram with its keywords passed through).

usage: python3 timefrequency.py DISTSWIFT STORE WORK [--runs N] [--only NAME,NAME] [--steady [--baseline BIN]]
As analysis.py: STORE is a distswift store of one chunk (float32); DASCore gets a Patch of the same float32 samples.
distswift's time is the command's line of `process`'s per-command report (the stft before istft not timed);
DASCore's the method call alone; both the best of N runs. Call it under `taskset -c 0` with OPENBLAS_NUM_THREADS=1.
Each graph runs twice: as written (float64) and with "precision": "float32" (the FFT commands' float32
kernels, as DASCore computes on float32 data). Prints a Markdown table; with --steady the cold and steady columns of
analysis.py's --steady table (cold_steady.py), optionally against a baseline binary in the same run.
"""
import sys

from process_timing import after, bench_input, dascore_patch, one, print_table

binary, store, work, runs, only, x, positions, rate = bench_input(sys.argv)
patch = dascore_patch(x, positions, rate)
stft_fields = '"name": "stft", "time": 256, "samples": true'
transformed = patch.stft(time=256, samples=True)

cases = [
    ("stft", one(stft_fields), lambda: patch.stft(time=256, samples=True)),
    ("istft", after('{"uid": 1, "in_uid": 0, %s}' % stft_fields, 2, '"name": "istft"'), lambda: transformed.istft()),
    ("spectrogram", one('"name": "spectrogram", "nperseg": 256, "noverlap": 128'),
     lambda: patch.spectrogram("time", nperseg=256, noverlap=128)),
]

if "--steady" in sys.argv:  # cold and steady, both precisions, optionally against --baseline BIN (cold_steady.py)
    from cold_steady import print_cold_steady
    print_cold_steady(cases, binary, store, work, runs, only, x, rate)
else:
    print_table(cases, binary, store, work, runs, only, reference="DASCore", float32=True)
