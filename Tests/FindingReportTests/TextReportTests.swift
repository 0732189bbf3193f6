import FindingReport
import MigrationRules
import Testing

@Suite struct TextReportTests {
    @Test func groupsFindingsByMigrationInPendingOrderWithWhyAndRecipe() {
        let expected = """
            \(ReportFixture.header)

            shop.0003_remove_widget_colour  shop/migrations/0003_remove_widget_colour.py
            shop/migrations/0003_remove_widget_colour.py:12:9: error[drop-column] Removing "colour" from widget: old code, 100% sure,
                still reads it: café
                Why: The previous release selects widget.colour.
                Safe recipe:
                    Release 1:
                        SeparateDatabaseAndState(state_operations=[RemoveField("widget", "colour")])

                    Release 2:
                        RunSQL("ALTER TABLE shop_widget DROP COLUMN colour")

            billing.0002_invoice_total  /srv/billing/migrations/0002_invoice_total.py
            /srv/billing/migrations/0002_invoice_total.py:7:9: warning[run-python-without-reverse] RunPython without reverse_code.
                Why: The migration cannot be rolled back.
                Safe recipe:
                    migrations.RunPython(fill_totals, migrations.RunPython.noop)

            \(ReportFixture.summary)
            Unsafe: 1 of 2 migrations is not safe to deploy without downtime.

            """
        #expect(TextReport().render(ReportFixture.report()) == expected)
    }

    @Test func verboseAlsoListsIgnoredFindingsAndWhy() {
        let output = TextReport(verbose: true).render(ReportFixture.report())
        let ignored = """
                    RunSQL("ALTER TABLE shop_widget DROP COLUMN colour")

            shop/migrations/0003_remove_widget_colour.py:20:9: ignored error[drop-column] Removing "size" from widget.
                Ignored: comment on line 19: column unused since 2.3

            billing.0002_invoice_total
            """
        #expect(output.contains(ignored))
        #expect(!TextReport().render(ReportFixture.report()).contains("Removing \"size\""))
    }

    @Test func quietPrintsOnlyFindingLinesAndTheSummary() {
        let expected = """
            shop/migrations/0003_remove_widget_colour.py:12:9: error[drop-column] Removing "colour" from widget: old code, 100% sure,
                still reads it: café
            /srv/billing/migrations/0002_invoice_total.py:7:9: warning[run-python-without-reverse] RunPython without reverse_code.
            \(ReportFixture.summary)

            """
        #expect(TextReport(quiet: true).render(ReportFixture.report()) == expected)
    }

    @Test func aRulesWhyAndARepeatedRecipeAreGivenOnceThenReferredTo() {
        var second = ReportFixture.dropColour
        second.line = 30
        var third = ReportFixture.dropColour
        third.line = 40
        third.recipe = "Another recipe."
        let output = TextReport().render(ReportFixture.report(findings: [ReportFixture.dropColour, second, third]))
        #expect(output.components(separatedBy: "Why: The previous release selects widget.colour.").count == 2)
        #expect(output.components(separatedBy: "    Why: as for drop-column above.\n").count == 3)
        #expect(output.contains(":30:9: error[drop-column] Removing \"colour\" from widget: old code, 100% sure,\n    still reads it: café\n    Why: as for drop-column above.\n    Safe recipe: as above.\n"))
        #expect(output.contains("    Safe recipe:\n        Another recipe.\n"))
        let verbose = TextReport(verbose: true).render(ReportFixture.report(findings: [ReportFixture.dropColour, second, third]))
        #expect(verbose.components(separatedBy: "Why: The previous release selects widget.colour.").count == 4)
    }

