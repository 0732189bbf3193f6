import FindingReport
import Testing

@Suite struct GitHubReportTests {
    @Test func oneEscapedCommandPerReportedFindingThenTheSummary() {
        let lines = GitHubReport().render(ReportFixture.report()).split(separator: "\n", omittingEmptySubsequences: false)
        let recipe = "Release 1:%0A    SeparateDatabaseAndState(state_operations=[RemoveField(\"widget\", \"colour\")])"
            + "%0A%0ARelease 2:%0A    RunSQL(\"ALTER TABLE shop_widget DROP COLUMN colour\")"
        let error = "::error file=shop/migrations/0003_remove_widget_colour.py,line=12,col=9,title=zerodowntime drop-column::"
            + "Removing \"colour\" from widget: old code, 100%25 sure,%0Astill reads it: café"
            + "%0A%0AWhy: The previous release selects widget.colour.%0A%0ASafe recipe:%0A" + recipe
        let warning = "::warning file=/srv/billing/migrations/0002_invoice_total.py,line=7,col=9,title=zerodowntime run-python-without-reverse::"
            + "RunPython without reverse_code.%0A%0AWhy: The migration cannot be rolled back."
            + "%0A%0ASafe recipe:%0Amigrations.RunPython(fill_totals, migrations.RunPython.noop)"
        #expect(lines.map(String.init) == [error, warning, "1 error, 1 warning, 1 ignored in 5 operations of 2 migrations", ""])
    }

    @Test func propertiesEscapeColonsAndCommasToo() {
        #expect(GitHubReport.escapeData("a:b,c%d\r\ne") == "a:b,c%25d%0D%0Ae")
        #expect(GitHubReport.escapeProperty("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae")
        var finding = ReportFixture.noReverse
        finding.path = "/work/shop/odd:dir,1/0002_x.py"
        let output = GitHubReport().render(ReportFixture.report(findings: [finding]))
        #expect(output.hasPrefix("::warning file=odd%3Adir%2C1/0002_x.py,line=7,col=9,title=zerodowntime run-python-without-reverse::"))
    }
}
