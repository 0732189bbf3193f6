#!/usr/bin/env python3
"""Run zerodowntime on every cell that run-all.sh wrote, the three checks of
Tests/CLITests/RealProjectsTests.swift, and print what failed and how long each took.

Usage:
  check.py OUT [--zerodowntime BIN] [--json FILE] [-- EXTRA ARGS FOR EVERY zerodowntime RUN]

Per cell (with the cell's "environment" only, as the Swift test runs it):
  plan     BIN plan --project P --python PY --database-url URL --format json --no-cache
           [--settings S]: "pending" must equal Django's;
  facts    the applied set and project facts from Django itself
           (zerodowntime.django_project.applied_migrations_document in `manage.py shell`,
           what `manage.py check_migrations` hands the binary), then BIN plan --applied-from
           FILE: "pending" must equal Django's;
  check    once per project and backend: BIN check-migrations --all --target postgresql@16
           --format json: exit 0 or 1, never 2.
BIN defaults to REPO/.build/debug/zerodowntime. Stdlib only.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent

DOCUMENT_CODE = ("import json, sys; sys.path.insert(0, %r); "
                 "from zerodowntime.django_project import applied_migrations_document; "
                 "print(json.dumps(applied_migrations_document('default')))")


def cell_env(cell):
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("DJANGO_") or k == "DATABASE_URL" or k == "VIRTUAL_ENV"
                   or k.startswith("NAUTOBOT_") or k.endswith("_CONFIG_FILE"))}
    env.update(cell.get("environment") or {})
    return env


def run(args, cell, timeout=600):
    t = time.monotonic()
    proc = subprocess.run(args, env=cell_env(cell), cwd=cell["project"], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    return proc, time.monotonic() - t


def first_error(proc):
    return next((l for l in proc.stderr.splitlines() if l.strip()), "(no stderr)")


def compare(answer_text, cell):
    try:
        ours = json.loads(answer_text)["pending"]
    except (ValueError, KeyError) as exc:
        return "unreadable output (%s): %s" % (exc, answer_text[:200])
    if ours == cell["pending"]:
        return None
    theirs = [tuple(p) for p in cell["pending"]]
    mine = [tuple(p) for p in ours]
    missing = [p for p in theirs if p not in mine]
    extra = [p for p in mine if p not in theirs]
    why = "plan differs: %d vs Django's %d" % (len(mine), len(theirs))
    if missing:
        why += "; missing %s" % ", ".join("%s.%s" % p for p in missing[:5])
    if extra:
        why += "; extra %s" % ", ".join("%s.%s" % p for p in extra[:5])
    if not missing and not extra:
        first = next(i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b)
        why += "; order differs first at #%d: %s.%s vs Django's %s.%s" % ((first,) + mine[first] + theirs[first])
    return why


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--zerodowntime", default=str(REPO / ".build" / "debug" / "zerodowntime"))
    ap.add_argument("--json")
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    args = ap.parse_args(argv)
    binary = args.zerodowntime
    results, checked, seconds = [], set(), {}
    for path in sorted(Path(args.out).glob("*/*/*/expected.json")):
        cell = json.loads(path.read_text())
        if "pending" not in cell:
            continue
        name = "%s/%s/%s" % (cell["backend"], cell["scenario"], cell["state"])
        common = ["--project", cell["project"], "--python", cell["python"], "--no-cache"]
        if cell.get("settings"):
            common += ["--settings", cell["settings"]]
        common += extra
        sec = seconds.setdefault(cell["scenario"], {"plan": 0.0, "facts": 0.0, "check": 0.0})

        proc, t = run([binary, "plan", "--database-url", cell["database_url"], "--format", "json"] + common, cell)
        sec["plan"] += t
        why = ("exit %d: %s" % (proc.returncode, first_error(proc))) if proc.returncode else compare(proc.stdout, cell)
        results.append({"cell": name, "check": "plan", "ok": why is None, "detail": why or "%d pending" % len(cell["pending"]),
                        "command": proc.args})

        code = DOCUMENT_CODE % str(REPO / "python")
        shell = [cell["python"], "manage.py", "shell", *cell.get("shell_arguments", []), "-v", "0", "-c", code]
        if cell.get("settings"):
            shell += ["--settings", cell["settings"]]
        doc, t1 = run(shell, cell)
        line = next((l for l in reversed(doc.stdout.splitlines()) if l.startswith("{")), None)
        if doc.returncode or not line:
            why, t2 = "manage.py shell failed: %s" % doc.stderr[-500:], 0.0
        else:
            file = Path(cell["project"]) / "zdt-applied.json"
            file.write_text(line)
            proc, t2 = run([binary, "plan", "--applied-from", str(file), "--format", "json"] + common, cell)
            why = ("exit %d: %s" % (proc.returncode, first_error(proc))) if proc.returncode else compare(proc.stdout, cell)
        sec["facts"] += t1 + t2
        results.append({"cell": name, "check": "facts", "ok": why is None, "detail": why or "equal",
                        "seconds_django": round(t1, 2)})

        key = (cell["backend"], cell["scenario"])
        if key not in checked:
            checked.add(key)
            proc, t = run([binary, "check-migrations", "--all", "--target", "postgresql@16", "--format", "json"] + common, cell)
            sec["check"] += t
            ok = proc.returncode in (0, 1)
            results.append({"cell": name, "check": "check", "ok": ok,
                            "detail": "exit %d%s" % (proc.returncode, "" if ok else ": " + proc.stderr.strip()[-1500:]),
                            "command": proc.args})
    for r in results:
        print("%-4s %-6s %-36s %s" % ("ok" if r["ok"] else "FAIL", r["check"], r["cell"], r["detail"].splitlines()[0][:400]))
    for name, sec in seconds.items():
        print("%-10s zerodowntime plan %.1fs, Django facts + plan %.1fs, check-migrations --all %.1fs"
              % (name, sec["plan"], sec["facts"], sec["check"]))
    failed = sum(not r["ok"] for r in results)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
