//! Starting and stopping an emulator.

use extend_emulator::{Emulator, EmulatorError};

#[tokio::test]
async fn base_url_matches_addr() {
    let emulator = Emulator::builder().start().await.unwrap();

    let addr = emulator.addr();

    assert!(addr.ip().is_loopback(), "{addr}");
    assert_ne!(addr.port(), 0);
    assert_eq!(
        emulator.base_url(),
        format!("http://127.0.0.1:{}", addr.port())
    );
}

#[tokio::test]
async fn shutdown_closes_listener() {
    let emulator = Emulator::builder().start().await.unwrap();
    let addr = emulator.addr();

    emulator.shutdown().await;

    let connected = tokio::net::TcpStream::connect(addr).await;
    assert!(connected.is_err(), "the port still accepts connections");
}

#[tokio::test]
async fn invalid_speed_rejected() {
    for speed in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let error = Emulator::builder().speed(speed).start().await.unwrap_err();
        assert!(
            matches!(error, EmulatorError::InvalidSpeed { .. }),
            "{speed}: {error}"
        );
    }
}

#[tokio::test]
async fn empty_api_key_rejected() {
    let error = Emulator::builder()
        .api_key(Some(""))
        .start()
        .await
        .unwrap_err();

    assert!(matches!(error, EmulatorError::EmptyApiKey), "{error}");
}

#[tokio::test]
async fn port_in_use_reported() {
    let first = Emulator::builder().start().await.unwrap();

    let error = Emulator::builder()
        .port(first.addr().port())
        .start()
        .await
        .unwrap_err();

    assert!(matches!(error, EmulatorError::Bind { .. }), "{error}");
    assert!(
        error.to_string().contains(&first.addr().port().to_string()),
        "{error}"
    );
}

#[test]
fn builder_debug_hides_api_key() {
    let builder = Emulator::builder().api_key(Some("sk_secret_value"));

    let debug = format!("{builder:?}");

    assert!(!debug.contains("sk_secret_value"), "{debug}");
    assert!(debug.contains("redacted"), "{debug}");
}
