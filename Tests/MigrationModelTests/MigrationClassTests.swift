import MigrationModel
import PythonSyntax
import Testing

/// The `class Migration` of a migration file (CONTRACT.md §4) and the canonical values of its
/// attributes (§5). Values are shown in a Python-like notation: names bare, `<Class>` for opaque
/// expressions, `(base).attr` for an attribute of something that is not a name, `unset` for nil.
/// Expected values were checked against the rules of ../shared/tools/ref_extract.py.

private func notation(_ value: PythonValue?) -> String {
    guard let value else { return "unset" }
    switch value.kind {
    case .none: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .string(let text): return pythonRepr(text)
    case .bytes(let data): return pythonBytesRepr(data)
    case .int(let v): return v.description
    case .float(let v): return pythonFloatRepr(v)
    case .list(let items): return "[" + items.map(notation).joined(separator: ", ") + "]"
    case .tuple(let items): return "(" + items.map(notation).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
    case .set(let items): return "{" + items.map(notation).joined(separator: ", ") + "}"
    case .dict(let entries):
        return "{" + entries.map { entry in
            entry.key.map { notation($0) + ": " + notation(entry.value) } ?? "**" + notation(entry.value)
        }.joined(separator: ", ") + "}"
    case .name(let name): return name
    case .attribute(let base, let attribute): return "(\(notation(base))).\(attribute)"
    case .call(let function, let arguments, let keywords):
        let parts = arguments.map(notation) + keywords.map { ($0.name.map { $0 + "=" } ?? "**") + notation($0.value) }
        return notation(function) + "(" + parts.joined(separator: ", ") + ")"
    case .opaque(let className): return "<\(className)>"
    }
}

private func migration(_ source: String) throws -> MigrationClass? {
    MigrationClass(module: try PythonParser.parse(source).get())
}

/// The canonical value of one expression, read as the right-hand side of an assignment.
private func value(_ expression: String) throws -> PythonValue {
    let module = try PythonParser.parse("x = " + expression).get()
    guard case .assign(_, let value) = module.body[0].kind else { throw ExpressionIsNotAnAssignment() }
    return PythonValue(value, in: module.expressions)
}

private struct ExpressionIsNotAnAssignment: Error {}

private func at(_ line: Int, _ column: Int) -> PythonSyntax.SourceLocation {
    PythonSyntax.SourceLocation(line: line, column: column)
}

// MARK: - Which class

