//! Finding where a JSON value ends without decoding it.
//!
//! `verify_and_parse` reads the envelope of a delivery and keeps the payload
//! as text, so it only has to find where the payload ends. For an object or
//! an array that means matching brackets outside strings. This module does
//! that 64 bytes at a time with bit masks, as the first stage of simdjson
//! (github.com/simdjson/simdjson) finds structural characters. Each block
//! gets one bit per byte for quotes, backslashes and brackets. Escaped
//! quotes are removed, and a prefix XOR over the quote bits marks the bytes
//! inside strings.
//!
//! The scan checks only what it needs to find the end: strings are closed
//! and brackets balance. It does not check the JSON grammar inside the
//! value (commas, numbers, literals, bracket kinds or UTF-8), which
//! [`Payload::decode`](crate::Payload::decode) checks later.

/// The bit masks of one 64-byte block: bit `i` is set when byte `i` is the
/// character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Masks {
    backslash: u64,
    quote: u64,
    open: u64,
    close: u64,
}

/// `{` and `[` are 0x7B and 0x5B, and `}` and `]` are 0x7D and 0x5D. Setting
/// bit 0x20 folds each pair into one value, so one compare finds both.
const FOLD_BIT: u8 = 0x20;
const FOLDED_OPEN: u8 = b'{';
const FOLDED_CLOSE: u8 = b'}';

/// Classifies a block with SSE2, which every x86_64 processor has, through
/// the safe wrappers of `safe_arch`.
#[cfg(target_arch = "x86_64")]
fn classify(block: &[u8; 64]) -> Masks {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };

    let backslash = set_splat_i8_m128i(b'\\' as i8);
    let quote = set_splat_i8_m128i(b'"' as i8);
    let fold = set_splat_i8_m128i(FOLD_BIT as i8);
    let open = set_splat_i8_m128i(FOLDED_OPEN as i8);
    let close = set_splat_i8_m128i(FOLDED_CLOSE as i8);

    let mut masks = Masks {
        backslash: 0,
        quote: 0,
        open: 0,
        close: 0,
    };
    for (lane, bytes) in block.chunks_exact(16).enumerate() {
        let bytes: &[u8; 16] = bytes.try_into().expect("chunks_exact yields 16 bytes");
        let vector = load_unaligned_m128i(bytes);
        let folded = bitor_m128i(vector, fold);
        let shift = lane * 16;
        let bits = |matches: m128i| u64::from(move_mask_i8_m128i(matches) as u16) << shift;

        masks.backslash |= bits(cmp_eq_mask_i8_m128i(vector, backslash));
        masks.quote |= bits(cmp_eq_mask_i8_m128i(vector, quote));
        masks.open |= bits(cmp_eq_mask_i8_m128i(folded, open));
        masks.close |= bits(cmp_eq_mask_i8_m128i(folded, close));
    }
    masks
}

#[cfg(not(target_arch = "x86_64"))]
fn classify(block: &[u8; 64]) -> Masks {
    // NOTE: other targets classify one byte at a time, several times slower
    // than the SSE2 path.
    classify_portable(block)
}

/// Classifies a block one byte at a time: the reference for the SSE2 path.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn classify_portable(block: &[u8; 64]) -> Masks {
    let mut masks = Masks {
        backslash: 0,
        quote: 0,
        open: 0,
        close: 0,
    };
    for (index, &byte) in block.iter().enumerate() {
        let bit = 1u64 << index;
        let folded = byte | FOLD_BIT;
        if byte == b'\\' {
            masks.backslash |= bit;
        }
        if byte == b'"' {
            masks.quote |= bit;
        }
        if folded == FOLDED_OPEN {
            masks.open |= bit;
        }
        if folded == FOLDED_CLOSE {
            masks.close |= bit;
        }
    }
    masks
}

/// Sets each bit to the XOR of itself and every lower bit, which turns the
/// quote bits into a mask of the bytes from an opening quote up to, but not
/// including, its closing quote.
fn prefix_xor(mut bits: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        bits ^= bits << shift;
    }
    bits
}

