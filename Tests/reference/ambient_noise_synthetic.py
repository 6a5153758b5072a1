"""A synthetic ambient-noise record with a known moveout, for the ambient-noise example's test.

A random source field (band-limited Gaussian noise, 2-45 Hz) enters the fibre at its first channel and travels
along it at a known apparent velocity: channel c (at x_c = c * spacing) records s(t - x_c / v), delayed in the
frequency domain (exact fractional delays, circular over the record), plus incoherent local noise on every
channel. Cross-correlating every channel with the first then peaks at lag (x_c - x_0) / v.

Usage: ambient_noise_synthetic.py OUT.npy CHANNELS SAMPLES RATE SPACING VELOCITY SEED
"""
import sys

import numpy as np

out, channels, samples, rate, spacing, velocity, seed = sys.argv[1:8]
channels, samples, seed = int(channels), int(samples), int(seed)
rate, spacing, velocity = float(rate), float(spacing), float(velocity)
rng = np.random.default_rng(seed)
frequencies = np.fft.rfftfreq(samples, 1 / rate)
band = ((frequencies >= 2) & (frequencies <= 45)).astype(float)
source = np.fft.rfft(rng.standard_normal(samples)) * band
delays = np.arange(channels) * spacing / velocity
record = np.fft.irfft(source[None, :] * np.exp(-2j * np.pi * frequencies[None, :] * delays[:, None]), n=samples)
record /= record.std()
record += 0.5 * rng.standard_normal((channels, samples))
np.save(out, record.astype(np.float64))
