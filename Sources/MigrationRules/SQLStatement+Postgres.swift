import PostgresGrammar

extension SQLStatement {
    /// The statements of one SQL text read with PostgreSQL's grammar; a text the grammar refuses
    /// is one `syntaxError` statement.
    static func postgres(_ sql: String) -> [SQLStatement] {
        switch PostgresParser.parse(sql) {
        case .success(let statements):
            return statements.map { SQLStatement(text: $0.text, kind: PostgresKind.of($0.tree), offset: $0.offset) }
        case .failure(let error):
            let text = sql.trimmingCharacters(in: .whitespacesAndNewlines)
            return [SQLStatement(text: text, kind: .syntaxError(error.message), offset: error.offset)]
        }
    }

    /// The statements of a `RunSQL`'s literal texts for the target: PostgreSQL's grammar for a
    /// PostgreSQL target, the small classifier otherwise.
    static func statements(_ texts: [String], postgres: Bool) -> [SQLStatement] {
        texts.flatMap { postgres ? SQLStatement.postgres($0) : SQLStatement.split($0) }
    }
}

/// What a statement of PostgreSQL's parse tree does to a live database.
enum PostgresKind {
    /// `LockStmt.mode`, PostgreSQL's lock modes in order.
    static let lockModes = ["", "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE",
                            "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"]