/// Returns the bits of the bytes escaped by a backslash: those that follow
/// an odd-length run of backslashes. `carry` is 1 when the previous block
/// ended on an escaping backslash, and is updated for the next block.
///
/// Runs that start on an even bit and runs that start on an odd bit end on
/// opposite parities when their length is odd. Adding the run starts to the
/// runs carries each start to the bit after its run, so one addition
/// separates the two cases without a loop, as simdjson does.
fn escaped_bits(backslash: u64, carry: &mut u64) -> u64 {
    const EVEN_BITS: u64 = 0x5555_5555_5555_5555;

    let backslash = backslash & !*carry;
    let follows_backslash = (backslash << 1) | *carry;
    let odd_starts = backslash & !EVEN_BITS & !follows_backslash;
    let (sequences_on_even, overflow) = odd_starts.overflowing_add(backslash);
    *carry = u64::from(overflow);
    let invert = sequences_on_even << 1;
    (EVEN_BITS ^ invert) & follows_backslash
}

/// The state carried from one block to the next.
#[derive(Default)]
struct BracketScanner {
    /// Open brackets minus closed ones, which is never negative because the
    /// scan starts at an opening bracket and stops when it reaches zero.
    depth: i64,
    escape_carry: u64,
    /// All ones when the previous block ended inside a string.
    in_string_carry: u64,
}

impl BracketScanner {
    /// Scans one block and returns the offset of the bracket that brings the
    /// depth back to zero, if it is in this block.
    fn scan(&mut self, block: &[u8; 64]) -> Option<u32> {
        let masks = classify(block);

        let escaped = if masks.backslash | self.escape_carry == 0 {
            0
        } else {
            escaped_bits(masks.backslash, &mut self.escape_carry)
        };
        let quotes = masks.quote & !escaped;
        let in_string = prefix_xor(quotes) ^ self.in_string_carry;
        self.in_string_carry = ((in_string as i64) >> 63) as u64;

        let open = masks.open & !in_string;
        let close = masks.close & !in_string;

        // Brackets are sparse in most JSON, so visiting each one costs less
        // than counting them: x86_64 has no baseline popcount instruction.
        let mut brackets = open | close;
        while brackets != 0 {
            let offset = brackets.trailing_zeros();
            self.depth += if open & (1 << offset) != 0 { 1 } else { -1 };
            if self.depth == 0 {
                return Some(offset);
            }
            brackets &= brackets - 1;
        }
        None
    }
}

/// Returns the index just past the bracket that closes the object or array
/// opening at `text[start]`, or `None` when the text ends first.
///
/// `text[start]` must be `{` or `[`. `{` and `[` count alike, so a value
/// such as `{]` is not caught here.
pub(crate) fn container_end(text: &[u8], start: usize) -> Option<usize> {
    debug_assert!(matches!(text.get(start), Some(b'{' | b'[')));

    let mut scanner = BracketScanner::default();
    let mut blocks = text[start..].chunks_exact(64);
    let mut block_start = start;
    for block in &mut blocks {
        let block = block.try_into().expect("chunks_exact yields 64 bytes");
        if let Some(offset) = scanner.scan(block) {
            return Some(block_start + offset as usize + 1);
        }
        block_start += 64;
    }

    // Spaces are neither quotes nor brackets, so padding cannot end a value.
    let rest = blocks.remainder();
    let mut last = [b' '; 64];
    last[..rest.len()].copy_from_slice(rest);
    scanner
        .scan(&last)
        .map(|offset| block_start + offset as usize + 1)
}

/// Returns the index just past the quote that closes the string opening at
/// `text[start]`, or `None` when the text ends first.
pub(crate) fn string_end(text: &[u8], start: usize) -> Option<usize> {
    debug_assert_eq!(text.get(start), Some(&b'"'));

    let mut index = start + 1;
    loop {
        index += memchr::memchr2(b'"', b'\\', &text[index..])?;
        if text[index] == b'"' {
            return Some(index + 1);
        }
        // Skip the backslash and the byte it escapes.
        index += 2;
        if index > text.len() {
            return None;
        }
    }
}

