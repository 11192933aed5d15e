use super::*;

const KEY: &str = "sk_test_Zq81secret";

fn no_env(_: &str) -> Option<String> {
    None
}

#[test]
fn missing_key_names_env_var() {
    let error = HttpTransportBuilder::default()
        .build_with_env(no_env)
        .expect_err("no key");

    assert!(matches!(error, BuildError::MissingApiKey));
    assert!(error.to_string().contains("EXTEND_API_KEY"), "{error}");
}

#[test]
fn blank_env_key_is_missing() {
    let error = HttpTransportBuilder::default()
        .build_with_env(|_| Some("   ".to_owned()))
        .expect_err("blank key");

    assert!(matches!(error, BuildError::MissingApiKey));
}

#[test]
fn env_key_trimmed() {
    let transport = HttpTransportBuilder::default()
        .build_with_env(|name| (name == API_KEY_ENV).then(|| format!("  {KEY}\n")))
        .expect("key from env");

    assert_eq!(transport.config.api_key.expose(), KEY);
}

#[test]
fn explicit_key_beats_env() {
    let transport = HttpTransportBuilder::default()
        .api_key(KEY)
        .build_with_env(|_| Some("sk_from_env".to_owned()))
        .expect("explicit key");

    assert_eq!(transport.config.api_key.expose(), KEY);
}

#[test]
fn key_from_env_undoes_explicit() {
    let transport = HttpTransportBuilder::default()
        .api_key("sk_explicit")
        .api_key_from_env()
        .build_with_env(|_| Some(KEY.to_owned()))
        .expect("key from env");

    assert_eq!(transport.config.api_key.expose(), KEY);
}

#[test]
fn invalid_keys_rejected_without_echo() {
    for key in ["", " sk_padded", "sk_new\nline", "sk_ключ"] {
        let error = HttpTransportBuilder::default()
            .api_key(key)
            .build_with_env(no_env)
            .expect_err("invalid key");

        assert!(
            matches!(error, BuildError::InvalidApiKey { .. }),
            "key {key:?}"
        );
        let message = error.to_string();
        if !key.trim().is_empty() {
            assert!(
                !message.contains(key.trim()),
                "message {message:?} shows the key"
            );
        }
    }
}

#[test]
fn region_default_and_override() {
    let default = HttpTransportBuilder::default()
        .api_key(KEY)
        .build()
        .expect("build");
    let us2 = HttpTransportBuilder::default()
        .api_key(KEY)
        .region(Region::Us2)
        .build()
        .expect("build");

    assert_eq!(default.base_url(), "https://api.extend.ai");
    assert_eq!(us2.base_url(), "https://api.us2.extend.app");
}

#[test]
fn base_url_beats_region_and_keeps_prefix() {
    let transport = HttpTransportBuilder::default()
        .api_key(KEY)
        .region(Region::Eu)
        .base_url("http://127.0.0.1:9/proxy/extend/")
        .build()
        .expect("build");

    assert_eq!(transport.base_url(), "http://127.0.0.1:9/proxy/extend");
}

#[test]
fn bad_base_urls_rejected() {
    let cases = [
        ("127.0.0.1:8080", "absolute URL"),
        ("ftp://127.0.0.1/", "http or https"),
        ("http://user:pass@127.0.0.1/", "credentials"),
        ("http://127.0.0.1/?x=1", "query"),
    ];
    for (url, expected) in cases {
        let error = HttpTransportBuilder::default()
            .api_key(KEY)
            .base_url(url)
            .build()
            .expect_err("bad base URL");

        let message = error.to_string();
        assert!(
            matches!(error, BuildError::InvalidBaseUrl { .. }),
            "url {url}"
        );
        assert!(message.contains(expected), "url {url}: {message}");
    }
}

#[test]
fn reserved_default_headers_rejected() {
    for name in [
        "Authorization",
        "X-Extend-Api-Version",
        "x-extend-workspace-id",
    ] {
        let error = HttpTransportBuilder::default()
            .api_key(KEY)
            .default_header(name, "value")
            .build()
            .expect_err("reserved header");

        assert!(
            matches!(error, BuildError::InvalidHeader { .. }),
            "header {name}"
        );
    }
}

#[test]
fn bad_header_value_not_echoed() {
    let error = HttpTransportBuilder::default()
        .api_key(KEY)
        .default_header("x-proxy-token", "secret\r\nvalue")
        .build()
        .expect_err("bad header value");

    let message = error.to_string();
    assert!(message.contains("x-proxy-token"), "{message}");
    assert!(!message.contains("secret"), "{message}");
}

#[test]
fn zero_timeout_rejected() {
    let error = HttpTransportBuilder::default()
        .api_key(KEY)
        .timeout(Duration::ZERO)
        .build()
        .expect_err("zero timeout");

    assert!(matches!(error, BuildError::ZeroTimeout { name: "timeout" }));
}

#[test]
fn zero_concurrent_requests_rejected() {
    let error = HttpTransportBuilder::default()
        .api_key(KEY)
        .max_concurrent_requests(0)
        .build()
        .expect_err("a cap of zero");

    assert!(matches!(error, BuildError::ZeroConcurrentRequests));
    assert!(
        error.to_string().contains("max_concurrent_requests"),
        "{error}"
    );
}

#[test]
fn debug_hides_key() {
    let builder = HttpTransportBuilder::default()
        .api_key(KEY)
        .default_header("x-proxy-token", "tok_Vb3proxy");
    let transport = HttpTransportBuilder::default()
        .api_key(KEY)
        .build()
        .expect("build");

    let builder_debug = format!("{builder:?}");
    let transport_debug = format!("{transport:?}");

    assert!(!builder_debug.contains("Zq81"), "{builder_debug}");
    assert!(!builder_debug.contains("Vb3proxy"), "{builder_debug}");
    assert!(builder_debug.contains("x-proxy-token"), "{builder_debug}");
    assert!(!transport_debug.contains("Zq81"), "{transport_debug}");
    assert!(transport_debug.contains("[REDACTED]"), "{transport_debug}");
}

#[test]
fn region_urls_parse() {
    for region in [Region::Us, Region::Us2, Region::Eu] {
        let parsed = parse_base_url(region.base_url()).expect("region URL");

        assert_eq!(parsed, region.base_url());
    }
}