    @Test func aMissingLockTimeoutIsOneWarningForTheRun() {
        let findings = [ReportFixture.lockTimeout(ReportFixture.shop, line: 12), ReportFixture.dropColour,
                        ReportFixture.lockTimeout(ReportFixture.billing, line: 7)]
        let report = ReportFixture.report(findings: findings)
        #expect(report.summary.warnings == 1)
        let output = TextReport().render(report)
        let block = """
            2 migrations take a lock that blocks a live table, and no lock timeout is set:
            shop/migrations/0003_remove_widget_colour.py:12:9: warning[lock-timeout-not-set] AddField takes an ACCESS EXCLUSIVE lock on "shop".
            /srv/billing/migrations/0002_invoice_total.py:7:9: warning[lock-timeout-not-set] AddField takes an ACCESS EXCLUSIVE lock on "billing".
                Why: It waits behind long queries.
                Safe recipe:
                    Set lock_timeout.

            1 error, 1 warning, 0 ignored in 5 operations of 2 migrations
            """
        #expect(output.contains(block), "\(output)")
        #expect(output.components(separatedBy: "lock-timeout-not-set").count == 3)
        let quiet = TextReport(quiet: true).render(report)
        #expect(quiet == """
            shop/migrations/0003_remove_widget_colour.py:12:9: error[drop-column] Removing "colour" from widget: old code, 100% sure,
                still reads it: café
            shop/migrations/0003_remove_widget_colour.py:12:9: warning[lock-timeout-not-set] 2 migrations take a lock that blocks a live table and no lock timeout is set: shop.0003_remove_widget_colour, billing.0002_invoice_total
            1 error, 1 warning, 0 ignored in 5 operations of 2 migrations

            """)
    }

    @Test func aCleanRunSaysItIsSafe() {
        let expected = """
            \(ReportFixture.header)

            0 errors, 0 warnings, 1 ignored in 5 operations of 2 migrations
            Safe to deploy without downtime.

            """
        #expect(TextReport().render(ReportFixture.report(findings: [ReportFixture.dropSize])) == expected)
    }

    @Test func warningsOnlyFailWithFailOnWarning() {
        let warningOnly = [ReportFixture.noReverse]
        #expect(TextReport().render(ReportFixture.report(findings: warningOnly)).hasSuffix("Safe to deploy without downtime.\n"))
        #expect(TextReport().render(ReportFixture.report(findings: warningOnly, failOn: .warning))
            .hasSuffix("Unsafe: 1 of 2 migrations is not safe to deploy without downtime.\n"))
    }

    @Test func colourOnlyWhenAskedFor() {
        let coloured = TextReport(color: true).render(ReportFixture.report())
        #expect(coloured.contains(": \u{1B}[31merror\u{1B}[0m[\u{1B}[1mdrop-column\u{1B}[0m] Removing"))
        #expect(coloured.contains(": \u{1B}[33mwarning\u{1B}[0m[\u{1B}[1mrun-python-without-reverse\u{1B}[0m]"))
        #expect(coloured.contains("\u{1B}[2m    Why: The migration cannot be rolled back.\u{1B}[0m\n"))
        #expect(!TextReport().render(ReportFixture.report()).contains("\u{1B}"))
    }

    @Test func originalPolicyPrintsTheOriginalToolsReport() {
        let findings = [ReportFixture.dropColour, ReportFixture.dropSize, ReportFixture.noReverse].map { (finding: Finding) -> Finding in
            var finding = finding
            finding.rule = "original-incompatible"
            finding.severity = .error
            return finding
        }
        let expected = "These operations are incompatible with Zero Downtime Deployments:\n"
            + "\n\nbilling.0002_invoice_total:\n\tOPERATIONS:\n\t-----------\n\t*  Raw Python operation\n"
            + "\n\tSQL STATEMENTS:\n\t---------------\n\t-- not computed statically: run manage.py sqlmigrate billing 0002_invoice_total\n\n\n"
            + "\n\nshop.0003_remove_widget_colour:\n\tOPERATIONS:\n\t-----------\n\t*  Remove field colour from widget\n"
            + "\n\tSQL STATEMENTS:\n\t---------------\n\t-- not computed statically: run manage.py sqlmigrate shop 0003_remove_widget_colour\n\n\n"
        let report = ReportFixture.report(findings: findings, policy: .original)
        #expect(TextReport().render(report) == expected)
        #expect(TextReport(color: true, verbose: true).render(report) == expected)
    }

    @Test func originalPolicyPrintsNothingWhenNothingIsReported() {
        var ignored = ReportFixture.dropSize
        ignored.rule = "original-incompatible"
        #expect(TextReport().render(ReportFixture.report(findings: [ignored], policy: .original)) == "")
    }

    @Test func pathsAreRelativeOnlyUnderTheBaseDirectory() {
        let report = ReportFixture.report(baseDirectory: "/work/shop/")
        #expect(report.displayPath("/work/shop/shop/migrations/0001_initial.py") == "shop/migrations/0001_initial.py")
        #expect(report.displayPath("/work/shopping/x.py") == "/work/shopping/x.py")
        #expect(report.displayPath("shop/migrations/0001_initial.py") == "shop/migrations/0001_initial.py")
    }
}
