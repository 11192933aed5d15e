//! The main job end to end: the `extend` binary, the in-process emulator and
//! the sample documents.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../samples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn extend() -> Command {
    let mut command = Command::cargo_bin("extend").unwrap();
    command
        .env_remove("EXTEND_API_KEY")
        .env_remove("EXTEND_BASE_URL");
    command
}

/// Runs the command and parses the whole of stdout as one JSON document.
fn run_json(command: &mut Command) -> (Value, String, i32) {
    let output = command.output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or_else(|err| {
        panic!("stdout is not one JSON document ({err}):\n{stdout}\nstderr:\n{stderr}")
    });
    (json, stderr, output.status.code().unwrap_or(-1))
}

#[test]
fn parse_reads_pdf_pages() {
    let (run, _, code) = run_json(extend().args(["--emulator", "parse", &sample("invoice.pdf")]));

    assert_eq!(code, 0);
    assert_eq!(run["object"], "parse_run");
    assert_eq!(run["status"], "PROCESSED");
    let chunks = run["output"]["chunks"].as_array().unwrap();
    assert_eq!(chunks.len(), 2);

    let page_one = chunks[0]["content"].as_str().unwrap();
    let page_two = chunks[1]["content"].as_str().unwrap();
    assert!(
        page_one.contains("Invoice Number: INV-2026-0042"),
        "{page_one}"
    );
    assert!(
        page_one.contains("Müller & Søn Bürobedarf GmbH"),
        "{page_one}"
    );
    assert!(page_two.contains("Total Due"), "{page_two}");
    assert_eq!(chunks[1]["metadata"]["pageRange"]["start"], 2.0);
}

#[test]
fn parse_packet_has_each_document() {
    let (run, _, code) = run_json(extend().args(["--emulator", "parse", &sample("packet.pdf")]));

    assert_eq!(code, 0);
    let pages: Vec<&str> = run["output"]["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|chunk| chunk["content"].as_str().unwrap())
        .collect();
    assert!(pages[0].contains("Document Type: Invoice"), "{}", pages[0]);
    assert!(pages[1].contains("Document Type: Receipt"), "{}", pages[1]);
    assert!(pages[2].contains("Document Type: Letter"), "{}", pages[2]);
}

#[test]
fn extract_fills_schema_fields() {
    let (run, stderr, code) = run_json(extend().args([
        "--emulator",
        "extract",
        &sample("invoice.pdf"),
        "--schema",
        &sample("invoice-schema.json"),
    ]));

    assert_eq!(code, 0, "{stderr}");
    assert_eq!(run["status"], "PROCESSED");
    let value = &run["output"]["value"];
    assert_eq!(value["invoice_number"], "INV-2026-0042");
    assert_eq!(value["invoice_date"], "2026-11-30");
    assert_eq!(value["vendor"], "Müller & Søn Bürobedarf GmbH");
    assert_eq!(value["total_due"], 1234.56);
    assert_eq!(value["currency"], "EUR");
}

#[test]
fn extract_progress_on_stderr() {
    let (_, stderr, _) = run_json(extend().args([
        "--emulator",
        "extract",
        &sample("invoice.pdf"),
        "--schema",
        &sample("invoice-schema.json"),
    ]));

    let pending = stderr.find(": PENDING").expect(&stderr);
    let processing = stderr.find(": PROCESSING").expect(&stderr);
    let processed = stderr.find(": PROCESSED").expect(&stderr);
    assert!(pending < processing && processing < processed, "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "escape bytes on a non-terminal stderr: {stderr:?}"
    );
}

#[test]
fn quiet_prints_no_progress() {
    let output = extend()
        .args(["--emulator", "--quiet", "parse", &sample("notes.txt")])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
}
