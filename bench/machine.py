"""One line describing the machine a benchmark ran on (shared by the bench/ scripts)."""

# ruff: noqa: S607 (wrk -v and the caller's tools: fixed commands)

import os
import platform
import subprocess


def cpu_model():
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown CPU"


def wrk_version():
    output = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return output[1] if len(output) > 1 else "unknown"


def machine(*extras):
    """CPUs, memory, platform, Python, wrk, load average, and the caller's ``extras``."""
    with open("/proc/meminfo") as meminfo:
        memory_gb = int(meminfo.readline().split()[1]) / 1024 / 1024
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    parts = [
        f"{os.cpu_count()} × {cpu_model()}",
        f"{memory_gb:.0f} GB RAM",
        platform.platform(),
        f"Python {platform.python_version()}",
        f"wrk {wrk_version()}",
        *extras,
        f"load average {load}",
    ]
    return ", ".join(parts)
