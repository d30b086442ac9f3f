"""Latency of `cchc serve` under 20 concurrent clients, the whole server measured from outside.

Two stores: the demo's (every bundled dataset) and the 1,000,000-respondent survey store
(bench/data/survey_shared_1000000.xlsx imported by `cchc import`). For each, the release binary
serves the store on a free loopback port; each page is first requested once alone (cold: the
query computed), then 20 client threads request every page in turn, ROUNDS times each, a fresh
connection per request as a browser tab opening a page; latency is the time to the last byte.
Prints a Markdown table: store, page, cold (ms), then p50 / p95 / max (ms) of the concurrent
requests, and the requests per second of the whole run.

Usage: python3 bench/serve_load.py [--rounds 10] [--clients 20]
"""

import argparse
import http.client
import os
import statistics
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CCHC = os.path.join(ROOT, "target", "release", "cchc")
SURVEY = os.path.join(ROOT, "bench", "data", "survey_shared_1000000.xlsx")

DEMO_PAGES = [
    "/",
    "/scorecards",
    "/scorecards?unit=S%E1%BB%9F+Y+t%E1%BA%BF&year=2024",
    "/surveys",
    "/procedures",
    "/units",
    "/api/scorecard/trend",
    "/api/survey/index?by=element",
    "/api/procedures/stats?by=unit",
]
SURVEY_PAGES = [
    "/",
    "/surveys",
    "/api/survey/index",
    "/api/survey/index?by=element",
    "/api/survey/index?by=question",
]


def fetch(port, path):
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")
    return (time.perf_counter() - start) * 1000


def serve(store):
    proc = subprocess.Popen([CCHC, "--store", store, "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    url = next(w for w in line.split() if w.startswith("http://"))
    return proc, int(url.split(":")[2].split("/")[0])


def measure(name, store, pages, clients, rounds):
    proc, port = serve(store)
    try:
        cold = {p: fetch(port, p) for p in pages}
        times = {p: [] for p in pages}
        lock = threading.Lock()

        def client(offset):
            for r in range(rounds):
                for i in range(len(pages)):
                    page = pages[(i + offset + r) % len(pages)]
                    ms = fetch(port, page)
                    with lock:
                        times[page].append(ms)

        start = time.perf_counter()
        threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait()
    total = sum(len(v) for v in times.values())
    rows = []
    for p in pages:
        v = sorted(times[p])
        p95 = v[min(len(v) - 1, int(round(0.95 * (len(v) - 1))))]
        rows.append(f"| {name} | `{p}` | {cold[p]:.0f} | {statistics.median(v):.1f} | {p95:.1f} "
                    f"| {v[-1]:.1f} |")
    return rows, total / elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--clients", type=int, default=20)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-p", "cchc-cli"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        demo = os.path.join(tmp, "demo")
        subprocess.run([CCHC, "--quiet", "demo", "--out", demo], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        survey = os.path.join(tmp, "survey")
        if not os.path.exists(SURVEY):
            subprocess.run(["python3", os.path.join(ROOT, "bench", "run.py"), "--sizes", "1000000",
                            "--variants", "shared", "--repeat", "1"], check=True)
        subprocess.run([CCHC, "--quiet", "--store", survey, "import", SURVEY], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"{args.clients} clients, {args.rounds} rounds of every page each\n")
        print("| store | page | cold (ms) | p50 (ms) | p95 (ms) | max (ms) |")
        print("|---|---|---:|---:|---:|---:|")
        rates = []
        for name, store, pages in [("demo", os.path.join(demo, "store"), DEMO_PAGES),
                                   ("1M survey", survey, SURVEY_PAGES)]:
            rows, rate = measure(name, store, pages, args.clients, args.rounds)
            print("\n".join(rows))
            rates.append(f"{name}: {rate:.0f} requests/s")
        print("\n" + "; ".join(rates))


if __name__ == "__main__":
    main()
