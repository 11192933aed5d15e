//! Retrieve throughput of an emulator running in another process.
//!
//! Creates one extract run, waits until it is processed, then holds
//! `--connections` keep-alive HTTP/1.1 connections that each send
//! `GET /extract_runs/{id}` back to back for `--seconds`. Prints one JSON
//! line with the request count, the non-200 count and the rate.
//!
//! The client runs on one thread so that, on a small machine, the emulator
//! keeps the other cores. `cargo xtask bench emulator` starts the release
//! emulator and runs this with its address:
//!
//! ```text
//! cargo bench -p extend-emulator --bench retrieve_load -- \
//!     --base-url http://127.0.0.1:PORT --seconds 10 --connections 64
//! ```

use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1::{self, SendRequest};
use hyper::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

const API_KEY: &str = "sk_retrieve_load";
const API_VERSION: &str = "2026-02-09";

struct Args {
    base_url: String,
    seconds: u64,
    connections: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut base_url = None;
    let mut seconds = 10;
    let mut connections = 64;
    let mut raw = std::env::args().skip(1);
    while let Some(arg) = raw.next() {
        match arg.as_str() {
            "--base-url" => base_url = raw.next(),
            "--seconds" => seconds = number(raw.next(), "--seconds")?,
            "--connections" => connections = number(raw.next(), "--connections")?,
            // `cargo bench` passes `--bench` to every harness-less bench.
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let base_url = base_url
        .ok_or("missing --base-url; start `extend-emulator --port 0` and pass the URL it prints")?;
    if connections == 0 || seconds == 0 {
        return Err("--seconds and --connections must be at least 1".to_owned());
    }
    Ok(Args {
        base_url,
        seconds,
        connections,
    })
}

fn number<T: std::str::FromStr>(value: Option<String>, flag: &str) -> Result<T, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a whole number"))?;
    value
        .parse()
        .map_err(|_| format!("{flag} {value:?}: expected a whole number"))
}

/// `host:port` of an `http://host:port` base URL.
fn authority(base_url: &str) -> Result<String, String> {
    let rest = base_url
        .strip_prefix("http://")
        .ok_or_else(|| format!("--base-url {base_url:?}: expected http://HOST:PORT"))?;
    Ok(rest.trim_end_matches('/').to_owned())
}

async fn connect(authority: &str) -> Result<SendRequest<Empty<Bytes>>, String> {
    let stream = TcpStream::connect(authority)
        .await
        .map_err(|err| format!("could not connect to {authority}: {err}"))?;
    stream
        .set_nodelay(true)
        .map_err(|err| format!("could not set TCP_NODELAY: {err}"))?;
    let (sender, connection) = http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|err| format!("HTTP handshake with {authority} failed: {err}"))?;
    tokio::spawn(connection);
    Ok(sender)
}

fn get(authority: &str, path: &str) -> Request<Empty<Bytes>> {
    Request::get(path)
        .header("host", authority)
        .header("authorization", format!("Bearer {API_KEY}"))
        .header("x-extend-api-version", API_VERSION)
        .body(Empty::new())
        .expect("static request parts are valid")
}

/// Creates an extract run with reqwest and waits until it is processed, so
/// the measured GETs return a full run with an output.
async fn create_processed_run(base_url: &str) -> Result<String, String> {
    let client = reqwest::Client::new();
    let body = serde_json::json!({
        "file": {"text": "Invoice Number: INV-1\nTotal Due: 12.50\n"},
        "config": {"schema": {"type": "object", "properties": {
            "invoice_number": {"type": "string"},
            "total_due": {"type": "number"}
        }}}
    });
    let send = |request: reqwest::RequestBuilder| async move {
        let response = request
            .bearer_auth(API_KEY)
            .header("x-extend-api-version", API_VERSION)
            .send()
            .await
            .map_err(|err| format!("request to the emulator failed: {err}"))?;
        response
            .json::<serde_json::Value>()
            .await
            .map_err(|err| format!("the emulator sent invalid JSON: {err}"))
    };

    let run = send(client.post(format!("{base_url}/extract_runs")).json(&body)).await?;
    let id = run["id"]
        .as_str()
        .ok_or_else(|| format!("the create response has no id: {run}"))?
        .to_owned();
    for _ in 0..600 {
        let run = send(client.get(format!("{base_url}/extract_runs/{id}"))).await?;
        if run["status"] == "PROCESSED" {
            return Ok(id);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("run {id} was not processed within 30 s"))
}

/// Counts of one connection's loop.
#[derive(Default)]
struct Counts {
    ok: u64,
    not_ok: u64,
}

async fn hammer(authority: String, path: String, until: Instant) -> Result<Counts, String> {
    let mut sender = connect(&authority).await?;
    let mut counts = Counts::default();
    while Instant::now() < until {
        let response = sender
            .send_request(get(&authority, &path))
            .await
            .map_err(|err| format!("GET {path} failed: {err}"))?;
        let status = response.status();
        response
            .into_body()
            .collect()
            .await
            .map_err(|err| format!("reading the body of GET {path} failed: {err}"))?;
        if status == StatusCode::OK {
            counts.ok += 1;
        } else {
            counts.not_ok += 1;
        }
    }
    Ok(counts)
}

async fn run(args: Args) -> Result<(), String> {
    let authority = authority(&args.base_url)?;
    let id = create_processed_run(&args.base_url).await?;
    let path = format!("/extract_runs/{id}");

    let started = Instant::now();
    let until = started + Duration::from_secs(args.seconds);
    let tasks: Vec<_> = (0..args.connections)
        .map(|_| tokio::spawn(hammer(authority.clone(), path.clone(), until)))
        .collect();
    let mut total = Counts::default();
    for task in tasks {
        let counts = task
            .await
            .map_err(|err| format!("a connection task failed: {err}"))??;
        total.ok += counts.ok;
        total.not_ok += counts.not_ok;
    }
    let elapsed = started.elapsed().as_secs_f64();

    let report = serde_json::json!({
        "route": "GET /extract_runs/{id}",
        "connections": args.connections,
        "seconds": elapsed,
        "requests": total.ok + total.not_ok,
        "non_200": total.not_ok,
        "requests_per_second": (total.ok as f64 / elapsed).round(),
    });
    println!("{report}");
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("retrieve_load: {message}");
            return std::process::ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime builds");
    match runtime.block_on(run(args)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("retrieve_load: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
