/// The block zerodowntime adds to a `commit-msg` hook, and how it goes into (and comes out of)
/// a hook that may already hold the user's own script.
public struct CommitMsgHook: Sendable {
    /// The original django-zerodowntime's markers: a block it installed is recognised and upgraded.
    public static let beginMarker = "# BEGIN ZERODOWNTIME_COMMIT_MSG_HOOK"
    public static let endMarker = "# END ZERODOWNTIME_COMMIT_MSG_HOOK"
    public static let createdShebang = "#!/bin/sh\n"

    /// The binary recorded at install time (PATH is the fallback).
    public var binary: String
    /// The Django project, relative to the repository's top level ("." for the top itself).
    public var project: String
    public var version: String
    /// The project's Python interpreter, when its virtualenv is not one zerodowntime finds itself.
    public var python: String?

    public init(binary: String, project: String, version: String, python: String? = nil) {
        self.binary = binary
        self.project = project
        self.version = version
        self.python = python
    }

    /// The block, in POSIX sh, so it runs under sh, bash, dash, zsh and ksh alike. git runs a
    /// commit-msg hook from the top of the working tree with the message file as `$1`.
    public var block: String { block(notes: []) }

    /// Lines that tell `--uninstall` what the install did besides adding the block.
    static let createdNote = "# zerodowntime created this hook."
    static let newlineNote = "# zerodowntime ended the line above with a newline."

    /// A user's hook that was not executable was disabled: it stays so while our block runs.
    static func disabledNote(mode: Int) -> String {
        "# zerodowntime made this hook executable for its block; the script after the block was disabled (mode \(String(mode, radix: 8))) and does not run."
    }
    static let disabledNotePrefix = "# zerodowntime made this hook executable for its block;"

    /// The mode the user's hook had before we made it executable, when it was disabled.
    public static func disabledMode(in contents: String) -> Int? {
        guard let range = blockRange(in: contents) else { return nil }
        for line in contents[range].split(separator: "\n") where line.hasPrefix(disabledNotePrefix) {
            guard let open = line.range(of: "(mode "), let close = line[open.upperBound...].firstIndex(of: ")") else { return nil }
            return Int(line[open.upperBound..<close], radix: 8)
        }
        return nil
    }

    func block(notes: [String]) -> String {
        let extra = notes.map { $0 + "\n" }.joined()
        let disabled = notes.contains { $0.hasPrefix(Self.disabledNotePrefix) } ? "exit 0\n" : ""
        return """
            \(Self.beginMarker)
            # Added by zerodowntime \(version); `zerodowntime insert-git-hooks --uninstall` removes this block.
            \(extra)zerodowntime_commit_msg() {
                recorded=\(ShellQuoting.quoted(binary))
                zdt=$recorded
                [ -x "$zdt" ] || zdt=$(command -v zerodowntime 2>/dev/null) || {
                    printf '%s\\n' "zerodowntime: not found at $recorded nor on PATH; the migration check did not run" >&2
                    return 0
                }
                "$zdt" hook commit-msg "$1" --project \(ShellQuoting.quoted(project))\(python.map { " --python " + ShellQuoting.quoted($0) } ?? "")
            }
            zerodowntime_commit_msg "$1" || exit $?
            \(disabled)\(Self.endMarker)

            """
    }

    /// The command that runs the check, for a line the user adds to a hook we cannot edit;
    /// `message` is how that hook names the message file (`"$1"`, `{1}`), nil to leave it out.
    public func shellCommand(message: String?) -> String {
        ([ShellQuoting.quoted(binary), "hook", "commit-msg"] + (message.map { [$0] } ?? []) + ["--project", ShellQuoting.quoted(project)]
            + (python.map { ["--python", ShellQuoting.quoted($0)] } ?? [])).joined(separator: " ")
    }

    public enum Interpreter: Sendable, Equatable {
        case shell
        /// Python, Node, Perl, Ruby… where a shell block cannot run.
        case other(String)
    }

