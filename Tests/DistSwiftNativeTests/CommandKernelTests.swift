import DistSwiftNative
import Testing

/// The typed kernels that hold the commands' raw-buffer loops, on small arrays against values worked out by hand
/// (the commands' numerics against DASCore/scipy are checked in DistSwiftEngineTests; these pin the kernels'
/// layouts and edge cases on their own).
@Suite("Command kernels in DistSwiftNative")
struct CommandKernelTests {
    @Test("LineTrendFit: an exact line's mean and slope, from an array, a slice and a non-contiguous collection")
    func lineTrendFit() {
        // 2 + 3·(t − 2) for t = 0…4: mean 2, slope 3 against the centred index.
        let line: [Double] = [-4, -1, 2, 5, 8]
        for fit in [LineTrendFit.coefficients(line, linear: true),
                    LineTrendFit.coefficients(([0] + line)[1...], linear: true),
                    LineTrendFit.coefficients(line.lazy.map { $0 }, linear: true)] {
            #expect(fit.mean == 2 && fit.slope == 3)
        }
        #expect(LineTrendFit.coefficients(line, linear: false) == (mean: 2, slope: 0))
        #expect(LineTrendFit.coefficients([Float](), linear: true) == (mean: 0, slope: 0))
        #expect(LineTrendFit.coefficients([Float(7)], linear: true) == (mean: 7, slope: 0))
    }

    @Test("CorrelationKernels: numpy's fftshift of each row (odd and even lengths), scaled and widened")
    func fftShift() {
        // numpy.fft.fftshift([0, 1, 2, 3, 4]) = [3, 4, 0, 1, 2]; of [0, 1, 2, 3] = [2, 3, 0, 1].
        let odd = CorrelationKernels.fftShiftedRows([Float(0), 1, 2, 3, 4, 10, 11, 12, 13, 14], rows: 2, columns: 5,
                                                    as: Double.self, scale: 2)
        #expect(odd == [6, 8, 0, 2, 4, 26, 28, 20, 22, 24])
        #expect(CorrelationKernels.fftShiftedRows([0.0, 1, 2, 3], rows: 1, columns: 4, scale: 1.0) == [2, 3, 0, 1])
        #expect(CorrelationKernels.fftShiftedRows([Double](), rows: 0, columns: 4, scale: 1.0).isEmpty)
    }

    @Test("CorrelationKernels: x · conj(master) per bin; the master's own row becomes |s|²")
    func crossSpectrum() {
        // Row 0: (1 + 2i), (3 − 1i); row 1 (master): (2 + 1i), (0 + 1i).
        var pairs: [Double] = [1, 2, 3, -1, 2, 1, 0, 1]
        CorrelationKernels.multiplyByConjugateOfRow(&pairs, rows: 2, bins: 2, master: 1)
        // (1 + 2i)(2 − i) = 4 + 3i; (3 − i)(−i) = −1 − 3i; |2 + i|² = 5; |i|² = 1.
        #expect(pairs == [4, 3, -1, -3, 5, 0, 1, 0])
    }

