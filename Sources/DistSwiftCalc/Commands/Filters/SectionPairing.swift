extension ZeroPoleGain {
    /// scipy's `zpk2sos(z, p, k, pairing='nearest')`: the pole closest to the unit circle (the sharpest resonance)
    /// goes into the last section, paired with its nearest zero, so that each section's zeros damp its own peak and
    /// no section amplifies much before another attenuates. The overall gain goes into the first section.
    ///
    /// An odd number of poles gets an extra pole and zero at the origin, so a first-order section comes out as a
    /// second-order row with b2 = a2 = 0 — which `defaultPadLength` relies on, as scipy's padlen does.
    func secondOrderSections() -> SecondOrderSections {
        var z = zeros + Array(repeating: .zero, count: max(poles.count - zeros.count, 0))
        var p = poles + Array(repeating: .zero, count: max(zeros.count - poles.count, 0))
        let count = (p.count + 1) / 2
        if p.count % 2 == 1 {
            p.append(.zero)
            z.append(.zero)
        }
        if count == 0 { return SecondOrderSections([.init(b0: gain, b1: 0, b2: 0, a1: 0, a2: 0)]) }
        // From here on a complex root stands for itself and its conjugate.
        z = Self.conjugatePairRepresentatives(z)
        p = Self.conjugatePairRepresentatives(p)

        func isReal(_ c: FilterComplex) -> Bool { c.im == 0 }
        func worst(_ roots: [FilterComplex], among indices: [Int]) -> Int {
            indices.min { abs(1 - roots[$0].magnitude) < abs(1 - roots[$1].magnitude) }!
        }
        enum Kind { case any, real, complex }
        func nearest(_ from: [FilterComplex], to target: FilterComplex, _ kind: Kind) -> Int {
            let distance = from.map { ($0 - target).magnitude }
            let ordered = from.indices.sorted { (distance[$0], $0) < (distance[$1], $1) }
            switch kind {
            case .any: return ordered[0]
            case .real: return ordered.first { isReal(from[$0]) } ?? ordered[0]
            case .complex: return ordered.first { !isReal(from[$0]) } ?? ordered[0]
            }
        }

        var sections = [SecondOrderSections.Section](repeating: .init(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0),
                                                     count: count)
        for si in stride(from: count - 1, through: 0, by: -1) {
            let p1 = p.remove(at: worst(p, among: Array(p.indices)))
            let realPolesLeft = p.indices.filter { isReal(p[$0]) }
            if isReal(p1) && realPolesLeft.isEmpty {
                // The last real pole: a first-order section.
                let z1 = z.remove(at: nearest(z, to: p1, .real))
                sections[si] = Self.section(zeros: [z1, .zero], poles: [p1, .zero])
            } else if p.count + 1 == z.count && !isReal(p1) && realPolesLeft.count == 1
                        && z.count(where: isReal) == 1 {
                // One real pole and one real zero remain for later: keep them together by taking a complex zero now.
                let z1 = z.remove(at: nearest(z, to: p1, .complex))
                sections[si] = Self.section(zeros: [z1, z1.conjugate], poles: [p1, p1.conjugate])
            } else {
                let p2: FilterComplex
                if isReal(p1) {
                    p2 = p.remove(at: worst(p, among: realPolesLeft))
                } else {
                    p2 = p1.conjugate
                }
                if z.isEmpty {
                    sections[si] = Self.section(zeros: [], poles: [p1, p2])
                } else {
                    let z1 = z.remove(at: nearest(z, to: p1, .any))
                    if !isReal(z1) {
                        sections[si] = Self.section(zeros: [z1, z1.conjugate], poles: [p1, p2])
                    } else if !z.isEmpty {
                        let z2 = z.remove(at: nearest(z, to: p1, .real))
                        sections[si] = Self.section(zeros: [z1, z2], poles: [p1, p2])
                    } else {
                        sections[si] = Self.section(zeros: [z1], poles: [p1, p2])
                    }
                }
            }
        }
        sections[0].b0 *= gain
        sections[0].b1 *= gain
        sections[0].b2 *= gain
        return SecondOrderSections(sections)
    }

    /// scipy's `_single_zpksos`: the monic polynomials of up to two roots each, right-aligned in the row as
    /// `sos[3 - len(b):3] = b` does (so one zero gives b = [0, 1, −z]).
    private static func section(zeros: [FilterComplex], poles: [FilterComplex]) -> SecondOrderSections.Section {
        func coefficients(_ roots: [FilterComplex]) -> [Double] {
            var c = [FilterComplex.one]
            for root in roots {
                var next = c + [.zero]
                for k in 1..<next.count { next[k] = next[k] - root * c[k - 1] }
                c = next
            }
            return Array(repeating: 0, count: 3 - c.count) + c.map(\.re)
        }
        let b = coefficients(zeros), a = coefficients(poles)
        return .init(b0: b[0], b1: b[1], b2: b[2], a1: a[1], a2: a[2])
    }

    /// scipy's `_cplxreal`: roots within 100 ε of the real axis become exactly real; every other root is matched
    /// with its conjugate, the pair averaged and represented by its upper-half-plane member. Complex
    /// representatives come first, each group sorted by real part, as scipy concatenates them.
    static func conjugatePairRepresentatives(_ roots: [FilterComplex]) -> [FilterComplex] {
        let tolerance = 100 * Double.ulpOfOne
        let reals = roots.filter { abs($0.im) <= tolerance * $0.magnitude }.map { FilterComplex($0.re) }
        let upper = roots.filter { $0.im > tolerance * $0.magnitude }
        var lower = roots.filter { $0.im < -tolerance * $0.magnitude }
        let pairs = upper.map { u -> FilterComplex in
            guard let match = lower.indices.min(by: {
                (lower[$0].conjugate - u).magnitude < (lower[$1].conjugate - u).magnitude
            }) else { return u }
            let l = lower.remove(at: match)
            return FilterComplex((u.re + l.re) / 2, (u.im - l.im) / 2)
        }
        return pairs.sorted { ($0.re, $0.im) < ($1.re, $1.im) } + reals.sorted { $0.re < $1.re }
    }
}