    /// What runs a hook: its shebang (`#!/bin/bash`, `#!/usr/bin/env zsh`), sh without one.
    public static func interpreter(of contents: String) -> Interpreter {
        let scalars = contents.unicodeScalars.drop { $0 == "\u{FEFF}" }
        guard scalars.starts(with: "#!".unicodeScalars) else { return .shell }
        let line = String(String.UnicodeScalarView(scalars.prefix { $0 != "\n" && $0 != "\r" }.dropFirst(2)))
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard var program = words.first.map({ String($0.split(separator: "/").last ?? "") }) else { return .shell }
        if program == "env", let next = words.dropFirst().first(where: { !$0.hasPrefix("-") }) { program = next }
        return ["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "busybox"].contains(program) ? .shell : .other(program)
    }

    /// A hook written by a hook manager, which would overwrite our block or bypass it.
    public static func manager(of contents: String) -> String? {
        if contents.contains("File generated by pre-commit") || contents.contains("pre-commit.com") { return "pre-commit" }
        if contents.contains("lefthook") { return "lefthook" }
        if contents.contains("husky") { return "husky" }
        return nil
    }

    /// The hook with our block right after the shebang line, so it runs before anything that
    /// could `exit` or `exec`. A block already there (ours, older, or the original tool's, which
    /// appended a bash block at the end) is taken out first, so an upgrade keeps one block in the
    /// place where it runs. nil when the contents already hold this exact block there.
    /// `disabledMode`: the hook's mode when it was not executable, so its script stays disabled.
    /// A byte order mark stays the first thing in the file.
    public func installed(into original: String?, disabledMode: Int? = nil) -> String? {
        guard let original, !original.isEmpty else { return Self.createdShebang + block(notes: [Self.createdNote]) }
        var contents = original
        var byteOrderMark = ""
        if contents.unicodeScalars.first == "\u{FEFF}" {
            contents.unicodeScalars.removeFirst()
            byteOrderMark = "\u{FEFF}"
        }
        var notes: [String] = []
        if let range = Self.blockRange(in: contents), contents[range].contains(Self.createdNote) { notes.append(Self.createdNote) }
        if let mode = Self.disabledMode(in: contents) ?? disabledMode { notes.append(Self.disabledNote(mode: mode)) }
        let rest = Self.uninstalled(from: contents).map { $0.isEmpty ? Self.createdShebang : $0 } ?? contents
        let updated: String
        if rest.hasPrefix("#!") {
            if let newline = rest.unicodeScalars.firstIndex(of: "\n") {
                let afterShebang = rest.unicodeScalars.index(after: newline)
                updated = String(rest[..<afterShebang]) + block(notes: notes) + String(rest[afterShebang...])
            } else {
                updated = rest + "\n" + block(notes: notes + [Self.newlineNote])
            }
        } else {
            updated = block(notes: notes) + rest
        }
        return byteOrderMark + updated == original ? nil : byteOrderMark + updated
    }

    /// The project an installed block of ours checks (nil for none, or the original tool's block).
    public static func installedProject(in contents: String) -> String? {
        guard let range = blockRange(in: contents) else { return nil }
        let marker = #" hook commit-msg "$1" --project "#
        guard let start = contents[range].range(of: marker) else { return nil }
        return ShellQuoting.firstWord(of: contents[start.upperBound..<range.upperBound])
    }

    /// The hook without our block, nil when there is none; "" when only what we created remains.
    public static func uninstalled(from contents: String) -> String? {
        guard let range = blockRange(in: contents) else { return nil }
        let removed = contents[range]
        var before = String(contents[..<range.lowerBound])
        let after = String(contents[range.upperBound...])
        if removed.contains(newlineNote), before.unicodeScalars.last == "\n" { before.unicodeScalars.removeLast() }
        let rest = before + after
        return removed.contains(createdNote) && rest == createdShebang ? "" : rest
    }

    /// From the begin marker's line to the end of the end marker's line.
    static func blockRange(in contents: String) -> Range<String.Index>? {
        guard let begin = contents.range(of: beginMarker), let end = contents.range(of: endMarker, range: begin.upperBound..<contents.endIndex) else { return nil }
        let scalars = contents.unicodeScalars
        let lineStart = scalars[..<begin.lowerBound].lastIndex(of: "\n").map { scalars.index(after: $0) } ?? scalars.startIndex
        var lineEnd = scalars[end.upperBound...].firstIndex(of: "\n") ?? scalars.endIndex
        if lineEnd < scalars.endIndex { lineEnd = scalars.index(after: lineEnd) }
        return lineStart..<lineEnd
    }

}

import Foundation
