"""Second reference for the bound: numpy.fft.rfft and numpy.fft.fft (distpy's transform) along time on each loaded
chunk, one process. Usage: numpy_fft.py CHUNK.npy...   Prints: "<rfft seconds> <fft seconds>" (load included)."""
import sys, time
import numpy as np

t_r = t_f = 0.0
for path in sys.argv[1:]:
    t0 = time.perf_counter(); x = np.load(path); np.fft.rfft(x, axis=1); t1 = time.perf_counter()
    x = np.load(path); np.fft.fft(x, axis=1); t2 = time.perf_counter()
    t_r += t1 - t0; t_f += t2 - t1
print(f"{t_r:.4f} {t_f:.4f}")
