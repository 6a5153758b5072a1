import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The element tree of one S3 XML answer (listings, multipart results, errors). S3's answers are small and flat,
/// so a tree of names and texts is all that is needed; namespaces are dropped.
public final class S3XMLElement: @unchecked Sendable {
    public let name: String
    public fileprivate(set) var text = ""
    public fileprivate(set) var children: [S3XMLElement] = []

    init(name: String) { self.name = name }

    /// The first child named `name`.
    public func child(_ name: String) -> S3XMLElement? { children.first { $0.name == name } }

    public func children(_ name: String) -> [S3XMLElement] { children.filter { $0.name == name } }

    /// The text of the first child named `name`.
    public func text(of name: String) -> String? { child(name)?.text }

    /// Parses an XML document; nil when it is not well-formed.
    public static func parse(_ data: Data) -> S3XMLElement? {
        // FoundationXML's parser crashes on some characters XML forbids (found by fuzzing): not an S3 answer.
        guard XMLPreflight.isSafeToParse(data) else { return nil }
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: S3XMLElement?
        var stack: [S3XMLElement] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let element = S3XMLElement(name: elementName)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
