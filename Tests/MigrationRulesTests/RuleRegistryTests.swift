import Foundation
import MigrationRules
import Testing
import TestSupport

/// One registry: every rule file under `Sources/MigrationRules/Rules/<kind>/` is registered in
/// `RuleCatalogue.all` (a rule written and never registered would silently judge nothing), and
/// each lives in the folder of its own kind.
@Suite struct RuleRegistryTests {
    static let rulesDirectory = Repository.root.appendingPathComponent("Sources/MigrationRules/Rules")
    static let folders: [RuleDescription.Kind: String] = [
        .breaksOldCode: "BreaksOldCode", .locks: "LocksOrRewrites", .migrationFails: "MigrationFails", .needsReview: "NeedsReview",
    ]

    /// Type name → folder, from the files on disk.
    static func ruleFiles() throws -> [String: String] {
        var files: [String: String] = [:]
        for folder in try FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path) {
            let directory = rulesDirectory.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".swift") {
                files[String(name.dropLast(".swift".count))] = folder
            }
        }
        return files
    }

    @Test func everyRuleFileIsRegisteredOnce() throws {
        let registered = RuleCatalogue.all.map { String(describing: type(of: $0)) }
        #expect(Set(registered).count == registered.count, "a rule registered twice reports twice")
        let files = try Self.ruleFiles()
        #expect(!files.isEmpty)
        let unregistered = Set(files.keys).subtracting(registered).sorted()
        #expect(unregistered.isEmpty, "rule files not in RuleCatalogue.all: \(unregistered)")
        let withoutFile = Set(registered).subtracting(files.keys).sorted()
        #expect(withoutFile.isEmpty, "registered rules without a file of their own name under Rules/: \(withoutFile)")
    }

    @Test func eachRuleLivesInTheFolderOfItsKind() throws {
        let files = try Self.ruleFiles()
        for rule in RuleCatalogue.all {
            let name = String(describing: type(of: rule))
            let kind = type(of: rule).description.kind
            #expect(files[name] == Self.folders[kind], "\(name) is \(kind.rawValue): Rules/\(Self.folders[kind]!)/")
        }
    }

    @Test func identifiersAreUnique() {
        let identifiers = RuleCatalogue.descriptions.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
    }
}
