"""Where the `zerodowntime` binary is: the one the wheel put into this environment's scripts
directory (the venv's bin/, beside sys.executable), else the first on PATH."""
import os
import shutil
import sys
import sysconfig


class ExecutableNotFound(Exception):
    pass


def candidate_directories():
    # The wheel's .data/scripts land in the scheme's scripts path; --user installs in the user one.
    directories = [sysconfig.get_path("scripts"), os.path.dirname(sys.executable)]
    try:
        directories.append(sysconfig.get_path("scripts", f"{os.name}_user"))
    except KeyError:
        pass
    return [directory for directory in directories if directory]


def find_executable():
    """The binary's path. ZERODOWNTIME_BINARY names another one (a development build)."""
    explicit = os.environ.get("ZERODOWNTIME_BINARY")
    if explicit:
        if os.access(explicit, os.X_OK):
            return explicit
        raise ExecutableNotFound(f"ZERODOWNTIME_BINARY={explicit} is not an executable file")
    for directory in candidate_directories():
        path = os.path.join(directory, "zerodowntime")
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    found = shutil.which("zerodowntime")
    if found:
        return found
    searched = ", ".join(candidate_directories())
    raise ExecutableNotFound(
        f"the zerodowntime binary is not in {searched} nor on PATH; "
        "reinstall the zerodowntime wheel for this platform (pip install --force-reinstall zerodowntime)"
    )


def _descriptor(stream):
    """The stream's file descriptor when it has a real one (the terminal, a file, a pipe), so the
    binary writes there itself and sees a terminal as a terminal; None for an in-memory stream."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return None
    stream.flush()
    return descriptor


def run(arguments, *, input_text=None, stdout=None, stderr=None, extra_environment=None):
    """Runs the binary with `arguments`, its output going to `stdout` and `stderr` (file-like:
    Django's OutputWrapper, sys.stdout, a StringIO under call_command), and returns its exit code."""
    import subprocess

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    out, err = _descriptor(stdout), _descriptor(stderr)
    environment = {**os.environ, **(extra_environment or {})}
    completed = subprocess.run(
        [find_executable(), *arguments],
        input=None if input_text is None else input_text.encode(),
        stdin=subprocess.DEVNULL if input_text is None else None,
        stdout=subprocess.PIPE if out is None else out,
        stderr=subprocess.PIPE if err is None else err,
        env=environment,
    )
    for captured, stream in ((completed.stdout, stdout), (completed.stderr, stderr)):
        if captured:
            text = captured.decode(errors="replace")
            try:
                stream.write(text, ending="")  # Django's OutputWrapper adds a newline otherwise
            except TypeError:
                stream.write(text)
    return completed.returncode
