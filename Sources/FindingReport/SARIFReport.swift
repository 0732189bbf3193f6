import MigrationRules

/// `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. Every rule
/// of the catalogue is described in the run; silenced findings are results with a suppression.
public struct SARIFReport: ReportRenderer {
    public static let informationURI = "https://github.com/zerodowntime/zerodowntime"
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The base the results' relative paths are resolved against: the report's `baseDirectory`.
    public static let sourceRootID = "%SRCROOT%"

    /// The `zerodowntime` version that made the report.
    public var toolVersion: String
    /// The rules described in `tool.driver.rules`; rules of findings not among them (the original
    /// policy's) are described from their findings.
    public var rules: [RuleDescription]

    public init(toolVersion: String, rules: [RuleDescription] = RuleCatalogue.descriptions) {
        self.toolVersion = toolVersion
        self.rules = rules
    }

    public func render(_ report: CheckReport) -> String {
        let findings = report.orderedFindings
        var descriptors: [JSONValue] = []
        var ruleIndex: [String: Int] = [:]
        for rule in rules where ruleIndex[rule.identifier] == nil {
            ruleIndex[rule.identifier] = descriptors.count
            descriptors.append(descriptor(id: rule.identifier, summary: rule.summary, why: rule.why, recipe: rule.recipe,
                                          level: rule.severity, tags: [rule.kind.rawValue]))
        }
        for finding in findings where ruleIndex[finding.rule] == nil {
            ruleIndex[finding.rule] = descriptors.count
            descriptors.append(descriptor(id: finding.rule, summary: finding.why, why: finding.why, recipe: finding.recipe,
                                          level: finding.severity, tags: []))
        }

        var run: [(String, JSONValue)] = [
            ("tool", .object([("driver", .object([
                ("name", .string("zerodowntime")),
                ("informationUri", .string(Self.informationURI)),
                ("version", .string(toolVersion)),
                ("rules", .array(descriptors)),
            ]))])),
        ]
        if let root = sourceRootURI(report.baseDirectory) {
            run.append(("originalUriBaseIds", .object([(Self.sourceRootID, .object([("uri", .string(root))]))])))
        }
        run.append(("results", .array(findings.map { result($0, index: ruleIndex[$0.rule] ?? 0, report: report) })))
        run.append(("properties", .object([
            ("policy", .string(report.policy.rawValue)),
            ("target", .string(report.target.identifier)),
            ("targetReason", .string(report.target.reason)),
            ("source", .string(report.source)),
            ("sourceDescription", .string(report.sourceDescription)),
            ("pending", .array(report.pending.map { .string($0.description) })),
            ("passed", .bool(!report.fails)),
        ])))

        let document = JSONValue.object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
        return document.rendered() + "\n"
    }

    private func descriptor(id: String, summary: String, why: String, recipe: String, level: Severity, tags: [String]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)),
            ("name", .string(Self.pascalCase(id))),
            ("shortDescription", .object([("text", .string(summary))])),
            ("fullDescription", .object([("text", .string(why))])),
        ]
        if !recipe.isEmpty { members.append(("help", .object([("text", .string(recipe))]))) }
        members.append(("defaultConfiguration", .object([("level", .string(level.rawValue))])))
        if !tags.isEmpty { members.append(("properties", .object([("tags", .array(tags.map(JSONValue.string)))]))) }
        return .object(members)
    }

    private func result(_ finding: Finding, index: Int, report: CheckReport) -> JSONValue {
        let path = report.displayPath(finding.path).replacingBackslashes
        var artifact: [(String, JSONValue)]
        if path.hasPrefix("/") {
            artifact = [("uri", .string("file://" + Self.percentEncoded(path)))]
        } else {
            artifact = [("uri", .string(Self.percentEncoded(path)))]
            if sourceRootURI(report.baseDirectory) != nil { artifact.append(("uriBaseId", .string(Self.sourceRootID))) }
        }
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(finding.rule)),
            ("ruleIndex", .int(index)),
            ("level", .string(finding.severity.rawValue)),
            ("message", .object([("text", .string(fullMessage(finding)))])),
            ("locations", .array([.object([
                ("physicalLocation", .object([
                    ("artifactLocation", .object(artifact)),
                    ("region", .object([("startLine", .int(max(finding.line, 1))), ("startColumn", .int(max(finding.column, 1)))])),
                ])),
            ])])),
        ]
        if let because = finding.ignoredBecause {
            // pyproject.toml silences from outside the migration; a comment or class attribute from inside it.
            let kind = because.hasPrefix("pyproject.toml") ? "external" : "inSource"
            members.append(("suppressions", .array([.object([("kind", .string(kind)), ("justification", .string(because))])])))
        }
        members.append(("properties", .object([
            ("app", .string(finding.app)),
            ("migration", .string(finding.migration)),
            ("operation", .string(finding.operation)),
            ("description", .string(finding.description)),
        ])))
        return .object(members)
    }

    /// `file:///work/shop/`: SARIF wants the base as an absolute URI ending in a slash.
    private func sourceRootURI(_ directory: String) -> String? {
        let directory = directory.replacingBackslashes
        guard directory.hasPrefix("/") else { return nil }
        let encoded = Self.percentEncoded(directory)
        return "file://" + encoded + (encoded.hasSuffix("/") ? "" : "/")
    }

    /// `drop-column` → `DropColumn`.
    public static func pascalCase(_ identifier: String) -> String {
        identifier.split(whereSeparator: { $0 == "-" || $0 == "_" })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A path as a URI reference: everything but unreserved characters and `/` percent-encoded as UTF-8.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}

extension String {
    fileprivate var replacingBackslashes: String {
        String(unicodeScalars.map { $0 == "\\" ? "/" : Character($0) })
    }
}
