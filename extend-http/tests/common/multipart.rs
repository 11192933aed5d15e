//! A minimal `multipart/form-data` parser, enough to check what the
//! transport sends.

#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

pub fn parse(content_type: &str, body: &[u8]) -> Vec<Part> {
    let boundary = content_type
        .split(';')
        .find_map(|param| param.trim().strip_prefix("boundary="))
        .expect("boundary parameter")
        .trim_matches('"');
    let delimiter = format!("\r\n--{boundary}").into_bytes();

    let mut body_with_lead = b"\r\n".to_vec();
    body_with_lead.extend_from_slice(body);
    let sections = split(&body_with_lead, &delimiter);

    let mut parts = Vec::new();
    for section in sections.iter().skip(1) {
        if section.starts_with(b"--") {
            break;
        }
        let section = section.strip_prefix(b"\r\n").expect("CRLF after delimiter");
        let header_end = find(section, b"\r\n\r\n", 0).expect("end of part headers");
        let headers = String::from_utf8_lossy(&section[..header_end]).into_owned();
        parts.push(Part {
            name: param(&headers, "name").expect("part name"),
            file_name: param(&headers, "filename"),
            content_type: header(&headers, "content-type"),
            data: section[header_end + 4..].to_vec(),
        });
    }
    parts
}

fn split<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut sections = Vec::new();
    let mut start = 0;
    while let Some(found) = find(haystack, needle, start) {
        sections.push(&haystack[start..found]);
        start = found + needle.len();
    }
    sections.push(&haystack[start..]);
    sections
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|position| position + from)
}

fn param(headers: &str, name: &str) -> Option<String> {
    let pattern = format!("{name}=\"");
    let start = headers
        .match_indices(&pattern)
        .find(|(index, _)| *index == 0 || matches!(headers.as_bytes()[index - 1], b' ' | b';'))?
        .0
        + pattern.len();
    let end = headers[start..].find('"')? + start;
    Some(headers[start..end].to_owned())
}

fn header(headers: &str, name: &str) -> Option<String> {
    headers.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().to_owned())
    })
}
