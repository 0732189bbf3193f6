/// Field classes of common PyPI packages, for when the class cannot be followed to a Django field
/// through the virtualenv (Wagtail's `StreamField` derives from `models.Field` itself and says
/// `JSONField` only in `get_internal_type`), or no virtualenv was found: the Django field whose
/// column each makes, and the arguments that only shape Python-side behaviour.
public struct ThirdPartyField: Sendable {
    /// The Django field class whose column and relations this field has.
    public var base: String
    /// Keywords that change no SQL (Django still compares them, so SQLite remakes the table).
    public var pythonOnlyKeywords: Set<String> = []
    /// Whether the positional arguments change no SQL (`StreamField`'s block definitions).
    public var positionalArgumentsArePythonOnly = false
    /// Whether the class makes its column nullable whatever `null=` says (Oscar's NullCharField).
    public var forcesNull = false

    public static let byClassName: [String: ThirdPartyField] = [
        // Wagtail: the blocks live in the JSON, not in the column.
        "StreamField": ThirdPartyField(base: "JSONField", pythonOnlyKeywords: ["block_lookup", "use_json_field", "min_num", "max_num",
                                                                                "block_counts", "collapsed"],
                                       positionalArgumentsArePythonOnly: true),
        "RichTextField": ThirdPartyField(base: "TextField", pythonOnlyKeywords: ["editor", "features"]),
        // modelcluster, mptt, django-cms, django-filer: relations.
        "ParentalKey": ThirdPartyField(base: "ForeignKey"),
        "ParentalManyToManyField": ThirdPartyField(base: "ManyToManyField"),
        "TreeForeignKey": ThirdPartyField(base: "ForeignKey"),
        "TreeOneToOneField": ThirdPartyField(base: "OneToOneField"),
        "TreeManyToManyField": ThirdPartyField(base: "ManyToManyField"),
        "PlaceholderField": ThirdPartyField(base: "ForeignKey", pythonOnlyKeywords: ["slotname", "actions"]),
        "FilerFileField": ThirdPartyField(base: "ForeignKey"),
        "FilerImageField": ThirdPartyField(base: "ForeignKey"),
        // django-taggit and sortedm2m: a many-to-many relation, no column.
        "TaggableManager": ThirdPartyField(base: "ManyToManyField", pythonOnlyKeywords: ["manager"]),
        "SortedManyToManyField": ThirdPartyField(base: "ManyToManyField", pythonOnlyKeywords: ["sort_value_field_name"]),
        // django-countries, phonenumber-field, django-money, django-timezone-field: character columns
        // (and a decimal one), whatever their Python-side options.
        "CountryField": ThirdPartyField(base: "CharField", pythonOnlyKeywords: ["countries", "countries_flag_url", "countries_str_attr",
                                                                                "blank_label", "multiple_unique", "multiple_sort"]),
        "PhoneNumberField": ThirdPartyField(base: "CharField", pythonOnlyKeywords: ["region"]),
        "MoneyField": ThirdPartyField(base: "DecimalField", pythonOnlyKeywords: ["default_currency", "currency_choices", "currency_max_length",
                                                                                 "currency_field_name", "money_descriptor_class"]),
        "CurrencyField": ThirdPartyField(base: "CharField", pythonOnlyKeywords: ["price_field"]),
        "TimeZoneField": ThirdPartyField(base: "CharField", pythonOnlyKeywords: ["use_pytz", "choices_display"]),
        // django-extensions and django-model-utils: a slug and timestamps filled in Python.
        "AutoSlugField": ThirdPartyField(base: "SlugField", pythonOnlyKeywords: ["populate_from", "overwrite", "allow_duplicates",
                                                                                 "slugify_function", "separator", "overwrite_on_add",
                                                                                 "max_unique_query_attempts"]),
        "CreationDateTimeField": ThirdPartyField(base: "DateTimeField"),
        "ModificationDateTimeField": ThirdPartyField(base: "DateTimeField", pythonOnlyKeywords: ["update_modified"]),
        "AutoCreatedField": ThirdPartyField(base: "DateTimeField"),
        "AutoLastModifiedField": ThirdPartyField(base: "DateTimeField"),
        "MonitorField": ThirdPartyField(base: "DateTimeField", pythonOnlyKeywords: ["monitor", "when"]),
        "StatusField": ThirdPartyField(base: "CharField", pythonOnlyKeywords: ["choices_name", "no_check_for_status"]),
        // django-tinymce: a text column.
        "HTMLField": ThirdPartyField(base: "TextField"),
        // django-oscar: a CharField that stores "" as NULL and sets null=True itself.
        "NullCharField": ThirdPartyField(base: "CharField", forcesNull: true),
    ]
}
