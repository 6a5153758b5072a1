extension SecondOrderSections {
    /// Samples after which the cascade's impulse response has given all but `tolerance` of its total absolute sum:
    /// the context a zero-phase pass needs on each side for a sample to equal the one filtered within an endless
    /// record, to `tolerance` of the input's peak (each pass's start-up transient decays like the impulse
    /// response). Computed by running the filter on an impulse, which covers every pole, multiplicity and zero
    /// without a closed form; `limit` bounds the work for a filter whose poles sit almost on the unit circle.
    public func impulseResponseLength(tolerance: Double = 1e-9, limit: Int = 50_000_000) -> Int {
        let block = 4096
        var state = [(Double, Double)](repeating: (0, 0), count: sections.count)
        var magnitudes: [Double] = []
        var input = 1.0
        // Run until a whole block adds less than tolerance² of the sum so far (the tail of a stable IIR decays
        // geometrically, so what follows such a block is smaller still), then find where the tail starts.
        while magnitudes.count < limit {
            var blockSum = 0.0
            for _ in 0..<block {
                var x = input
                input = 0
                for (s, section) in sections.enumerated() {
                    let y = section.b0 * x + state[s].0
                    state[s].0 = section.b1 * x - section.a1 * y + state[s].1
                    state[s].1 = section.b2 * x - section.a2 * y
                    x = y
                }
                magnitudes.append(abs(x))
                blockSum += abs(x)
            }
            let total = magnitudes.reduce(0, +)
            if magnitudes.count >= 2 * block && blockSum <= tolerance * tolerance * total { break }
        }
        let total = magnitudes.reduce(0, +)
        var tail = 0.0
        var length = magnitudes.count
        while length > 0 && tail + magnitudes[length - 1] <= tolerance * total {
            tail += magnitudes[length - 1]
            length -= 1
        }
        return length
    }
}
