import DistSwiftCalc
import Testing

@Suite("Frequency band bins")
struct FrequencyBandBinsTests {
    /// The rule as it reads: every bin k of 0...n/2 tested on its own (f_k = k·rate/n ≥ low − 1e-9·rate, and below
    /// high − 1e-9·rate unless it is the last bin and the band reaches Nyquist), Parseval weight 1 for DC and an
    /// even length's Nyquist bin, 2 otherwise.
    static func eachBinTested(_ band: FrequencyBand, n: Int, rate: Double) -> [(Int, Double)] {
        let lastBin = n / 2
        var out: [(Int, Double)] = []
        for k in 0...lastBin {
            let f = Double(k) * rate / Double(n)
            guard f >= band.lowHz - 1e-9 * rate else { continue }
            if let high = band.highHz, f >= high - 1e-9 * rate, !(k == lastBin && high >= rate / 2) { continue }
            out.append((k, (k == 0 || (n % 2 == 0 && k == lastBin)) ? 1.0 : 2.0))
        }
        return out
    }

    @Test("bisection for the band's edges gives the bins and weights of testing every bin, edges on bins included")
    func sameAsEachBin() {
        var checked = 0
        for n in [0, 1, 2, 3, 7, 8, 100, 101, 1000, 10_000, 10_001] {
            for rate in [1.0, 200, 1000, 10_000, 44_100] {
                let nyquist = rate / 2, step = rate / Double(max(n, 1))
                // Edges on bins, between bins, at 0, at and beyond Nyquist, and empty bands.
                let edges = [0, step, 2.5 * step, 3 * step, 0.1 * rate, 0.25 * rate, nyquist - step, nyquist,
                             nyquist + 1]
                for low in edges {
                    for high in edges.map(Optional.some) + [nil] {
                        let band = FrequencyBand(lowHz: low, highHz: high)
                        let fast = band.bins(samples: n, rate: rate)
                        let slow = Self.eachBinTested(band, n: n, rate: rate)
                        #expect(fast.map(\.bin) == slow.map(\.0) && fast.map(\.weight) == slow.map(\.1),
                                "n \(n), rate \(rate), band \(low)–\(String(describing: high))")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 11 * 5 * 9 * 10)
    }
}
