//! Reading the `{eventId, eventType, payload}` envelope in one pass without
//! decoding the payload.
//!
//! This is the fast path of [`parse_event`](crate::parse::parse_event). It
//! returns `None` for a body it cannot read, such as one with a duplicate
//! member or invalid JSON outside the payload. The serde path then decodes
//! the body or reports the precise error.

use std::borrow::Cow;

use serde::de::IgnoredAny;

use crate::scan;

/// The parts of an envelope, borrowed from the body.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct RawEnvelope<'a> {
    pub(crate) event_id: Cow<'a, str>,
    pub(crate) event_type: Cow<'a, str>,
    /// The payload's JSON text, checked only for closed strings and
    /// balanced brackets.
    pub(crate) payload: &'a str,
    /// The payload's `object` member, when the payload is an object whose
    /// `object` is a string.
    pub(crate) payload_object: Option<Cow<'a, str>>,
}

/// Reads an envelope, or returns `None` when the body needs the serde path.
pub(crate) fn read(text: &str) -> Option<RawEnvelope<'_>> {
    let mut cursor = Cursor { text, position: 0 };
    let mut event_id = None;
    let mut event_type = None;
    let mut payload = None;

    cursor.skip_whitespace();
    cursor.walk_object(|key, cursor| match key {
        "eventId" if event_id.is_none() => {
            event_id = Some(cursor.string()?);
            Some(())
        }
        "eventType" if event_type.is_none() => {
            event_type = Some(cursor.string()?);
            Some(())
        }
        "payload" if payload.is_none() => {
            payload = Some(cursor.payload()?);
            Some(())
        }
        "eventId" | "eventType" | "payload" => None,
        _ => cursor.checked_value(),
    })?;
    cursor.skip_whitespace();
    if cursor.position != text.len() {
        return None;
    }

    let (payload, payload_object) = payload?;
    Some(RawEnvelope {
        event_id: event_id?,
        event_type: event_type?,
        payload,
        payload_object,
    })
}

