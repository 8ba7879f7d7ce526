"""Runs picklescan, modelscan and fickling on a list of files, one file at a time, in this one
process, and prints one JSON line per file and tool: whether the tool flags the file, whether it
failed on it, and how long it took. Used by Braid's scanner yardstick test and benchmark.

    python compare_scanners.py FILE_LIST [ROUNDS]

FILE_LIST holds one path per line. Each tool is judged as its command line judges:
  picklescan  `picklescan -p FILE` exits 1 when it finds a dangerous global (issues_count > 0)
  modelscan   `modelscan -p FILE` exits 1 when it reports any issue
  fickling    `fickling --check-safety FILE` exits 1 when a stacked pickle's severity is above
              LIKELY_SAFE, 2 when it cannot parse the file
ROUNDS (default 1) repeats each scan and keeps the fastest time, to leave out warm-up.
"""
import json
import logging
import os
import sys
import tempfile
import time

logging.disable(logging.CRITICAL)

from picklescan.scanner import scan_file_path  # noqa: E402
from modelscan.modelscan import ModelScan  # noqa: E402
from modelscan.settings import DEFAULT_SETTINGS  # noqa: E402
from fickling import fickle  # noqa: E402
from fickling.analysis import Severity, check_safety  # noqa: E402

JSON_OUT = os.path.join(tempfile.mkdtemp(), "fickling.json")


def picklescan(path):
    result = scan_file_path(path)
    return result.issues_count > 0, bool(result.scan_err)


def modelscan(path):
    report = ModelScan(settings=DEFAULT_SETTINGS).scan(path)
    return report["summary"]["total_issues"] > 0, bool(report.get("errors"))


def fickling(path):
    with open(path, "rb") as f:
        try:
            stacked = fickle.StackedPickle.load(f, fail_on_decode_error=False)
        except fickle.PickleDecodeError:
            return False, True
    flagged = False
    for pickled in stacked:
        if check_safety(pickled, json_output_path=JSON_OUT).severity > Severity.LIKELY_SAFE:
            flagged = True
    return flagged, False


TOOLS = {"picklescan": picklescan, "modelscan": modelscan, "fickling": fickling}


def main():
    with open(sys.argv[1]) as f:
        files = [line.strip() for line in f if line.strip()]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for path in files:
        for name, tool in TOOLS.items():
            best = None
            flagged, error = False, False
            for _ in range(rounds):
                start = time.perf_counter()
                try:
                    flagged, error = tool(path)
                except Exception:  # a tool that crashes on a file neither flags nor clears it
                    flagged, error = False, True
                took = time.perf_counter() - start
                best = took if best is None else min(best, took)
            print(json.dumps({"file": path, "tool": name, "flagged": flagged, "error": error, "seconds": best}),
                  flush=True)


if __name__ == "__main__":
    main()
