#!/usr/bin/env python3
"""Run `zerodowntime plan` on every cell that run-all.sh wrote and compare with Django.

Usage:
  compare.py OUT [--zerodowntime BIN] [--json FILE] [-- EXTRA ARGS FOR zerodowntime plan]

For each OUT/BACKEND/PROJECT/STATE/expected.json it runs
  BIN plan --project PROJECT --python PY --database-url URL --format json [--settings S] --no-cache
with the cell's "environment" (and no other DJANGO_* or DATABASE_URL variable), then
compares the "pending" list with Django's. Prints one line per cell and, at the end, the
distinct error lines (zerodowntime's stderr) with the cells that gave them. Exit 0 when
every cell agrees. BIN defaults to REPO/.build/debug/zerodowntime. Arguments after `--` are
passed to every run (e.g. `-- --setting SITES_ENABLED=True` to look past a first failure).
A cell that agrees but whose answer lists "assumptions" (names zerodowntime could not read
and guessed) is reported with them. Stdlib only.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent


def run_cell(binary, cell, extra=()):
    args = [binary, "plan", "--project", cell["project"], "--python", cell["python"],
            "--database-url", cell["database_url"], "--format", "json", "--no-cache"]
    if cell.get("settings"):
        args += ["--settings", cell["settings"]]
    args += list(extra)
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("DJANGO_") or k == "DATABASE_URL" or k == "VIRTUAL_ENV")}
    env.update(cell.get("environment") or {})
    proc = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=300)
    name = "%s/%s/%s" % (cell["backend"], cell["scenario"], cell["state"])
    if proc.returncode != 0:
        line = next((l for l in proc.stderr.splitlines() if l.strip()), "(no stderr)")
        return name, False, "exit %d: %s" % (proc.returncode, line)
    try:
        answer = json.loads(proc.stdout)
        ours = answer["pending"]
    except (ValueError, KeyError) as exc:
        return name, False, "unreadable output (%s): %s" % (exc, proc.stdout[:200])
    if ours != cell["pending"]:
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
        return name, False, why
    assumed = sorted({a.get("name", "?") for a in answer.get("assumptions") or []})
    return name, True, "%d pending%s" % (len(ours), "; assumed: " + ", ".join(assumed) if assumed else "")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--zerodowntime", default=str(REPO / ".build" / "debug" / "zerodowntime"))
    ap.add_argument("--json", help="also write the results here")
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    args = ap.parse_args(argv)
    cells = sorted(Path(args.out).glob("*/*/*/expected.json"))
    if not cells:
        raise SystemExit("compare.py: no cells under %s (run run-all.sh --out %s first)" % (args.out, args.out))
    results, by_reason = [], {}
    for path in cells:
        cell = json.loads(path.read_text())
        if "pending" not in cell:
            continue
        name, ok, why = run_cell(args.zerodowntime, cell, extra)
        results.append({"cell": name, "ok": ok, "detail": why})
        print("%-4s %-48s %s" % ("ok" if ok else "FAIL", name, why))
        if not ok:
            by_reason.setdefault(why, []).append(name)
    if by_reason:
        print("\nDistinct failures:")
        for why, names in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
            print("  %s\n      in %d cell(s): %s" % (why, len(names), ", ".join(names)))
    failed = sum(not r["ok"] for r in results)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
