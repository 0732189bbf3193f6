import PythonSyntax

/// Values the user gives for names the settings read (`--setting NAME=VALUE`,
/// `[tool.zerodowntime.settings]`): a Python literal (`True`, `["a", "b"]`, `"users.User"`),
/// or, when the text is not one, the text itself as a string (`--setting AUTH_USER_MODEL=users.User`).
public enum SettingsPins {
    public static func value(_ text: String) -> SettingsValue {
        guard case .success(let module) = PythonParser.parse(fileBytes: Array(("_ = " + text + "\n").utf8)),
              module.body.count == 1, case .assign(_, let expression) = module.body[0].kind else { return .string(text) }
        let context = EvaluationContext(environment: [:], pins: [:], djangoVersion: .none)
        let evaluator = SettingsEvaluator(module: module, path: "--setting", moduleName: "__pin__", isPackage: false, context: context)
        let value = evaluator.evaluate(expression)
        return value.firstUnknown == nil && isLiteral(value) ? value : .string(text)
    }

    private static func isLiteral(_ value: SettingsValue) -> Bool {
        switch value {
        case .none, .bool, .int, .string: return true
        case .list(let items), .tuple(let items): return items.allSatisfy(isLiteral)
        case .dict(let entries): return entries.allSatisfy { isLiteral($0.key) && isLiteral($0.value) }
        default: return false
        }
    }
}
