#!/usr/bin/env python3
"""Pseudo-terminal driver for bench/run.mjs: time to first frame, and peak memory.

Reads one JSON request per line on stdin and answers one JSON line on stdout, so one
Python process (started once, outside any measurement) serves every run, and the clock
covers exactly: fork -> exec of the command -> the marker text appearing on the terminal.

Request:  {"cmd": [...], "cwd": "...", "env": {...}, "marker": "Project name",
           "cols": 100, "rows": 30, "idleMs": 0, "timeoutMs": 10000}
Answer:   {"ok": true, "ms": 52.1, "hwmKiB": 51234, "rssKiB": 50000, "pid": 123}
          {"ok": false, "error": "...", "tail": "last output, ANSI stripped"}

The child gets a real terminal (pty.fork: new session, the pty as controlling terminal
and as stdin/stdout/stderr) with the given window size. Output is read continuously
(so the child never blocks on a full pty buffer); a cursor-position query (ESC[6n) is
answered, in case a tool waits for one. After the marker, the child is left running for
idleMs while output is still drained, then VmHWM/VmRSS are read from /proc and the
child is killed (SIGKILL) and reaped.
"""
import errno
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x1b[()][0-9A-Za-z]")


def strip(data: bytes) -> str:
    return ANSI.sub(b"", data).decode("utf-8", "replace")


def proc_status(pid: int) -> dict:
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    key, value = line.split(":", 1)
                    out[key] = int(value.split()[0])  # kB
    except OSError:
        pass
    return out


def run(req: dict) -> dict:
    cmd = req["cmd"]
    env = req.get("env") or dict(os.environ)
    cwd = req.get("cwd") or os.getcwd()
    marker = req["marker"]
    cols, rows = int(req.get("cols", 100)), int(req.get("rows", 30))
    idle = float(req.get("idleMs", 0)) / 1000
    timeout = float(req.get("timeoutMs", 10000)) / 1000

    t0 = time.perf_counter_ns()
    pid, fd = pty.fork()
    if pid == 0:  # child: size the terminal, then become the command
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.chdir(cwd)
            os.execvpe(cmd[0], cmd, env)
        except BaseException as e:  # noqa: BLE001 - report anything, never return into the driver
            os.write(2, f"pty.py: exec failed: {e}\n".encode())
        os._exit(127)

    buf = b""
    found_at = None
    exited = None
    deadline = time.monotonic() + timeout
    idle_until = None
    eof = False
    try:
        while True:
            now = time.monotonic()
            if idle_until is not None and now >= idle_until:
                break
            if found_at is None and now >= deadline:
                break
            wait = (idle_until if idle_until is not None else deadline) - now
            ready, _, _ = select.select([fd], [], [], max(0.0, min(wait, 0.05)))
            if not ready:
                if exited is None:
                    done, status = os.waitpid(pid, os.WNOHANG)
                    if done:
                        exited = status
                        # drain whatever is left, then stop if the marker never came
                        continue
                elif found_at is None:
                    break
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError as e:  # EIO: the child closed the terminal
                if e.errno != errno.EIO:
                    raise
                chunk = b""
            if not chunk:
                if found_at is None:
                    eof = True
                    break
                idle_until = time.monotonic()  # nothing more to wait for
                continue
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
            if found_at is None:
                buf += chunk
                if marker in strip(buf[-262144:]):
                    found_at = time.perf_counter_ns()
                    idle_until = time.monotonic() + idle
        mem = proc_status(pid) if exited is None else {}
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        # drain so the child is never stuck writing, then reap
        try:
            while select.select([fd], [], [], 0.0)[0] and os.read(fd, 65536):
                pass
        except OSError:
            pass
        os.close(fd)
        if exited is None:
            try:
                status = os.waitpid(pid, 0)[1]
                if eof:
                    exited = status
            except ChildProcessError:
                pass

    if found_at is None:
        if exited is None:
            why = f"timed out after {timeout:g} s"
        elif os.WIFSIGNALED(exited):
            why = f"killed by signal {os.WTERMSIG(exited)}"
        else:
            why = f"exited with code {os.WEXITSTATUS(exited)}"
        return {"ok": False, "error": f"marker {marker!r} not seen ({why})", "tail": strip(buf)[-2000:]}
    return {
        "ok": True,
        "ms": (found_at - t0) / 1e6,
        "hwmKiB": mem.get("VmHWM"),
        "rssKiB": mem.get("VmRSS"),
        "pid": pid,
    }


def main() -> None:
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            answer = run(json.loads(line))
        except Exception as e:  # noqa: BLE001 - the harness reports it
            answer = {"ok": False, "error": f"pty.py: {type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
