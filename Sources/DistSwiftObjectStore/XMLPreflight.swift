import Foundation

/// What FoundationXML's parser can be given without crashing. Found by fuzzing: it force-unwraps strings in its
/// callbacks and so crashes on names or texts that are not UTF-8, reads a NUL character as the end of a C string,
/// and calls strlen on the missing data of a processing instruction (`<?name?>`). XML 1.0 allows neither non-UTF
/// text nor C0 controls other than tab, line feed and carriage return, and neither S3 answers nor WITSML files use
/// processing instructions besides the XML declaration, so documents with any of these are refused before parsing.
public enum XMLPreflight {
    public static func isSafeToParse(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        if bytes.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) { return false }
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        // "<?" only as the XML declaration at the very start ("<?xml" and white space).
        let declaration = Array("<?xml".utf8)
        for i in bytes.indices.dropLast() where bytes[i] == 0x3C && bytes[i + 1] == 0x3F {
            let isDeclaration = i == 0 && bytes.count > 5 && Array(bytes[0..<5]) == declaration
                && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[5])
            if !isDeclaration { return false }
        }
        return true
    }
}
