import PythonSyntax

/// A model field as a migration writes it: `models.CharField(max_length=50, null=True)`, with the
/// attributes that decide what the database does.
public struct FieldDefinition: Sendable {
    /// The Django field class this field is, or derives from: `CharField`. For a custom class
    /// that could not be followed to a Django field, its own name and `isKnownClass == false`.
    public var className: String
    /// The callee as written: `models.CharField`, `myapp.fields.MoneyField`.
    public var writtenName: String
    public var isKnownClass: Bool
    public var value: PythonValue
    public var location: SourceLocation

    public var null: Bool
    public var maxLength: Int?
    public var maxDigits: Int?
    public var decimalPlaces: Int?
    /// `db_index` as written; nil when left to the class's default.
    public var explicitDbIndex: Bool?
    public var unique: Bool
    public var primaryKey: Bool
    public var dbColumn: String?
    public var dbCollation: String?
    public var dbComment: String?
    /// `default=` (a Python-side default: Django fills existing rows with it, then drops it).
    public var pythonDefault: PythonValue?
    /// `db_default=` (Django 5.0+: kept by the database). `db_default=None` is not a default the
    /// database can give a NOT NULL column (`DEFAULT NULL`): nil here, `databaseDefaultIsNull` set.
    public var databaseDefault: PythonValue?
    public var databaseDefaultIsNull: Bool
    /// For relations: the target as written (`"shop.product"`, `settings.AUTH_USER_MODEL`).
    public var relatedTo: PythonValue?
    public var dbConstraint: Bool
    /// The related model, resolved by the project state when the field is added.
    public var relatedModel: ModelKey?
    /// `ArrayField(base_field)`: the base field's column type decides the array's.
    public var arrayBase: ColumnType?
    /// For a class of `ThirdPartyField`'s table: what of it changes no SQL.
    public var pythonOnlyKeywords: Set<String>
    public var positionalArgumentsArePythonOnly: Bool

    public init(_ value: PythonValue, resolvingClass resolve: (String) -> String? = { _ in nil }) {
        self.value = value
        self.location = value.location
        self.writtenName = value.calleeName ?? "?"
        let ownName = value.calleeClassName ?? "?"
        let thirdParty = ThirdPartyField.byClassName[ownName]
        self.pythonOnlyKeywords = thirdParty?.pythonOnlyKeywords ?? []
        self.positionalArgumentsArePythonOnly = thirdParty?.positionalArgumentsArePythonOnly ?? false
        if FieldDefinition.knownClasses.contains(ownName) {
            self.className = ownName
            self.isKnownClass = true
        } else if let base = resolve(writtenName), FieldDefinition.knownClasses.contains(base) {
            self.className = base
            self.isKnownClass = true
        } else if let thirdParty {
            self.className = thirdParty.base
            self.isKnownClass = true
        } else {
            self.className = ownName
            self.isKnownClass = false
        }
        let keywords = value.callKeywords
        let arguments = value.callArguments
        func keyword(_ name: String) -> PythonValue? { keywords?[name] }
        self.null = keyword("null")?.boolValue ?? false
        // Django formats these into the column type: max_length="30" is varchar(30), as 30 is.
        func size(_ name: String) -> Int? {
            guard let value = keyword(name) else { return nil }
            return value.intValue ?? value.stringValue.flatMap { Int($0) }
        }
        self.maxLength = size("max_length")
        self.maxDigits = size("max_digits")
        self.decimalPlaces = size("decimal_places")
        self.explicitDbIndex = keyword("db_index")?.boolValue
        self.primaryKey = keyword("primary_key")?.boolValue ?? false
        self.unique = (keyword("unique")?.boolValue ?? false) || primaryKey
        self.dbColumn = keyword("db_column")?.stringValue
        self.dbCollation = keyword("db_collation")?.stringValue
        self.dbComment = keyword("db_comment")?.stringValue
        self.pythonDefault = keyword("default").flatMap { $0.calleeName == "django.db.models.fields.NOT_PROVIDED" ? nil : $0 }
        let databaseDefault = keyword("db_default")
        self.databaseDefaultIsNull = databaseDefault?.isNone ?? false
        self.databaseDefault = databaseDefaultIsNull ? nil : databaseDefault
        self.dbConstraint = keyword("db_constraint")?.boolValue ?? true
        // Keywords of Django's own fields that never reach SQL (Django still compares them).
        pythonOnlyKeywords.formUnion(FieldDefinition.djangoPythonOnlyKeywords[className] ?? [])
        if thirdParty?.forcesNull == true { null = true }
        if FieldDefinition.relationClasses.contains(className) {
            self.relatedTo = keyword("to") ?? arguments.flatMap { $0.isEmpty ? nil : $0[0] }
        }
        if className == "ArrayField", let base = keyword("base_field") ?? arguments.flatMap({ $0.isEmpty ? nil : $0[0] }) {
            self.arrayBase = FieldDefinition(base, resolvingClass: resolve).ownColumnType
        }
        if className == "OneToOneField" { self.unique = true }
    }

