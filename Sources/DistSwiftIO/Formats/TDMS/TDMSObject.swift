/// One object of a TDMS file (the file itself, a group or a channel) with its properties as the whole file leaves
/// them: a later segment adds properties and overwrites earlier values (NI: "the last value written wins").
struct TDMSObject: Sendable {
    let path: TDMSObjectPath
    /// In the order the file first wrote them.
    private(set) var properties: [(name: String, value: TDMSValue)] = []

    init(path: TDMSObjectPath) {
        self.path = path
    }

    mutating func set(_ name: String, _ value: TDMSValue) {
        if let i = properties.firstIndex(where: { $0.name == name }) {
            properties[i].value = value
        } else {
            properties.append((name, value))
        }
    }

    func property(_ name: String) -> TDMSValue? {
        properties.first { $0.name == name }?.value
    }
}
