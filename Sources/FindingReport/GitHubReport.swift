import MigrationRules

/// `--format github`: one workflow command per reported finding, which GitHub Actions shows as an
/// annotation on the migration's line, then the summary as a plain line.
public struct GitHubReport: ReportRenderer {
    public init() {}

    public func render(_ report: CheckReport) -> String {
        var out = ""
        for finding in report.orderedFindings where finding.ignoredBecause == nil {
            let command = finding.severity == .error ? "error" : "warning"
            let properties = [
                ("file", report.displayPath(finding.path)),
                ("line", String(finding.line)),
                ("col", String(finding.column)),
                ("title", "zerodowntime \(finding.rule)"),
            ].map { "\($0.0)=\(Self.escapeProperty($0.1))" }
            out += "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(fullMessage(finding)))\n"
        }
        return out + report.summary.line + "\n"
    }

    /// A command's message: `%`, CR and LF escaped, as the Actions toolkit does.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value: as a message, and `:` and `,` too, which end a value.
    public static func escapeProperty(_ text: String) -> String {
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
