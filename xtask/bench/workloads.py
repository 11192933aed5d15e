"""Benchmark workloads for the official Python SDK (extend-ai), driven by
`cargo xtask bench`.

Usage:
    python workloads.py webhooks DATA_DIR SECONDS
    python workloads.py decode DATA_DIR SECONDS
    python workloads.py poll BASE_URL RUNS
    python workloads.py roundtrip BASE_URL SECONDS

Each measurement prints one JSON line on stdout. Throughput loops use the
same method as the Rust and TypeScript runners: a warm-up, then up to five
samples of SECONDS / 5 each, and the median rate of the samples. Sampling
stops early once SECONDS have passed, which only happens when one operation
takes longer than a sample.
"""

import asyncio
import json
import os
import resource
import statistics
import sys
import time

import httpx

from extend_ai import AsyncExtend, Extend
from extend_ai.core.pydantic_utilities import parse_obj_as
from extend_ai.types.extract_run import ExtractRun
from extend_ai.types.parse_run import ParseRun

SDK = "python"
SAMPLES = 5
TEXT = "Invoice Number: INV-1\nTotal Due: 10.00"
SCHEMA = {"type": "object", "properties": {"total_due": {"type": "number"}}}


def emit(record):
    record["sdk"] = SDK
    print(json.dumps(record), flush=True)


def measure_rate(operation, seconds):
    """Return the median operations per second of up to five samples."""
    warm_up_end = time.perf_counter() + min(0.5, seconds / 4)
    while time.perf_counter() < warm_up_end:
        operation()
    rates = []
    sampling = time.perf_counter()
    # An operation slower than a sample fills each sample alone, so sampling
    # also stops once the whole budget is spent.
    while len(rates) < SAMPLES and (not rates or time.perf_counter() - sampling < seconds):
        count = 0
        start = time.perf_counter()
        deadline = start + seconds / SAMPLES
        while True:
            operation()
            count += 1
            now = time.perf_counter()
            if now >= deadline:
                break
        rates.append(count / (now - start))
    return statistics.median(rates)


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib():
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_webhooks(data_dir, seconds):
    with open(os.path.join(data_dir, "webhook-cases.json"), encoding="utf-8") as handle:
        cases = json.load(handle)
    # No request is sent: verify_and_parse works on the given bytes only.
    webhooks = Extend(token="sk_bench", base_url="http://127.0.0.1:9").webhooks
    secret = cases["secret"]
    for case in cases["cases"]:
        with open(os.path.join(data_dir, case["file"]), "rb") as handle:
            body = handle.read()
        headers = case["headers"]
        event = webhooks.verify_and_parse(body, headers, secret)
        # The SDK falls back to a plain dict when the typed parse fails; the
        # benchmark body must take the typed path.
        typed = not isinstance(event, dict)
        rate = measure_rate(lambda: webhooks.verify_and_parse(body, headers, secret), seconds)
        emit({
            "workload": "webhooks",
            "case": case["label"],
            "bytes": len(body),
            "events_per_s": rate,
            "mb_per_s": rate * len(body) / 1e6,
            "typed": typed,
        })


def run_decode(data_dir, seconds):
    for label, file_name, model in (
        ("extract_run", "extract-run.json", ExtractRun),
        ("parse_run", "parse-run.json", ParseRun),
    ):
        with open(os.path.join(data_dir, file_name), "rb") as handle:
            body = handle.read()
        # The same two steps as the SDK's response handling: json.loads (what
        # httpx's Response.json() calls), then parse_obj_as into the model.
        decode = lambda: parse_obj_as(model, json.loads(body))
        decoded = decode()
        assert isinstance(decoded, model), type(decoded)
        rate = measure_rate(decode, seconds)
        emit({
            "workload": "decode",
            "case": label,
            "bytes": len(body),
            "decodes_per_s": rate,
            "mb_per_s": rate * len(body) / 1e6,
        })


async def run_poll(base_url, runs):
    counts = {"GET": 0, "POST": 0}

    async def count_request(request):
        counts["GET" if request.method == "GET" else "POST"] += 1

    # The SDK's default client is httpx.AsyncClient(timeout=300,
    # follow_redirects=True); this one adds only the request counter.
    http_client = httpx.AsyncClient(
        timeout=300, follow_redirects=True, event_hooks={"request": [count_request]}
    )
    client = AsyncExtend(token="sk_bench", base_url=base_url, httpx_client=http_client)

    async def one_wait():
        run = await client.extract_runs.create_and_poll(file={"text": TEXT}, config={"schema": SCHEMA})
        return run.status

    cpu_before = cpu_seconds()
    started = time.perf_counter()
    results = await asyncio.gather(*(one_wait() for _ in range(runs)), return_exceptions=True)
    wall = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    failures = [result for result in results if isinstance(result, BaseException)]
    for failure in failures[:3]:
        print(f"poll: a wait failed: {failure!r}", file=sys.stderr)
    emit({
        "workload": "poll",
        "case": str(runs),
        "runs": runs,
        "processed": sum(1 for result in results if result == "PROCESSED"),
        "failed": len(failures),
        "gets": counts["GET"],
        "posts": counts["POST"],
        "wall_s": wall,
        "cpu_s": cpu,
        "cpu_ms_per_1000_polls": cpu * 1e6 / counts["GET"] if counts["GET"] else 0.0,
        "peak_rss_mib": peak_rss_mib(),
    })
    await http_client.aclose()


def run_roundtrip(base_url, seconds):
    client = Extend(token="sk_bench", base_url=base_url)
    run = client.extract_runs.create_and_poll(file={"text": TEXT}, config={"schema": SCHEMA})
    calls = 0

    def retrieve():
        nonlocal calls
        calls += 1
        client.extract_runs.retrieve(run.id)

    cpu_before = cpu_seconds()
    rate = measure_rate(retrieve, seconds)
    cpu = cpu_seconds() - cpu_before
    emit({"workload": "roundtrip", "case": "sync", "us_per_call": 1e6 / rate, "cpu_us_per_call": cpu * 1e6 / calls})

    async def async_rate():
        async_client = AsyncExtend(token="sk_bench", base_url=base_url)
        calls = 20
        for _ in range(calls):
            await async_client.extract_runs.retrieve(run.id)
        # measure_rate takes a plain function, so the awaits are timed here.
        rates = []
        for _ in range(SAMPLES):
            count = 0
            start = time.perf_counter()
            deadline = start + seconds / SAMPLES
            while True:
                await async_client.extract_runs.retrieve(run.id)
                count += 1
                now = time.perf_counter()
                if now >= deadline:
                    break
            rates.append(count / (now - start))
            calls += count
        return statistics.median(rates), calls

    cpu_before = cpu_seconds()
    rate, calls = asyncio.run(async_rate())
    cpu = cpu_seconds() - cpu_before
    emit({"workload": "roundtrip", "case": "async", "us_per_call": 1e6 / rate, "cpu_us_per_call": cpu * 1e6 / calls})


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    task, target, amount = argv[1], argv[2], argv[3]
    if task == "webhooks":
        run_webhooks(target, float(amount))
    elif task == "decode":
        run_decode(target, float(amount))
    elif task == "poll":
        asyncio.run(run_poll(target, int(amount)))
    elif task == "roundtrip":
        run_roundtrip(target, float(amount))
    else:
        print(f"unknown workload {task!r}; expected webhooks, decode, poll or roundtrip", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
