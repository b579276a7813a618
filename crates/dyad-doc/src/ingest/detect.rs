//! From bytes to text, and which of our formats the text is in — decided from the content.
//!
//! The steps, in order:
//!
//! 1. **gzip** (magic bytes `1f 8b`): decompressed, up to [`MAX_DECOMPRESSED`] bytes in all, so
//!    a gzip bomb gives an error instead of eating the memory. Nested gzip is unpacked too
//!    (up to three layers).
//! 2. **empty**: no bytes, or only whitespace → "empty file".
//! 3. **UTF-16 with a BOM** is decoded as such (Windows editors write it).
//! 4. **binary**: NUL bytes beyond 1 % of the input, or more than 10 % control bytes in the
//!    first 64 KiB →
//!    "binary file, not text" (with the kind when the magic bytes say: PDF, zip, an image);
//!    bzip2, xz and zstd get "decompress it first".
//! 5. **UTF-8** (with or without a BOM) when the bytes are valid UTF-8: the fast path, nothing
//!    else runs.
//! 6. Otherwise, in order: the charset an HTML `<meta>` or XML declaration names; UTF-8
//!    decoded lossily when the bytes are *mostly* UTF-8 (a truncated or slightly damaged
//!    file: at most one bad sequence per ten good multi-byte characters); else the legacy
//!    encoding chardetng guesses (windows-1251, KOI8-R, IBM866 … for Russian text), decoded
//!    with encoding_rs. Invalid UTF-8 that is no legacy encoding either is, by then, binary
//!    (control bytes), so every input that gets this far is text in *some* encoding.
//!
//! The BOM is not part of the decoded text (as with the WHATWG decoders browsers use), so
//! offsets into `Document::source` start at the first character after it.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;
use std::io::Read;

/// The most bytes gzip input may expand to (1 GiB).
pub const MAX_DECOMPRESSED: u64 = 1 << 30;

/// How many bytes at the start are looked at for the binary and format checks.
const SNIFF: usize = 64 * 1024;

/// Unpacks gzip (possibly nested) when the bytes start with its magic. `Err` is the reason.
pub fn gunzip_layers(mut bytes: Cow<'_, [u8]>, cap: u64) -> Result<Cow<'_, [u8]>, String> {
    for _ in 0..3 {
        if !is_gzip(&bytes) {
            break;
        }
        bytes = Cow::Owned(gunzip(&bytes, cap)?);
    }
    Ok(bytes)
}

fn is_gzip(b: &[u8]) -> bool {
    b.len() >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8
}

fn gunzip(bytes: &[u8], cap: u64) -> Result<Vec<u8>, String> {
    let mut dec = flate2::read::MultiGzDecoder::new(bytes);
    // The trailer's size field (mod 2^32) is a good first guess for the capacity.
    let hint = bytes
        .len()
        .checked_sub(4)
        .map(|i| u32::from_le_bytes(bytes[i..].try_into().unwrap()) as u64)
        .unwrap_or(0)
        .min(cap);
    let mut out = Vec::with_capacity(hint as usize);
    let mut chunk = vec![0u8; 256 * 1024];
    loop {
        let n = match dec.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("corrupt gzip data: {e}")),
        };
        if out.len() as u64 + n as u64 > cap {
            return Err(format!(
                "gzip data expands past {} (a gzip bomb?)",
                human_size(cap)
            ));
        }
        out.extend_from_slice(&chunk[..n]);
    }
    Ok(out)
}

fn human_size(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n => format!("{n} bytes"),
    }
}

/// Bytes decoded to text: the text and the name of its encoding.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes the (already unpacked) bytes of one input. `Err` is the reason it is not text.
pub fn decode(bytes: Cow<'_, [u8]>) -> Result<Decoded, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    let mut decoded = decode_text(bytes)?;
    if decoded.text.trim().is_empty() {
        return Err("empty file".into());
    }
    // a stray NUL in text is damage, shown as the replacement character
    if decoded.text.contains('\0') {
        decoded.text = decoded.text.replace('\0', "\u{FFFD}");
    }
    Ok(decoded)
}

