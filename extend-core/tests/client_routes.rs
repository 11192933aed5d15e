//! The typed client against a mocked `Transport`: which method, path, query
//! and body each route sends, what is rejected before sending, and how list
//! streams follow page tokens.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use bytes::Bytes;
use extend_core::*;
use futures::StreamExt;
use http::{HeaderMap, Method, StatusCode};
use serde_json::json;

mockall::mock! {
    pub Api {}

    #[async_trait]
    impl Transport for Api {
        async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError>;
    }
}

fn ok(body: serde_json::Value) -> ApiResponse {
    ApiResponse {
        status: StatusCode::OK,
        headers: HeaderMap::new(),
        body: Bytes::from(body.to_string()),
        attempts: 1,
    }
}

/// Builds a mock that returns `body` for every request and records the requests.
fn recording(body: serde_json::Value) -> (Client<MockApi>, Arc<Mutex<Vec<ApiRequest>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let mut api = MockApi::new();
    api.expect_send().returning(move |request| {
        log.lock().unwrap().push(request);
        Ok(ok(body.clone()))
    });
    (Client::new(api), seen)
}

fn body_json(request: &ApiRequest) -> serde_json::Value {
    match &request.body {
        RequestBody::Json(bytes) => serde_json::from_slice(bytes).unwrap(),
        other => panic!("expected a JSON body, got {other:?}"),
    }
}

fn run(id: &str) -> serde_json::Value {
    json!({"id": id, "status": "PROCESSING"})
}

#[tokio::test]
async fn create_is_a_non_idempotent_post() {
    let (client, seen) = recording(run("exr_1"));
    let request =
        ExtractRunCreate::with_extractor(FileRef::id("file_1"), ProcessorRef::new("ex_1"));
    let created = client.extract_runs().create(&request).await.unwrap();

    assert_eq!(created.id, "exr_1");
    let sent = &seen.lock().unwrap()[0];
    assert_eq!(sent.method, Method::POST);
    assert_eq!(sent.path, "/extract_runs");
    assert_eq!(sent.idempotency, Idempotency::CreatesResource);
    assert_eq!(
        body_json(sent),
        json!({"file": {"id": "file_1"}, "extractor": {"id": "ex_1"}})
    );
}

#[tokio::test]
async fn sync_routes_use_their_own_paths() {
    let (client, seen) = recording(run("x_1"));
    let file = FileRef::url("https://example.com/a.pdf");

    client
        .extract_runs()
        .create_sync(&ExtractRunCreate::with_schema(
            file.clone(),
            json!({"type": "object"}),
        ))
        .await
        .unwrap();
    client
        .classify_runs()
        .create_sync(&ClassifyRunCreate::with_classifier(
            file.clone(),
            ProcessorRef::new("cl_1"),
        ))
        .await
        .unwrap();
    client
        .split_runs()
        .create_sync(
            &SplitRunCreate::with_splitter(file.clone(), ProcessorRef::new("spl_1")).unwrap(),
        )
        .await
        .unwrap();
    client
        .parse_runs()
        .create_sync(
            &ParseRunCreate::new(file.clone()).unwrap(),
            Some(ParseResponseType::Url),
        )
        .await
        .unwrap();
    client
        .edit_runs()
        .create_sync(&EditRunCreate::new(file.clone(), EditConfig::default()).unwrap())
        .await
        .unwrap();
    client
        .form_detection_runs()
        .create_sync(&FormDetectionRunCreate::new(file).unwrap())
        .await
        .unwrap();

    let paths: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|request| request.path.clone())
        .collect();
    assert_eq!(
        paths,
        [
            "/extract",
            "/classify",
            "/split",
            "/parse",
            "/edit",
            "/detect_form"
        ]
    );
    let parse_query = seen.lock().unwrap()[3].query.clone();
    assert_eq!(
        parse_query,
        vec![("responseType".to_owned(), "url".to_owned())]
    );
}

