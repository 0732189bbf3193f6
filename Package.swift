// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "zerodowntime",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "zerodowntime", targets: ["ZeroDowntimeCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Already built for PostgresNIO; the parse cache keys files by SHA-256.
        .package(url: "https://github.com/apple/swift-crypto", "3.9.0" ..< "6.0.0"),
    ],
    targets: [
        // Reads Python 3 source: decoding, tokens, the syntax tree. Knows nothing of Django.
        .target(name: "PythonSyntax"),
        // The database a check is for: backend, version, and why that one.
        .target(name: "DatabaseTarget"),
        // The `class Migration` of a migration file as typed Python values, and what its
        // operations and fields say (column types, relations) before any state is replayed.
        .target(name: "MigrationModel", dependencies: ["PythonSyntax"]),
        // What a run's answer depends on (files read, directories looked in) and whole answers
        // kept between runs, used only while every such input is unchanged.
        .target(name: "RunInputs", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // libpg_query, PostgreSQL 15's parser as a C library (Debian's libpg-query-dev, static).
        .systemLibrary(name: "CPgQuery", path: "Sources/CPgQuery", providers: [.apt(["libpg-query-dev"])]),
        // SQL read with PostgreSQL's own grammar: statements and their parse trees.
        .target(name: "PostgresGrammar", dependencies: ["CPgQuery"]),
        // Django's migration graph: dependencies, squashes, checks, and the order `migrate` applies.
        .target(name: "MigrationGraph"),
        // A Django project read statically: settings, installed apps, their migrations.
        .target(name: "DjangoProject", dependencies: ["PythonSyntax", "MigrationModel", "MigrationGraph", "RunInputs", .product(name: "Crypto", package: "swift-crypto")]),
        // The applied set: `django_migrations` read from SQLite or PostgreSQL, read-only; database URLs.
        .target(
            name: "AppliedMigrations",
            dependencies: ["DatabaseTarget", 
                "MigrationGraph",
                "RunInputs",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ]
        ),
        // Which migrations are pending, from a database, from git, or all of them.
        .target(name: "PendingPlan", dependencies: ["DjangoProject", "MigrationGraph", "GitCommand"]),
        // Running git.
        .target(name: "GitCommand"),
        // Django's model state replayed from migrations: tables, columns, fields as each operation finds them.
        .target(name: "SchemaState", dependencies: ["MigrationModel", "MigrationGraph"]),
        // The rule catalogue and the check that runs it over the pending operations.
        .target(name: "MigrationRules", dependencies: ["DatabaseTarget", "SchemaState", "MigrationModel", "MigrationGraph", "PostgresGrammar", "PythonSyntax"]),
        // Findings printed as text, JSON, SARIF 2.1.0 or GitHub workflow annotations; the plan as text or JSON.
        .target(name: "FindingReport", dependencies: ["DatabaseTarget", "DjangoProject", "MigrationRules", "MigrationGraph", "PendingPlan"]),
        // `[tool.zerodowntime]` in pyproject.toml: policy, target, rule severities, exclusions, ignores.
        .target(name: "ProjectConfiguration", dependencies: ["DatabaseTarget", "MigrationRules", "RunInputs", .product(name: "TOMLKit", package: "TOMLKit")]),
        // The commit-msg hook: where git keeps hooks, our block in a user's hook, the commit message.
        .target(name: "GitHooks", dependencies: ["GitCommand"]),
        // `zerodowntime dump`: file discovery and the JSON Lines contract of ../shared/tools/CONTRACT.md.
        .target(name: "MigrationDump", dependencies: ["PythonSyntax", "MigrationModel"]),
        // The check as a library: one request in, the plan, the target and the findings out;
        // every front end calls it.
        .target(name: "CheckPipeline", dependencies: ["DatabaseTarget", "AppliedMigrations", "DjangoProject", "FindingReport", "MigrationGraph", "MigrationModel", "MigrationRules",
                                                      "PendingPlan", "ProjectConfiguration", "PythonSyntax", "RunInputs", "SchemaState"]),
        .executableTarget(
            name: "ZeroDowntimeCLI",
            dependencies: ["DatabaseTarget", 
                "CheckPipeline",
                "DjangoProject",
                "FindingReport",
                "GitHooks",
                "MigrationDump",
                "MigrationRules",
                "ProjectConfiguration",
                "PythonSyntax",
                "RunInputs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Finding the repository, the shared tools and the built binary; running programs.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // A rule example as migration files, checked as a pending migration after its history.
        .target(name: "RuleTestSupport", dependencies: ["DatabaseTarget", "MigrationGraph", "MigrationModel", "MigrationRules", "PythonSyntax", "SchemaState"],
                path: "Tests/RuleTestSupport"),
        .testTarget(name: "PythonSyntaxTests", dependencies: ["PythonSyntax"]),
        .testTarget(name: "MigrationModelTests", dependencies: ["MigrationModel", "PythonSyntax"]),
        .testTarget(name: "MigrationDumpTests", dependencies: ["MigrationDump", "MigrationModel", "PythonSyntax", "TestSupport"]),
        .testTarget(name: "MigrationGraphTests", dependencies: ["MigrationGraph"]),
        .testTarget(name: "PostgresGrammarTests", dependencies: ["PostgresGrammar"]),
        .testTarget(name: "DjangoProjectTests", dependencies: ["DjangoProject", "MigrationGraph", "TestSupport"]),
        .testTarget(name: "AppliedMigrationsTests", dependencies: ["AppliedMigrations", "MigrationGraph", "TestSupport"]),
        .testTarget(name: "CheckPipelineTests", dependencies: ["CheckPipeline", "MigrationGraph", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "ProjectConfigurationTests", dependencies: ["ProjectConfiguration", "MigrationRules"]),
        .testTarget(name: "GitHooksTests", dependencies: ["GitHooks"]),
        .testTarget(name: "FindingReportTests", dependencies: ["DatabaseTarget", "FindingReport", "MigrationRules", "MigrationGraph", "TestSupport"]),
        .testTarget(name: "MigrationRulesTests", dependencies: ["DatabaseTarget", "MigrationRules", "RuleTestSupport", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
