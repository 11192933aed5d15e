"""Runs the official Python SDK (extend_ai) against a local Extend emulator.

Usage: python check.py BASE_URL SAMPLES_DIR

Every check prints one line, PASS or FAIL with the reason; the exit status
is 1 when any check failed.
"""

import http.server
import json
import queue
import sys
import threading
import traceback

from extend_ai import Extend
from extend_ai.wrapper.polling import PollingOptions

BASE_URL = sys.argv[1]
SAMPLES = sys.argv[2]
FAST = PollingOptions(fast_poll_interval_ms=20, initial_delay_ms=20, max_delay_ms=100, max_wait_ms=30_000)
TEXT = "Document Type: Invoice\nInvoice Number: INV-1\nTotal Due: 12.50\n\fDocument Type: Receipt\nPaid: yes\n"

client = Extend(token="sk_peer_check", base_url=BASE_URL)
results = []


def check(name):
    def wrap(function):
        try:
            function()
            results.append((name, None))
            print(f"PASS python {name}", flush=True)
        except Exception as error:  # every failure is reported, none stops the run
            results.append((name, error))
            print(f"FAIL python {name}: {error!r}", flush=True)
            traceback.print_exc()
        return function
    return wrap


def upload_text(name, text):
    return client.files.upload(file=(name, text.encode(), "text/plain"))


@check("files.upload")
def _():
    with open(f"{SAMPLES}/invoice.pdf", "rb") as handle:
        uploaded = client.files.upload(file=("invoice.pdf", handle, "application/pdf"))
    assert uploaded.id.startswith("file_"), uploaded.id
    assert uploaded.type == "PDF", uploaded.type


@check("extract_runs.create_and_poll")
def _():
    schema = {"type": "object", "properties": {"invoice_number": {"type": "string"}, "total_due": {"type": "number"}}}
    run = client.extract_runs.create_and_poll(file={"text": TEXT}, config={"schema": schema}, polling_options=FAST)
    assert run.status == "PROCESSED", run.status
    assert run.output.value["total_due"] == 12.5, run.output


@check("classify_runs.create_and_poll")
def _():
    config = {"classifications": [{"id": "inv", "type": "invoice", "description": "An invoice"}, {"id": "other", "type": "other", "description": "Anything else"}]}
    run = client.classify_runs.create_and_poll(file={"text": TEXT}, config=config, polling_options=FAST)
    assert run.status == "PROCESSED", run.status
    assert run.output.id == "inv", run.output


@check("split_runs.create_and_poll")
def _():
    uploaded = upload_text("packet.txt", TEXT)
    config = {"splitClassifications": [{"id": "inv", "type": "invoice", "description": "An invoice"}, {"id": "rcpt", "type": "receipt", "description": "A receipt"}]}
    run = client.split_runs.create_and_poll(file={"id": uploaded.id}, config=config, polling_options=FAST)
    assert run.status == "PROCESSED", run.status
    assert [split.type for split in run.output.splits] == ["invoice", "receipt"], run.output


@check("parse_runs.create_and_poll")
def _():
    uploaded = upload_text("notes.txt", TEXT)
    run = client.parse_runs.create_and_poll(file={"id": uploaded.id}, polling_options=FAST)
    assert run.status == "PROCESSED", run.status
    assert len(run.output.chunks) == 2, run.output


@check("workflow_runs.create_and_poll")
def _():
    run = client.workflow_runs.create_and_poll(workflow={"id": "workflow_peer"}, file={"text": TEXT}, polling_options=FAST)
    assert run.status == "PROCESSED", run.status
    assert [step.step_type for step in run.step_runs] == ["PARSE", "EXTRACT"], run.step_runs
    review = client.workflow_runs.create_and_poll(
        workflow={"id": "workflow_peer"}, file={"text": TEXT}, metadata={"emulator:outcome": "NEEDS_REVIEW"}, polling_options=FAST
    )
    assert review.status == "NEEDS_REVIEW", review.status


@check("files.list two pages")
def _():
    upload_text("a.txt", "one")
    upload_text("b.txt", "two")
    first = client.files.list(max_page_size=1)
    assert len(first.data) == 1 and first.next_page_token, first
    second = client.files.list(max_page_size=1, next_page_token=first.next_page_token)
    assert len(second.data) == 1, second
    assert second.data[0].id != first.data[0].id


@check("extract_runs.cancel")
def _():
    schema = {"type": "object", "properties": {"total_due": {"type": "number"}}}
    run = client.extract_runs.create(file={"text": TEXT}, config={"schema": schema})
    cancelled = client.extract_runs.cancel(run.id)
    assert cancelled.status == "CANCELLED", cancelled.status
    assert client.extract_runs.retrieve(run.id).status == "CANCELLED"


@check("webhook delivery verified")
def _():
    deliveries = queue.Queue()

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["content-length"]))
            deliveries.put((body, {key.lower(): value for key, value in self.headers.items()}))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = client.webhook_endpoints.create(
            url=f"http://127.0.0.1:{server.server_port}/hook",
            name="peer check",
            enabled_events=["extract_run.processed"],
            api_version="2026-02-09",
        )
        assert endpoint.signing_secret.startswith("wss_"), "no signing secret"
        schema = {"type": "object", "properties": {"total_due": {"type": "number"}}}
        run = client.extract_runs.create_and_poll(file={"text": TEXT}, config={"schema": schema}, polling_options=FAST)
        body, headers = deliveries.get(timeout=20)
        event = client.webhooks.verify_and_parse(body, headers, endpoint.signing_secret)
        event_type = event["eventType"] if isinstance(event, dict) else event.event_type
        payload = event["payload"] if isinstance(event, dict) else event.payload
        payload_id = payload["id"] if isinstance(payload, dict) else payload.id
        assert event_type == "extract_run.processed", event_type
        assert payload_id == run.id, payload_id
        assert not client.webhooks.verify(body, {**headers, "x-extend-request-signature": "0" * 64}, endpoint.signing_secret)
    finally:
        server.shutdown()


failed = [name for name, error in results if error is not None]
print(f"python: {len(results) - len(failed)} passed, {len(failed)} failed", flush=True)
sys.exit(1 if failed else 0)
