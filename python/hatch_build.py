"""Hatchling plugins for the zerodowntime wheel: the Swift binary goes into the venv's bin/ as
the `zerodowntime` script (no Python start-up in front of it), the wheel is tagged for the
platform the binary runs on, and the version is the one the binary prints.

scripts/build-wheel stages the stripped release binary at build/bin/zerodowntime (or names
another one with ZERODOWNTIME_BINARY) before it calls the build backend, and checks the tag
chosen here with `auditwheel show`.
"""
import os
import platform
import re
import subprocess

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.metadata.plugin.interface import MetadataHookInterface

STAGED_BINARY = os.path.join("build", "bin", "zerodowntime")

# auditwheel's manylinux policies (manylinux-policy.json): the newest symbol versions each
# allows from libstdc++ and libgcc_s besides glibc's own, so a binary needing GLIBCXX_3.4.30 is
# manylinux_2_35 even when it needs nothing newer than GLIBC_2.34. Oldest first.
MANYLINUX_POLICIES = [
    # (glibc, GLIBCXX, GCC, CXXABI)
    ((2, 17), (3, 4, 19), (4, 8, 0), (1, 3, 7)),
    ((2, 24), (3, 4, 22), (4, 8, 0), (1, 3, 10)),
    ((2, 26), (3, 4, 22), (4, 8, 0), (1, 3, 10)),
    ((2, 27), (3, 4, 24), (7, 0, 0), (1, 3, 11)),
    ((2, 28), (3, 4, 24), (7, 0, 0), (1, 3, 11)),
    ((2, 31), (3, 4, 28), (7, 0, 0), (1, 3, 12)),
    ((2, 34), (3, 4, 29), (7, 0, 0), (1, 3, 13)),
    ((2, 35), (3, 4, 30), (12, 0, 0), (1, 3, 13)),
    ((2, 36), (3, 4, 30), (12, 0, 0), (1, 3, 13)),
    ((2, 38), (3, 4, 30), (12, 0, 0), (1, 3, 13)),
    ((2, 39), (3, 4, 33), (14, 0, 0), (1, 3, 15)),
    ((2, 40), (3, 4, 33), (14, 0, 0), (1, 3, 15)),
    ((2, 41), (3, 4, 33), (14, 0, 0), (1, 3, 15)),
]


def binary_path(root):
    return os.environ.get("ZERODOWNTIME_BINARY") or os.path.join(root, STAGED_BINARY)


def require_binary(root):
    path = binary_path(root)
    if not os.access(path, os.X_OK):
        raise RuntimeError(
            f"zerodowntime wheel: no binary at {path}; build the wheel with scripts/build-wheel, "
            "which builds the Swift release binary and stages it there (or set ZERODOWNTIME_BINARY)"
        )
    return path


def needed_symbol_versions(path):
    """The newest version the binary needs of each versioned library namespace (GLIBC, GLIBCXX…)."""
    listing = subprocess.run(["objdump", "-T", path], check=True, capture_output=True, text=True).stdout
    newest = {}
    for namespace, version in re.findall(r"\((GLIBC|GLIBCXX|GCC|CXXABI)_([0-9.]+)\)", listing):
        parts = tuple(int(part) for part in version.split("."))
        newest[namespace] = max(newest.get(namespace, ()), parts)
    return newest


def platform_tag(path):
    """manylinux_2_XX_<arch> for the oldest policy that covers every symbol the binary needs;
    linux_<arch> (installable locally, refused by PyPI) when none does or objdump is missing."""
    machine = platform.machine()
    try:
        needs = needed_symbol_versions(path)
    except (OSError, subprocess.CalledProcessError):
        return f"linux_{machine}"
    for glibc, glibcxx, gcc, cxxabi in MANYLINUX_POLICIES:
        allowed = {"GLIBC": glibc, "GLIBCXX": glibcxx, "GCC": gcc, "CXXABI": cxxabi}
        if all(needs.get(name, ()) <= limit for name, limit in allowed.items()):
            return f"manylinux_{glibc[0]}_{glibc[1]}_{machine}"
    return f"linux_{machine}"


class ZeroDowntimeBinaryHook(BuildHookInterface):
    PLUGIN_NAME = "zerodowntime-binary"

    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        path = require_binary(self.root)
        build_data["shared_scripts"][path] = "zerodowntime"
        build_data["pure_python"] = False
        build_data["tag"] = f"py3-none-{os.environ.get('ZERODOWNTIME_PLATFORM_TAG') or platform_tag(path)}"


class ZeroDowntimeBinaryVersion(MetadataHookInterface):
    """The version is what `zerodowntime --version` prints, so the wheel and the binary cannot
    disagree (it is set in Sources/ZeroDowntimeCLI/ZeroDowntime.swift)."""

    PLUGIN_NAME = "zerodowntime-binary"

    def update(self, metadata):
        path = require_binary(self.root)
        printed = subprocess.run([path, "--version"], check=True, capture_output=True, text=True).stdout
        metadata["version"] = printed.strip()