#[tokio::test]
async fn item_routes_method_path_idempotency() {
    let (client, seen) = recording(json!({"id": "a/b", "status": "CANCELLED"}));

    client.classify_runs().cancel("a/b").await.unwrap();
    client
        .workflow_runs()
        .delete("workflow_run_1")
        .await
        .unwrap();
    client.split_runs().retrieve("splr_1").await.unwrap();
    client
        .workflow_runs()
        .update(
            "workflow_run_1",
            &WorkflowRunUpdate {
                name: Some("n".into()),
                metadata: None,
            },
        )
        .await
        .unwrap();

    let seen = seen.lock().unwrap();
    let routes: Vec<(Method, &str, Idempotency)> = seen
        .iter()
        .map(|request| {
            (
                request.method.clone(),
                request.path.as_str(),
                request.idempotency,
            )
        })
        .collect();
    assert_eq!(
        routes,
        [
            (
                Method::POST,
                "/classify_runs/a%2Fb/cancel",
                Idempotency::Idempotent
            ),
            (
                Method::DELETE,
                "/workflow_runs/workflow_run_1",
                Idempotency::Idempotent
            ),
            (Method::GET, "/split_runs/splr_1", Idempotency::Idempotent),
            (
                Method::POST,
                "/workflow_runs/workflow_run_1",
                Idempotency::Idempotent
            ),
        ]
    );
    assert_eq!(body_json(&seen[0]), json!({}));
}

#[tokio::test]
async fn batch_routes() {
    let (client, seen) = recording(json!({"id": "bpr_1", "status": "PENDING", "runCount": 1}));
    let inputs = vec![BatchInput::new(FileRef::url("https://example.com/1.pdf"))];
    let batch = client
        .extract_runs()
        .create_batch(&ExtractRunBatchCreate::new(ProcessorRef::new("ex_1"), inputs).unwrap())
        .await
        .unwrap();
    client.batch_runs().retrieve("bpr_1").await.unwrap();

    assert_eq!(batch.status, RunStatus::Pending);
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].path, "/extract_runs/batch");
    assert_eq!(seen[0].idempotency, Idempotency::CreatesResource);
    assert_eq!(seen[1].path, "/batch_runs/bpr_1");
}

#[tokio::test]
async fn list_query_uses_route_names() {
    let (client, seen) = recording(json!({"object": "list", "data": []}));
    let query = ProcessorRunListQuery {
        processor_id: Some("cl_1".into()),
        batch_id: Some("bpr_1".into()),
        next_page_token: Some("page2".into()),
        ..ProcessorRunListQuery::default()
    };
    client.classify_runs().list(&query).await.unwrap();
    client
        .files()
        .retrieve_with(
            "file_1",
            FileRetrieveQuery {
                raw_text: true,
                markdown: false,
                html: true,
            },
        )
        .await
        .unwrap_err();

    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].path, "/classify_runs");
    assert_eq!(
        seen[0].query,
        vec![
            ("classifierId".to_owned(), "cl_1".to_owned()),
            ("batchId".to_owned(), "bpr_1".to_owned()),
            ("nextPageToken".to_owned(), "page2".to_owned()),
        ]
    );
    assert_eq!(seen[1].path, "/files/file_1");
    assert_eq!(
        seen[1].query,
        vec![
            ("rawText".to_owned(), "true".to_owned()),
            ("html".to_owned(), "true".to_owned())
        ]
    );
}

/// Builds a mock that fails the test if called, for requests rejected before sending.
fn untouched() -> Client<MockApi> {
    let mut api = MockApi::new();
    api.expect_send().never();
    Client::new(api)
}

#[tokio::test]
async fn raw_text_rejected_before_sending() {
    let client = untouched();
    let text = FileRef::text("hello");

    let split = SplitRunCreate {
        file: text.clone(),
        splitter: Some(ProcessorRef::new("spl_1")),
        config: None,
        priority: None,
        metadata: None,
    };
    let error = client.split_runs().create(&split).await.unwrap_err();
    assert!(
        error.to_string().contains("split does not accept raw text"),
        "{error}"
    );

    let parse = ParseRunCreate {
        file: text.clone(),
        config: None,
        metadata: None,
        data_retention: None,
    };
    assert!(matches!(
        client.parse_runs().create(&parse).await,
        Err(Error::InvalidRequest(_))
    ));

    let edit = EditRunCreate {
        file: text.clone(),
        config: None,
    };
    assert!(matches!(
        client.edit_runs().create(&edit).await,
        Err(Error::InvalidRequest(_))
    ));

    assert!(SplitRunCreate::with_splitter(text.clone(), ProcessorRef::new("spl_1")).is_err());
    assert!(ParseRunCreate::new(text.clone()).is_err());
    assert!(EditRunCreate::new(text.clone(), EditConfig::default()).is_err());
    assert!(FormDetectionRunCreate::new(text).is_err());
}

