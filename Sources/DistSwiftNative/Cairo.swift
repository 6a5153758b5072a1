import CCairo
import CDistShims

/// Where a text is anchored: which point of its ink box lies at the given position.
public enum CairoTextAnchor: Sendable {
    case topLeft, top, topRight
    case left, center, right
    case bottomLeft, bottom, bottomRight
}

/// cairo is opened at run time on the first drawing (CDistShims/dist_cairo.c): processes that never draw don't load it.
enum CairoLibrary {
    /// Throws the loader's reason when libcairo.so.2 cannot be opened, before any cairo function is called.
    static func require() throws {
        var message = [CChar](repeating: 0, count: 512)
        guard dist_cairo_load(&message, message.count) == 0 else { return }
        throw NativeError("cairo", detail: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                                                  as: UTF8.self))
    }
}

/// A cairo drawing (raster or vector) with the operations plots and thumbnails need: rectangles, lines, opaque
/// pixel blocks and text with cairo's "toy" text API (fontconfig picks the face; DejaVu Sans by default, which every
/// Debian/Ubuntu system with cairo has). Coordinates are in drawing units, y down; colours are RGB in 0…1.
public class CairoCanvas: @unchecked Sendable {
    /// Size in drawing units (pixels for a raster image).
    public let width: Int
    public let height: Int
    let surface: OpaquePointer
    let context: OpaquePointer

