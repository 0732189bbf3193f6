import MigrationRules
import ProjectConfiguration
import Testing

@Suite struct ProjectConfigurationTests {
    @Test func readsEveryKey() throws {
        let configuration = try ProjectConfiguration.parse("""
            [project]
            name = "shop"

            [tool.zerodowntime]
            policy = "original"
            target = "postgresql@12"
            fail-on = "warning"
            hook = "database"
            exclude-apps = ["legacy"]
            exclude-migrations = ["shop.0001_initial"]

            [tool.zerodowntime.rules]
            run-python-needs-review = "off"
            run-python-without-reverse = "error"

            [[tool.zerodowntime.ignore]]
            migration = "shop.0007_backfill"
            rules = ["drop-column"]
            reason = "column unused since 2024"
            """, file: "pyproject.toml")
        #expect(configuration.policy == .original)
        #expect(configuration.target == "postgresql@12")
        #expect(configuration.failOn == .warning)
        #expect(configuration.hook == "database")
        #expect(configuration.excludedApps == ["legacy"])
        #expect(configuration.excludedMigrations == ["shop.0001_initial"])
        #expect(configuration.severities["run-python-needs-review"] == .some(nil))
        #expect(configuration.severities["run-python-without-reverse"] == .error)
        #expect(configuration.ignores["shop.0007_backfill"]?.rules == ["drop-column"])
        #expect(configuration.ignores["shop.0007_backfill"]?.reason == "column unused since 2024")

        var settings = CheckSettings()
        configuration.apply(to: &settings)
        #expect(settings.policy == .original)
        #expect(settings.excludedApps == ["legacy"])
    }

    @Test func nonASCIIInStringsAndCommentsIsFine() throws {
        let text = "# é\n[tool.zerodowntime]\ntarget = \"postgresql\" # ü\n[\"clé\"]\nv = \"\"\"\nà\"\"\"\nw = 'ö'\n"
        #expect(try ProjectConfiguration.parse(text, file: "pyproject.toml").file == "pyproject.toml")
    }

    @Test func aFileWithoutTheTableIsEmpty() throws {
        let configuration = try ProjectConfiguration.parse("[project]\nname = \"x\"\n", file: "pyproject.toml")
        #expect(configuration.policy == nil && configuration.severities.isEmpty)
    }

    @Test(arguments: [
        ("[tool.zerodowntime.rules]\ndrop-colum = \"off\"\n", "unknown rule 'drop-colum'"),
        ("[[tool.zerodowntime.ignore]]\nmigration = \"a.b\"\nrules = [\"nope\"]\nreason = \"x\"\n", "unknown rule 'nope'"),
        ("[[tool.zerodowntime.ignore]]\nmigration = \"a.b\"\nrules = [\"drop-column\"]\n", "reason = \"…\" is required"),
        ("[tool.zerodowntime]\npolicy = \"strict\"\n", "policy 'strict'"),
        ("[tool.zerodowntime]\ntarget = \"oracle\"\n", "target 'oracle'"),
        ("[tool.zerodowntime]\nfail_on = \"warning\"\n", "unknown key 'fail_on'"),
        ("[tool.zerodowntime]\npolicy = \n", "pyproject.toml:2:"),
        // toml++ would assert (a non-ASCII bare key) or stop reading (a NUL): refused first, at the place.
        ("[é]\ntool.zerodowntime = true\n", "pyproject.toml:1:2: error: invalid TOML: a non-ASCII character outside a string or comment"),
        ("[tool.zerodowntime]\ntarget = \"postgresql\" # é\n[x]\nkey = \"é\"\nnaïve = 1\n", "pyproject.toml:5:3:"),
        ("[tool.zerodowntime]\n# fine\u{0}\n", "pyproject.toml:2:7: error: invalid TOML: a NUL character"),
    ])
    func badInputIsAClearError(_ text: String, _ expected: String) {
        #expect {
            _ = try ProjectConfiguration.parse(text, file: "pyproject.toml")
        } throws: { error in
            "\(error)".contains(expected)
        }
    }
}
