#!/usr/bin/env python3
"""Time one process as a whole: wall clock from spawn to exit.

    timeproc.py TIMEOUT OUT ERR PROGRAM [ARGS...]

Runs PROGRAM with stdout to OUT and stderr to ERR (the environment is passed on) and prints one
line: "WALL_SECONDS STATUS", STATUS being `ok`, `exit=N` or `timeout` (killed after TIMEOUT
seconds).

Why not `timeout /usr/bin/time PROGRAM` between two `date` calls, as the scripts did before: that
times three more processes with the one measured (`date`, `timeout`, `time`), about 6 ms on this
machine around a 1 ms `/bin/true` (BENCHMARKS.md, "How the figures are taken"), a third of a
10^4-rule run. Here the clock is read right before the spawn (posix_spawn, a vfork-style clone)
and right after `waitpid` returns.

Peak memory is not taken here: the kernel's `ru_maxrss` of a child spawned from this interpreter
counts the interpreter's own 13 MB (exec records the resident size of the memory it replaces), so
the scripts take it from one more run under GNU time, which itself stays under 1 MB.
"""

import os
import signal
import sys
import time


def main() -> int:
    if len(sys.argv) < 5:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    timeout, out, err, argv = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    actions = [
        (os.POSIX_SPAWN_OPEN, 1, out, flags, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, err, flags, 0o644),
    ]
    killed = reaped = False

    def kill(_signum, _frame):
        nonlocal killed
        if reaped:
            return
        killed = True
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:  # it ended and was reaped just now
            killed = False

    signal.signal(signal.SIGALRM, kill)
    start = time.perf_counter_ns()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    # waitpid is retried after the alarm's handler has run (PEP 475), and then reaps the killed
    # child.
    _, status = os.waitpid(pid, 0)
    end = time.perf_counter_ns()
    reaped = True
    signal.setitimer(signal.ITIMER_REAL, 0)
    if killed:
        state = "timeout"
    else:
        code = os.waitstatus_to_exitcode(status)
        state = "ok" if code == 0 else f"exit={code}"
    print(f"{(end - start) / 1e9:.4f} {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
