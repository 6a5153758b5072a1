import DistSwiftCalc
import DistSwiftIO
import DistSwiftNative
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("Thumbnail command (thumbnail)")
struct ThumbnailTests {
    static let hasMatplotlib: Bool = (try? PythonReference.run("import matplotlib"))?.status == 0

    static func command(_ overrides: [String: JSONValue] = [:]) throws -> ThumbnailCommand {
        var values: [String: JSONValue] = [
            "directory_out": .string("thumbs"), "format": .string("png"), "clip_level": .number(1),
            "cmap": .string("viridis"), "axes": .array([.string("depth (m)"), .string("time (s)")]),
            "invert_depth": .number(0), "figure_size": .array([.number(8), .number(6)]), "dpi": .number(300),
        ]
        values.merge(overrides) { $1 }
        return try ThumbnailCommand(ParameterValues(values))
    }

    static func context(_ folder: TemporaryFolder, channels: Int) -> ChunkContext {
        ChunkContext(samplingRateHz: 1000, startTimeNs: 1_582_977_600_000_000_000, name: "1582977600",
                     channelPositions: (0..<channels).map { 500 + 2.5 * Double($0) },
                     results: LocalStorage(root: folder.path), backend: CPUBackend())
    }

    /// A chunk with structure: a dipping event on noise, channels × samples.
    static func chunk(channels: Int, samples: Int) -> Array2D<Double> {
        var values = [Double](repeating: 0, count: channels * samples)
        var state: UInt64 = 42
        for c in 0..<channels {
            for t in 0..<samples {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let noise = Double(state >> 11) / Double(1 << 53) - 0.5
                let arrival = Double(samples) * 0.2 + Double(c) * 1.5
                let event = exp(-pow((Double(t) - arrival) / 8, 2)) * sin(Double(t) * 0.4) * 3
                values[c * samples + t] = noise + event
            }
        }
        return Array2D(rows: channels, columns: samples, values: values)
    }

    static func rgb(_ p: (red: UInt8, green: UInt8, blue: UInt8)) -> UInt32 {
        UInt32(p.red) << 16 | UInt32(p.green) << 8 | UInt32(p.blue)
    }

    @Test("the default thumbnail is a 2400×1800 PNG (8 × 6 in at 300 dpi) with the data and the colour bar's ends")
    func defaultPicture() throws {
        let folder = try TemporaryFolder()
        let command = try Self.command()
        try command.write([.real(Self.chunk(channels: 120, samples: 1000))], context: Self.context(folder, channels: 120))
        let path = folder.file("thumbs/1582977600.png")
        let png = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let image = try CairoImage(png: png)
        #expect(image.width == 2400 && image.height == 1800)

        let layout = try command.render(.real(Self.chunk(channels: 120, samples: 1000)),
                                        context: Self.context(folder, channels: 120)).layout
        let plot = layout.plot
        #expect(plot.width > 1200 && plot.height > 1200, "\(plot)")
        // Not blank: many distinct colours in the data area, all from the colour map.
        let viridis = ColourMap(named: "viridis")!
        var seen = Set<UInt32>()
        for y in stride(from: plot.y + 2, to: plot.y + plot.height - 2, by: 7) {
            for x in stride(from: plot.x + 2, to: plot.x + plot.width - 2, by: 7) {
                seen.insert(Self.rgb(image.pixel(x: x, y: y)))
            }
        }
        #expect(seen.count > 100)
        #expect(seen.isSubset(of: Set(viridis.colours)))
        // The colour bar runs from the map's last colour (top) to its first (bottom).
        let bar = try #require(layout.colourBar)
        #expect(bar.x > plot.x + plot.width && bar.x + bar.width < image.width)
        let middle = bar.x + bar.width / 2
        #expect(Self.rgb(image.pixel(x: middle, y: bar.y + 2)) == viridis.colours[255])
        #expect(Self.rgb(image.pixel(x: middle, y: bar.y + bar.height - 3)) == viridis.colours[0])
        // matplotlib's 8-bit colours truncate (bytes=True): viridis ends #440154 and #fde724 (#fde725 rounded).
        #expect(viridis.colours[0] == 0x440154 && viridis.colours[255] == 0xFDE724)
        // Margins are white, text and frame are drawn in black somewhere left of the plot (tick labels).
        #expect(Self.rgb(image.pixel(x: 1, y: 1)) == 0xFFFFFF)
        var dark = 0
        for y in plot.y..<(plot.y + plot.height) where Self.rgb(image.pixel(x: plot.x - 1, y: y)) < 0x404040 { dark += 1 }
        #expect(dark > plot.height / 2, "the axes frame")
    }

