"""Run a command and measure it: wall time and peak memory of it and its children together.

Shared by the benchmark scripts, so that every figure in the README is measured one way.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    """What one measured run gave."""

    returncode: int
    seconds: float
    peak_mb: int  # RSS summed over the process and its children, sampled every 0.1 s
    stderr: str


def run_measured(cmd: list[str], cwd: Path | None = None) -> Measured:
    """Run ``cmd`` to its end (stdout discarded, stderr kept) and measure it."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    parent = psutil.Process(proc.pid)
    # stderr is read after the end: a build writes little there, far less than a pipe holds
    while proc.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.1)
    stderr = proc.stderr.read() if proc.stderr else ""
    return Measured(proc.returncode, time.perf_counter() - start, peak // 2**20, stderr)
