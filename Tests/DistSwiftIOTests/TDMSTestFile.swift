import Foundation

/// A small TDMS writer for the tests. Every part of a segment is given explicitly (flags, object list, raw data
/// indices, padding, the declared segment length), so each TDMS feature — incremental metadata, interleaving, byte
/// order, interrupted writes — can be built on purpose. That it writes real TDMS is checked against the Silixa sample
/// file: it rebuilds that file byte for byte, and its property encodings are found verbatim in it.
enum TDMSTestFile {
    /// tdsDataType codes.
    static let int8: UInt32 = 1, int16: UInt32 = 2, int32: UInt32 = 3, int64: UInt32 = 4
    static let uint8: UInt32 = 5, uint16: UInt32 = 6, uint32: UInt32 = 7, uint64: UInt32 = 8
    static let float32: UInt32 = 9, float64: UInt32 = 10, string: UInt32 = 0x20
    static let numericTypes: [UInt32] = [int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64]

    enum Property {
        case i8(Int8), i16(Int16), i32(Int32), i64(Int64), u8(UInt8), u16(UInt16), u32(UInt32), u64(UInt64)
        case f32(Float), f64(Double), text(String), bool(Bool)
        /// Seconds since 1904-01-01 UTC and a fraction of 2^-64 s.
        case time(seconds: Int64, fraction: UInt64)
    }

    enum Index {
        /// 0xFFFFFFFF: no values in this segment.
        case none
        /// 0x00000000: as in the previous segment.
        case same
        /// A numeric index: `count` values of `type` per chunk.
        case values(type: UInt32, count: UInt64)
        /// Any bytes, written as they are after the path (for indices the reader must refuse).
        case bytes([UInt8])
    }

    struct Object {
        var path: String
        var index: Index = .none
        var properties: [(String, Property)] = []
        /// Written instead of `properties` (count and encoded properties), e.g. copied from a real file.
        var rawProperties: [UInt8]? = nil
    }

    struct Segment {
        /// Nil: no metadata flag, the segment repeats the previous one's objects.
        var objects: [Object]?
        var newObjectList = true
        var interleaved = false
        var bigEndian = false
        var raw: [UInt8] = []
        /// Set the raw-data flag even without raw bytes (or clear it with false).
        var hasRawData: Bool? = nil
        var daqmx = false
        /// Zero bytes between the metadata and the raw data (Silixa aligns its raw data to 4 KiB).
        var padding = 0
        /// The declared length after the lead-in; nil: the true length. UInt64.max: "never written".
        var declaredLength: UInt64? = nil
        var version: UInt32 = 4713
        var tag = "TDSm"
    }

    static func bytes(_ segments: [Segment]) -> [UInt8] {
        var out: [UInt8] = []
        for s in segments {
            var metadata = Writer(bigEndian: s.bigEndian)
            if let objects = s.objects {
                metadata.int(UInt32(objects.count))
                for object in objects { metadata.object(object) }
                metadata.bytes.append(contentsOf: [UInt8](repeating: 0, count: s.padding))
            }
            var toc: UInt32 = 0
            if s.objects != nil { toc |= 1 << 1 }
            if s.objects != nil && s.newObjectList { toc |= 1 << 2 }
            if s.hasRawData ?? !s.raw.isEmpty { toc |= 1 << 3 }
            if s.interleaved { toc |= 1 << 5 }
            if s.bigEndian { toc |= 1 << 6 }
            if s.daqmx { toc |= 1 << 7 }
            var lead = Writer(bigEndian: false)
            lead.bytes.append(contentsOf: Array(s.tag.utf8))
            lead.int(toc)  // the table of contents is always little-endian
            var rest = Writer(bigEndian: s.bigEndian)
            rest.int(s.version)
            rest.int(s.declaredLength ?? UInt64(metadata.bytes.count + s.raw.count))
            rest.int(UInt64(metadata.bytes.count))
            out += lead.bytes + rest.bytes + metadata.bytes + s.raw
        }
        return out
    }