    @Test("values beyond mean ± clip_level·std take the map's end colours; invert_depth puts the first channel at the bottom")
    func clippingAndOrientation() throws {
        let folder = try TemporaryFolder()
        // Channel 0 far below the mean, the last channel far above, the rest alternating around 0.
        let channels = 40, samples = 50
        var values = [Double](repeating: 0, count: channels * samples)
        for c in 0..<channels {
            for t in 0..<samples {
                values[c * samples + t] = c == 0 ? -100 : c == channels - 1 ? 100 : Double((c + t) % 2) * 2 - 1
            }
        }
        let data = Signal.real(Array2D(rows: channels, columns: samples, values: values))
        for invert in [false, true] {
            let command = try Self.command(["cmap": .string("magma"), "dpi": .number(60),
                                            "invert_depth": .number(invert ? 1 : 0)])
            let rendering = try command.render(data, context: Self.context(folder, channels: channels))
            let image = try CairoImage(png: rendering.bytes)
            #expect(image.width == 480 && image.height == 360)
            let plot = rendering.layout.plot
            let magma = ColourMap(named: "magma")!
            let top = Self.rgb(image.pixel(x: plot.x + plot.width / 2, y: plot.y + 1))
            let bottom = Self.rgb(image.pixel(x: plot.x + plot.width / 2, y: plot.y + plot.height - 2))
            #expect(top == (invert ? magma.colours[255] : magma.colours[0]))
            #expect(bottom == (invert ? magma.colours[0] : magma.colours[255]))
        }
    }

    @Test("NaN values are left out of the colour range and drawn white, the rest keeps its colours")
    func notANumber() throws {
        let folder = try TemporaryFolder()
        var data = Self.chunk(channels: 20, samples: 40)
        for t in 0..<40 { data[0, t] = .nan }  // the first channel is dead
        data[10, 5] = .infinity
        let rendering = try Self.command(["dpi": .number(50)]).render(.real(data), context: Self.context(folder, channels: 20))
        let image = try CairoImage(png: rendering.bytes)
        let plot = rendering.layout.plot
        #expect(Self.rgb(image.pixel(x: plot.x + plot.width / 2, y: plot.y + 2)) == 0xFFFFFF)
        var coloured = Set<UInt32>()
        for y in stride(from: plot.y + plot.height / 4, to: plot.y + plot.height - 1, by: 3) {
            coloured.insert(Self.rgb(image.pixel(x: plot.x + plot.width / 3, y: y)))
        }
        #expect(coloured.count > 5 && !coloured.contains(0xFFFFFF))
    }

