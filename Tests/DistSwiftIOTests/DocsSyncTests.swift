import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("Documentation in sync with the code")
struct DocsSyncTests {
    @Test("docs/configuration.md lists every system-config key with its type and meaning")
    func configurationKeys() throws {
        let text = try String(contentsOfFile: TestPaths.packageRoot + "/docs/configuration.md", encoding: .utf8)
        for key in SystemConfig.keys + SystemConfig.s3Keys {
            #expect(text.contains("| `\(key.name)` | \(key.kind.rawValue) | \(key.meaning) |"),
                    "docs/configuration.md is missing or out of date for \(key.name)")
        }
    }
}