    /// Raw data of `channels` (each a list of values) as `type`: interleaved rows or each channel in one run.
    static func raw(_ channels: [[Double]], type: UInt32, interleaved: Bool, bigEndian: Bool = false) -> [UInt8] {
        var w = Writer(bigEndian: bigEndian)
        func put(_ v: Double) { w.value(v, type: type) }
        if interleaved {
            for i in channels[0].indices { for channel in channels { put(channel[i]) } }
        } else {
            for channel in channels { channel.forEach(put) }
        }
        return w.bytes
    }

    /// One property encoded as in a metadata section (name, type, value), to look for in a real file.
    static func encoded(_ name: String, _ property: Property, bigEndian: Bool = false) -> [UInt8] {
        var w = Writer(bigEndian: bigEndian)
        w.property(name, property)
        return w.bytes
    }

    struct Writer {
        let bigEndian: Bool
        var bytes: [UInt8] = []

        mutating func int<I: FixedWidthInteger>(_ value: I) {
            let width = I.bitWidth / 8
            let v = UInt64(truncatingIfNeeded: value)
            for i in 0..<width {
                let shift = bigEndian ? 8 * (width - 1 - i) : 8 * i
                bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift)))
            }
        }

        mutating func string(_ s: String) {
            int(UInt32(s.utf8.count))
            bytes.append(contentsOf: Array(s.utf8))
        }

        mutating func value(_ v: Double, type: UInt32) {
            switch type {
            case TDMSTestFile.int8: int(Int8(v))
            case TDMSTestFile.int16: int(Int16(v))
            case TDMSTestFile.int32: int(Int32(v))
            case TDMSTestFile.int64: int(Int64(v))
            case TDMSTestFile.uint8: int(UInt8(v))
            case TDMSTestFile.uint16: int(UInt16(v))
            case TDMSTestFile.uint32: int(UInt32(v))
            case TDMSTestFile.uint64: int(UInt64(v))
            case TDMSTestFile.float32: int(Float(v).bitPattern)
            case TDMSTestFile.float64: int(v.bitPattern)
            default: fatalError("no test encoding for type \(type)")
            }
        }

        mutating func property(_ name: String, _ p: Property) {
            string(name)
            switch p {
            case .i8(let v): int(UInt32(1)); int(v)
            case .i16(let v): int(UInt32(2)); int(v)
            case .i32(let v): int(UInt32(3)); int(v)
            case .i64(let v): int(UInt32(4)); int(v)
            case .u8(let v): int(UInt32(5)); int(v)
            case .u16(let v): int(UInt32(6)); int(v)
            case .u32(let v): int(UInt32(7)); int(v)
            case .u64(let v): int(UInt32(8)); int(v)
            case .f32(let v): int(UInt32(9)); int(v.bitPattern)
            case .f64(let v): int(UInt32(10)); int(v.bitPattern)
            case .text(let s): int(UInt32(0x20)); string(s)
            case .bool(let b): int(UInt32(0x21)); int(UInt8(b ? 1 : 0))
            case .time(let seconds, let fraction):
                int(UInt32(0x44))
                // One 128-bit number in the segment's byte order: the fraction is the low half.
                if bigEndian { int(seconds); int(fraction) } else { int(fraction); int(seconds) }
            }
        }

        mutating func object(_ o: Object) {
            string(o.path)
            switch o.index {
            case .none: int(UInt32.max)
            case .same: int(UInt32(0))
            case .values(let type, let count):
                int(UInt32(20)); int(type); int(UInt32(1)); int(count)
            case .bytes(let b): bytes.append(contentsOf: b)
            }
            if let raw = o.rawProperties {
                bytes.append(contentsOf: raw)
            } else {
                int(UInt32(o.properties.count))
                for (name, p) in o.properties { property(name, p) }
            }
        }
    }
}
