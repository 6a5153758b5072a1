import Foundation

/// The four responses `scipy.signal.butter` designs.
public enum FilterBand: String, Sendable, CaseIterable {
    case lowpass, highpass, bandpass, bandstop

    /// Band filters take a pair of cut-offs, the others one.
    public var cutoffCount: Int { self == .bandpass || self == .bandstop ? 2 : 1 }
}

/// Digital Butterworth filters as second-order sections, computed as `scipy.signal.butter(N, Wn, btype,
/// output='sos')` does: the analog prototype's poles, the cut-offs pre-warped for the bilinear transform (fs = 2),
/// the prototype moved to the band in zero-pole-gain form, the bilinear transform, and scipy's `zpk2sos` pairing.
/// Working with poles and zeros throughout (never polynomial coefficients of the whole filter) is what keeps high
/// orders at low cut-offs exact.
public enum Butterworth {
    /// `cutoffs` are normalised to Nyquist (0 < Wn < 1): one for lowpass/highpass, [low, high] for band filters.
    /// Preconditions (the command checks them first): order ≥ 1, the right count, 0 < low < high < 1.
    public static func sections(order: Int, cutoffs: [Double], band: FilterBand) -> SecondOrderSections {
        precondition(order >= 1, "Butterworth order must be at least 1")
        precondition(cutoffs.count == band.cutoffCount && cutoffs.allSatisfy { $0 > 0 && $0 < 1 },
                     "Butterworth cut-offs must be \(band.cutoffCount) value(s) in (0, 1)")
        precondition(cutoffs.count == 1 || cutoffs[0] < cutoffs[1], "band cut-offs must be increasing")
        // Pre-warping: the bilinear transform with fs = 2 maps analog ω to digital 2·atan(ω/4), so these analog
        // frequencies land exactly on the requested digital cut-offs.
        let warped = cutoffs.map { 4 * tan(Double.pi * $0 / 2) }
        var zpk = ZeroPoleGain.butterworthPrototype(order: order)
        switch band {
        case .lowpass: zpk = zpk.lowpassToLowpass(warped[0])
        case .highpass: zpk = zpk.lowpassToHighpass(warped[0])
        case .bandpass:
            zpk = zpk.lowpassToBandpass(centre: (warped[0] * warped[1]).squareRoot(), width: warped[1] - warped[0])
        case .bandstop:
            zpk = zpk.lowpassToBandstop(centre: (warped[0] * warped[1]).squareRoot(), width: warped[1] - warped[0])
        }
        return zpk.bilinear(samplingRate: 2).secondOrderSections()
    }
}

/// A transfer function as zeros, poles and gain (scipy's zpk form), in the s-plane or, after `bilinear`, the z-plane.
struct ZeroPoleGain {
    var zeros: [FilterComplex]
    var poles: [FilterComplex]
    var gain: Double

    var relativeDegree: Int { poles.count - zeros.count }

    /// scipy's `buttap`: N poles evenly spaced on the left half of the unit circle, no zeros, gain 1.
    static func butterworthPrototype(order n: Int) -> ZeroPoleGain {
        let poles = stride(from: -n + 1, through: n - 1, by: 2).map { m in
            -FilterComplex.unit(Double.pi * Double(m) / Double(2 * n))
        }
        return ZeroPoleGain(zeros: [], poles: poles, gain: 1)
    }

    /// scipy's `lp2lp_zpk`: s → s/ω₀.
    func lowpassToLowpass(_ wo: Double) -> ZeroPoleGain {
        ZeroPoleGain(zeros: zeros.map { wo * $0 }, poles: poles.map { wo * $0 },
                     gain: gain * pow(wo, Double(relativeDegree)))
    }

    /// scipy's `lp2hp_zpk`: s → ω₀/s; the zeros at infinity move to the origin.
    func lowpassToHighpass(_ wo: Double) -> ZeroPoleGain {
        let scale = (zeros.map { -$0 }.product / poles.map { -$0 }.product).re
        return ZeroPoleGain(zeros: zeros.map { wo / $0 } + Array(repeating: .zero, count: relativeDegree),
                            poles: poles.map { wo / $0 }, gain: gain * scale)
    }

    /// scipy's `lp2bp_zpk`: s → (s² + ω₀²)/(s·bw); every root splits into two, zeros at infinity go to the origin.
    func lowpassToBandpass(centre wo: Double, width bw: Double) -> ZeroPoleGain {
        func split(_ roots: [FilterComplex]) -> [FilterComplex] {
            let scaled = roots.map { (bw / 2) * $0 }
            let offsets = scaled.map { ($0 * $0 - FilterComplex(wo * wo)).squareRoot }
            return zip(scaled, offsets).map { $0 + $1 } + zip(scaled, offsets).map { $0 - $1 }
        }
        return ZeroPoleGain(zeros: split(zeros) + Array(repeating: .zero, count: relativeDegree),
                            poles: split(poles), gain: gain * pow(bw, Double(relativeDegree)))
    }

    /// scipy's `lp2bs_zpk`: s → (s·bw)/(s² + ω₀²); zeros at infinity go to ±iω₀, the notch.
    func lowpassToBandstop(centre wo: Double, width bw: Double) -> ZeroPoleGain {
        func split(_ roots: [FilterComplex]) -> [FilterComplex] {
            let inverted = roots.map { (bw / 2) / $0 }
            let offsets = inverted.map { ($0 * $0 - FilterComplex(wo * wo)).squareRoot }
            return zip(inverted, offsets).map { $0 + $1 } + zip(inverted, offsets).map { $0 - $1 }
        }
        let scale = (zeros.map { -$0 }.product / poles.map { -$0 }.product).re
        let notch = Array(repeating: FilterComplex(0, wo), count: relativeDegree)
            + Array(repeating: FilterComplex(0, -wo), count: relativeDegree)
        return ZeroPoleGain(zeros: split(zeros) + notch, poles: split(poles), gain: gain * scale)
    }

    /// scipy's `bilinear_zpk`: z = (2fs + s)/(2fs − s); zeros at infinity land on z = −1 (Nyquist).
    func bilinear(samplingRate fs: Double) -> ZeroPoleGain {
        let fs2 = FilterComplex(2 * fs)
        let scale = (zeros.map { fs2 - $0 }.product / poles.map { fs2 - $0 }.product).re
        return ZeroPoleGain(zeros: zeros.map { (fs2 + $0) / (fs2 - $0) } + Array(repeating: FilterComplex(-1),
                                                                                    count: relativeDegree),
                            poles: poles.map { (fs2 + $0) / (fs2 - $0) }, gain: gain * scale)
    }
}