    init(surface: OpaquePointer, width: Int, height: Int, what: String) throws {
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            let status = cairo_surface_status(surface)
            cairo_surface_destroy(surface)
            throw NativeError("cairo create surface", detail: "\(what): " + String(cString: cairo_status_to_string(status)))
        }
        guard let c = cairo_create(surface), cairo_status(c) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw NativeError("cairo create context", detail: what)
        }
        self.width = width
        self.height = height
        self.surface = surface
        context = c
        setFont(size: 10)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Fills a rectangle with a colour (components 0…1).
    public func fill(x: Double, y: Double, width: Double, height: Double, red: Double, green: Double, blue: Double) {
        cairo_set_source_rgb(context, red, green, blue)
        cairo_rectangle(context, x, y, width, height)
        cairo_fill(context)
    }

    /// Strokes the outline of a rectangle.
    public func strokeRectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double,
                                red: Double = 0, green: Double = 0, blue: Double = 0) {
        cairo_set_source_rgb(context, red, green, blue)
        cairo_set_line_width(context, lineWidth)
        cairo_rectangle(context, x, y, width, height)
        cairo_stroke(context)
    }

    /// Strokes connected line segments through `points`; a nil point breaks the line (a gap, e.g. for NaN values).
    public func polyline(_ points: [(x: Double, y: Double)?], lineWidth: Double,
                         red: Double = 0, green: Double = 0, blue: Double = 0) {
        cairo_set_source_rgb(context, red, green, blue)
        cairo_set_line_width(context, lineWidth)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        var penDown = false
        for point in points {
            guard let p = point else {
                penDown = false
                continue
            }
            if penDown { cairo_line_to(context, p.x, p.y) } else { cairo_move_to(context, p.x, p.y) }
            penDown = true
        }
        cairo_stroke(context)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
    }

    /// Restricts drawing to a rectangle until `resetClip`.
    public func clip(x: Double, y: Double, width: Double, height: Double) {
        cairo_rectangle(context, x, y, width, height)
        cairo_clip(context)
    }

    public func resetClip() { cairo_reset_clip(context) }

    /// Draws a block of opaque pixels (`0xRRGGBB`, row-major, `width × height`) with its top-left corner at (x, y),
    /// one drawing unit per pixel, without smoothing.
    public func drawPixels(_ rgb: [UInt32], width: Int, height: Int, x: Double, y: Double) throws {
        precondition(rgb.count == width * height)
        guard width > 0, height > 0 else { return }
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)),
              cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image)
        else { throw NativeError("cairo create surface", detail: "\(width)×\(height) pixel block") }
        defer { cairo_surface_destroy(image) }
        cairo_surface_flush(image)
        let stride = Int(cairo_image_surface_get_stride(image))
        rgb.withUnsafeBufferPointer { source in
            for row in 0..<height {
                let target = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                target.update(from: source.baseAddress! + row * width, count: width)
            }
        }
        cairo_surface_mark_dirty(image)
        cairo_save(context)
        cairo_set_source_surface(context, image, x, y)
        cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_NEAREST)
        cairo_rectangle(context, x, y, Double(width), Double(height))
        cairo_fill(context)
        cairo_restore(context)
    }

    /// Selects the font of the texts that follow (size in drawing units).
    public func setFont(family: String = "DejaVu Sans", size: Double, bold: Bool = false) {
        cairo_select_font_face(context, family, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    /// The ink box of `text` in the current font: width and height, and the offset of its top-left corner from the
    /// text's origin on the baseline.
    public func textBox(_ text: String) -> (width: Double, height: Double, left: Double, top: Double) {
        var e = cairo_text_extents_t()
        cairo_text_extents(context, text, &e)
        return (e.width, e.height, e.x_bearing, e.y_bearing)
    }

    /// Draws `text` so that its ink box's `anchor` lies at (x, y), rotated by `angle` radians about that point
    /// (−π/2 reads upwards, as a y-axis label).
    public func drawText(_ text: String, x: Double, y: Double, anchor: CairoTextAnchor = .bottomLeft,
                         angle: Double = 0, red: Double = 0, green: Double = 0, blue: Double = 0) {
        let box = textBox(text)
        let fx: Double, fy: Double
        switch anchor {
        case .topLeft, .left, .bottomLeft: fx = 0
        case .top, .center, .bottom: fx = 0.5
        case .topRight, .right, .bottomRight: fx = 1
        }
        switch anchor {
        case .topLeft, .top, .topRight: fy = 0
        case .left, .center, .right: fy = 0.5
        case .bottomLeft, .bottom, .bottomRight: fy = 1
        }
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_rotate(context, angle)
        cairo_move_to(context, -box.left - fx * box.width, -box.top - fy * box.height)
        cairo_set_source_rgb(context, red, green, blue)
        cairo_show_text(context, text)
        cairo_restore(context)
    }
}

/// Collects what cairo writes to a stream.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// Feeds bytes to cairo's PNG reader.
private final class ByteSource {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// An RGB raster image drawn with cairo and saved as PNG (plots and thumbnails build on it).
public final class CairoImage: CairoCanvas, @unchecked Sendable {
    public init(width: Int, height: Int) throws {
        try CairoLibrary.require()
        guard width > 0, height > 0, width <= 32767, height <= 32767,
              let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        else { throw NativeError("cairo create surface", detail: "\(width)×\(height) pixels (at most 32767 a side)") }
        try super.init(surface: s, width: width, height: height, what: "\(width)×\(height) pixels")
    }

    /// Decodes a PNG (any PNG cairo reads; transparency is composed over black) into an RGB image.
    public convenience init(png: [UInt8]) throws {
        try CairoLibrary.require()
        let source = ByteSource(png)
        let read: cairo_read_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
            let n = Int(length)
            guard source.offset + n <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            source.bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress! + source.offset, count: n) }
            source.offset += n
            return CAIRO_STATUS_SUCCESS
        }
        guard let decoded = cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(source).toOpaque())
        else { throw NativeError("cairo read PNG", detail: "no surface") }
        defer { cairo_surface_destroy(decoded) }
        let status = cairo_surface_status(decoded)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw NativeError("cairo read PNG", detail: String(cString: cairo_status_to_string(status)))
        }
        try self.init(width: Int(cairo_image_surface_get_width(decoded)),
                      height: Int(cairo_image_surface_get_height(decoded)))
        cairo_set_source_surface(context, decoded, 0, 0)
        cairo_paint(context)
    }

    /// The colour of one pixel.
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        precondition(x >= 0 && x < width && y >= 0 && y < height)
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        let value = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)[x]
        return (UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }

    public func writePNG(to path: String) throws {
        cairo_surface_flush(surface)
        let status = cairo_surface_write_to_png(surface, path)
        if status != CAIRO_STATUS_SUCCESS {
            throw NativeError("cairo write PNG", path: path, detail: String(cString: cairo_status_to_string(status)))
        }
    }

    /// The image as PNG file bytes (for writing through a storage location, atomically).
    public func pngBytes() throws -> [UInt8] {
        cairo_surface_flush(surface)
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(surface, { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes
                .append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        if status != CAIRO_STATUS_SUCCESS {
            throw NativeError("cairo write PNG", detail: String(cString: cairo_status_to_string(status)))
        }
        return sink.bytes
    }
}

/// A one-page SVG or PDF drawing. Callers draw in their own units (e.g. the pixels of the raster version);
/// `pointsPerUnit` scales them to the page, so one drawing code serves raster and vector output.
public final class CairoVectorDocument: CairoCanvas, @unchecked Sendable {
    public enum Format: Sendable { case svg, pdf }

    /// Kept alive while cairo may write to it (until `finish`).
    private let sink: ByteSink

    public init(format: Format, width: Int, height: Int, pointsPerUnit: Double) throws {
        try CairoLibrary.require()
        let sink = ByteSink()
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes
                .append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let w = Double(width) * pointsPerUnit, h = Double(height) * pointsPerUnit
        let created: OpaquePointer? = switch format {
        case .svg: cairo_svg_surface_create_for_stream(write, closure, w, h)
        case .pdf: cairo_pdf_surface_create_for_stream(write, closure, w, h)
        }
        guard let s = created else { throw NativeError("cairo create surface", detail: "\(format) \(w)×\(h) pt") }
        self.sink = sink
        try super.init(surface: s, width: width, height: height, what: "\(format) \(w)×\(h) pt")
        cairo_scale(context, pointsPerUnit, pointsPerUnit)
    }

    /// Ends the page and returns the file bytes; draw nothing after this.
    public func finish() throws -> [UInt8] {
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        if status != CAIRO_STATUS_SUCCESS {
            throw NativeError("cairo finish document", detail: String(cString: cairo_status_to_string(status)))
        }
        return sink.bytes
    }
}