    @Test("ShortTimeKernels: the (row, window) ↔ (row, frequency, window) layouts are inverse; scale applies once")
    func shortTimeLayouts() {
        let rows = 2, windows = 3, bins = 4
        let pairs = (0..<(2 * rows * windows * bins)).map(Double.init)
        let byFrequency = ShortTimeKernels.frequencyMajor(pairs: pairs, rows: rows, windows: windows, bins: bins,
                                                          scale: 1)
        // Row 0, frequency 1, window 2 comes from (row 0, window 2)'s bin 1: pair index 2·4 + 1 = 9.
        let target = (0 * bins + 1) * windows + 2
        #expect(byFrequency[2 * target] == 18 && byFrequency[2 * target + 1] == 19)
        #expect(ShortTimeKernels.windowMajor(pairs: byFrequency, rows: rows, windows: windows, bins: bins) == pairs)
        let re = stride(from: 0, to: byFrequency.count, by: 2).map { byFrequency[$0] }
        let im = stride(from: 1, to: byFrequency.count, by: 2).map { byFrequency[$0] }
        #expect(ShortTimeKernels.windowMajor(real: re, imaginary: im, rows: rows, windows: windows, bins: bins) == pairs)
        #expect(ShortTimeKernels.frequencyMajor(pairs: pairs, rows: rows, windows: windows, bins: bins, scale: 0.5)
                == byFrequency.map { $0 * 0.5 })
    }

    @Test("ShortTimeKernels: segments are zero outside the chunk, rotated to their centre; overlap-add inverts them")
    func segmentsAndOverlapAdd() {
        // One row of 6 samples, windows of 4 (middle 2) starting at −2, 0, 2, 4: a boxcar and a hop of 2.
        let x: [Double] = [1, 2, 3, 4, 5, 6]
        let starts = [-2, 0, 2, 4]
        let segments = ShortTimeKernels.windowedSegments(x, rows: 1, columns: 6, starts: starts,
                                                         window: [1, 1, 1, 1], middle: 2, detrend: false)
        // Window at −2 holds [0, 0, 1, 2], rotated by its middle: [1, 2, 0, 0].
        #expect(Array(segments[0..<4]) == [1, 2, 0, 0])
        #expect(Array(segments[12..<16]) == [0, 0, 5, 6])
        // Every sample is covered twice by boxcar windows: weights ½ give the record back.
        let back = ShortTimeKernels.overlapAdded(segments, rows: 1, length: 6, starts: starts,
                                                 weights: [0.5, 0.5, 0.5, 0.5], middle: 2)
        #expect(back == x)
        // Detrended, a straight line leaves zeros.
        let flat = ShortTimeKernels.windowedSegments([0.0, 1, 2, 3], rows: 1, columns: 4, starts: [0],
                                                     window: [1, 1, 1, 1], middle: 0, detrend: true)
        #expect(flat.allSatisfy { abs($0) < 1e-15 })
    }

    @Test("OutlierKernels: deviations, and only values beyond threshold × spread replaced (spread 0 counts as ε)")
    func outliers() {
        let values: [Double] = [1, 10, 3, 3]
        let centre: [Double] = [1, 2, 2, 3]
        let deviations = OutlierKernels.absoluteDeviations(values, from: centre)
        #expect(deviations == [0, 8, 1, 0])
        let out = OutlierKernels.replacingOutliers(values, centre: centre, deviations: deviations,
                                                   spread: [0, 1, 1, 0], threshold: 2)
        #expect(out == [1, 2, 3, 3])
    }

    @Test("PhaseCoherenceKernels: channel sums and the sums of unit phasors")
    func phaseCoherence() {
        // Two channels of two samples: (3 + 4i, 1 + 0i) and (0 + 2i, 0 + 0i).
        let sums = PhaseCoherenceKernels.channelSums(real: [3.0, 1, 0, 0], imaginary: [4.0, 0, 2, 0], rows: 2,
                                                     columns: 2)
        #expect(sums.values == [3, 1])
        // Unit phasors (0.6 + 0.8i, 0 + 1i) and (1 + 0i, 0: |0| counts as ε); within an ulp of the reciprocals.
        #expect(abs(sums.phasorRe[0] - 0.6) < 1e-15 && sums.phasorRe[1] == 1)
        #expect(abs(sums.phasorIm[0] - 1.8) < 1e-15 && sums.phasorIm[1] == 0)
    }

    @Test("SlantStackKernels: zero slowness sums the channels; a shift of one sample reads the next sample")
    func slantStack() {
        // Two channels 0 and 10 m apart, 4 samples, dt 1 s; slowness 0.1 s/m moves channel 1 by one sample.
        let x: [Double] = [1, 2, 3, 4, 10, 20, 30, 40]
        let out = SlantStackKernels.tauP(x, rows: 2, columns: 4, slownesses: [0.1], offsets: [0, 10], dt: 1)
        // +p (row 1): channel 0 at τ plus channel 1 at τ + 1 (left out when τ + 2 is past the end).
        #expect(Array(out[4..<8]) == [1 + 20, 2 + 30, 3, 0])
        let none = SlantStackKernels.tauP(x, rows: 2, columns: 4, slownesses: [0], offsets: [0, 10], dt: 1)
        #expect(Array(none[4..<7]) == [11, 22, 33])
    }

    @Test("RasterKernels: each pixel the mean of the finite values of its block, NaN where none")
    func blockMeans() {
        let values: [Double] = [1, 3, .nan, .nan,
                                5, 7, .nan, .infinity]
        let means = RasterKernels.blockMeans(values, columns: 4, rowSpans: [0..<2], columnSpans: [0..<2, 2..<4])
        #expect(means[0] == 4 && means[1].isNaN)
    }

    @Test("SpectrumKernels: amplitudes per row, and new amplitudes with the phase kept")
    func spectrum() {
        // One row of two bins: 3 + 4i (|X| = 5) and 0.
        var pairs: [Double] = [3, 4, 0, 0]
        let amplitudes = SpectrumKernels.smoothedAmplitudes(pairs: pairs, rows: 1, bins: 2) { $0 }
        #expect(amplitudes == [5, 0])
        // Divided by 5 (gain 1), envelope [1, 0.5], factor 2: the unit phasor × 2, and the zero bin real 0.5 · 2 · g.
        SpectrumKernels.replaceAmplitudes(&pairs, bins: 2, dividedBy: [5, 1], envelope: [1, 0.5], factor: 2)
        #expect(abs(pairs[0] - 1.2) < 1e-15 && abs(pairs[1] - 1.6) < 1e-15)
        #expect(pairs[2] == 0 && pairs[3] == 0)
        var flat: [Float] = [0, 2]
        SpectrumKernels.replaceAmplitudes(&flat, bins: 1, dividedBy: nil, envelope: [1], factor: 3)
        #expect(flat == [0, 3])
    }
}
