import DjangoProject
import Foundation
import Testing
import TestSupport

/// Custom field classes followed through their bases, as the Python files spell them.
@Test func customFieldClassesAreFollowedToDjangosField() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("zdt-fields-\(UUID().uuidString)")
    let files = [
        "shop/__init__.py": "",
        "shop/fields/__init__.py": "from .money import MoneyField\n",
        "shop/fields/money.py": """
            from decimal import Decimal
            from django.db import models
            from django.db.models import DecimalField as Base


            class MoneyField(Base):
                def __init__(self, *args, **kwargs):
                    kwargs.setdefault("max_digits", 12)
                    super().__init__(*args, **kwargs)


            class PriceField(MoneyField):
                pass


            class CodeField(models.CharField):
                pass
            """,
        "shop/weird.py": """
            import shop.fields.money as f


            class Cents(f.PriceField):
                pass


            class Loop(Loop2):
                pass


            class Loop2(Loop):
                pass
            """,
    ]
    try writeFiles(files, under: root)
    let known: Set<String> = ["DecimalField", "CharField", "IntegerField"]
    let resolver = ClassBaseResolver(searchRoots: [root.path]) { known.contains($0) }
    #expect(resolver.djangoBase(for: "shop.fields.money.MoneyField") == "DecimalField")
    #expect(resolver.djangoBase(for: "shop.fields.money.PriceField") == "DecimalField")
    #expect(resolver.djangoBase(for: "shop.fields.money.CodeField") == "CharField")
    #expect(resolver.djangoBase(for: "shop.fields.MoneyField") == "DecimalField", "re-exported from the package")
    #expect(resolver.djangoBase(for: "shop.weird.Cents") == "DecimalField", "through `import shop.fields.money as f`")
    #expect(resolver.djangoBase(for: "shop.weird.Loop") == nil, "a cycle is unknown, not a hang")
    #expect(resolver.djangoBase(for: "shop.missing.Field") == nil)
}