@Test func lastTopLevelMigrationClassWins() throws {
    let found = try #require(try migration("""
        class Migration(migrations.Migration):
            initial = True

        class Migration(Base):
            atomic = False
        """))
    #expect(found.location == at(4, 0))
    #expect(found.bases.map(notation) == ["Base"])
    #expect(notation(found.initial) == "unset")
    #expect(notation(found.atomic) == "False")
}

@Test func migrationClassesNestedInStatementsDoNotCount() throws {
    let nestedOnly = """
        if True:
            class Migration:
                initial = True
        try:
            class Migration:
                pass
        except ImportError:
            pass
        def make():
            class Migration:
                pass
        """
    #expect(try migration(nestedOnly) == nil)

    let found = try #require(try migration("class Migration:\n    initial = 1\n" + nestedOnly))
    #expect(found.location == at(1, 0))
    #expect(notation(found.initial) == "1")
}

@Test func fileWithoutAMigrationClass() throws {
    #expect(try migration("") == nil)
    #expect(try migration("class Migrations(migrations.Migration):\n    initial = True") == nil)
    #expect(try migration("Migration = type('Migration', (), {})") == nil)
}

@Test func basesArePositionalOnly() throws {
    let found = try #require(try migration("class Migration(migrations.Migration, Mixin, metaclass=Meta, **options):\n    pass"))
    #expect(found.bases.map(notation) == ["migrations.Migration", "Mixin"])
    #expect(try #require(try migration("class Migration:\n    pass")).bases.isEmpty)
}

// MARK: - Which statements set an attribute

@Test func plainAssignmentsSetTheSixAttributes() throws {
    let found = try #require(try migration("""
        class Migration(migrations.Migration):
            initial = True
            atomic = False
            dependencies = [("shop", "0001_initial")]
            replaces = [("shop", "0002_a")]
            run_before = []
            operations = [migrations.RunSQL("SELECT 1")]
            name = "ignored"
        """))
    #expect(found.attributes.map(notation) == [
        "True", "False", "[('shop', '0001_initial')]", "[('shop', '0002_a')]", "[]", "[migrations.RunSQL('SELECT 1')]",
    ])
    #expect(MigrationClass.attributeNames == ["initial", "atomic", "dependencies", "replaces", "run_before", "operations"])
}

@Test func everyPlainNameOfAChainedAssignmentCounts() throws {
    let found = try #require(try migration("""
        class Migration:
            initial = atomic = other = True
            replaces, run_before = [], []
            self.operations = []
        """))
    #expect(notation(found.initial) == "True")
    #expect(notation(found.atomic) == "True")
    // Tuple and attribute targets are ignored.
    #expect(notation(found.replaces) == "unset")
    #expect(notation(found.runBefore) == "unset")
    #expect(notation(found.operations) == "unset")
}

@Test func annotatedAssignmentCountsOnlyWithAValue() throws {
    let found = try #require(try migration("""
        class Migration:
            initial: bool = True
            atomic = False
            atomic: bool
            replaces: list
        """))
    #expect(notation(found.initial) == "True")
    #expect(notation(found.atomic) == "False")
    #expect(notation(found.replaces) == "unset")
}

@Test func augmentedAssignmentIsOpaque() throws {
    let found = try #require(try migration("""
        class Migration:
            operations = [a]
            operations += [b]
            dependencies -= x
        """))
    #expect(notation(found.operations) == "<AugAssign>")
    #expect(notation(found.dependencies) == "<AugAssign>")
    // The place is the statement's.
    #expect(found.operations?.location == at(3, 4))
}

@Test func lastAssignmentInTheBodyWins() throws {
    let found = try #require(try migration("""
        class Migration:
            operations = [a]
            operations += [b]
            operations = [c]
            initial = True
            initial: bool = False
        """))
    #expect(notation(found.operations) == "[c]")
    #expect(notation(found.initial) == "False")
}

@Test func statementsNestedInTheBodyDoNotCount() throws {
    let found = try #require(try migration("""
        class Migration:
            if DEBUG:
                initial = True
            for atomic in [True]:
                pass
            with ctx:
                operations = []
            def dependencies(self):
                replaces = []
            class Meta:
                run_before = []
        """))
    #expect(found.attributes.allSatisfy { $0 == nil })
}

// MARK: - Canonical values

@Test(arguments: [
    // Literals
    (#"'a' "b""#, "'ab'"),
    ("None", "None"),
    ("True", "True"),
    ("42", "42"),
    ("123456789012345678901234567890", "123456789012345678901234567890"),
    ("1.5", "1.5"),
    ("1e400", "inf"),
    (#"b'\xff\x00'"#, #"b'\xff\x00'"#),
    (#"'\udc80'"#, #"'\udc80'"#),
    ("1j", "<Constant>"),
    ("...", "<Constant>"),
    // Unary minus folds into int and float constants only
    ("-42", "-42"),
    ("- 1", "-1"),
    ("-(1)", "-1"),
    ("-0", "0"),
    ("-9223372036854775808", "-9223372036854775808"),
    ("-123456789012345678901234567890", "-123456789012345678901234567890"),
    ("-1.5", "-1.5"),
    ("-0.0", "-0.0"),
    ("-1e400", "-inf"),
    ("-True", "<UnaryOp>"),
    ("-1j", "<UnaryOp>"),
    ("--1", "<UnaryOp>"),
    ("-x", "<UnaryOp>"),
    ("+1", "<UnaryOp>"),
    ("not x", "<UnaryOp>"),
    ("~1", "<UnaryOp>"),
    // Containers
    ("[1, *rest]", "[1, <Starred>]"),
    ("(1,)", "(1,)"),
    ("()", "()"),
    ("(1, *rest)", "(1, <Starred>)"),
    ("{1, *rest}", "{1, <Starred>}"),
    ("{'a': 1, **base, 'b': -2}", "{'a': 1, **base, 'b': -2}"),
    ("{None: 1}", "{None: 1}"),
    // Names, attributes, calls
    ("x", "x"),
    ("models.CharField", "models.CharField"),
    ("a.b.c.d", "a.b.c.d"),
    ("f().x", "(f()).x"),
    ("'sep'.join", "('sep').join"),
    ("a[0].b", "(<Subscript>).b"),
    ("f(a, *b, k=-1, **d)", "f(a, <Starred>, k=-1, **d)"),
    ("migrations.RunPython(forwards, migrations.RunPython.noop)", "migrations.RunPython(forwards, migrations.RunPython.noop)"),
    ("f(*[x])", "f(<Starred>)"),
    // f-strings
    ("f'abc'", "'abc'"),
    ("f'a' 'b'", "'ab'"),
    ("f''", "''"),
    ("f'{{x}}'", "'{x}'"),
    ("f'{x}'", "<JoinedStr>"),
    ("f'{x!r}' 'b'", "<JoinedStr>"),
    // Everything else is opaque, named by its class
    ("BASE + [1]", "<BinOp>"),
    ("a or b", "<BoolOp>"),
    ("a < b", "<Compare>"),
    ("a if b else c", "<IfExp>"),
    ("lambda apps, schema_editor: None", "<Lambda>"),
    ("[x for x in y]", "<ListComp>"),
    ("{k: v for k, v in y}", "<DictComp>"),
    ("{x for x in y}", "<SetComp>"),
    ("(x for x in y)", "<GeneratorExp>"),
    ("a[1:2]", "<Subscript>"),
    ("(y := 1)", "<NamedExpr>"),
    ("(yield)", "<Yield>"),
])
func canonicalValue(expression: String, expected: String) throws {
    #expect(notation(try value(expression)) == expected)
}

@Test func opaqueValuesKeepTheirExpression() throws {
    let opaque = try value("BASE + [1]")
    guard case .opaque(let className) = opaque.kind else {
        Issue.record("expected an opaque value")
        return
    }
    #expect(className == "BinOp")
    #expect(SyntaxTreeDump.dump(opaque.expression, in: opaque.store)
        == "BinOp(left=Name(id='BASE', ctx=Load()), op=Add(), right=List(elts=[Constant(value=1)], ctx=Load()))")
}

@Test func stringValueDecodesText() throws {
    #expect(try value("'héllo' ' world'").stringValue == "héllo world")
    #expect(try value("f'a{{b}}'").stringValue == "a{b}")
    #expect(try value("1").stringValue == nil)
}

// MARK: - Positions

@Test func everyValueKnowsWhereItStarts() throws {
    let found = try #require(try migration("""
        class Migration(migrations.Migration):
            dependencies = [
                ("shop", "0001_initial"),
            ]
            operations = [
                migrations.RunSQL("SELECT 1", reverse_sql=-1),
            ]
            initial = -1
            atomic = ("é", x)
        """))
    #expect(found.bases.first?.location == at(1, 16))

    let dependencies = try #require(found.dependencies)
    #expect(dependencies.location == at(2, 19))
    guard case .list(let pairs) = dependencies.kind, case .tuple(let pair) = pairs.first?.kind else {
        Issue.record("expected a list of tuples, got \(notation(dependencies))")
        return
    }
    #expect(pairs.first?.location == at(3, 8))
    #expect(pair.map(\.location) == [at(3, 9), at(3, 17)])

    let operations = try #require(found.operations)
    guard case .list(let calls) = operations.kind,
          case .call(let function, let arguments, let keywords) = calls.first?.kind else {
        Issue.record("expected a list of calls, got \(notation(operations))")
        return
    }
    #expect(calls.first?.location == at(6, 8))
    #expect(function.location == at(6, 8))
    #expect(arguments.first?.location == at(6, 26))
    // A folded negative number starts at its minus sign.
    #expect(keywords.first?.value.location == at(6, 50))
    #expect(found.initial?.location == at(8, 14))
    // Columns count UTF-8 bytes: `é` takes two.
    guard case .tuple(let items) = found.atomic?.kind else {
        Issue.record("expected a tuple, got \(notation(found.atomic))")
        return
    }
    #expect(found.atomic?.location == at(9, 13))
    #expect(items.map(\.location) == [at(9, 14), at(9, 20)])
}
