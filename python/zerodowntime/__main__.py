"""`python -m zerodowntime ARGS…` runs the binary, for when the venv's bin/ is not on PATH."""
import os
import sys

from zerodowntime.executable import find_executable


def main():
    binary = find_executable()
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