#[tokio::test]
async fn raw_text_accepted_by_extract_and_classify() {
    let (client, seen) = recording(run("clr_1"));
    let request =
        ClassifyRunCreate::with_classifier(FileRef::text("hello"), ProcessorRef::new("cl_1"));
    client.classify_runs().create(&request).await.unwrap();
    assert_eq!(
        body_json(&seen.lock().unwrap()[0])["file"],
        json!({"text": "hello"})
    );
}

#[tokio::test]
async fn priority_checked_before_sending() {
    let client = untouched();
    let mut request =
        ExtractRunCreate::with_extractor(FileRef::id("file_1"), ProcessorRef::new("ex_1"));

    let error = request.clone().priority(0).unwrap_err();
    assert!(error.to_string().contains("priority 0"), "{error}");

    request.priority = Some(101);
    let error = client.extract_runs().create(&request).await.unwrap_err();
    assert!(error.to_string().contains("priority 101"), "{error}");

    request.priority = Some(5);
    let error = client
        .extract_runs()
        .create_sync(&request)
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("does not accept a priority"),
        "{error}"
    );
}

#[tokio::test]
async fn oversized_metadata_rejected_before_sending() {
    let mut metadata = Metadata::new();
    metadata.insert("note".into(), json!("x".repeat(MAX_METADATA_BYTES)));
    let request = ParseRunCreate::new(FileRef::id("file_1"))
        .unwrap()
        .metadata(metadata);

    let error = untouched().parse_runs().create(&request).await.unwrap_err();
    assert!(error.to_string().contains("metadata is 10"), "{error}");
}

#[tokio::test]
async fn workflow_package_rules() {
    let workflow = WorkflowRef::new("workflow_1");
    let package = |files: Vec<FileRef>| FilePackage { files };

    let one = package(vec![FileRef::id("file_1")]);
    let error = WorkflowRunCreate::with_package(workflow.clone(), one).unwrap_err();
    assert!(
        error.to_string().contains("1 files; use 2 to 50"),
        "{error}"
    );

    let twice = package(vec![FileRef::id("file_1"), FileRef::id("file_1")]);
    let error = WorkflowRunCreate::with_package(workflow.clone(), twice).unwrap_err();
    assert!(
        error.to_string().contains("file id file_1 twice"),
        "{error}"
    );

    let text = package(vec![FileRef::id("file_1"), FileRef::text("hello")]);
    assert!(WorkflowRunCreate::with_package(workflow.clone(), text).is_err());

    let pair = package(vec![
        FileRef::id("file_1"),
        FileRef::url("https://example.com/2.pdf"),
    ]);
    let mut request = WorkflowRunCreate::with_package(workflow.clone(), pair).unwrap();
    assert!(request.validate().is_ok());
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(
        body["package"]["files"][1],
        json!({"url": "https://example.com/2.pdf"})
    );
    assert!(body.get("file").is_none());

    request.file = Some(FileRef::id("file_3"));
    let error = untouched()
        .workflow_runs()
        .create(&request)
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("either `file` or `package`"),
        "{error}"
    );
}

#[tokio::test]
async fn empty_file_id_rejected() {
    let client = untouched();

    let error = ParseRunCreate::new(FileRef::id("")).unwrap_err();
    assert!(error.to_string().contains("file id is empty"), "{error}");

    let extract = ExtractRunCreate::with_extractor(FileRef::id(" "), ProcessorRef::new("ex_1"));
    let error = client.extract_runs().create(&extract).await.unwrap_err();
    assert!(error.to_string().contains("file id is empty"), "{error}");

    let classify = ClassifyRunCreate::with_classifier(FileRef::url(""), ProcessorRef::new("cl_1"));
    let error = client.classify_runs().create(&classify).await.unwrap_err();
    assert!(error.to_string().contains("file URL is empty"), "{error}");
}

#[tokio::test]
async fn extract_package_sent_in_place_of_file() {
    let (client, seen) = recording(run("exr_1"));
    let package = FilePackage::new(vec![
        FileRef::id("file_1"),
        FileRef::url("https://example.com/2.pdf"),
    ]);
    let request = ExtractRunCreate::with_extractor(package, ProcessorRef::new("ex_1"));
    client.extract_runs().create(&request).await.unwrap();

    let body = body_json(&seen.lock().unwrap()[0]);
    assert_eq!(body["package"]["files"][0], json!({"id": "file_1"}));
    assert_eq!(
        body["package"]["files"][1],
        json!({"url": "https://example.com/2.pdf"})
    );
    assert!(body.get("file").is_none(), "{body}");
}

