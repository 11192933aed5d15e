"""Verify webhook deliveries signed by the Rust SDK with the official Python SDK.

Reads a JSON file of cases written by `cargo xtask peer-webhooks`: each case
has a raw body (base64), the headers our Signer produced, the signing secret
and the expected outcome ("ok" or "reject"). Prints one line per case and
exits 1 if any outcome differs from the expectation.
"""

import base64
import json
import sys

from extend_ai.wrapper.errors import WebhookSignatureVerificationError
from extend_ai.wrapper.webhooks import Webhooks


def main(path: str) -> int:
    with open(path, encoding="utf-8") as handle:
        cases = json.load(handle)

    webhooks = Webhooks()
    mismatches = 0
    for case in cases:
        body = base64.b64decode(case["body_base64"])
        try:
            webhooks.verify_and_parse(
                body,
                case["headers"],
                case["secret"],
                allow_signed_url=True,
            )
            outcome = "ok"
        except WebhookSignatureVerificationError as error:
            outcome = "reject"
            detail = str(error)
        else:
            detail = ""
        matched = outcome == case["expect"]
        mismatches += 0 if matched else 1
        mark = "pass" if matched else "FAIL"
        print(f"{mark}  {case['name']}: python sdk says {outcome} {detail}".rstrip())

    print(f"{len(cases) - mismatches} passed, {mismatches} failed")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
