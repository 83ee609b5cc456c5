"""API latency and throughput under concurrent load on loopback.

Run: ``python benchmarks/api.py [--concurrency 8] [--seconds 5] [--out DIR] [PATH ...]``
(default: the bundled corpus in a fresh folder; with ``--out`` and no PATH, what is built in
DIR, e.g. the whole BWB by ``benchmarks/whole_bwb.py``). Starts ``wetgraaf serve`` in its own process (uvicorn, one worker), waits
until it answers, then drives it from this process with N client threads (httpx, or
``--client stdlib`` for http.client; keep-alive) for a fixed time per endpoint. Prints
p50/p95/p99 latency and requests/s per endpoint, the ratio of each to ``/health`` measured in
the same run (the baseline: the cost of the HTTP stack itself, with no work behind it), and
the CPU per request of the server and of this client, which share the machine's cores.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from _serve import serving

ROOT = Path(__file__).resolve().parent.parent
TERMS = ["partner", "inkomen", "kind", "toetsingsinkomen", "werknemer", "belanghebbende", "huishouden", "woning"]


class _StdlibClient:
    """One keep-alive connection through ``http.client`` (``--client stdlib``): a few µs of Python
    per request where httpx spends about a millisecond; the client shares the machine's cores
    with the server, so its CPU is taken from the server's."""

    def __init__(self, base: str) -> None:
        import http.client
        from urllib.parse import urlsplit

        u = urlsplit(base)
        self._conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)

    def get(self, path: str) -> int:
        self._conn.request("GET", path)
        r = self._conn.getresponse()
        r.read()
        return r.status

    def close(self) -> None:
        self._conn.close()


class _HttpxClient:
    def __init__(self, base: str) -> None:
        self._c = httpx.Client(base_url=base, timeout=30)

    def get(self, path: str) -> int:
        return self._c.get(path).status_code

    def close(self) -> None:
        self._c.close()


CLIENTS = {"httpx": _HttpxClient, "stdlib": _StdlibClient}


def _load(
    base: str, paths: list[str], seconds: float, concurrency: int, client: str = "httpx"
) -> tuple[list[float], int, int, float]:
    """Latencies, errors, requests/s and the client's CPU seconds of ``concurrency`` threads that
    each send one request after another on one keep-alive connection for ``seconds``.

    The clients are made before the clock starts (an httpx client loads the CA bundle: tens of
    ms each, which used to fall inside the measured window)."""
    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    clients = [CLIENTS[client](base) for _ in range(concurrency)]
    ready = threading.Barrier(concurrency + 1)
    stop = 0.0

    def worker(seed: int, c: _HttpxClient | _StdlibClient) -> None:
        nonlocal errors
        rnd = random.Random(seed)
        mine: list[float] = []
        bad = 0
        ready.wait()
        while time.perf_counter() < stop:
            p = rnd.choice(paths)
            t0 = time.perf_counter()
            try:
                status = c.get(p)
            except (httpx.HTTPError, OSError):
                bad += 1
                continue
            mine.append(time.perf_counter() - t0)
            bad += status >= 400 and status != 404
        with lock:
            lat.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    stop = t0 + seconds
    ready.wait()
    for t in threads:
        t.join()
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    for c in clients:
        c.close()
    return lat, errors, int(len(lat) / wall), cpu


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children that are still running (Linux; 0 elsewhere)."""
    total = 0.0
    try:
        pids = [pid, *(int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
        for p in pids:
            f = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return 0.0
    return total


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--out", default=None, help="serve what is built in this folder (default: a fresh one)")
    ap.add_argument(
        "--client",
        choices=sorted(CLIENTS),
        default="httpx",
        help="HTTP client of the load threads (stdlib: http.client, far less client CPU)",
    )
    args = ap.parse_args(argv)
    out = args.out or tempfile.mkdtemp(prefix="wetgraaf-bench-api-")
    env = {**os.environ, "WETGRAAF_TOKENS": "bench=bench-token-0123456789"}
    t0 = time.perf_counter()
    with serving(
        [*args.paths, "--out", out],
        Path(out) / "server.log",
        "/health",
        lambda r: r.json()["status"] == "ok",
        env=env,
        timeout=1,
        poll=0.2,
    ) as (proc, base, _health):
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
            server0 = _cpu_seconds(proc.pid)
            lat, errors, rps, client_cpu = _load(base, paths, args.seconds, args.concurrency, args.client)
            server_cpu = _cpu_seconds(proc.pid) - server0
            q = statistics.quantiles(lat, n=100)
            n = len(lat)
            rows.append(
                (
                    name,
                    q[49] * 1000,
                    q[94] * 1000,
                    q[98] * 1000,
                    rps,
                    errors,
                    server_cpu * 1000 / n,
                    client_cpu * 1000 / n,
                )
            )
        b50, brps = rows[0][1], rows[0][4]
        print(
            f"\n{args.concurrency} concurrent clients ({args.client}), {args.seconds:g} s per endpoint, "
            f"one server process; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n"
        )
        print(
            f"{'endpoint':38} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7} {'p50 ×base':>10} {'req/s ×base':>12} "
            f"{'errors':>6} {'server CPU ms/req':>18} {'client CPU ms/req':>18}"
        )
        for name, p50, p95, p99, rps, err, scpu, ccpu in rows:
            print(
                f"{name:38} {p50:8.2f} {p95:8.2f} {p99:8.2f} {rps:7d} {p50 / b50:10.2f} {rps / brps:12.2f} {err:6d} "
                f"{scpu:18.2f} {ccpu:18.2f}"
            )
        print(
            f"\nEach client sends its next request when the last is answered, so the mean latency is "
            f"{args.concurrency} / (req/s) (Little's law): a p95 of 20 ms at {args.concurrency} clients needs "
            f"about {args.concurrency / 0.02:,.0f} req/s or more, client and server on this machine together."
        )


if __name__ == "__main__":
    main(sys.argv[1:])