#[tokio::test]
async fn extract_package_rules() {
    let client = untouched();
    let extractor = || ProcessorRef::new("ex_1");

    let empty = ExtractRunCreate::with_extractor(FilePackage::new(vec![]), extractor());
    let error = client.extract_runs().create(&empty).await.unwrap_err();
    assert!(error.to_string().contains("has no files"), "{error}");

    let text = FilePackage::new(vec![FileRef::id("file_1"), FileRef::text("hello")]);
    let error = ExtractRunCreate::with_extractor(text, extractor())
        .validate()
        .unwrap_err();
    assert!(
        error.to_string().contains("does not accept raw text"),
        "{error}"
    );

    let twice = FilePackage::new(vec![
        FileRef::url("https://example.com/a.pdf"),
        FileRef::url("https://example.com/a.pdf"),
    ]);
    let error = ExtractRunCreate::with_extractor(twice, extractor())
        .validate()
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("url https://example.com/a.pdf twice"),
        "{error}"
    );

    // One file is a valid extract package: the size limit is for workflows.
    let single = ExtractRunCreate::with_extractor(
        FilePackage::new(vec![FileRef::id("file_1")]),
        extractor(),
    );
    assert!(single.validate().is_ok());

    let mut both = ExtractRunCreate::with_extractor(FileRef::id("file_1"), extractor());
    both.package = Some(FilePackage::new(vec![FileRef::id("file_2")]));
    let error = client.extract_runs().create(&both).await.unwrap_err();
    assert!(
        error.to_string().contains("either `file` or `package`"),
        "{error}"
    );

    let mut neither = both;
    neither.file = None;
    neither.package = None;
    let error = neither.validate().unwrap_err();
    assert!(
        error.to_string().contains("needs a `file` or a `package`"),
        "{error}"
    );
}

#[tokio::test]
async fn processor_or_config_required() {
    let client = untouched();
    let request = ClassifyRunCreate {
        file: FileRef::id("file_1"),
        classifier: None,
        config: None,
        priority: None,
        metadata: None,
    };
    let error = client.classify_runs().create(&request).await.unwrap_err();
    assert!(
        error.to_string().contains("`classifier` or `config`"),
        "{error}"
    );
}

#[tokio::test]
async fn cancel_only_where_route_exists() {
    let client = untouched();
    assert!(client.extract_runs().supports_cancel());
    assert!(client.workflow_runs().supports_cancel());
    assert!(!client.edit_runs().supports_cancel());

    let error = RunResource::cancel(&client.edit_runs(), "edr_1")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unsupported(_)), "{error}");
    assert!(error.to_string().contains("edit_run"), "{error}");
}

#[tokio::test]
async fn api_error_keeps_body_and_request_id() {
    let mut api = MockApi::new();
    api.expect_send().returning(|_| {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID_HEADER, "req_header".parse().unwrap());
        Ok(ApiResponse {
            status: StatusCode::NOT_FOUND,
            headers,
            body: Bytes::from(r#"{"code":"NOT_FOUND","message":"no such run","retryable":false}"#),
            attempts: 1,
        })
    });
    let error = Client::new(api)
        .parse_runs()
        .retrieve("pr_missing")
        .await
        .unwrap_err();
    let Error::Api(api_error) = &error else {
        panic!("expected an API error, got {error}")
    };
    assert_eq!(api_error.status, StatusCode::NOT_FOUND);
    assert_eq!(api_error.body.as_ref().unwrap().code, "NOT_FOUND");
    assert_eq!(api_error.request_id.as_deref(), Some("req_header"));
}

#[tokio::test]
async fn api_error_body_unwrapped() {
    let mut api = MockApi::new();
    api.expect_send().returning(|_| {
        Ok(ApiResponse {
            status: StatusCode::TOO_MANY_REQUESTS,
            headers: HeaderMap::new(),
            body: Bytes::from(
                r#"{"error":{"code":"RATE_LIMIT_EXCEEDED","message":"slow down","retryable":true,"requestId":"req_body"}}"#,
            ),
            attempts: 3,
        })
    });
    let error = Client::new(api)
        .files()
        .retrieve("file_1")
        .await
        .unwrap_err();
    let Error::Api(api_error) = &error else {
        panic!("expected an API error, got {error}")
    };
    let body = api_error.body.as_ref().expect("the wrapped body decodes");
    assert_eq!(body.code, "RATE_LIMIT_EXCEEDED");
    assert!(body.retryable);
    assert_eq!(api_error.request_id.as_deref(), Some("req_body"));
    assert_eq!(api_error.raw_body, None);
}

