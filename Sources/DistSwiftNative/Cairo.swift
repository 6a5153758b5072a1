import CCairo

/// An RGB raster image drawn with cairo and saved as PNG (plots and thumbnails build on it).
public final class CairoImage: @unchecked Sendable {
    public let width: Int
    public let height: Int
    private let surface: OpaquePointer
    private let context: OpaquePointer

    public init(width: Int, height: Int) throws {
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)),
              cairo_surface_status(s) == CAIRO_STATUS_SUCCESS, let c = cairo_create(s)
        else { throw NativeError("cairo create surface", detail: "\(width)×\(height) pixels") }
        self.width = width
        self.height = height
        surface = s
        context = c
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

    public func writePNG(to path: String) throws {
        cairo_surface_flush(surface)
        let status = cairo_surface_write_to_png(surface, path)
        if status != CAIRO_STATUS_SUCCESS {
            throw NativeError("cairo write PNG", path: path, detail: String(cString: cairo_status_to_string(status)))
        }
    }
}
