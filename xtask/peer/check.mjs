// Runs the official TypeScript SDK (extend-ai) against a local Extend emulator.
//
// Usage: node check.mjs BASE_URL SAMPLES_DIR   (run from the folder holding node_modules)
//
// Every check prints one line, PASS or FAIL with the reason; the exit status
// is 1 when any check failed.

import http from "node:http";
import fs from "node:fs";
import { ExtendClient } from "extend-ai";

const [baseUrl, samples] = process.argv.slice(2);
// The TypeScript createAndPoll forwards only these options; its fast phase
// keeps polling once a second.
const polling = { maxWaitMs: 60_000, initialDelayMs: 50, maxDelayMs: 200 };
const text = "Document Type: Invoice\nInvoice Number: INV-1\nTotal Due: 12.50\n\fDocument Type: Receipt\nPaid: yes\n";
const client = new ExtendClient({ token: "sk_peer_check", baseUrl });
const results = [];

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function check(name, body) {
  try {
    await body();
    results.push([name, null]);
    console.log(`PASS typescript ${name}`);
  } catch (error) {
    results.push([name, error]);
    console.log(`FAIL typescript ${name}: ${error?.stack ?? error}`);
  }
}

function uploadText(name, content) {
  return client.files.upload(new Blob([content], { type: "text/plain" }), {}, {}).then((file) => file);
}

await check("files.upload", async () => {
  const file = await client.files.upload(fs.createReadStream(`${samples}/invoice.pdf`), {});
  assert(file.id.startsWith("file_"), `id ${file.id}`);
  assert(file.type === "PDF", `type ${file.type}`);
});

await check("extractRuns.createAndPoll", async () => {
  const schema = { type: "object", properties: { invoice_number: { type: "string" }, total_due: { type: "number" } } };
  const run = await client.extractRuns.createAndPoll({ file: { text }, config: { schema } }, polling);
  assert(run.status === "PROCESSED", `status ${run.status}`);
  assert(run.output.value.total_due === 12.5, JSON.stringify(run.output));
});

await check("classifyRuns.createAndPoll", async () => {
  const config = { classifications: [{ id: "inv", type: "invoice", description: "An invoice" }, { id: "other", type: "other", description: "Anything else" }] };
  const run = await client.classifyRuns.createAndPoll({ file: { text }, config }, polling);
  assert(run.status === "PROCESSED", `status ${run.status}`);
  assert(run.output.id === "inv", JSON.stringify(run.output));
});

await check("splitRuns.createAndPoll", async () => {
  const file = await uploadText("packet.txt", text);
  const config = { splitClassifications: [{ id: "inv", type: "invoice", description: "An invoice" }, { id: "rcpt", type: "receipt", description: "A receipt" }] };
  const run = await client.splitRuns.createAndPoll({ file: { id: file.id }, config }, polling);
  assert(run.status === "PROCESSED", `status ${run.status}`);
  assert(run.output.splits.map((split) => split.type).join() === "invoice,receipt", JSON.stringify(run.output));
});

await check("parseRuns.createAndPoll", async () => {
  const file = await uploadText("notes.txt", text);
  const run = await client.parseRuns.createAndPoll({ file: { id: file.id } }, polling);
  assert(run.status === "PROCESSED", `status ${run.status}`);
  assert(run.output.chunks.length === 2, `chunks ${run.output.chunks.length}`);
});

await check("workflowRuns.createAndPoll", async () => {
  const run = await client.workflowRuns.createAndPoll({ workflow: { id: "workflow_peer" }, file: { text } }, polling);
  assert(run.status === "PROCESSED", `status ${run.status}`);
  assert(run.stepRuns.map((step) => step.stepType).join() === "PARSE,EXTRACT", JSON.stringify(run.stepRuns));
  const rejected = await client.workflowRuns.createAndPoll(
    { workflow: { id: "workflow_peer" }, file: { text }, metadata: { "emulator:outcome": "REJECTED" } },
    polling,
  );
  assert(rejected.status === "REJECTED", `status ${rejected.status}`);
});

await check("files.list two pages", async () => {
  await uploadText("a.txt", "one");
  await uploadText("b.txt", "two");
  const first = await client.files.list({ maxPageSize: 1 });
  assert(first.data.length === 1, JSON.stringify(first));
  assert(first.nextPageToken, "the first page has no nextPageToken");
  const second = await client.files.list({ maxPageSize: 1, nextPageToken: first.nextPageToken });
  assert(second.data.length === 1, JSON.stringify(second));
  assert(second.data[0].id !== first.data[0].id, "the second page repeats the first");
});

await check("extractRuns.cancel", async () => {
  const schema = { type: "object", properties: { total_due: { type: "number" } } };
  const run = await client.extractRuns.create({ file: { text }, config: { schema } });
  const cancelled = await client.extractRuns.cancel(run.id);
  assert(cancelled.status === "CANCELLED", `status ${cancelled.status}`);
});

await check("webhook delivery verified", async () => {
  let deliver;
  const delivered = new Promise((resolve) => (deliver = resolve));
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      response.writeHead(200).end();
      deliver({ body: Buffer.concat(chunks).toString("utf8"), headers: request.headers });
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const endpoint = await client.webhookEndpoints.create({
      url: `http://127.0.0.1:${server.address().port}/hook`,
      name: "peer check",
      enabledEvents: ["extract_run.processed"],
      apiVersion: "2026-02-09",
    });
    assert(endpoint.signingSecret.startsWith("wss_"), "no signing secret");
    const schema = { type: "object", properties: { total_due: { type: "number" } } };
    const run = await client.extractRuns.createAndPoll({ file: { text }, config: { schema } }, polling);
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("no delivery within 20 s")), 20_000));
    const { body, headers } = await Promise.race([delivered, timeout]);
    const event = client.webhooks.verifyAndParse(body, headers, endpoint.signingSecret);
    assert(event.eventType === "extract_run.processed", `event ${event.eventType}`);
    assert(event.payload.id === run.id, `payload ${event.payload.id}`);
    const forged = { ...headers, "x-extend-request-signature": "0".repeat(64) };
    assert(!client.webhooks.verify(body, forged, endpoint.signingSecret), "a forged signature verified");
  } finally {
    server.close();
  }
});

const failed = results.filter(([, error]) => error !== null).length;
console.log(`typescript: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