fn decode_text(bytes: Cow<'_, [u8]>) -> Result<Decoded, String> {
    if let Some((enc, _)) =
        Encoding::for_bom(&bytes).filter(|(e, _)| *e == UTF_16LE || *e == UTF_16BE)
    {
        let (text, _) = enc.decode_with_bom_removal(&bytes);
        if let Some(reason) = binary_text(&text) {
            return Err(reason.into());
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
        });
    }
    if let Some(reason) = binary_reason(&bytes) {
        return Err(reason);
    }
    let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let bytes = match bytes {
        Cow::Borrowed(b) if had_bom => Cow::Borrowed(&b[3..]),
        Cow::Owned(mut v) if had_bom => {
            v.drain(..3);
            Cow::Owned(v)
        }
        b => b,
    };
    let bytes = match bytes {
        Cow::Owned(v) => match String::from_utf8(v) {
            Ok(text) => return Ok(utf8(text)),
            Err(e) => Cow::Owned(e.into_bytes()),
        },
        Cow::Borrowed(b) => match std::str::from_utf8(b) {
            Ok(text) => return Ok(utf8(text.to_owned())),
            Err(_) => Cow::Borrowed(b),
        },
    };
    // Not valid UTF-8.
    let encoding = if had_bom {
        UTF_8
    } else {
        declared_charset(&bytes)
            .or_else(|| mostly_utf8(&bytes).then_some(UTF_8))
            .unwrap_or_else(|| guess_legacy(&bytes))
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

fn utf8(text: String) -> Decoded {
    Decoded {
        text,
        encoding: UTF_8.name(),
    }
}

/// Why these bytes are not text, if they are not: NUL bytes beyond one in a hundred, or
/// control bytes making up more than a tenth of the start.
pub fn binary_reason(b: &[u8]) -> Option<String> {
    const COMPRESSED: &[(&[u8], &str)] = &[
        (b"BZh", "bzip2"),
        (b"\xFD7zXZ\x00", "xz"),
        (b"\x28\xB5\x2F\xFD", "zstd"),
    ];
    const KINDS: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"PK\x03\x04", "zip archive"),
        (b"7z\xBC\xAF\x27\x1C", "7z archive"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x7FELF", "executable"),
    ];
    for (magic, name) in COMPRESSED {
        if b.starts_with(magic) && is_binary(b) {
            return Some(format!(
                "compressed with {name}, which is not read: decompress it first"
            ));
        }
    }
    for (magic, name) in KINDS {
        if b.starts_with(magic) {
            return Some(format!("binary file, not text ({name})"));
        }
    }
    is_binary(b).then(|| "binary file, not text".to_string())
}

fn is_binary(b: &[u8]) -> bool {
    // NUL bytes beyond one in a hundred: binary formats and UTF-16 without a BOM are full of
    // them; a stray one in a text file (a damaged line of JSON Lines) is not, and loses only
    // its own line or is read as the text it sits in
    if memchr::memchr_iter(0, b).count() * 100 > b.len() {
        return true;
    }
    let sample = &b[..b.len().min(SNIFF)];
    let controls = sample.iter().filter(|&&c| is_control(c)).count();
    controls * 10 > sample.len()
}

/// C0 control bytes that do not occur in text (tab, line breaks, form feed and escape do).
fn is_control(c: u8) -> bool {
    matches!(c, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F)
}

/// The binary check on already decoded text (UTF-16).
fn binary_text(text: &str) -> Option<&'static str> {
    let sample: Vec<char> = text.chars().take(SNIFF).collect();
    let bad = sample
        .iter()
        .filter(|&&c| c == '\u{FFFD}' || (c.is_ascii() && is_control(c as u8)))
        .count();
    (bad * 10 > sample.len()).then_some("binary file, not text")
}

/// The encoding an HTML `<meta charset>` / `http-equiv` or an XML declaration names in the
/// first 4 KiB, when it is an ASCII-compatible one other than UTF-8 (a page that says UTF-8
/// but is not valid UTF-8 goes to the other checks).
fn declared_charset(b: &[u8]) -> Option<&'static Encoding> {
    let head = &b[..b.len().min(4096)];
    let mut from = 0;
    while let Some(i) = find_ascii_ci(&head[from..], b"charset").map(|i| from + i) {
        from = i + 7;
        if let Some(enc) = label_after(&head[from..]) {
            return Some(enc);
        }
    }
    if head.starts_with(b"<?xml") {
        let decl_end = memchr::memchr(b'>', head).unwrap_or(head.len());
        if let Some(i) = find_ascii_ci(&head[..decl_end], b"encoding") {
            return label_after(&head[i + 8..decl_end]);
        }
    }
    None
}

/// The encoding label after `charset` / `encoding`: `= "windows-1251"`.
fn label_after(b: &[u8]) -> Option<&'static Encoding> {
    let skip = |b: &[u8], i: usize| {
        i + b[i..]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count()
    };
    let mut i = skip(b, 0);
    if b.get(i) != Some(&b'=') {
        return None;
    }
    i = skip(b, i + 1);
    if matches!(b.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    let len = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
        .count();
    let enc = Encoding::for_label_no_replacement(&b[i..i + len])?;
    (enc != UTF_8 && enc.is_ascii_compatible()).then_some(enc)
}

fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// True when the bytes are UTF-8 with a few bad sequences: at most one bad sequence per ten
/// good multi-byte characters. Legacy Cyrillic text is almost never valid UTF-8 for long, so
/// it fails this test at once.
fn mostly_utf8(b: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in b.utf8_chunks() {
        good += chunk
            .valid()
            .as_bytes()
            .iter()
            .filter(|&&c| c >= 0xC0)
            .count();
        if !chunk.invalid().is_empty() {
            bad += 1;
            if bad >= 1000 && bad * 10 > good {
                return false; // clearly not UTF-8: no need to read on
            }
        }
    }
    good > 0 && bad * 10 <= good
}

/// chardetng's guess for bytes that are not UTF-8, from their first megabyte. No TLD hint:
/// the text decides (a `.ru` hint would tilt Latin-1 text to windows-1251).
///
/// chardetng says KOI8-U for most KOI8-R text; the two differ only in eight byte values
/// (Ukrainian letters in KOI8-U, box drawing in KOI8-R), so without those bytes the text
/// is the same either way and we name it KOI8-R.
fn guess_legacy(b: &[u8]) -> &'static Encoding {
    const PREFIX: usize = 1 << 20;
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&b[..b.len().min(PREFIX)], b.len() <= PREFIX);
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    const UKRAINIAN: &[u8] = &[0xA4, 0xA6, 0xA7, 0xAD, 0xB4, 0xB6, 0xB7, 0xBD];
    if guess == encoding_rs::KOI8_U && !b.iter().any(|c| UKRAINIAN.contains(c)) {
        return encoding_rs::KOI8_R;
    }
    guess
}

/// Input name hints: the extension (without `.gz`), lowercased.
pub fn extension(input: &str) -> String {
    let name = input.rsplit(['/', '\\']).next().unwrap_or(input);
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    match lower.rfind('.') {
        Some(i) => lower[i + 1..].to_string(),
        None => String::new(),
    }
}

/// What an extension suggests, used only to break ties in the content checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtHint {
    Html,
    Jsonl,
    None,
}

pub fn ext_hint(input: &str) -> ExtHint {
    match extension(input).as_str() {
        "html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx" => ExtHint::Html,
        "jsonl" | "ndjson" | "json" | "jsonlines" => ExtHint::Jsonl,
        _ => ExtHint::None,
    }
}

/// True when the first non-blank line is a JSON object (or starts like one in a file named
/// `.jsonl`), so the text is read as JSON Lines.
pub fn looks_like_jsonl(text: &str, hint: ExtHint) -> bool {
    let Some(line) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return false;
    };
    if !line.starts_with('{') {
        return false;
    }
    hint == ExtHint::Jsonl
        || serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line).is_ok()
}

/// True when the text is HTML: it starts with a doctype or a known tag, or its first 64 KiB
/// hold at least three known tags (one will do for a file named `.html`).
pub fn looks_like_html(text: &str, hint: ExtHint) -> bool {
    let b = text.as_bytes();
    let sample = &b[..b.len().min(SNIFF)];
    let start = sample
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(sample.len());
    let head = &sample[start..];
    if head.first() == Some(&b'<') {
        let lower: Vec<u8> = head[..head.len().min(16)].to_ascii_lowercase();
        if lower.starts_with(b"<!doctype html")
            || lower.starts_with(b"<?xml")
            || lower.starts_with(b"<!--")
            || known_tag_at(head, 0).is_some()
        {
            return true;
        }
    }
    let needed = if hint == ExtHint::Html { 1 } else { 3 };
    let mut found = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &sample[i..]) {
        i += k;
        if let Some(len) = known_tag_at(sample, i) {
            found += 1;
            if found >= needed {
                return true;
            }
            i += len;
        } else {
            i += 1;
        }
    }
    false
}

