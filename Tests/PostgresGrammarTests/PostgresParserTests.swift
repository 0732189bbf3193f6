import PostgresGrammar
import Testing

@Suite struct PostgresParserTests {
    @Test func statementsAreSplitByTheGrammarWithTheirPlaces() throws {
        let sql = "-- add it\nALTER TABLE a ADD COLUMN b int DEFAULT random();\n  CREATE INDEX CONCURRENTLY i ON a (b); SELECT ';' -- no split\n"
        let statements = try PostgresParser.parse(sql).get()
        #expect(statements.map(\.text) == ["ALTER TABLE a ADD COLUMN b int DEFAULT random()", "CREATE INDEX CONCURRENTLY i ON a (b)", "SELECT ';' -- no split"])
        #expect(statements.map(\.offset) == [10, 61, 99])
        let index = try #require(statements[1].tree.node("IndexStmt"))
        #expect(index["concurrent"]?.isTrue == true)
        #expect(index["relation"]?["relname"]?.string == "a")
        let alter = try #require(statements[0].tree.node("AlterTableStmt"))
        let command = try #require(alter["cmds"]?.array.first?.node("AlterTableCmd"))
        #expect(command["subtype"]?.string == "AT_AddColumn")
    }

    @Test func dollarQuotesAndCommentsAreTheGrammars() throws {
        let sql = "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql; /* ; */ COMMENT ON TABLE t IS 'a;b'"
        let statements = try PostgresParser.parse(sql).get()
        #expect(statements.count == 2)
        #expect(statements[1].text == "COMMENT ON TABLE t IS 'a;b'")
    }

    @Test func refusedSQLSaysWhereAndNeverCrashes() {
        guard case .failure(let error) = PostgresParser.parse("ALTER TABLE a ADD COLUMN b int DEFALT 1") else {
            Issue.record("a typo was accepted")
            return
        }
        #expect(error.message.contains("syntax error"))
        #expect(error.offset == 31)
        for garbage in ["\u{0}", "'", "$$", "/*", String(repeating: "(", count: 20000), "SELECT \u{1F600}", ""] {
            _ = PostgresParser.parse(garbage)
        }
        #expect((try? PostgresParser.parse("").get())?.isEmpty == true)
    }
}
