import Foundation

/// Digital Chebyshev type I low-pass filters as second-order sections, as `scipy.signal.cheby1(N, rp, Wn,
/// output='sos')` computes them: the same route as `Butterworth` (prototype, pre-warped cut-off, bilinear
/// transform, zpk2sos) from the equiripple prototype. `decimate` uses scipy's anti-alias choice, N 8, rp 0.05 dB.
public enum ChebyshevTypeI {
    /// `cutoff` normalised to Nyquist (0 < Wn < 1). Preconditions: order ≥ 1, rippleDb > 0.
    public static func lowpass(order: Int, rippleDb: Double, cutoff: Double) -> SecondOrderSections {
        precondition(order >= 1 && rippleDb > 0 && cutoff > 0 && cutoff < 1, "Chebyshev design out of range")
        return ZeroPoleGain.chebyshevTypeIPrototype(order: order, rippleDb: rippleDb)
            .lowpassToLowpass(4 * tan(Double.pi * cutoff / 2))
            .bilinear(samplingRate: 2)
            .secondOrderSections()
    }
}

extension ZeroPoleGain {
    /// scipy's `cheb1ap`: poles −sinh(μ + iθₘ) on an ellipse, μ = asinh(1/ε)/N, ε² = 10^(rp/10) − 1; the gain
    /// makes the passband peak 1 (for an even order the response at DC is the ripple's bottom, 1/√(1 + ε²)).
    static func chebyshevTypeIPrototype(order n: Int, rippleDb rp: Double) -> ZeroPoleGain {
        let eps = (pow(10, 0.1 * rp) - 1).squareRoot()
        let mu = asinh(1 / eps) / Double(n)
        let poles = stride(from: -n + 1, through: n - 1, by: 2).map { m -> FilterComplex in
            let theta = Double.pi * Double(m) / Double(2 * n)
            // sinh(μ + iθ) = sinh μ cos θ + i cosh μ sin θ
            return FilterComplex(-sinh(mu) * cos(theta), -cosh(mu) * sin(theta))
        }
        var gain = poles.map { -$0 }.product.re
        if n % 2 == 0 { gain /= (1 + eps * eps).squareRoot() }
        return ZeroPoleGain(zeros: [], poles: poles, gain: gain)
    }
}

/// `scipy.signal.firwin(numtaps, cutoff, window=…)`: the windowed-sinc low-pass, scaled to unit gain at DC
/// (Hamming by default, as decimate's; resample_poly's Kaiser window with `window`).
enum WindowedSinc {
    static func lowpass(taps: Int, cutoff: Double, window: [Double]? = nil) -> [Double] {
        let centre = Double(taps - 1) / 2
        let window = window ?? WindowFunction.hamming.values(taps)
        let h = (0..<taps).map { k -> Double in
            let m = Double(k) - centre
            let x = cutoff * m
            let sinc = x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
            return cutoff * sinc * window[k]
        }
        let sum = h.reduce(0, +)
        return h.map { $0 / sum }
    }
}

extension WindowFunction {
    /// `scipy.signal.windows.kaiser(m, beta)`: I₀(β·√(1 − (2k/(m − 1) − 1)²)) / I₀(β).
    static func kaiser(_ m: Int, beta: Double) -> [Double] {
        guard m > 1 else { return Array(repeating: 1, count: max(m, 0)) }
        return (0..<m).map { k in
            let r = 2 * Double(k) / Double(m - 1) - 1
            return besselI0(beta * max(0, 1 - r * r).squareRoot()) / besselI0(beta)
        }
    }

    /// The modified Bessel function I₀ by its power series Σ ((x/2)^k / k!)², which converges fast for the
    /// window's arguments (|x| ≤ β of a few tens).
    static func besselI0(_ x: Double) -> Double {
        var term = 1.0, sum = 1.0, k = 1.0
        let quarter = x * x / 4
        while term > 1e-17 * sum {
            term *= quarter / (k * k)
            sum += term
            k += 1
        }
        return sum
    }
}