    public var isRelation: Bool { FieldDefinition.relationClasses.contains(className) }
    public var isForeignKey: Bool { className == "ForeignKey" || className == "OneToOneField" }
    public var isManyToMany: Bool { className == "ManyToManyField" }
    public var hasColumn: Bool { !isManyToMany }

    /// Whether Django builds a plain index on the column: `db_index=True`, or the class's default
    /// (`ForeignKey`, `SlugField`), never for unique or primary-key columns (their constraint has one).
    public var hasIndex: Bool {
        if unique || isManyToMany { return false }
        if let explicitDbIndex { return explicitDbIndex }
        return className == "ForeignKey" || className == "SlugField"
    }

    /// The column name for a field named `name`.
    public func columnName(fieldName: String) -> String {
        if let dbColumn { return dbColumn }
        return isForeignKey ? fieldName + "_id" : fieldName
    }

    /// Whether the Python default is a callable evaluated once for every existing row
    /// (`uuid.uuid4`, `timezone.now`, a lambda), rather than a literal.
    public var defaultIsCallable: Bool {
        guard let pythonDefault else { return false }
        switch pythonDefault.kind {
        case .name, .attribute: return !(pythonDefault.calleeName?.hasPrefix("settings.") ?? false)
        case .opaque(let kind): return kind == "Lambda"
        default: return false
        }
    }

    /// The column type for the field's own class (relations: nil, the target's key decides).
    public var ownColumnType: ColumnType? {
        ColumnType.forField(self)
    }

    static let relationClasses: Set<String> = ["ForeignKey", "OneToOneField", "ManyToManyField"]

    /// Arguments of Django's fields that only shape Python-side behaviour: a JSONField's encoder
    /// and decoder, a file field's storage and upload path, auto_now (set in `pre_save`).
    static let djangoPythonOnlyKeywords: [String: Set<String>] = [
        "JSONField": ["encoder", "decoder"],
        "FileField": ["upload_to", "storage"],
        "ImageField": ["upload_to", "storage", "width_field", "height_field"],
        "FilePathField": ["path", "match", "recursive", "allow_files", "allow_folders"],
        "DateField": ["auto_now", "auto_now_add"],
        "DateTimeField": ["auto_now", "auto_now_add"],
        "TimeField": ["auto_now", "auto_now_add"],
        "GenericIPAddressField": ["protocol", "unpack_ipv4"],
        "SlugField": ["allow_unicode"],
    ]

    /// Django's model fields and `django.contrib.postgres` fields, by class name.
    public static let knownClasses: Set<String> = [
        "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField",
        "PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField", "CharField", "SlugField",
        "EmailField", "URLField", "TextField", "BooleanField", "NullBooleanField", "DateField", "DateTimeField",
        "TimeField", "DurationField", "DecimalField", "FloatField", "UUIDField", "BinaryField", "JSONField",
        "GenericIPAddressField", "IPAddressField", "FilePathField", "FileField", "ImageField", "CommaSeparatedIntegerField",
        "ForeignKey", "OneToOneField", "ManyToManyField", "GeneratedField",
        "ArrayField", "HStoreField", "CICharField", "CIEmailField", "CITextField", "IntegerRangeField", "BigIntegerRangeField",
        "DecimalRangeField", "DateRangeField", "DateTimeRangeField", "SearchVectorField",
    ]
}
