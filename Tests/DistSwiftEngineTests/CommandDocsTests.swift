import DistSwiftCalc
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("Command reference in sync with the registry")
struct CommandDocsTests {
    @Test("docs/commands.md is exactly what `distswift commands --markdown` generates from the registry")
    func commandsDoc() throws {
        let text = try String(contentsOfFile: TestPaths.packageRoot + "/docs/commands.md", encoding: .utf8)
        #expect(text == CommandReference.markdown(.standard),
                "docs/commands.md is out of date: run `distswift commands --markdown > docs/commands.md`")
    }

    @Test("every command documents every parameter and has a summary")
    func documented() {
        for type in CommandRegistry.standard.commands {
            #expect(!type.summary.isEmpty, "\(type.name)")
            for p in type.parameters { #expect(!p.doc.isEmpty, "\(type.name).\(p.name)") }
        }
    }
}
