"""API latency and throughput under concurrent load on loopback.

Run: ``python benchmarks/api.py [--concurrency 8] [--seconds 5] [--out DIR] [PATH ...]``
(default: the bundled corpus in a fresh folder; with ``--out`` and no PATH, what is built in
DIR, e.g. the whole BWB by ``benchmarks/whole_bwb.py``). Starts ``wetgraaf serve`` in its own process (uvicorn, one worker), waits
until it answers, then drives it from this process with N client threads (httpx, keep-alive)
for a fixed time per endpoint. Prints p50/p95/p99 latency and requests/s per endpoint, and
the ratio of each to ``/health`` measured in the same run (the baseline: the cost of the
HTTP stack itself, with no work behind it).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
TERMS = ["partner", "inkomen", "kind", "toetsingsinkomen", "werknemer", "belanghebbende", "huishouden", "woning"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _load(base: str, paths: list[str], seconds: float, concurrency: int) -> tuple[list[float], int, int]:
    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(seed: int) -> None:
        nonlocal errors
        rnd = random.Random(seed)
        mine: list[float] = []
        bad = 0
        with httpx.Client(base_url=base, timeout=30) as c:
            while time.perf_counter() < stop:
                p = rnd.choice(paths)
                t0 = time.perf_counter()
                try:
                    r = c.get(p)
                except httpx.HTTPError:
                    bad += 1
                    continue
                mine.append(time.perf_counter() - t0)
                bad += r.status_code >= 400 and r.status_code != 404
        with lock:
            lat.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, errors, int(len(lat) / (time.perf_counter() - t0))


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--out", default=None, help="serve what is built in this folder (default: a fresh one)")
    args = ap.parse_args(argv)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    out = args.out or tempfile.mkdtemp(prefix="wetgraaf-bench-api-")
    cmd = [sys.executable, "-m", "wetgraaf.cli", "serve", *args.paths, "--port", str(port), "--out", out]
    env = {**os.environ, "WETGRAAF_TOKENS": "bench=bench-token-0123456789"}
    print(f"starting: {' '.join(cmd)}", file=sys.stderr)
    t0 = time.perf_counter()
    log = open(Path(out) / "server.log", "w+b")  # noqa: SIM115 - a file, not a pipe that could fill up and block the server
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise SystemExit(f"server exited: {log.read().decode()[-2000:]}")
            try:
                if httpx.get(base + "/health", timeout=1).json()["status"] == "ok":
                    break
            except (httpx.HTTPError, ValueError):
                time.sleep(0.2)
        print(f"server ready after {time.perf_counter() - t0:.1f} s (ingest, analyse, build stores)", file=sys.stderr)
        cases = {
            "/health (baseline)": ["/health"],
            "term search /terms?q=": [f"/terms?q={t[:5]}" for t in TERMS],
            "term lookup /terms/{t}/definitions": [f"/terms/{t}/definitions" for t in TERMS],
            "cluster listing /clusters": [
                "/clusters?limit=50",
                "/clusters?limit=50&offset=10",
                "/clusters?term=partner",
            ],
            "cluster detail /clusters/{id}": [],
        }
        ids = [c["id"] for c in httpx.get(base + "/clusters?limit=20").json()["items"]]
        cases["cluster detail /clusters/{id}"] = [f"/clusters/{i}" for i in ids]
        for paths in cases.values():  # warm caches once
            for p in paths:
                httpx.get(base + p, timeout=60)
        rows = []
        for name, paths in cases.items():
            lat, errors, rps = _load(base, paths, args.seconds, args.concurrency)
            q = statistics.quantiles(lat, n=100)
            rows.append((name, q[49] * 1000, q[94] * 1000, q[98] * 1000, rps, errors))
        b50, brps = rows[0][1], rows[0][4]
        print(f"\n{args.concurrency} concurrent clients, {args.seconds:g} s per endpoint, one server process\n")
        print(
            f"{'endpoint':38} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7} {'p50 ×base':>10} {'req/s ×base':>12} {'errors':>6}"
        )
        for name, p50, p95, p99, rps, err in rows:
            print(f"{name:38} {p50:8.2f} {p95:8.2f} {p99:8.2f} {rps:7d} {p50 / b50:10.2f} {rps / brps:12.2f} {err:6d}")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)


if __name__ == "__main__":
    main(sys.argv[1:])
