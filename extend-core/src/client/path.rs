/// Percent-encodes one path segment, so an id can never change the route.
pub(crate) fn segment(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::segment;

    #[test]
    fn plain_id_unchanged() {
        assert_eq!(segment("pr_Xj8mK2pL9nR4"), "pr_Xj8mK2pL9nR4");
    }

    #[test]
    fn slash_and_query_encoded() {
        assert_eq!(segment("a/b?c"), "a%2Fb%3Fc");
    }
}
