"""Without Chromium the browser tests are skipped loudly, and under ``CI=1`` they fail.

Issue 15: a missing Chromium skipped the review page's browser tests with a one-line reason
that only ``-rs`` showed; a run looked green while the page was not tested at all. Here a
real pytest run of the browser tests (``-m browser``) is made with ``WETGRAAF_CHROMIUM``
naming a path that does not exist, which is what a machine without Chromium looks like.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_TESTS = [
    "tests/test_web.py::test_search_compare_and_decide",
    "tests/test_review_page.py::test_partner_cluster_page_in_chromium",
    "tests/test_review_page.py::test_unknown_cluster_and_titles_in_chromium",
    "tests/test_review_page.py::test_term_page_badge_says_relative_to_what",
]


def _run(ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    env["WETGRAAF_CHROMIUM"] = "/nonexistent/chromium"
    if ci:
        env["CI"] = "1"
    cmd = [sys.executable, "-m", "pytest", "tests/test_web.py", "tests/test_review_page.py", "-m", "browser"]
    cmd += ["-p", "no:cacheprovider", "-q", "--color=no"]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_a_missing_chromium_is_a_loud_skip() -> None:
    r = _run(ci=False)
    assert r.returncode == 0, r.stdout + r.stderr
    out = r.stdout
    assert "4 skipped" in out, out
    # the warning section of the summary: what was not tested, and how to get Chromium
    summary = out[out.index("browser tests skipped") :]
    for test in BROWSER_TESTS:
        assert test in summary, summary
    assert "apt-get install chromium" in summary and "/nonexistent/chromium" in summary
    # the skip reason itself (``-ra`` in addopts prints it) names the install command
    assert "SKIPPED [4]" in out and "apt-get install chromium" in out.split("short test summary")[1]


def test_under_ci_a_missing_chromium_fails() -> None:
    r = _run(ci=True)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "4 failed" in r.stdout or "4 errors" in r.stdout, r.stdout
    assert "skipped" not in r.stdout.split("short test summary")[-1]
    assert "CI=1" in r.stdout and "apt-get install chromium" in r.stdout
