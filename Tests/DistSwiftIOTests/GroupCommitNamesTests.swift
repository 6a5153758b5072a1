import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `GroupCommit.writeAtomically(names:bytes:)`: one file written for several names (the watch's batch of per-source
/// records), on a real folder: invisible before the commit, then every name the same synced file (hard links), an
/// existing name replaced, no temporary left; names part when one is rewritten; a rolled-back group leaves nothing.
@Suite("Group commit: one file under several names")
struct GroupCommitNamesTests {
    static func read(_ folder: TemporaryFolder, _ name: String) throws -> String {
        try String(contentsOfFile: folder.path + "/" + name, encoding: .utf8)
    }

    static func inode(_ folder: TemporaryFolder, _ name: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: folder.path + "/" + name)[.systemFileNumber] as! Int
    }

    static func visible(_ folder: TemporaryFolder, _ sub: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + sub).sorted()
    }

    @Test("the names appear only at the commit, all one file (an existing name replaced), and no temporary is left")
    func namesAtCommit() throws {
        let folder = try TemporaryFolder()
        let location = LocalStorage(root: folder.path)
        try location.write("sources/old.json", bytes: Array("old".utf8))
        let group = GroupCommit(location)
        try group.writeAtomically(names: ["sources/a.json", "sources/b.json", "sources/old.json"],
                                  bytes: Array("batch".utf8))
        #expect(group.pendingCount == 1)
        #expect(try Self.read(folder, "sources/old.json") == "old")
        #expect(try Self.visible(folder, "sources").filter { !$0.hasPrefix(".") } == ["old.json"])
        try group.commit()
        #expect(try Self.visible(folder, "sources") == ["a.json", "b.json", "old.json"], "no temporary left")
        for name in ["a.json", "b.json", "old.json"] { #expect(try Self.read(folder, "sources/" + name) == "batch") }
        let inode = try Self.inode(folder, "sources/a.json")
        #expect(try Self.inode(folder, "sources/b.json") == inode && Self.inode(folder, "sources/old.json") == inode)
        let links = try FileManager.default.attributesOfItem(atPath: folder.path + "/sources/a.json")[.referenceCount]
        #expect(links as? Int == 3)

        // A rewrite replaces its name by rename: that name parts from the others, which keep the batch.
        try location.write("sources/b.json", bytes: Array("alone".utf8))
        #expect(try Self.read(folder, "sources/b.json") == "alone")
        #expect(try Self.read(folder, "sources/a.json") == "batch" && Self.read(folder, "sources/old.json") == "batch")
    }

    @Test("a group rolled back leaves no name and no temporary; names in two folders are refused")
    func rolledBackAndRefused() throws {
        let folder = try TemporaryFolder()
        let location = LocalStorage(root: folder.path)
        let group = GroupCommit(location)
        try group.writeAtomically(names: ["sources/c.json", "sources/d.json"], bytes: Array("x".utf8))
        group.discard()
        try group.commit()
        #expect(try Self.visible(folder, "sources").isEmpty)
        #expect(throws: StoragePathError.self) {
            try group.writeAtomically(names: ["sources/e.json", "other/f.json"], bytes: Array("x".utf8))
        }
        #expect(group.pendingCount == 0)
        #expect(try Self.visible(folder, "sources").isEmpty, "the refused file's temporary was removed")
    }
}
