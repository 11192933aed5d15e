//! Attempts that get no response: refused connections, timeouts and
//! connections closed by the server.

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use common::{assert_no_key_fragment, RecordingClock, Scripted, TestServer, TEST_KEY};
use extend_core::{ApiRequest, Idempotency, RequestBody, Transport, TransportErrorKind};
use extend_http::{HttpTransport, RequestOptions};
use http::Method;
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

fn transport_to(base_url: &str, clock: Arc<RecordingClock>) -> HttpTransport {
    HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(base_url)
        .clock(clock)
        .build()
        .expect("transport")
}

fn create_request() -> ApiRequest {
    ApiRequest::new(Method::POST, "/parse_runs", Idempotency::CreatesResource).with_body(
        RequestBody::Json(bytes::Bytes::from_static(b"{\"file\":{\"id\":\"file_1\"}}")),
    )
}

/// Returns the URL of a 127.0.0.1 port with no listener: bound by the OS,
/// then released.
async fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local address");
    drop(listener);
    format!("http://{addr}")
}

/// Starts a server that reads each request and closes the connection
/// without a response. Returns its URL and the count of connections.
async fn closing_server() -> (String, Arc<AtomicU32>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local address");
    let connections = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&connections);
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            counter.fetch_add(1, Ordering::SeqCst);
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            drop(socket);
        }
    });
    (format!("http://{addr}"), connections)
}

#[tokio::test]
async fn refused_connection_retried_for_create() {
    let url = closed_port_url().await;
    let clock = RecordingClock::at(SystemTime::now());
    let transport = transport_to(&url, clock.clone());

    let error = transport.send(create_request()).await.expect_err("refused");

    assert_eq!(error.kind, TransportErrorKind::Connect);
    assert_eq!(error.attempts, 3);
    assert_eq!(clock.sleeps().len(), 2);
    assert!(
        error.message.contains("could not connect"),
        "{}",
        error.message
    );
    assert!(error.message.contains(&url), "{}", error.message);
    assert!(
        error.message.contains("after 3 attempts"),
        "{}",
        error.message
    );
    assert!(!error.message.contains('\n'), "{}", error.message);
    assert_no_key_fragment(&[&error.to_string(), &format!("{error:?}")]);
}

#[tokio::test]
async fn closed_connection_not_retried_for_create() {
    let (url, connections) = closing_server().await;
    let clock = RecordingClock::at(SystemTime::now());
    let transport = transport_to(&url, clock.clone());

    let error = transport.send(create_request()).await.expect_err("closed");

    assert_eq!(error.kind, TransportErrorKind::Connect);
    assert_eq!(error.attempts, 1);
    assert_eq!(connections.load(Ordering::SeqCst), 1);
    assert!(
        error.message.contains("may have received"),
        "{}",
        error.message
    );
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn closed_connection_retried_for_get() {
    let (url, connections) = closing_server().await;
    let clock = RecordingClock::at(SystemTime::now());
    let transport = transport_to(&url, clock.clone());

    let error = transport
        .send(ApiRequest::get("/parse_runs/pr_1"))
        .await
        .expect_err("closed");

    assert_eq!(error.kind, TransportErrorKind::Connect);
    assert_eq!(error.attempts, 3);
    assert_eq!(connections.load(Ordering::SeqCst), 3);
    assert!(
        error.message.contains("failed during GET"),
        "{}",
        error.message
    );
}

/// Returns the URL of a 127.0.0.1 listener whose accept queue is full, with
/// the connections that fill it. Linux drops a SYN to such a listener, so a
/// new connection is never established and its connect times out.
#[cfg(target_os = "linux")]
fn full_listener() -> (String, socket2::Socket, Vec<std::net::TcpStream>) {
    use socket2::{Domain, Socket, Type};

    let listener = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
    let address: std::net::SocketAddr = "127.0.0.1:0".parse().expect("address");
    listener.bind(&address.into()).expect("bind");
    listener.listen(0).expect("listen");
    let address = listener
        .local_addr()
        .expect("local address")
        .as_socket()
        .expect("an IPv4 address");

    // Connect until a connect times out, which shows the queue is full.
    // The listener never accepts.
    let mut fillers = Vec::new();
    while let Ok(stream) =
        std::net::TcpStream::connect_timeout(&address, Duration::from_millis(200))
    {
        fillers.push(stream);
        assert!(fillers.len() < 64, "the accept queue never filled");
    }
    (format!("http://{address}"), listener, fillers)
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn connect_timeout_retried_as_timeout() {
    let (url, _listener, _fillers) = full_listener();
    let clock = RecordingClock::at(SystemTime::now());
    let transport = HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(&url)
        .clock(clock.clone())
        .connect_timeout(Duration::from_millis(200))
        .build()
        .expect("transport");

    let error = transport
        .send(create_request())
        .await
        .expect_err("timed out");

    // Nothing was sent, so even a create is retried.
    assert_eq!(error.kind, TransportErrorKind::Timeout);
    assert_eq!(error.attempts, 3);
    assert_eq!(clock.sleeps().len(), 2);
    assert!(
        error.message.contains("could not connect"),
        "{}",
        error.message
    );
    assert!(error.message.contains(&url), "{}", error.message);
    assert!(
        error.message.contains("connect timeout of 0.2 s"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn timeout_not_retried() {
    let server = TestServer::start().await;
    let clock = RecordingClock::at(SystemTime::now());
    let transport = transport_to(&server.url(), clock.clone());
    server.respond(Scripted::status(200).delay(Duration::from_secs(3)));

    let error = transport
        .send_with(
            ApiRequest::get("/files/file_1"),
            RequestOptions::new().with_timeout(Duration::from_millis(300)),
        )
        .await
        .expect_err("timed out");

    assert_eq!(error.kind, TransportErrorKind::Timeout);
    assert_eq!(error.attempts, 1);
    assert!(
        error.message.contains("timed out after 0.3 s"),
        "{}",
        error.message
    );
    assert!(error.message.contains("with_timeout"), "{}", error.message);
    assert_eq!(server.requests().len(), 1);
    assert!(clock.sleeps().is_empty());
}