struct Cursor<'a> {
    text: &'a str,
    position: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.position += 1;
        }
    }

    /// Consumes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.position += 1;
        }
        found
    }

    /// Reads a string. One without escapes is borrowed from the body, and
    /// one with escapes is decoded by serde_json.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.position + 1;
        let length = self.bytes()[start..]
            .iter()
            .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)?;
        if self.bytes()[start + length] == b'"' {
            self.position = start + length + 1;
            return self.text.get(start..start + length).map(Cow::Borrowed);
        }

        let end = scan::string_end(self.bytes(), self.position)?;
        let quoted = self.text.get(self.position..end)?;
        let decoded = serde_json::from_str::<String>(quoted).ok()?;
        self.position = end;
        Some(Cow::Owned(decoded))
    }

    /// Skips a value without checking it.
    fn skip_value(&mut self) -> Option<&'a str> {
        let start = self.position;
        self.position = scan::value_end(self.bytes(), start)?;
        self.text.get(start..self.position)
    }

    /// Skips a value and checks with serde_json that it is valid JSON, for
    /// envelope members other than the three known ones.
    fn checked_value(&mut self) -> Option<()> {
        let value = self.skip_value()?;
        serde_json::from_str::<IgnoredAny>(value).ok()?;
        Some(())
    }

    /// Finds the end of the payload and, when it is an object, reads its
    /// `object` member on the way through its members.
    fn payload(&mut self) -> Option<(&'a str, Option<Cow<'a, str>>)> {
        if self.peek() != Some(b'{') {
            return Some((self.skip_value()?, None));
        }

        let start = self.position;
        let mut object = None;
        let mut object_seen = false;
        self.walk_object(|key, cursor| {
            if key == "object" {
                if object_seen {
                    return None;
                }
                object_seen = true;
                if cursor.peek() == Some(b'"') {
                    object = Some(cursor.string()?);
                    return Some(());
                }
            }
            cursor.skip_value().map(drop)
        })?;
        Some((self.text.get(start..self.position)?, object))
    }

    /// Walks the members of the object that starts here. `on_member` gets
    /// each key with the cursor on the value, and must consume the value.
    fn walk_object(
        &mut self,
        mut on_member: impl FnMut(&str, &mut Cursor<'a>) -> Option<()>,
    ) -> Option<()> {
        if !self.eat(b'{') {
            return None;
        }
        self.skip_whitespace();
        if self.eat(b'}') {
            return Some(());
        }

        loop {
            let key = self.string()?;
            self.skip_whitespace();
            if !self.eat(b':') {
                return None;
            }
            self.skip_whitespace();
            on_member(&key, self)?;
            self.skip_whitespace();
            if self.eat(b'}') {
                return Some(());
            }
            if !self.eat(b',') {
                return None;
            }
            self.skip_whitespace();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_usual_envelope() {
        let text = r#"{"eventId":"evt_1","eventType":"extract_run.processed","payload":{"object":"extract_run","id":"exr_1","n":[1,{"x":"}"}]}}"#;
        let envelope = read(text).unwrap();
        assert_eq!(envelope.event_id, "evt_1");
        assert_eq!(envelope.event_type, "extract_run.processed");
        assert_eq!(
            envelope.payload,
            r#"{"object":"extract_run","id":"exr_1","n":[1,{"x":"}"}]}"#
        );
        assert_eq!(envelope.payload_object.as_deref(), Some("extract_run"));
    }

    #[test]
    fn read_any_member_order_and_whitespace() {
        let text = "\n { \"payload\" : [ 1 , 2 ] ,\t\"extra\": {\"a\": null},\r\n \"eventType\":\"x.y\", \"eventId\" : \"e\" } \n";
        let envelope = read(text).unwrap();
        assert_eq!(envelope.payload, "[ 1 , 2 ]");
        assert_eq!(envelope.payload_object, None);
        assert_eq!(envelope.event_type, "x.y");
        assert_eq!(envelope.event_id, "e");
    }

    #[test]
    fn read_object_member_anywhere() {
        let text = r#"{"eventId":"e","eventType":"t","payload":{"data":"https://h/p","object":"signed_data_url"}}"#;
        assert_eq!(
            read(text).unwrap().payload_object.as_deref(),
            Some("signed_data_url")
        );

        let text = r#"{"eventId":"e","eventType":"t","payload":{"object":7}}"#;
        assert_eq!(read(text).unwrap().payload_object, None);
    }

    #[test]
    fn read_leaves_unusual_bodies_to_serde() {
        for text in [
            "",
            "[]",
            r#"{"eventId":"e","eventType":"t"}"#,
            r#"{"eventId":"e","eventId":"f","eventType":"t","payload":{}}"#,
            r#"{"eventId":"e","eventType":"t","payload":{},"payload":{}}"#,
            r#"{"eventId":"e","eventType":"t","payload":{"object":"a","object":"b"}}"#,
            r#"{"eventId":"e","eventType":"t","payload":{},"extra":tru}"#,
            r#"{"eventId":"e","eventType":"t","payload":{}} x"#,
            r#"{"eventId":"e","eventType":"t","payload":{"#,
            r#"{"eventId":"e","eventType":"t","payload":}"#,
            r#"{"eventId":"e" "eventType":"t","payload":{}}"#,
            "{\"eventId\":\"e\u{1}\",\"eventType\":\"t\",\"payload\":{}}",
            r#"{"eventId":"e\x","eventType":"t","payload":{}}"#,
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn read_decodes_escapes() {
        let text = r#"{"event\u0049d":"e\u0041","eventType":"t","payload":{"obj\u0065ct":"signed_data_url"}}"#;
        let envelope = read(text).unwrap();
        assert_eq!(envelope.event_id, "eA");
        assert!(matches!(envelope.event_id, Cow::Owned(_)));
        assert_eq!(envelope.payload_object.as_deref(), Some("signed_data_url"));
    }

    #[test]
    fn read_does_not_check_payload_grammar() {
        let text = r#"{"eventId":"e","eventType":"t","payload":{"a":[tru,,]}}"#;
        assert_eq!(read(text).unwrap().payload, r#"{"a":[tru,,]}"#);
    }
}
