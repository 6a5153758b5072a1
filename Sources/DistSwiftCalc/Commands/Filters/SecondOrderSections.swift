/// A digital IIR filter as a cascade of second-order sections (scipy's `sos` form). A high-order filter with poles
/// near z = 1 (a low cut-off) loses all precision as one polynomial ratio (`output='ba'`, distpy's choice); as a
/// cascade each section only holds one conjugate pole pair, which stays well conditioned.
public struct SecondOrderSections: Sendable, Equatable {
    /// One section, H(z) = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²): a scipy `sos` row with a0 = 1.
    public struct Section: Sendable, Equatable {
        public var b0, b1, b2, a1, a2: Double

        public init(b0: Double, b1: Double, b2: Double, a1: Double, a2: Double) {
            (self.b0, self.b1, self.b2, self.a1, self.a2) = (b0, b1, b2, a1, a2)
        }

        /// The row as scipy writes it: [b0, b1, b2, 1, a1, a2].
        public var row: [Double] { [b0, b1, b2, 1, a1, a2] }

        /// H(1), the section's gain at DC: where its step response settles.
        var dcGain: Double { (b0 + b1 + b2) / (1 + a1 + a2) }

        /// scipy's `lfilter_zi` for the section: the transposed-direct-form-II state after a unit step has run
        /// forever, i.e. the solution of zi = A·zi + B with A the companion matrix of the denominator.
        var steadyStateForUnitStep: (Double, Double) {
            let c0 = b1 - a1 * b0, c1 = b2 - a2 * b0
            let z0 = (c0 + c1) / (1 + a1 + a2)
            return (z0, c1 - a2 * z0)
        }
    }

    public let sections: [Section]

    public init(_ sections: [Section]) {
        self.sections = sections
    }

    /// scipy's `sosfilt_zi`: each section's unit-step steady state scaled by the DC gain of the sections before it,
    /// so that the whole cascade starts as if a constant input of 1 had always been applied.
    public var stepInitialConditions: [(Double, Double)] {
        var scale = 1.0
        return sections.map { section in
            let (z0, z1) = section.steadyStateForUnitStep
            defer { scale *= section.dcGain }
            return (scale * z0, scale * z1)
        }
    }

    /// scipy's default `padlen` for `sosfiltfilt`: three times the number of taps, where a first-order section
    /// (b2 = a2 = 0, from an odd order) does not count its missing tap.
    public var defaultPadLength: Int {
        let firstOrder = min(sections.count(where: { $0.b2 == 0 }), sections.count(where: { $0.a2 == 0 }))
        return 3 * (2 * sections.count + 1 - firstOrder)
    }

    /// Runs the cascade over `samples[range]` in place (forward, or from the last index down when `reversed`),
    /// starting from `stepInitialConditions` × `initialLevel`, in transposed direct form II as scipy's `sosfilt`.
    /// Running one section over the whole range before the next does exactly the same arithmetic per sample as
    /// scipy's sample-by-sample loop, with the coefficients held in registers.
    func run(_ samples: inout [Double], _ range: Range<Int>, reversed: Bool, initialLevel: Double,
             initialConditions: [(Double, Double)]) {
        for (section, zi) in zip(sections, initialConditions) {
            let (b0, b1, b2, a1, a2) = (section.b0, section.b1, section.b2, section.a1, section.a2)
            var z0 = zi.0 * initialLevel, z1 = zi.1 * initialLevel
            var i = reversed ? range.upperBound - 1 : range.lowerBound
            let step = reversed ? -1 : 1
            for _ in range {
                let x = samples[i]
                let y = b0 * x + z0
                z0 = b1 * x - a1 * y + z1
                z1 = b2 * x - a2 * y
                samples[i] = y
                i += step
            }
        }
    }
}
