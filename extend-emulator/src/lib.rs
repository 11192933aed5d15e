//! A local Extend-compatible API server, for offline development, tests and
//! examples.
//!
//! The server is axum 0.8 on hyper and tokio. It listens on `127.0.0.1`,
//! keeps every object in memory while it runs, and moves each run from
//! `PENDING` through `PROCESSING` to a terminal status on a background task,
//! with processing times divided by a speed factor.
//!
//! ```
//! use extend_emulator::Emulator;
//! use serde_json::{json, Value};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = Emulator::builder().speed(50.0).start().await?;
//! let http = reqwest::Client::new();
//!
//! let schema = json!({"type": "object", "properties": {"total_due": {"type": "number"}}});
//! let run: Value = http
//!     .post(format!("{}/extract_runs", emulator.base_url()))
//!     .bearer_auth("sk_test")
//!     .header("x-extend-api-version", "2026-02-09")
//!     .json(&json!({"file": {"text": "Total Due: 1,234.56"}, "config": {"schema": schema}}))
//!     .send()
//!     .await?
//!     .json()
//!     .await?;
//! assert_eq!(run["status"], "PENDING");
//!
//! let run_url = format!("{}/extract_runs/{}", emulator.base_url(), run["id"].as_str().unwrap());
//! let mut run = run;
//! while run["status"] == "PENDING" || run["status"] == "PROCESSING" {
//!     tokio::time::sleep(std::time::Duration::from_millis(10)).await;
//!     run = http
//!         .get(&run_url)
//!         .bearer_auth("sk_test")
//!         .header("x-extend-api-version", "2026-02-09")
//!         .send()
//!         .await?
//!         .json()
//!         .await?;
//! }
//! assert_eq!(run["status"], "PROCESSED");
//! assert_eq!(run["output"]["value"]["total_due"], 1234.56);
//!
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Routes
//!
//! Every request needs `Authorization: Bearer <key>` (401 otherwise) and
//! `x-extend-api-version` (400 otherwise). Every response carries an
//! `x-extend-request-id: req_...` header, and errors have the body
//! `{code, message, retryable, requestId}`.
//!
//! | Route | Behaviour |
//! |---|---|
//! | `POST /files/upload`, `GET /files`, `GET /files/{id}`, `DELETE /files/{id}` | multipart part `file` (and optional `password`); bodies up to 512 MiB; an empty file is rejected |
//! | `POST /{type}_runs`, `GET /{type}_runs/{id}` | every run type: extract, classify, split, parse, edit, form detection, workflow |
//! | `GET /{type}_runs` | list, except edit and form detection runs |
//! | `POST /{type}_runs/{id}/cancel` | while `PENDING` or `PROCESSING`; workflow runs pass through `CANCELLING` |
//! | `DELETE /{type}_runs/{id}` | returns `{id}`; form detection runs have no delete |
//! | `POST /{type}_runs/batch`, `GET /batch_runs/{id}` | extract, classify, split, parse (a `batch_run`) and workflow (`{batchId}`) |
//! | `POST /extract`, `/classify`, `/split`, `/parse`, `/edit`, `/detect_form` | hold the request until the run is terminal, up to [`EmulatorBuilder::sync_timeout`], then 504 `TIMEOUT` |
//! | `/webhook_endpoints[/{id}]`, `/webhook_subscriptions[/{id}]` | create, list, retrieve, update (`POST`), delete |
//! | `GET /signed/{token}` | presigned URLs of signed-URL payloads and edited files; no API key |
//!
//! Lists return `{object: "list", data, nextPageToken}` with `maxPageSize`
//! (1 to 1000, default 10), `sortDir` (default `desc`) and the filters
//! `status`, `batchId`, `fileNameContains`, `extractorId`, `classifierId`,
//! `splitterId`, `workflowId` (runs), `nameContains` (files), `status`
//! (endpoints), `webhookEndpointId` and `resourceId` (subscriptions).
//! `{url}` files are rejected with 400 because the emulator downloads
//! nothing. Unknown ids return 404 `NOT_FOUND`.
//!
//! # Emulated processing
//!
//! No model runs: classify and split runs apply deterministic rules to the
//! document text. Classify picks the classification named by the first
//! `Document Type:` line, else the one whose keywords occur most. Split
//! starts a new split at each page whose `Document Type:` changes, where a
//! trailing note in parentheses does not count (`Letter (continued)`
//! continues a `Letter`). Both reject an empty list of classifications. A saved
//! extractor, classifier, splitter or workflow is not read: a reference to
//! one extracts every `Label: value` line. Workflow runs run a `PARSE` and
//! an `EXTRACT` step; the metadata key `emulator:outcome` (`NEEDS_REVIEW`,
//! `REJECTED` or `FAILED`) picks how they end. Edit runs return a copy of
//! the input file; form detection returns one string field per label.
//!
//! # Webhooks
//!
//! When a run or batch ends, every enabled endpoint whose `enabledEvents`
//! lists the event, or that has a subscription for the run's processor,
//! receives a POST signed with [`extend_webhooks::Signer`], from a
//! background task. Failed deliveries are retried after the
//! [`EmulatorBuilder::webhook_retry_delays`]. With
//! `advancedOptions.payload.format = "url"`, a payload over
//! `urlThresholdBytes` (every payload when it is absent) is delivered as a
//! `signed_data_url` link to `GET /signed/{token}`.
//!
//! # Faults
//!
//! [`EmulatorBuilder::fault`] adds seeded rates of 429 with `Retry-After`,
//! 500/502/503, slow responses and dropped connections, per route. Faults
//! are applied before the handler runs, so a faulted request creates,
//! changes and deletes nothing: a run is never lost and never created
//! twice because of an injected fault.
//!
//! # Parsing
//!
//! PDF text is read page by page with `pdf-extract`, so text in embedded
//! fonts with a ToUnicode map, non-ASCII included, comes out as written.
//! Plain-text files are split into pages at form feeds. A file that cannot
//! be read ends the run `FAILED` (`CORRUPT_FILE` for parse runs).
//!
//! # Extraction rule
//!
//! Extraction is emulated with a deterministic rule, not a model. For each
//! property of the schema's `properties`, the first line `Label: value`
//! whose label, normalised to lower-case words (`invoiceNumber`,
//! `invoice_number` and `Invoice Number` are all `invoice number`), equals
//! the normalised property name or its `description` gives the value. The
//! value is converted to the property's type: `number` drops currency
//! symbols and thousands separators, `integer` also needs no fraction,
//! `boolean` reads yes/no words, `string` is the trimmed text. No match
//! gives `null`. Each found field has `metadata.<field>.citations = [{page}]`.
//!
//! # Timing
//!
//! At speed 1.0 a run is `PENDING` for 0.5 s and `PROCESSING` for 0.5 s per
//! page, at most 2.5 s. [`EmulatorBuilder::speed`] divides these times.
//!
//! # Binary
//!
//! `cargo run -p extend-emulator -- --port 8080 --speed 1.0 --api-key KEY`
//! serves until Ctrl-C; `RUST_LOG` sets the log level (logs go to stderr).
//! `--sync-timeout 5m`, `--fault KIND:RATE[:ROUTE]` (repeatable, such as
//! `--fault 503:0.1:POST /extract_runs`) and `--fault-seed N` set the
//! options above.
//!
//! # Features
//!
//! This crate has no cargo features.

#![warn(missing_docs, unreachable_pub)]

mod api_error;
mod builder;
mod clock;
mod config;
mod document;
mod error;
mod extract;
mod faults;
mod ids;
mod kinds;
mod middleware;
mod objects;
mod processing;
mod routes;
mod running;
mod state;
mod store;
mod webhooks;

pub use builder::{Emulator, EmulatorBuilder, DEFAULT_SYNC_TIMEOUT};
pub use error::EmulatorError;
pub use faults::{Fault, FaultKind, FaultParseError};
pub use running::RunningEmulator;
