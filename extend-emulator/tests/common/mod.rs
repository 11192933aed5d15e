//! Helpers shared by the integration tests: a started emulator and a small
//! HTTP client that sends the headers every request needs.

#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use extend_emulator::{Emulator, RunningEmulator};
use reqwest::multipart::{Form, Part};
use reqwest::{RequestBuilder, Response, StatusCode};
use serde_json::Value;

pub const API_KEY: &str = "sk_test_emulator";
pub const API_VERSION: &str = "2026-02-09";

/// Upper bound for a run to finish at test speed; far above the expected time.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(20);

/// An emulator and a client for it.
pub struct TestApi {
    pub emulator: RunningEmulator,
    pub http: reqwest::Client,
}

impl TestApi {
    /// Starts an emulator at `speed` that accepts any key.
    pub async fn start(speed: f64) -> TestApi {
        let emulator = Emulator::builder()
            .speed(speed)
            .start()
            .await
            .expect("emulator starts");
        TestApi {
            emulator,
            http: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.emulator.base_url())
    }

    /// Adds the API key and version headers.
    pub fn authorized(&self, request: RequestBuilder) -> RequestBuilder {
        request
            .bearer_auth(API_KEY)
            .header("x-extend-api-version", API_VERSION)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.authorized(self.http.get(self.url(path)))
            .send()
            .await
            .expect("GET is sent")
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.authorized(self.http.delete(self.url(path)))
            .send()
            .await
            .expect("DELETE is sent")
    }

    /// POSTs `body` and returns the JSON of a 200 response.
    pub async fn create(&self, path: &str, body: &Value) -> Value {
        expect_json(self.post_json(path, body).await, StatusCode::OK).await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.authorized(self.http.post(self.url(path)).json(body))
            .send()
            .await
            .expect("POST is sent")
    }

    /// Uploads `bytes` as `file_name`; returns the raw response.
    pub async fn upload_bytes(
        &self,
        file_name: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Response {
        let part = Part::bytes(bytes)
            .file_name(file_name.to_owned())
            .mime_str(content_type)
            .expect("valid content type");
        let form = Form::new().part("file", part);
        self.authorized(self.http.post(self.url("/files/upload")).multipart(form))
            .send()
            .await
            .expect("upload is sent")
    }

    /// Uploads a file of `samples/` and returns the `File` JSON.
    pub async fn upload_sample(&self, name: &str) -> Value {
        let content_type = if name.ends_with(".pdf") {
            "application/pdf"
        } else {
            "text/plain"
        };
        let response = self
            .upload_bytes(name, content_type, sample_bytes(name))
            .await;
        expect_json(response, StatusCode::OK).await
    }

    /// Polls `GET path` until the run's status is not in progress.
    pub async fn wait_for_run(&self, path: &str) -> Value {
        let started = Instant::now();
        loop {
            let run = expect_json(self.get(path).await, StatusCode::OK).await;
            let status = run["status"].as_str().unwrap_or_default().to_owned();
            if !matches!(status.as_str(), "PENDING" | "PROCESSING" | "CANCELLING") {
                return run;
            }
            assert!(
                started.elapsed() < RUN_TIMEOUT,
                "{path} still {status} after {RUN_TIMEOUT:?}"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

/// Decodes `value` into `T`, failing the test with the JSON when it does not fit.
pub fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|err| {
        panic!(
            "does not decode as {}: {err}\n{value:#}",
            std::any::type_name::<T>()
        )
    })
}

/// Asserts the status and decodes the JSON body.
pub async fn expect_json(response: Response, expected: StatusCode) -> Value {
    let status = response.status();
    let body = response.text().await.expect("body is read");
    assert_eq!(status, expected, "unexpected status, body: {body}");
    serde_json::from_str(&body).unwrap_or_else(|err| panic!("body is not JSON ({err}): {body}"))
}

pub fn sample_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../samples")
        .join(name)
}

pub fn sample_bytes(name: &str) -> Vec<u8> {
    let path = sample_path(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}
