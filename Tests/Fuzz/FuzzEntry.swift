import Foundation

#if FUZZING
/// libFuzzer's driver, for programs with a main of their own (SwiftPM names an executable's entry point
/// `<module>_main` and links `main` to it, so libFuzzer's own main cannot be used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("distswift_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        FuzzEntry.target(bytes.map { Data(bytes: $0, count: size) } ?? Data())
        return 0
    }
}

enum FuzzEntry {
    static let target: @Sendable (Data) -> Void = {
        let name = ProcessInfo.processInfo.environment["DISTSWIFT_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTargets.all[name] else {
            FileHandle.standardError.write(Data("DISTSWIFT_FUZZ_TARGET must be one of \(FuzzTargets.all.keys.sorted())\n".utf8))
            exit(2)
        }
        return target
    }()
}
#else
/// Without libFuzzer: `distswift-fuzz TARGET FILE-OR-FOLDER…` runs every file through the target (a regression
/// run of a corpus); `distswift-fuzz --list` names the targets.
@main
enum FuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--list" {
            print(FuzzTargets.all.keys.sorted().joined(separator: "\n"))
            return
        }
        guard let name = arguments.first, let target = FuzzTargets.all[name] else {
            FileHandle.standardError.write(Data("usage: distswift-fuzz TARGET FILE…  (targets: \(FuzzTargets.all.keys.sorted().joined(separator: ", ")))\n".utf8))
            exit(2)
        }
        var count = 0
        for path in arguments.dropFirst() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                target(data)
                count += 1
            }
        }
        print("\(name): \(count) inputs, no crash")
    }
}
#endif
