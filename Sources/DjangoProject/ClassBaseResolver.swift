import Foundation
import PythonSyntax

/// Follows a class named in a migration (a field, `shop.fields.MoneyField`; an operation,
/// `DeleteModelIfExists`) through its base classes, reading the project's and its virtualenv's
/// Python files, to the Django class it derives from.
public final class ClassBaseResolver: @unchecked Sendable {
    private let finder: PythonModuleFinder
    private let isDjangoClass: @Sendable (String) -> Bool
    private let lock = NSLock()
    private var cache: [String: String?] = [:]

    public init(searchRoots: [String], isDjangoClass: @escaping @Sendable (String) -> Bool) {
        self.finder = PythonModuleFinder(searchRoots: searchRoots)
        self.isDjangoClass = isDjangoClass
    }

    /// The Django class name, or nil when the class cannot be found or followed.
    public func djangoBase(for dottedName: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return resolve(dottedName, depth: 0)
    }

    /// The Django class a name written in the file at `path` (the module `moduleName`) derives
    /// from: a class defined in the module itself, or one it imports (`from wagtail.models import
    /// X`, `ops.X`). The whole file is read: a migration's usual view keeps only its `Migration`.
    public func djangoBase(of written: String, inFile path: String, moduleName: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard let module = try? parse(path) else { return nil }
        let parts = written.split(separator: ".").map(String.init)
        guard let head = parts.first else { return nil }
        if parts.count == 1 {
            return followBases(of: head, in: module, moduleName: moduleName, isPackage: false, depth: 0)
        }
        guard let imported = importedNames(module, moduleName: moduleName, isPackage: false)[head] else { return nil }
        return resolve(([imported] + parts.dropFirst()).joined(separator: "."), depth: 0)
    }

    private func resolve(_ dottedName: String, depth: Int) -> String? {
        if let cached = cache[dottedName] { return cached }
        let parts = dottedName.split(separator: ".").map(String.init)
        guard depth < 12, parts.count >= 2 else { return nil }
        let className = parts[parts.count - 1]
        let moduleName = parts.dropLast().joined(separator: ".")
        cache[dottedName] = .some(nil)  // a cycle resolves to "unknown"
        var result: String?
        if let found = finder.find(moduleName), let module = try? parse(found.file) {
            result = followBases(of: className, in: module, moduleName: moduleName, isPackage: found.isPackage, depth: depth)
        }
        cache[dottedName] = .some(result)
        return result
    }

    private func followBases(of className: String, in module: Module, moduleName: String, isPackage: Bool, depth: Int) -> String? {
        let imports = importedNames(module, moduleName: moduleName, isPackage: isPackage)
        for statement in module.body {
            guard case .classDef(let definition) = statement.kind, definition.name == className else { continue }
            for base in definition.bases {
                guard let written = dottedName(base, in: module.expressions) else { continue }
                let last = String(written.split(separator: ".").last ?? "")
                if isDjangoClass(last), written.hasPrefix("models.") || written == last || written.contains("django") {
                    return last
                }
                let head = String(written.split(separator: ".").first ?? "")
                let qualified: String
                if let imported = imports[head] {
                    qualified = imported + written.dropFirst(head.count)
                } else {
                    qualified = moduleName + "." + written
                }
                let qualifiedLast = String(qualified.split(separator: ".").last ?? "")
                if qualified.hasPrefix("django."), isDjangoClass(qualifiedLast) { return qualifiedLast }
                if let found = resolve(qualified, depth: depth + 1) { return found }
            }
        }
        // Re-exported: `from .money import MoneyField` in the package's __init__.
        if let imported = imports[className], imported != moduleName + "." + className {
            return resolve(imported, depth: depth + 1)
        }
        return nil
    }

    /// `import a.b as c`, `from a.b import C as D`, `from . import x` → local name → dotted path.
    private func importedNames(_ module: Module, moduleName: String, isPackage: Bool) -> [String: String] {
        var names: [String: String] = [:]
        for statement in module.body {
            switch statement.kind {
            case .import(let aliases):
                for alias in aliases {
                    if let asName = alias.asName { names[asName] = alias.name } else {
                        let head = String(alias.name.split(separator: ".").first ?? "")
                        names[head] = head
                    }
                }
            case .importFrom(let from, let aliases, let level):
                var base = from ?? ""
                if level > 0 {
                    var package = moduleName.split(separator: ".").map(String.init)
                    if !isPackage { package.removeLast() }
                    package.removeLast(min(level - 1, package.count))
                    base = (package + (from.map { [$0] } ?? [])).joined(separator: ".")
                }
                for alias in aliases where alias.name != "*" {
                    names[alias.asName ?? alias.name] = base + "." + alias.name
                }
            default:
                break
            }
        }
        return names
    }

    private func dottedName(_ expression: PythonSyntax.Expression, in store: ExpressionStore) -> String? {
        switch store[expression].kind {
        case .name(let name, _): return name
        case .attribute(let value, let attribute, _): return dottedName(value, in: store).map { $0 + "." + attribute }
        default: return nil
        }
    }
}