#[tokio::test]
async fn api_error_keeps_unknown_body_raw() {
    let mut api = MockApi::new();
    api.expect_send().returning(|_| {
        Ok(ApiResponse {
            status: StatusCode::BAD_GATEWAY,
            headers: HeaderMap::new(),
            body: Bytes::from("<html>bad gateway</html>"),
            attempts: 1,
        })
    });
    let error = Client::new(api)
        .files()
        .retrieve("file_1")
        .await
        .unwrap_err();
    let Error::Api(api_error) = &error else {
        panic!("expected an API error, got {error}")
    };
    assert_eq!(api_error.body, None);
    assert_eq!(
        api_error.raw_body.as_deref(),
        Some("<html>bad gateway</html>")
    );
}

/// Builds a mock that returns list pages whose `nextPageToken`
/// fields are `tokens`, in order (`None`: the field is absent), and records
/// the requests.
fn paged(tokens: Vec<Option<serde_json::Value>>) -> (Client<MockApi>, Arc<Mutex<Vec<ApiRequest>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let mut api = MockApi::new();
    api.expect_send().times(tokens.len()).returning(move |request| {
        let mut log = log.lock().unwrap();
        let index = log.len();
        log.push(request);
        let mut page = json!({"object": "list", "data": [{"id": format!("file_{index}"), "name": "a.pdf"}]});
        if let Some(token) = &tokens[index] {
            page["nextPageToken"] = token.clone();
        }
        Ok(ok(page))
    });
    (Client::new(api), seen)
}

async fn collect_ids(client: &Client<MockApi>) -> (Vec<String>, Option<Error>) {
    let mut stream = client.files().list_all(&FileListQuery::default());
    let mut ids = Vec::new();
    while let Some(item) = stream.next().await {
        match item {
            Ok(file) => ids.push(file.id),
            Err(error) => return (ids, Some(error)),
        }
    }
    (ids, None)
}

#[tokio::test]
async fn list_stream_stops_on_repeated_token() {
    let (client, seen) = paged(vec![Some(json!("A")), Some(json!("B")), Some(json!("A"))]);
    let (ids, error) = collect_ids(&client).await;

    assert_eq!(seen.lock().unwrap().len(), 3);
    assert_eq!(ids, ["file_0", "file_1", "file_2"]);
    let error = error.expect("the repeated token ends the stream with an error");
    assert!(
        matches!(&error, Error::RepeatedPageToken { token, .. } if token == "A"),
        "{error}"
    );

    let tokens: Vec<Vec<(String, String)>> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|request| request.query.clone())
        .collect();
    assert_eq!(tokens[0], vec![]);
    assert_eq!(
        tokens[1],
        vec![("nextPageToken".to_owned(), "A".to_owned())]
    );
    assert_eq!(
        tokens[2],
        vec![("nextPageToken".to_owned(), "B".to_owned())]
    );
}

#[tokio::test]
async fn list_stream_ends_on_last_page() {
    for last in [Some(json!("")), Some(json!(null)), None] {
        let (client, seen) = paged(vec![Some(json!("next")), last.clone()]);
        let (ids, error) = collect_ids(&client).await;
        assert!(error.is_none(), "{last:?}: {error:?}");
        assert_eq!(ids, ["file_0", "file_1"], "{last:?}");
        assert_eq!(seen.lock().unwrap().len(), 2, "{last:?}");
    }
}

#[tokio::test]
async fn list_stream_passes_errors_through() {
    let mut api = MockApi::new();
    api.expect_send().times(1).returning(|_| {
        Err(TransportError::new(
            TransportErrorKind::Connect,
            "connection refused",
        ))
    });
    let client = Client::new(api);
    let mut stream = client
        .workflow_runs()
        .list_all(&WorkflowRunListQuery::default());
    assert!(matches!(
        stream.next().await,
        Some(Err(Error::Transport(_)))
    ));
    assert!(stream.next().await.is_none());
}
