// Benchmark workloads for the official TypeScript SDK (extend-ai), driven
// by `cargo xtask bench`. Run from the folder that contains node_modules.
//
// Usage:
//   node workloads.mjs webhooks DATA_DIR SECONDS
//   node workloads.mjs decode DATA_DIR SECONDS
//   node workloads.mjs poll BASE_URL RUNS
//   node workloads.mjs roundtrip BASE_URL SECONDS
//
// Each measurement prints one JSON line on stdout. Throughput loops use the
// same method as the Rust and Python runners: a warm-up, then up to five
// samples of SECONDS / 5 each, and the median rate of the samples.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { ExtendClient } from "extend-ai";

const require = createRequire(import.meta.url);
// The SDK decodes every response body with this function (JSON.parse); it
// has no schema layer that validates responses.
const { fromJson } = require("extend-ai/core/json.js");

const SDK = "typescript";
const SAMPLES = 5;
const TEXT = "Invoice Number: INV-1\nTotal Due: 10.00";
const SCHEMA = { type: "object", properties: { total_due: { type: "number" } } };

function emit(record) {
  console.log(JSON.stringify({ ...record, sdk: SDK }));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measureRate(operation, seconds) {
  const warmUpEnd = performance.now() + Math.min(500, (seconds * 1000) / 4);
  while (performance.now() < warmUpEnd) operation();
  const rates = [];
  const sampling = performance.now();
  // An operation slower than a sample fills each sample alone, so sampling
  // also stops once the whole budget is spent.
  while (rates.length < SAMPLES && (rates.length === 0 || performance.now() - sampling < seconds * 1000)) {
    let count = 0;
    const start = performance.now();
    const deadline = start + (seconds * 1000) / SAMPLES;
    let now;
    do {
      operation();
      count++;
      now = performance.now();
    } while (now < deadline);
    rates.push((count * 1000) / (now - start));
  }
  return median(rates);
}

async function measureAsyncRate(operation, seconds) {
  for (let i = 0; i < 20; i++) await operation();
  const rates = [];
  for (let sample = 0; sample < SAMPLES; sample++) {
    let count = 0;
    const start = performance.now();
    const deadline = start + (seconds * 1000) / SAMPLES;
    let now;
    do {
      await operation();
      count++;
      now = performance.now();
    } while (now < deadline);
    rates.push((count * 1000) / (now - start));
  }
  return median(rates);
}

function runWebhooks(dataDir, seconds) {
  const cases = JSON.parse(fs.readFileSync(path.join(dataDir, "webhook-cases.json"), "utf8"));
  const client = new ExtendClient({ token: "sk_bench", baseUrl: "http://127.0.0.1:9" });
  for (const entry of cases.cases) {
    const raw = fs.readFileSync(path.join(dataDir, entry.file));
    // The helper takes the body as a string, so each call converts the raw
    // bytes first, as a server handler does with req.body.toString().
    const verify = () => client.webhooks.verifyAndParse(raw.toString("utf8"), entry.headers, cases.secret);
    const event = verify();
    if (event.eventType !== "extract_run.processed") throw new Error(`unexpected event ${event.eventType}`);
    const rate = measureRate(verify, seconds);
    emit({
      workload: "webhooks",
      case: entry.label,
      bytes: raw.length,
      events_per_s: rate,
      mb_per_s: (rate * raw.length) / 1e6,
    });
  }
}

function runDecode(dataDir, seconds) {
  for (const [label, fileName] of [["extract_run", "extract-run.json"], ["parse_run", "parse-run.json"]]) {
    const raw = fs.readFileSync(path.join(dataDir, fileName));
    // The SDK reads the response as text, then calls fromJson on it.
    const decode = () => fromJson(raw.toString("utf8"));
    if (typeof decode().id !== "string") throw new Error(`${fileName} has no id`);
    const rate = measureRate(decode, seconds);
    emit({ workload: "decode", case: label, bytes: raw.length, decodes_per_s: rate, mb_per_s: (rate * raw.length) / 1e6 });
  }
}

async function runPoll(baseUrl, runs) {
  const counts = { GET: 0, POST: 0 };
  // The SDK's default fetch is Node's global fetch; this wrapper only counts.
  const countingFetch = (input, init) => {
    const method = (init?.method ?? "GET").toUpperCase();
    counts[method === "GET" ? "GET" : "POST"]++;
    return fetch(input, init);
  };
  const client = new ExtendClient({ token: "sk_bench", baseUrl, fetch: countingFetch });

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: runs }, () => client.extractRuns.createAndPoll({ file: { text: TEXT }, config: { schema: SCHEMA } })),
  );
  const wall = (performance.now() - started) / 1000;
  const cpuDelta = process.cpuUsage(cpuBefore);
  const cpu = (cpuDelta.user + cpuDelta.system) / 1e6;
  const failures = results.filter((result) => result.status === "rejected");
  for (const failure of failures.slice(0, 3)) console.error(`poll: a wait failed: ${failure.reason}`);
  emit({
    workload: "poll",
    case: String(runs),
    runs,
    processed: results.filter((result) => result.status === "fulfilled" && result.value.status === "PROCESSED").length,
    failed: failures.length,
    gets: counts.GET,
    posts: counts.POST,
    wall_s: wall,
    cpu_s: cpu,
    cpu_ms_per_1000_polls: counts.GET ? (cpu * 1e6) / counts.GET : 0,
    // maxRSS is in KiB.
    peak_rss_mib: process.resourceUsage().maxRSS / 1024,
  });
}

async function runRoundtrip(baseUrl, seconds) {
  const client = new ExtendClient({ token: "sk_bench", baseUrl });
  const run = await client.extractRuns.createAndPoll({ file: { text: TEXT }, config: { schema: SCHEMA } });
  let calls = 0;
  const cpuBefore = process.cpuUsage();
  const rate = await measureAsyncRate(() => {
    calls++;
    return client.extractRuns.retrieve(run.id);
  }, seconds);
  const cpuDelta = process.cpuUsage(cpuBefore);
  const cpuMicros = cpuDelta.user + cpuDelta.system;
  emit({ workload: "roundtrip", case: "async", us_per_call: 1e6 / rate, cpu_us_per_call: cpuMicros / calls });
}

const [task, target, amount] = process.argv.slice(2);
if (task === "webhooks") runWebhooks(target, Number(amount));
else if (task === "decode") runDecode(target, Number(amount));
else if (task === "poll") await runPoll(target, Number(amount));
else if (task === "roundtrip") await runRoundtrip(target, Number(amount));
else {
  console.error(`unknown workload ${JSON.stringify(task)}; expected webhooks, decode, poll or roundtrip`);
  process.exit(2);
}
