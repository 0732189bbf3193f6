/// A column's type as PostgreSQL names it (`varchar`, `bigint`, `numeric`), with its modifiers.
/// MySQL and SQLite verdicts are derived from the same description.
public struct ColumnType: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var length: Int?
    public var precision: Int?
    public var scale: Int?
    public var isArray = false

    public init(_ name: String, length: Int? = nil, precision: Int? = nil, scale: Int? = nil, isArray: Bool = false) {
        self.name = name
        self.length = length
        self.precision = precision
        self.scale = scale
        self.isArray = isArray
    }

    public var description: String {
        var text = name
        if let length { text += "(\(length))" }
        if let precision { text += "(\(precision), \(scale ?? 0))" }
        return isArray ? text + "[]" : text
    }

    /// The integer width, for the integer family.
    var integerBytes: Int? {
        switch name {
        case "smallint": return 2
        case "integer": return 4
        case "bigint": return 8
        default: return nil
        }
    }

    /// The type of a field's own class (not for relations: their column takes the target key's type).
    static func forField(_ field: FieldDefinition) -> ColumnType? {
        switch field.className {
        case "AutoField", "IntegerField", "PositiveIntegerField": return ColumnType("integer")
        case "BigAutoField", "BigIntegerField", "PositiveBigIntegerField": return ColumnType("bigint")
        case "SmallAutoField", "SmallIntegerField", "PositiveSmallIntegerField": return ColumnType("smallint")
        case "CharField", "CommaSeparatedIntegerField":
            return field.maxLength.map { ColumnType("varchar", length: $0) } ?? ColumnType("varchar")
        case "SlugField": return ColumnType("varchar", length: field.maxLength ?? 50)
        case "EmailField": return ColumnType("varchar", length: field.maxLength ?? 254)
        case "URLField": return ColumnType("varchar", length: field.maxLength ?? 200)
        case "FileField", "ImageField", "FilePathField": return ColumnType("varchar", length: field.maxLength ?? 100)
        case "TextField": return ColumnType("text")
        case "BooleanField", "NullBooleanField": return ColumnType("boolean")
        case "DateField": return ColumnType("date")
        case "DateTimeField": return ColumnType("timestamp with time zone")
        case "TimeField": return ColumnType("time")
        case "DurationField": return ColumnType("interval")
        case "DecimalField": return ColumnType("numeric", precision: field.maxDigits, scale: field.decimalPlaces)
        case "FloatField": return ColumnType("double precision")
        case "UUIDField": return ColumnType("uuid")
        case "BinaryField": return ColumnType("bytea")
        case "JSONField": return ColumnType("jsonb")
        case "GenericIPAddressField", "IPAddressField": return ColumnType("inet")
        case "HStoreField": return ColumnType("hstore")
        case "CICharField", "CIEmailField", "CITextField": return ColumnType("citext")
        case "IntegerRangeField": return ColumnType("int4range")
        case "BigIntegerRangeField": return ColumnType("int8range")
        case "DecimalRangeField": return ColumnType("numrange")
        case "DateRangeField": return ColumnType("daterange")
        case "DateTimeRangeField": return ColumnType("tstzrange")
        case "SearchVectorField": return ColumnType("tsvector")
        case "ArrayField":
            guard var base = field.arrayBase else { return nil }
            base.isArray = true
            return base
        default: return nil
        }
    }
}

/// What PostgreSQL does to existing rows when a column changes from one type to another.
public enum TypeChange: Sendable, Equatable {
    /// Same type: nothing happens.
    case none
    /// Only the catalog changes: `varchar(50)` → `varchar(200)`, `varchar` → `text`.
    case metadataOnly
    /// Every row is rewritten, with every index of the table.
    case rewrite
    /// A rewrite that can also fail on existing data or reject values old code writes:
    /// a shorter `max_length`, a narrower integer, `text` → `varchar(n)`.
    case narrowing

    public static func postgres(from old: ColumnType, to new: ColumnType) -> TypeChange {
        if old == new { return .none }
        if old.isArray != new.isArray { return .rewrite }
        switch (old.name, new.name) {
        case ("varchar", "varchar"):
            guard let oldLength = old.length else { return new.length == nil ? .none : .narrowing }
            guard let newLength = new.length else { return .metadataOnly }
            return newLength >= oldLength ? .metadataOnly : .narrowing
        case ("varchar", "text"), ("varchar", "citext"), ("text", "citext"), ("citext", "text"): return .metadataOnly
        case ("text", "varchar"), ("citext", "varchar"): return new.length == nil ? .metadataOnly : .narrowing
        case ("numeric", "numeric"):
            // Raising the precision at the same scale keeps every value; anything else rewrites.
            if old.scale == new.scale, let oldPrecision = old.precision, let newPrecision = new.precision {
                return newPrecision >= oldPrecision ? .metadataOnly : .narrowing
            }
            if old.precision != nil && new.precision == nil && old.scale == nil { return .metadataOnly }
            return .rewrite
        default:
            if let oldBytes = old.integerBytes, let newBytes = new.integerBytes {
                return newBytes > oldBytes ? .rewrite : .narrowing
            }
            return .rewrite
        }
    }

    /// MySQL 8 (utf8mb4, InnoDB): a varchar may grow in place while its length prefix keeps its
    /// size (both up to 255 bytes, or both above); any other type change copies the table.
    public static func mysql(from old: ColumnType, to new: ColumnType) -> TypeChange {
        let change = postgres(from: old, to: new)
        guard change == .metadataOnly else { return change }
        if old.name == "varchar", new.name == "varchar", let oldLength = old.length, let newLength = new.length {
            return (oldLength * 4 <= 255) == (newLength * 4 <= 255) ? .metadataOnly : .rewrite
        }
        return .rewrite
    }
}
