//! `cargo xtask peer-webhooks`: the official Python SDK (`extend-ai` from
//! PyPI, in a scratch virtual environment under `target/peer/`) verifies
//! deliveries signed by this SDK's `Signer`, and rejects tampered or stale
//! ones exactly where our verifier does.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{SystemTime, UNIX_EPOCH};

use extend_webhooks::{Signer, Verifier};

/// The official Python SDK release this check was written against.
const PYTHON_SDK: &str = "extend-ai==1.20.0";
/// A signing secret in the API's `wss_` format, made up for this check.
const SECRET: &str = "wss_peer_check_6b1e0c";

/// One delivery for the Python verifier.
struct Case {
    name: &'static str,
    body: Vec<u8>,
    timestamp: String,
    signature: String,
    expect_ok: bool,
}

pub(crate) fn run() -> ExitCode {
    match check() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: peer-webhooks: {message}");
            ExitCode::FAILURE
        }
    }
}

fn check() -> Result<(), String> {
    let python = python_with_sdk(Path::new("target/peer/webhooks-venv"))?;
    let cases = cases()?;

    // Our own verifier must agree with every expectation before Python is asked.
    let verifier = Verifier::new(SECRET).map_err(|err| err.to_string())?;
    for case in &cases {
        let headers = [
            ("x-extend-request-timestamp", case.timestamp.as_str()),
            ("x-extend-request-signature", case.signature.as_str()),
        ];
        let accepted = verifier.verify_and_parse(headers, &case.body).is_ok();
        if accepted != case.expect_ok {
            return Err(format!(
                "our verifier disagrees with the expectation on {:?}",
                case.name
            ));
        }
    }

    let cases_path = PathBuf::from("target/peer/webhook-cases.json");
    std::fs::write(&cases_path, cases_json(&cases))
        .map_err(|err| format!("could not write {}: {err}", cases_path.display()))?;
    let status = Command::new(&python)
        .arg("xtask/peer/verify_webhooks.py")
        .arg(&cases_path)
        .status()
        .map_err(|err| format!("could not run {}: {err}", python.display()))?;
    if !status.success() {
        return Err("the official Python SDK disagreed on at least one case (see above)".into());
    }
    Ok(())
}

/// Creates the virtual environment and installs the SDK once; later runs
/// reuse it.
fn python_with_sdk(venv: &Path) -> Result<PathBuf, String> {
    let python = venv.join("bin/python");
    let marker = venv.join(format!("installed-{PYTHON_SDK}"));
    if marker.exists() {
        return Ok(python);
    }
    run_command(Command::new("python3").args(["-m", "venv"]).arg(venv))?;
    run_command(Command::new(&python).args(["-m", "pip", "install", "--quiet", PYTHON_SDK]))?;
    std::fs::write(&marker, b"")
        .map_err(|err| format!("could not write {}: {err}", marker.display()))?;
    Ok(python)
}

fn run_command(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|err| format!("could not run {shown}: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn cases() -> Result<Vec<Case>, String> {
    let signer = Signer::new(SECRET).map_err(|err| err.to_string())?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|err| err.to_string())?
        .as_secs();

    let compact = br#"{"eventId":"evt_peer_1","eventType":"extract_run.processed","payload":{"object":"extract_run","id":"exr_1","status":"PROCESSED"}}"#.to_vec();
    let pretty = b"{\n  \"eventId\": \"evt_peer_2\",\n  \"eventType\": \"parse_run.processed\",\n  \"payload\": {\"object\": \"parse_run_status\", \"id\": \"pr_1\", \"status\": \"PROCESSED\"}\n}\n".to_vec();
    let unicode = r#"{"eventId":"evt_peer_3","eventType":"extract_run.processed","payload":{"object":"extract_run","id":"exr_2","status":"PROCESSED","metadata":{"vendor":"Müller & Søn — €"}}}"#.as_bytes().to_vec();
    let large = format!(
        r#"{{"eventId":"evt_peer_4","eventType":"workflow.created","payload":{{"object":"workflow","id":"workflow_1","name":"{}"}}}}"#,
        "x".repeat(1 << 20)
    )
    .into_bytes();

    let mut cases = Vec::new();
    for (name, body) in [
        ("compact body", compact.clone()),
        ("pretty-printed body", pretty),
        ("non-ASCII body", unicode),
        ("1 MiB body", large),
    ] {
        let headers = signer.sign(now, &body);
        cases.push(Case {
            name,
            body,
            timestamp: headers.timestamp,
            signature: headers.signature,
            expect_ok: true,
        });
    }

    let signed = signer.sign(now, &compact);
    let mut tampered = compact.clone();
    tampered.extend_from_slice(b" ");
    cases.push(Case {
        name: "tampered body",
        body: tampered,
        timestamp: signed.timestamp.clone(),
        signature: signed.signature.clone(),
        expect_ok: false,
    });

    let stale = signer.sign(now - 3600, &compact);
    cases.push(Case {
        name: "timestamp an hour old",
        body: compact.clone(),
        timestamp: stale.timestamp,
        signature: stale.signature,
        expect_ok: false,
    });

    let other = Signer::new("wss_some_other_secret").map_err(|err| err.to_string())?;
    let forged = other.sign(now, &compact);
    cases.push(Case {
        name: "signed with another secret",
        body: compact,
        timestamp: forged.timestamp,
        signature: forged.signature,
        expect_ok: false,
    });
    Ok(cases)
}

fn cases_json(cases: &[Case]) -> String {
    use base64_encode as b64;
    let items: Vec<serde_json::Value> = cases
        .iter()
        .map(|case| {
            serde_json::json!({
                "name": case.name,
                "body_base64": b64(&case.body),
                "headers": {
                    "x-extend-request-timestamp": case.timestamp,
                    "x-extend-request-signature": case.signature,
                },
                "secret": SECRET,
                "expect": if case.expect_ok { "ok" } else { "reject" },
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

/// Standard base64 with padding, enough for handing bytes to Python.
fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let triple = match chunk {
            [a, b, c] => u32::from(*a) << 16 | u32::from(*b) << 8 | u32::from(*c),
            [a, b] => u32::from(*a) << 16 | u32::from(*b) << 8,
            [a] => u32::from(*a) << 16,
            _ => unreachable!("chunks(3) yields one to three bytes"),
        };
        let symbols = chunk.len() + 1;
        for index in 0..4 {
            if index < symbols {
                let sextet = (triple >> (18 - 6 * index)) & 0x3f;
                out.push(char::from(ALPHABET[sextet as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