    @Test("a complex input fails with a clear error and writes nothing")
    func complexInput() throws {
        let folder = try TemporaryFolder()
        let command = try Self.command(["dpi": .number(50)])
        let complex = Signal.complex(ComplexArray2D(rows: 2, columns: 3, real: [1, 2, 3, 4, 5, 6],
                                                    imaginary: [0, 1, 0, 1, 0, 1]))
        let error = #expect(throws: CommandError.self) {
            try command.write([complex], context: Self.context(folder, channels: 2))
        }
        #expect(error?.problem.contains("complex") == true)
        #expect(error?.problem.contains("abs") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.file("thumbs/1582977600.png")))
    }

    @Test("an input of one row is drawn as a line against time and saved (distpy never saves it)")
    func oneRow() throws {
        let folder = try TemporaryFolder()
        let command = try Self.command(["dpi": .number(100)])
        let trace = (0..<500).map { sin(Double($0) / 20) + (($0 == 250) ? Double.nan : 0) }
        try command.write([.real(Array2D(rows: 1, columns: 500, values: trace))],
                          context: Self.context(folder, channels: 8))
        let png = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("thumbs/1582977600.png"))))
        let image = try CairoImage(png: png)
        #expect(image.width == 800 && image.height == 600)
        let layout = try command.render(.real(Array2D(rows: 1, columns: 500, values: trace)),
                                        context: Self.context(folder, channels: 8)).layout
        #expect(layout.colourBar == nil)
        var line = 0
        for y in layout.plot.y..<(layout.plot.y + layout.plot.height) {
            for x in stride(from: layout.plot.x, to: layout.plot.x + layout.plot.width, by: 3)
            where Self.rgb(image.pixel(x: x, y: y)) == 0x1F77B4 { line += 1 }
        }
        #expect(line > 300, "pixels of the line (matplotlib's first colour)")
    }

    @Test("svg and pdf are written as well, named with their extension")
    func vectorFormats() throws {
        let folder = try TemporaryFolder()
        for format in ["svg", "pdf"] {
            let command = try Self.command(["format": .string(format), "dpi": .number(40)])
            try command.write([.real(Self.chunk(channels: 20, samples: 100))], context: Self.context(folder, channels: 20))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: folder.file("thumbs/1582977600.\(format)")))
            let head = String(decoding: bytes.prefix(200), as: UTF8.self)
            #expect(format == "svg" ? head.contains("<svg") : head.hasPrefix("%PDF"))
        }
    }

    @Test("large figures are honoured; sizes cairo cannot draw and wrong axes are refused at validation")
    func parameters() throws {
        let big = try Self.command(["figure_size": .array([.number(20), .number(10)]), "dpi": .number(600)])
        let folder = try TemporaryFolder()
        let rendering = try big.render(.real(Self.chunk(channels: 30, samples: 200)), context: Self.context(folder, channels: 30))
        let image = try CairoImage(png: rendering.bytes)
        #expect(image.width == 12000 && image.height == 6000)
        func problem(_ overrides: [String: JSONValue]) -> String? {
            do {
                _ = try Self.command(overrides)
                return nil
            } catch let p as ParameterProblem {
                return p.parameter
            } catch {
                return "other"
            }
        }
        #expect(problem(["figure_size": .array([.number(200), .number(100)])]) == "figure_size")
        #expect(problem(["figure_size": .array([.number(8)])]) == "figure_size")
        #expect(problem(["axes": .array([.string("depth")])]) == "axes")
        #expect(problem(["clip_level": .number(0)]) == "clip_level")
        #expect(problem(["cmap": .string("grey_r")]) == nil)
    }

    @Test("the title is the chunk's start in UTC whatever the time zone, and ticks are nice numbers in real units")
    func titleAndTicks() {
        #expect(ThumbnailCommand.title(startTimeNs: 1_582_977_600_750_000_000, name: "1582977600")
            == "2020-02-29 12:00:00 UTC (1582977600)")
        let depth = AxisTicks(from: 497.5, to: 800, maxCount: 6)
        #expect(depth.values == [500, 550, 600, 650, 700, 750, 800] || depth.values == [500, 600, 700, 800])
        #expect(depth.labels.first == "500")
        let time = AxisTicks(from: -0.0005, to: 0.9995, maxCount: 8)
        #expect(time.values.first == 0 && time.labels == ["0.0", "0.2", "0.4", "0.6", "0.8"])
        #expect(AxisTicks(from: 0, to: 1, maxCount: 4).labels == ["0.00", "0.25", "0.50", "0.75", "1.00"])
        #expect(AxisTicks(from: 0, to: 3e12, maxCount: 4).labels.last == "3")
        #expect(AxisTicks.scaleText(from: 0, to: 3e12) == "×1e12")
        #expect(AxisTicks(from: -1, to: 1, maxCount: 4).labels == ["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5", "1.0"])
    }

    @Test("every colour map has matplotlib's 256 colours", .enabled(if: hasMatplotlib, "needs python3 with matplotlib (scripts/setup.sh --tests installs it)"))
    func colourMapsAreMatplotlibs() throws {
        let names = ColourMap.names
        let out = try PythonReference.check("""
            import sys, numpy as np, matplotlib
            for name in sys.argv[1:]:
                lut = matplotlib.colormaps[name.replace('grey', 'gray')](np.arange(256), bytes=True)[:, :3]
                print(' '.join('%02x%02x%02x' % tuple(int(v) for v in c) for c in lut))
            """, arguments: names)
        let lines = out.split(separator: "\n")
        #expect(lines.count == names.count)
        // The tables (viridis … cividis, and their reversals) are matplotlib's exactly; maps from segment data are
        // sampled by the same formula, where the last bit of a double can move a colour by 1/255.
        let tabled = ["viridis", "plasma", "inferno", "magma", "cividis"]
        for (name, line) in zip(names, lines) {
            let expected = line.split(separator: " ").map { UInt32($0, radix: 16)! }
            let colours = ColourMap(named: name)!.colours
            let tolerance: Int32 = tabled.contains(where: { name.hasPrefix($0) }) ? 0 : 1
            func distance(_ a: UInt32, _ b: UInt32) -> Int32 {
                var worst: Int32 = 0
                for shift: UInt32 in [16, 8, 0] {
                    worst = max(worst, abs(Int32((a >> shift) & 0xFF) - Int32((b >> shift) & 0xFF)))
                }
                return worst
            }
            var differing: [Int] = []
            for i in 0..<min(colours.count, expected.count) where distance(colours[i], expected[i]) > tolerance {
                differing.append(i)
            }
            #expect(colours.count == 256 && differing.isEmpty, "\(name): entries \(differing.prefix(8)) differ")
        }
    }
}
