#!/usr/bin/env python3
"""Compare zerodowntime's verdicts with what each migration really did (observed.json).

For each migration M of oracle.py's walk, asks `zerodowntime check-migrations` about M with
everything before M (in plan order) applied, as --applied-from says, keeps the findings of M
and compares them with M's observed kinds:

  observed breaks    needs a finding of category "Breaks old code" (or unsafe-run-sql for a
                     RunSQL), else a MISS;
  observed blocking  needs a finding of category "Locks or rewrites" other than
                     lock-timeout-not-set (or a "Breaks old code" rule that itself rewrites or
                     scans: set-not-null, narrow-column), else a MISS;
  observed brief or safe (and neither of the above)
                     must have no finding of severity error, else a FALSE ALARM.

Disagreements listed in allowlist.json (beside this script) do not fail the run.
Standard library only. Exit 0: every disagreement allow-listed; 1: some are not; 2: usage or
the checks could not run.

Usage: judge.py --observed observed.json --python VENV_PY [--binary BIN] [--project DIR]
                [--jobs N] [--json OUT] [--allowlist FILE] [--exact] [--keep-findings FILE]
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

BREAKS = "Breaks old code"
LOCKS = "Locks or rewrites"
KIND_ORDER = ["breaks", "blocking", "brief", "safe"]


def snapshot_binary(binary, workdir):
    """A private copy of the binary, taken once it has stopped changing: the one at
    .build/debug may be relinked by a build while the checks run (ETXTBSY, or a verdict
    from two different builds). It needs no file beside it."""
    import shutil

    for _ in range(120):
        before = os.stat(binary)
        time.sleep(1)
        after = os.stat(binary)
        if (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns, after.st_size):
            continue
        copy = os.path.join(workdir, "zerodowntime")
        try:
            shutil.copy2(binary, copy)
        except OSError:
            continue
        if (os.stat(binary).st_mtime_ns, os.stat(binary).st_size) != (after.st_mtime_ns, after.st_size):
            continue
        if subprocess.run([copy, "--version"], capture_output=True).returncode == 0:
            return copy
    raise SystemExit(f"judge.py: {binary} kept changing or does not run")


def rule_catalogue(binary):
    """rule -> (category, severity, description) from the text of `zerodowntime rules`."""
    out = subprocess.run([binary, "rules"], capture_output=True, text=True, check=True).stdout
    rules = {}
    category = None
    for line in out.splitlines():
        header = re.match(r"^(\S.*):\s*$", line)
        if header:
            category = header.group(1)
            continue
        entry = re.match(r"^\s+([a-z0-9-]+)\s+(error|warning)\s+(.*)$", line)
        if entry and category:
            rules[entry.group(1)] = (category, entry.group(2), entry.group(3))
    if not rules:
        raise SystemExit("judge.py: `zerodowntime rules` listed no rule")
    return rules


def applied_keys(migrations):
    """What django_migrations holds once these are applied: a squashed migration records the
    migrations it replaces, not itself."""
    keys = []
    for m in migrations:
        if m.get("replaces"):
            keys.extend([list(r) for r in m["replaces"]])
        else:
            keys.append([m["app"], m["name"]])
    return keys


def groups_of(migrations, share):
    """Runs of the plan that one check can judge together, as (start, [indexes]).

    A check judges every pending migration against the state replayed in plan order; which
    migrations are pending only changes whether a model counts as created in this deploy
    (zerodowntime's createdInPlan: the table is not live yet). So migrations M..N can share
    the check of M's prefix when none of them names, relates to or creates a model that an
    earlier member CREATED, and no RunSQL or unknown operation (tables named in SQL) follows
    a member that created a model. share="touched" is stricter: no member may touch a model
    an earlier member touched at all (safe even if a rule someday looks at fields added in
    the same deploy). share="none" gives every migration a check of its own (--exact)."""
    groups = []
    current = None
    for i, m in enumerate(migrations):
        created = set(m.get("models_created", []))
        touched = set(m.get("models_touched", [])) | created
        if current is not None and share != "none":
            against = current["touched"] if share == "touched" else current["created"]
            ok = not (touched & against)
            if m.get("opaque") and current["created"]:
                ok = False
            if ok:
                current["members"].append(i)
                current["touched"] |= touched
                current["created"] |= created
                continue
        current = {"start": i, "members": [i], "touched": set(touched), "created": set(created)}
        groups.append(current)
    return [(g["start"], g["members"]) for g in groups]


def run_check(args, observed, start, version, workdir):
    applied = applied_keys(observed["migrations"][:start])
    path = os.path.join(workdir, f"applied-{start:05d}.json")
    with open(path, "w") as fh:
        json.dump({"applied": applied, "vendor": "postgresql", "version": version}, fh)
    major = version.split(".")[0]
    cmd = [args.binary, "check-migrations", "--project", args.project, "--python", args.python,
           "--applied-from", path, "--format", "json", "--target", f"postgresql@{major}", "--no-cache"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        return None, f"exit {proc.returncode}: {proc.stderr.strip()[-2000:]}"
    try:
        return json.loads(proc.stdout), None
    except json.JSONDecodeError as exc:
        return None, f"unreadable JSON ({exc}): {proc.stdout[:500]}"


def summarize_evidence(m):
    ev = m.get("evidence", {})
    lines = []
    for b in ev.get("breaks", []):
        lines.append(f"breaks: {b}")
    for name, t in sorted(ev.get("tables", {}).items()):
        work = "; ".join(f"{w['kind']} {w['what']}" for w in t.get("work", []))
        changes = "; ".join(t.get("changes", []))
        if not work and not changes and not (t.get("lock") and t["lock"] not in (
                "AccessShareLock", "RowShareLock", "RowExclusiveLock")):
            continue
        text = f"{name} [{t.get('lock') or 'no lock seen'}]"
        if work:
            text += f" work: {work}"
        if changes:
            text += f" changes: {changes}"
        lines.append(text)
    if m.get("retried_on_empty_tables"):
        lines.append(f"(applied on empty tables after: {m['retried_on_empty_tables']})")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--observed", required=True)
    parser.add_argument("--python", required=True, help="the history-oracle virtualenv's python")
    parser.add_argument("--binary", default=os.path.join(REPO, ".build", "debug", "zerodowntime"))
    parser.add_argument("--project", default=os.path.join(HERE, "project"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", dest="json_out", help="write the counts and disagreements here")
    parser.add_argument("--allowlist", default=os.path.join(HERE, "allowlist.json"))
    parser.add_argument("--share", choices=["created", "touched", "none"], default="created",
                        help="which migrations share a check (see groups_of); default created")
    parser.add_argument("--exact", action="store_true", help="one check per migration (--share none)")
    parser.add_argument("--keep-findings", help="write every migration's findings here (JSON)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    with open(args.observed) as fh:
        observed = json.load(fh)
    migrations = [m for m in observed["migrations"] if "kinds" in m]
    if len(migrations) != len(observed["migrations"]):
        print(f"judge.py: observed.json ends in a failed migration ({observed.get('failed')}): "
              f"judging the {len(migrations)} before it", file=sys.stderr)
    observed = dict(observed, migrations=migrations)
    version = observed["server_version"]
    workdir_handle = tempfile.TemporaryDirectory(prefix="zdt-judge.")
    workdir = workdir_handle.name
    args.binary = snapshot_binary(os.path.abspath(args.binary), workdir)
    binary_version = subprocess.run([args.binary, "--version"], capture_output=True, text=True).stdout.strip()
    catalogue = rule_catalogue(args.binary)
    rewriting_breaks = {r for r, (cat, _, desc) in catalogue.items()
                        if cat == BREAKS and re.search(r"\b(rewrite|scan)", desc)}
    allowlist = []
    if os.path.exists(args.allowlist):
        with open(args.allowlist) as fh:
            allowlist = json.load(fh)
    allowed = {(a["migration"], a["kind"]): a for a in allowlist}

    if args.exact:
        args.share = "none"
    groups = groups_of(migrations, args.share)
    print(f"judge.py: {len(migrations)} migrations in {len(groups)} checks, {args.jobs} at a time, "
          f"zerodowntime {binary_version}",
          file=sys.stderr)
    findings = {i: [] for i in range(len(migrations))}
    check_errors = {}
    with workdir_handle:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {pool.submit(run_check, args, observed, start, version, workdir): (start, members)
                       for start, members in groups}
            done = 0
            for future in concurrent.futures.as_completed(futures):
                start, members = futures[future]
                report, error = future.result()
                done += 1
                if done % 50 == 0:
                    print(f"judge.py: {done}/{len(groups)} checks ({time.monotonic() - started:.0f}s)",
                          file=sys.stderr)
                by_key = {(migrations[i]["app"], migrations[i]["name"]): i for i in members}
                if error:
                    for i in members:
                        check_errors[i] = error
                    continue
                pending = {tuple(p) for p in report.get("pending", [])}
                for i in members:
                    if (migrations[i]["app"], migrations[i]["name"]) not in pending:
                        check_errors[i] = "not pending in zerodowntime's plan"
                for f in report.get("findings", []):
                    i = by_key.get((f.get("app"), f.get("migration")))
                    if i is not None:
                        findings[i].append(f)

    table = {k: {"flagged": 0, "not flagged": 0} for k in KIND_ORDER}
    disagreements = []
    also = []
    for i, m in enumerate(migrations):
        key = f"{m['app']}.{m['name']}"
        fs = findings[i]
        kinds = m["kinds"]
        cats = [(catalogue.get(f["rule"], ("?", "?", ""))[0], f) for f in fs]
        has_runsql = "RunSQL" in m.get("operations", [])
        flagged_breaks = any(c == BREAKS for c, _ in cats) or (
            has_runsql and any(f["rule"] == "unsafe-run-sql" for f in fs))
        flagged_blocking = any((c == LOCKS and f["rule"] != "lock-timeout-not-set") or f["rule"] in rewriting_breaks
                               for c, f in cats)
        errors = [f for f in fs if f["severity"] == "error"]
        rules = sorted({f"{f['rule']} ({f['severity']})" for f in fs})
        problems = []
        if i in check_errors:
            problems.append(("check-failed", check_errors[i]))
        if "breaks" in kinds:
            table["breaks"]["flagged" if flagged_breaks else "not flagged"] += 1
            if not flagged_breaks:
                problems.append(("miss", "observed breaks, no Breaks-old-code finding"))
        if "blocking" in kinds:
            table["blocking"]["flagged" if flagged_blocking else "not flagged"] += 1
            if not flagged_blocking:
                problems.append(("miss", "observed blocking, no Locks-or-rewrites finding"))
        if "breaks" not in kinds and "blocking" not in kinds:
            lock_kind = "brief" if "brief" in kinds else "safe"
            table[lock_kind]["flagged" if errors else "not flagged"] += 1
            if errors:
                problems.append(("false-alarm", f"observed {lock_kind}, error finding(s)"))
        else:
            # Informational: errors of a dimension the observation does not support.
            if "breaks" not in kinds and any(c == BREAKS and f["severity"] == "error" for c, f in cats):
                also.append({"migration": key, "what": "Breaks-old-code error, nothing observed to break",
                             "kinds": kinds, "rules": rules})
            if "blocking" not in kinds and any(
                    c == LOCKS and f["severity"] == "error" and f["rule"] != "lock-timeout-not-set"
                    for c, f in cats):
                also.append({"migration": key, "what": "Locks-or-rewrites error, no blocking work observed",
                             "kinds": kinds, "rules": rules})
        for kind, what in problems:
            disagreements.append({
                "migration": key, "kind": kind, "what": what, "observed": kinds,
                "evidence": summarize_evidence(m),
                "findings": [{"rule": f["rule"], "severity": f["severity"], "operation": f.get("operation"),
                              "message": f.get("message", "").splitlines()[0] if f.get("message") else ""}
                             for f in fs],
                "rules": rules,
                "allowed": (key, kind) in allowed,
                "allow_reason": allowed.get((key, kind), {}).get("reason"),
            })

    # Report.
    print()
    print("Observed kind  x  zerodowntime (flagged = the finding the kind needs; for brief/safe: any error)")
    print(f"  {'observed':<10} {'flagged':>8} {'not flagged':>12}")
    for k in KIND_ORDER:
        print(f"  {k:<10} {table[k]['flagged']:>8} {table[k]['not flagged']:>12}")
    print(f"  ({len(migrations)} migrations, {len(groups)} checks)")
    failing = [d for d in disagreements if not d["allowed"]]
    listed = [d for d in disagreements if d["allowed"]]
    for title, items in (("Disagreements", failing), ("Allow-listed disagreements", listed)):
        print()
        print(f"{title}: {len(items)}")
        for d in items:
            print(f"  {d['kind'].upper():<12} {d['migration']}  observed {'+'.join(d['observed'])}: {d['what']}")
            if d["allow_reason"]:
                print(f"      allowed: {d['allow_reason']}")
            for line in d["evidence"][:8]:
                print(f"      | {line[:300]}")
            for f in d["findings"]:
                print(f"      > {f['rule']} ({f['severity']}) {f['operation'] or ''}: {f['message'][:240]}")
            if not d["findings"]:
                print("      > no finding")
    if also:
        print()
        print(f"Also (informational, not failures): {len(also)}")
        for a in also:
            print(f"  {a['migration']}  observed {'+'.join(a['kinds'])}: {a['what']}: {', '.join(a['rules'])}")
    present = {(d["migration"], d["kind"]) for d in disagreements}
    stale = [a for a in allowlist if (a["migration"], a["kind"]) not in present]
    if stale:
        print()
        print(f"Allow-list entries that no longer disagree (remove them): {len(stale)}")
        for a in stale:
            print(f"  {a['migration']} {a['kind']}")
    print()
    print(f"judge.py: {len(failing)} disagreement(s) not allow-listed, {len(listed)} allow-listed "
          f"({time.monotonic() - started:.0f}s)")

    if args.json_out:
        with open(args.json_out, "w") as fh:
            json.dump({"server_version": version, "zerodowntime": binary_version, "migrations": len(migrations), "checks": len(groups),
                       "share": args.share, "confusion": table, "disagreements": disagreements,
                       "also": also, "stale_allowlist": stale}, fh, indent=1)
            fh.write("\n")
    if args.keep_findings:
        with open(args.keep_findings, "w") as fh:
            json.dump({f"{m['app']}.{m['name']}": findings[i] for i, m in enumerate(migrations)}, fh, indent=1)
            fh.write("\n")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