/// The length of a known start or end tag's opening (`<p>`, `</div `) at `i`, if there is one.
fn known_tag_at(b: &[u8], i: usize) -> Option<usize> {
    const TAGS: &[&[u8]] = &[
        b"a", b"article", b"b", b"body", b"br", b"div", b"em", b"footer", b"h1", b"h2", b"h3",
        b"h4", b"h5", b"h6", b"head", b"header", b"html", b"i", b"img", b"li", b"link", b"main",
        b"meta", b"nav", b"ol", b"p", b"script", b"section", b"span", b"strong", b"style",
        b"table", b"td", b"title", b"tr", b"ul",
    ];
    let mut j = i + 1;
    if b.get(j) == Some(&b'/') {
        j += 1;
    }
    let name_len = b[j.min(b.len())..]
        .iter()
        .take(8)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let end = j + name_len;
    if name_len == 0 || !matches!(b.get(end), Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
        return None;
    }
    let name = b[j..end].to_ascii_lowercase();
    TAGS.contains(&name.as_slice()).then_some(end - i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(b: &[u8]) -> Result<Decoded, String> {
        decode(Cow::Borrowed(b))
    }

    const RU: &str = "Министр иностранных дел Азербайджана Джейхун Байрамов провёл \
        переговоры с главой МИД Грузии. Стороны обсудили транзит по Среднему коридору, \
        энергетические проекты и подготовку заседания межправительственной комиссии.";

    #[test]
    fn utf8_with_and_without_bom() {
        let d = dec(RU.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (RU, "UTF-8"));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), RU.as_bytes()].concat();
        let d = dec(&with_bom).unwrap();
        assert_eq!(d.text, RU, "the BOM is not part of the text");
        let d = decode(Cow::Owned(with_bom)).unwrap();
        assert_eq!(d.text, RU);
    }

    #[test]
    fn legacy_russian_encodings() {
        for enc in [
            encoding_rs::WINDOWS_1251,
            encoding_rs::KOI8_R,
            encoding_rs::IBM866,
        ] {
            let (bytes, _, bad) = enc.encode(RU);
            assert!(!bad);
            let d = dec(&bytes).unwrap();
            assert_eq!(d.encoding, enc.name());
            assert_eq!(d.text, RU);
        }
    }

    #[test]
    fn short_legacy_texts() {
        let short = "Визит премьер-министра Армении в Брюссель.";
        for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R] {
            let (bytes, _, _) = enc.encode(short);
            assert_eq!(dec(&bytes).unwrap().text, short, "{}", enc.name());
        }
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in RU.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = dec(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (RU, "UTF-16LE"));
    }

    #[test]
    fn meta_charset_wins_for_legacy_html() {
        let page = format!("<html><head><meta charset=\"koi8-r\"></head><body><p>{RU}</p>");
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(&page);
        let d = dec(&bytes).unwrap();
        assert_eq!(d.encoding, "KOI8-R");
        assert_eq!(d.text, page);
    }

    #[test]
    fn damaged_utf8_is_decoded_lossily() {
        let mut bytes = RU.as_bytes().to_vec();
        bytes.insert(15, 0xFF); // before "иностранных"
        bytes.truncate(bytes.len() - 2); // drop the '.' and cut the last letter in half
        let d = dec(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("Министр"));
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(dec(b"").unwrap_err(), "empty file");
        assert_eq!(dec(b" \n\t\r\n").unwrap_err(), "empty file");
        assert_eq!(dec(b"\xEF\xBB\xBF  \n").unwrap_err(), "empty file");
        assert_eq!(dec(b"abc\0def").unwrap_err(), "binary file, not text");
        let controls: Vec<u8> = (0..1000u32)
            .map(|i| (i % 8 + 1) as u8 | (0x40 * (i % 2 == 0) as u8))
            .collect();
        assert_eq!(dec(&controls).unwrap_err(), "binary file, not text");
        assert_eq!(
            dec(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n").unwrap_err(),
            "binary file, not text (PDF)"
        );
        assert!(dec(b"BZh91AY&SY\x00\x01").unwrap_err().contains("bzip2"));
    }

    #[test]
    fn gzip_and_its_cap() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(RU.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let out = gunzip_layers(Cow::Borrowed(&gz), 1 << 20).unwrap();
        assert_eq!(&*out, RU.as_bytes());
        let err = gunzip_layers(Cow::Borrowed(&gz), 100).unwrap_err();
        assert!(err.contains("gzip bomb"), "{err}");
        let err = gunzip_layers(Cow::Borrowed(&gz[..gz.len() / 2]), 1 << 20).unwrap_err();
        assert!(err.starts_with("corrupt gzip data"), "{err}");
        // nested
        let mut gz2 = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz2.write_all(&gz).unwrap();
        let gz2 = gz2.finish().unwrap();
        assert_eq!(
            &*gunzip_layers(Cow::Owned(gz2), 1 << 20).unwrap(),
            RU.as_bytes()
        );
    }

    #[test]
    fn formats() {
        assert!(looks_like_html("<!DOCTYPE html><p>x", ExtHint::None));
        assert!(looks_like_html("  <p>Текст</p>", ExtHint::None));
        assert!(looks_like_html("Текст<br>ещё<br/>и ещё<BR>", ExtHint::None));
        assert!(!looks_like_html("a <b> c", ExtHint::None));
        assert!(looks_like_html("a <b> c", ExtHint::Html));
        assert!(!looks_like_html("x < y and y > z, <3", ExtHint::Html));
        assert!(looks_like_jsonl("\n{\"text\": \"x\"}\n", ExtHint::None));
        assert!(!looks_like_jsonl("{not json", ExtHint::None));
        assert!(looks_like_jsonl("{not json", ExtHint::Jsonl));
        assert_eq!(ext_hint("a/b/page.HTML.gz"), ExtHint::Html);
        assert_eq!(ext_hint("feed.jsonl"), ExtHint::Jsonl);
        assert_eq!(ext_hint("-"), ExtHint::None);
    }
}