    static func of(_ tree: SQLTree) -> SQLStatement.Kind {
        guard let (type, node) = tree.node else { return .unknown }
        let table = node["relation"]?["relname"]?.string
        switch type {
        case "IndexStmt":
            return .createIndex(concurrently: node["concurrent"]?.isTrue ?? false, table: table)
        case "DropStmt":
            let concurrent = node["concurrent"]?.isTrue ?? false
            switch node["removeType"]?.string {
            case "OBJECT_INDEX": return .dropIndex(concurrently: concurrent)
            case "OBJECT_TABLE":
                // `objects`: one `{"List": {"items": [name parts]}}` per table dropped.
                let first = node["objects"]?.array.first
                let parts = first?.node("List")?["items"]?.names ?? first?.names ?? []
                return .dropTable(parts.last)
            default: return .harmless
            }
        case "RenameStmt":
            switch node["renameType"]?.string {
            case "OBJECT_TABLE", "OBJECT_COLUMN", "OBJECT_VIEW", "OBJECT_MATVIEW":
                return .rename(node["newname"]?.string ?? "", table: table)
            case "OBJECT_TABCONSTRAINT": return .briefLock(table: table)
            default: return .harmless
            }
        case "AlterTableStmt":
            return alterTable(node, table: table)
        case "CreateStmt", "CreateTableAsStmt":
            return (table ?? node["into"]?["rel"]?["relname"]?.string).map(SQLStatement.Kind.createTable) ?? .harmless
        case "TruncateStmt":
            let first = node["relations"]?.array.first?.node("RangeVar")?["relname"]?.string
            return .blocking(table: first, what: "TRUNCATE empties the table (the previous release's rows are gone)", lock: "ACCESS EXCLUSIVE")
        case "ClusterStmt":
            return .blocking(table: table, what: "CLUSTER rewrites the whole table", lock: "ACCESS EXCLUSIVE")
        case "VacuumStmt":
            // `FULL` on, not `(FULL FALSE)`.
            let full = node["options"]?.array.contains { option in
                guard let element = option.node("DefElem"), element["defname"]?.string == "full" else { return false }
                let argument = element["arg"]?.node("String")?["sval"]?.string?.lowercased()
                return argument == nil || !["false", "off", "0"].contains(argument!)
            } ?? false
            guard full else { return .outsideTransaction("VACUUM") }
            let first = node["rels"]?.array.first?.node("VacuumRelation")?["relation"]?["relname"]?.string
            return .blocking(table: first, what: "VACUUM FULL rewrites the whole table", lock: "ACCESS EXCLUSIVE")
        case "ReindexStmt":
            let options = Set(node["params"]?.array.compactMap { $0.node("DefElem")?["defname"]?.string } ?? [])
            if options.contains("concurrently") { return .outsideTransaction("REINDEX CONCURRENTLY") }
            return .blocking(table: table, what: "REINDEX without CONCURRENTLY rebuilds every index, blocking writes (and reads that use the index)",
                             lock: "SHARE (ACCESS EXCLUSIVE on the index)")
        case "LockStmt":
            let mode = node["mode"]?.int ?? 8
            guard mode >= 5 else { return .harmless }
            let first = node["relations"]?.array.first?.node("RangeVar")?["relname"]?.string
            return .blocking(table: first, what: "LOCK TABLE holds the table until the migration commits",
                             lock: mode < lockModes.count ? lockModes[mode] : "ACCESS EXCLUSIVE")
        case "TransactionStmt":
            let kind = node["kind"]?.string ?? ""
            return .transaction(begins: kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START")
        case "VariableSetStmt":
            return node["name"]?.string == "lock_timeout" ? .setsLockTimeout : .harmless
        case "AlterDomainStmt":
            // Adding a validated constraint, SET NOT NULL or VALIDATE checks every column of the
            // domain, in every table, under SHARE.
            let subtype = node["subtype"]?.string ?? ""
            let skips = node["def"]?.node("Constraint")?["skip_validation"]?.isTrue ?? false
            guard (subtype == "C" && !skips) || subtype == "O" || subtype == "V" else { return .harmless }
            let domain = node["typeName"]?.names.last ?? "the domain"
            return .blocking(table: nil, what: "ALTER DOMAIN \(domain) checks every value of every column of that domain", lock: "SHARE")
        case "DropdbStmt": return .fails("DROP DATABASE")
        case "CreatedbStmt": return .fails("CREATE DATABASE cannot run inside a transaction block")
        case "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt": return .dataChange
        case "SelectStmt":
            return node["intoClause"] == nil ? .harmless : .dataChange
        case "CommentStmt", "CreateExtensionStmt", "CreateDomainStmt", "CreateSchemaStmt", "CreateSeqStmt", "AlterSeqStmt",
             "CreateFunctionStmt", "ViewStmt", "CompositeTypeStmt", "CreateEnumStmt", "AlterEnumStmt", "GrantStmt", "GrantRoleStmt",
             "VariableShowStmt", "DoStmt", "NotifyStmt", "DefineStmt", "CollationStmt" where true:
            return .harmless
        default:
            return .unknown
        }
    }

    /// One ALTER TABLE: its most dangerous command decides.
    private static func alterTable(_ node: SQLTree, table: String?) -> SQLStatement.Kind {
        var kinds: [SQLStatement.Kind] = []
        for entry in node["cmds"]?.array ?? [] {
            guard let command = entry.node("AlterTableCmd") else { continue }
            let column = command["name"]?.string
            switch command["subtype"]?.string {
            case "AT_AddColumn":
                guard let definition = command["def"]?.node("ColumnDef") else { continue }
                var notNull = false, hasDefault = false
                var rewrites: String?
                let typeName = definition["typeName"]?["names"]?.names.last ?? ""
                if ["serial", "bigserial", "smallserial", "serial4", "serial8", "serial2"].contains(typeName) {
                    hasDefault = true
                    rewrites = "a \(typeName) column is filled from its sequence for every row"
                }
                var buildsIndex: String?
                for constraint in definition["constraints"]?.array ?? [] {
                    guard let fields = constraint.node("Constraint") else { continue }
                    switch fields["contype"]?.string {
                    case "CONSTR_NOTNULL": notNull = true
                    case "CONSTR_PRIMARY": notNull = true; buildsIndex = "PRIMARY KEY"
                    case "CONSTR_UNIQUE": buildsIndex = "UNIQUE"
                    case "CONSTR_DEFAULT":
                        hasDefault = true
                        if let expression = fields["raw_expr"], let function = volatileFunction(in: expression) {
                            rewrites = "its default `\(function)()` is volatile, computed for every row"
                        }
                    case "CONSTR_GENERATED": rewrites = "a stored generated column is computed for every row"
                    case "CONSTR_IDENTITY": hasDefault = true; rewrites = "an identity column is filled for every row"
                    default: break
                    }
                }
                let column = definition["colname"]?.string
                if let buildsIndex, rewrites == nil {
                    kinds.append(.blocking(table: table, what: "ADD COLUMN \(column ?? "") … \(buildsIndex) builds a unique index over every row",
                                           lock: "ACCESS EXCLUSIVE"))
                } else {
                    kinds.append(.addColumn(table: table, notNull: notNull, hasDefault: hasDefault, rewrites: rewrites, column: column))
                }
            case "AT_DropColumn": kinds.append(.dropColumn(table: table, column: column))
            case "AT_AlterColumnType": kinds.append(.alterColumnType(table: table))
            case "AT_SetNotNull": kinds.append(.setNotNull(table: table, column: column))
            case "AT_AddConstraint":
                guard let constraint = command["def"]?.node("Constraint") else { continue }
                let type = constraint["contype"]?.string ?? ""
                let name = constraint["conname"]?.string
                var notNullColumn: String?
                if type == "CONSTR_CHECK", let test = constraint["raw_expr"]?.node("NullTest"), test["nulltesttype"]?.string == "IS_NOT_NULL" {
                    notNullColumn = test["arg"]?.node("ColumnRef")?["fields"]?.names.last
                }
                let described = ["CONSTR_CHECK": "check", "CONSTR_FOREIGN": "foreign key", "CONSTR_UNIQUE": "unique",
                                 "CONSTR_PRIMARY": "primary key", "CONSTR_EXCLUSION": "exclusion"][type]
                kinds.append(.addConstraint(table: table, notValid: constraint["skip_validation"]?.isTrue ?? false,
                                            usingIndex: constraint["indexname"]?.string != nil, constraint: described, name: name,
                                            notNullColumn: notNullColumn))
            case "AT_ValidateConstraint": kinds.append(.validateConstraint(table: table, name: command["name"]?.string))
            case "AT_SetTableSpace":
                kinds.append(.blocking(table: table, what: "SET TABLESPACE copies the whole table", lock: "ACCESS EXCLUSIVE"))
            case "AT_DetachPartition":
                let concurrent = command["def"]?.node("PartitionCmd")?["concurrent"]?.isTrue ?? false
                // Without CONCURRENTLY: ACCESS EXCLUSIVE on the parent, but no table-size work.
                kinds.append(concurrent ? .outsideTransaction("DETACH PARTITION CONCURRENTLY") : .briefLock(table: table))
            case "AT_AttachPartition":
                kinds.append(.blocking(table: table, what: "ATTACH PARTITION scans the partition to check its bounds", lock: "SHARE UPDATE EXCLUSIVE (ACCESS EXCLUSIVE on the partition)"))
            case "AT_ColumnDefault" where command["def"] == nil:
                kinds.append(.dropDefault(table: table, column: column))
            case "AT_ColumnDefault", "AT_DropConstraint", "AT_DropNotNull", "AT_SetStatistics", "AT_SetStorage", "AT_ClusterOn",
                 "AT_DropCluster", "AT_SetRelOptions", "AT_ResetRelOptions", "AT_ReplicaIdentity", "AT_EnableTrig", "AT_DisableTrig",
                 "AT_EnableRowSecurity", "AT_DisableRowSecurity", "AT_AlterColumnGenericOptions":
                kinds.append(.briefLock(table: table))
            default:
                kinds.append(.unknown)
            }
        }
        return kinds.max { rank($0) < rank($1) } ?? .harmless
    }

    /// How much a kind matters, to pick the one an ALTER TABLE of several commands reports.
    private static func rank(_ kind: SQLStatement.Kind) -> Int {
        switch kind {
        case .dropColumn, .rename, .dropTable: return 9
        case .alterColumnType, .blocking: return 8
        case .addColumn(_, let notNull, let hasDefault, let rewrites, _): return rewrites != nil ? 8 : (notNull && !hasDefault ? 7 : 2)
        case .setNotNull: return 6
        case .addConstraint(_, let notValid, let usingIndex, _, _, _): return notValid || usingIndex ? 2 : 6
        case .unknown: return 5
        case .briefLock: return 2
        default: return 1
        }
    }

    /// PostgreSQL's volatile functions a default may call (`random()`, `gen_random_uuid()`,
    /// `clock_timestamp()`, `nextval(…)`), or any function outside pg_catalog's stable ones.
    static let volatileFunctions: Set<String> = ["random", "gen_random_uuid", "uuid_generate_v4", "uuid_generate_v1", "clock_timestamp",
                                                 "timeofday", "nextval", "setseed", "txid_current"]
    static let stableFunctions: Set<String> = ["now", "current_timestamp", "transaction_timestamp", "statement_timestamp", "current_date", "localtimestamp",
                                               "lower", "upper", "coalesce", "length", "abs", "concat", "to_char", "to_jsonb", "jsonb_build_object"]

    /// The first function of `expression` that makes a default volatile: a known volatile one, or
    /// a function PostgreSQL does not ship as stable (a user function may be volatile).
    private static func volatileFunction(in expression: SQLTree) -> String? {
        switch expression {
        case .object(let members):
            if let call = members["FuncCall"], let name = call["funcname"]?.names.last {
                if volatileFunctions.contains(name) || !stableFunctions.contains(name) { return name }
            }
            for value in members.values { if let found = volatileFunction(in: value) { return found } }
            return nil
        case .array(let items):
            for item in items { if let found = volatileFunction(in: item) { return found } }
            return nil
        default:
            return nil
        }
    }
}