/// Returns the index just past a number or literal starting at `start`: the
/// first JSON delimiter or whitespace after it.
fn scalar_end(text: &[u8], start: usize) -> usize {
    text[start..]
        .iter()
        .position(|byte| matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
        .map_or(text.len(), |length| start + length)
}

/// Returns the index just past the value starting at `text[start]`, or
/// `None` when there is no value there or it does not end.
pub(crate) fn value_end(text: &[u8], start: usize) -> Option<usize> {
    match text.get(start)? {
        b'{' | b'[' => container_end(text, start),
        b'"' => string_end(text, start),
        b',' | b'}' | b']' | b':' => None,
        _ => Some(scalar_end(text, start)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    use crate::test_strategies::json_value;

    /// Computes the escaped bits one byte at a time: a byte is escaped when
    /// an odd number of backslashes comes right before it.
    fn escaped_reference(bytes: &[u8]) -> Vec<bool> {
        let mut run = 0;
        let mut escaped = Vec::with_capacity(bytes.len());
        for &byte in bytes {
            escaped.push(run % 2 == 1);
            run = if byte == b'\\' { run + 1 } else { 0 };
        }
        escaped
    }

    fn escaped_blocks(bytes: &[u8]) -> Vec<bool> {
        let mut carry = 0;
        let mut escaped = Vec::new();
        for block in bytes.chunks_exact(64) {
            let block: &[u8; 64] = block.try_into().unwrap();
            let bits = escaped_bits(classify_portable(block).backslash, &mut carry);
            escaped.extend((0..64).map(|bit| bits & (1 << bit) != 0));
        }
        escaped
    }

    proptest! {
        #[test]
        fn classify_matches_portable(block in prop::array::uniform32(any::<u8>()), rest in prop::array::uniform32(any::<u8>())) {
            let mut bytes = [0u8; 64];
            bytes[..32].copy_from_slice(&block);
            bytes[32..].copy_from_slice(&rest);
            prop_assert_eq!(classify(&bytes), classify_portable(&bytes));
        }

        #[test]
        fn escaped_bits_match_reference(picks in prop::collection::vec(0u8..4, 64..320)) {
            let mut bytes: Vec<u8> = picks.iter().map(|pick| if *pick < 3 { b'\\' } else { b'a' }).collect();
            bytes.truncate(bytes.len() / 64 * 64);
            prop_assert_eq!(escaped_blocks(&bytes), escaped_reference(&bytes));
        }

        #[test]
        fn container_end_finds_value_end(value in json_value(), pretty: bool, tail in "[ ,}\\]a-z]{0,80}") {
            let container = match value {
                serde_json::Value::Array(_) | serde_json::Value::Object(_) => value,
                other => serde_json::Value::Array(vec![other]),
            };
            let text = if pretty {
                serde_json::to_string_pretty(&container).unwrap()
            } else {
                serde_json::to_string(&container).unwrap()
            };
            let body = format!("{text}{tail}");
            prop_assert_eq!(container_end(body.as_bytes(), 0), Some(text.len()));
        }

        #[test]
        fn container_end_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let mut text = vec![b'{'];
            text.extend(bytes);
            if let Some(end) = container_end(&text, 0) {
                prop_assert!(end <= text.len());
            }
        }

        #[test]
        fn string_end_finds_closing_quote(text in "\\PC{0,40}", tail in "[a-z\"]{0,5}") {
            let encoded = serde_json::to_string(&text).unwrap();
            let body = format!("{encoded}{tail}");
            prop_assert_eq!(string_end(body.as_bytes(), 0), Some(encoded.len()));
        }
    }

    #[test]
    fn container_end_at_block_edges() {
        for length in 0..200 {
            let text = format!(r#"{{"k":"{}"}}"#, "x".repeat(length));
            assert_eq!(
                container_end(text.as_bytes(), 0),
                Some(text.len()),
                "{length}"
            );
        }
    }

    #[test]
    fn container_end_ignores_escaped_quote_across_blocks() {
        // The backslash is the last byte of the first block and escapes the
        // quote that opens the second block.
        let mut text = String::from(r#"{"k":""#);
        text.push_str(&"x".repeat(63 - text.len()));
        text.push_str(r#"\"}"}"#);
        assert_eq!(text.as_bytes()[63], b'\\');
        assert_eq!(container_end(text.as_bytes(), 0), Some(text.len()));
    }

    #[test]
    fn container_end_unclosed() {
        for text in [&b"{"[..], b"[[]", br#"{"k":"}"#, br#"{"k":"\"}"#] {
            assert_eq!(container_end(text, 0), None, "{:?}", text);
        }
    }

    #[test]
    fn string_end_unclosed() {
        for text in [&b"\""[..], b"\"abc", b"\"abc\\\"", b"\"abc\\"] {
            assert_eq!(string_end(text, 0), None, "{:?}", text);
        }
    }

    #[test]
    fn value_end_of_scalars() {
        assert_eq!(value_end(b"12.5,", 0), Some(4));
        assert_eq!(value_end(b"true}", 0), Some(4));
        assert_eq!(value_end(b"null", 0), Some(4));
        assert_eq!(value_end(b",", 0), None);
        assert_eq!(value_end(b"", 0), None);
    }
}
