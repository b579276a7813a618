//! Reading inputs: files, folders (recursively, in name order) and stdin, in any of our
//! formats, detected from the content.
//!
//! Entry points: [`read_paths`], [`read_stdin`], [`read_bytes`]. A bad input never stops
//! the others: each yields its own `Err(InputError)` naming the input and the reason.
//!
//! The way from bytes to [`Document`]s:
//!
//! 1. Bytes to text: gzip is unpacked (capped at [`MAX_DECOMPRESSED`]), binary and empty
//!    input is refused, and the bytes are decoded — UTF-8 when valid, else a declared or
//!    guessed legacy encoding (windows-1251, KOI8-R …). The BOM is not part of the text.
//! 2. The format, from the text (a file name's extension only breaks ties): the seed header
//!    ([`seed`]); JSON Lines — one document per record, named `PATH:LINE`, whose `source`
//!    is the record's `text` field, so **its offsets are relative to that text**; HTML
//!    ([`html`]); else plain text, whose body is the text itself.
//!
//! The private `detect` and `jsonl` modules spell out their rules in their docs.
//!
//! **Architecture invariant**: only I/O and undecodable input are errors; content never is.
//! No input makes this module panic, recurse without bound or take more than linear time
//! (the fuzz targets in `fuzz/` check the first).

pub mod check;
mod detect;
mod entities;
pub mod html;
mod jsonl;
pub mod seed;

pub use detect::MAX_DECOMPRESSED;

use crate::{Document, Format, Hints, MappedText};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why one input could not be read. Printed as `PATH: reason`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input}: {reason}")]
pub struct InputError {
    pub input: String,
    pub reason: String,
}

impl InputError {
    pub fn new(input: impl Into<String>, reason: impl Into<String>) -> Self {
        InputError {
            input: input.into(),
            reason: reason.into(),
        }
    }
}

/// Reads every file under `paths` (folders recursively, in name order, following symbolic
/// links). Yields documents and per-input errors in order. A path named here is read
/// whatever it is (a pipe such as `<(zcat x.gz)` too); inside a folder, only regular files
/// are read and anything else (a FIFO, a socket, a device) is reported, never waited on.
pub fn read_paths(paths: &[PathBuf]) -> impl Iterator<Item = Result<Document, InputError>> + '_ {
    paths
        .iter()
        .flat_map(|p| walk(p))
        .flat_map(|entry| match entry {
            Ok(file) => read_file_input(&file),
            Err(e) => vec![Err(e)],
        })
}

/// A file [`input_files`] found, to read with [`read_file_input`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// A regular file (a path named by the caller may be a pipe, read as well).
    pub regular: bool,
}

/// The files [`read_paths`] reads, in its order, and what it cannot read (a broken link, a
/// loop, a FIFO inside a folder) as errors: for a caller that reads them one at a time (a
/// progress bar a file). Symbolic links are followed, to files and to folders.
pub fn input_files(paths: &[PathBuf]) -> Vec<Result<InputFile, InputError>> {
    paths.iter().flat_map(|p| walk(p)).collect()
}

/// Reads one file [`input_files`] found: its documents, or why it cannot be read.
pub fn read_file_input(file: &InputFile) -> Vec<Result<Document, InputError>> {
    let name = path_name(&file.path);
    match read_file(&file.path, file.regular) {
        Ok(bytes) => results(read_input(&name, Cow::Owned(bytes), MAX_DECOMPRESSED)),
        Err(reason) => vec![Err(InputError::new(name, reason))],
    }
}

/// A path as documents and errors name it: as is when it is UTF-8; otherwise each byte
/// that is not escaped as `\xNN`, so that two names differing in such bytes stay apart
/// (they became the same U+FFFD before).
pub fn path_name(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// Reads standard input as one input named `-` (at most [`MAX_DECOMPRESSED`] bytes).
pub fn read_stdin() -> Vec<Result<Document, InputError>> {
    match read_capped(std::io::stdin().lock()) {
        Ok(bytes) => results(read_input("-", Cow::Owned(bytes), MAX_DECOMPRESSED)),
        Err(reason) => vec![Err(InputError::new("-", reason))],
    }
}

/// Reads one input's bytes. The outer error means the whole input is unreadable; a JSON Lines
/// file yields one result per record, so one bad line does not lose the others. `input`
/// names the input in documents and errors; its extension only breaks ties in the format
/// checks (`.html`, `.jsonl`, also under `.gz`).
pub fn read_bytes(
    input: &str,
    bytes: &[u8],
) -> Result<Vec<Result<Document, InputError>>, InputError> {
    read_input(input, Cow::Borrowed(bytes), MAX_DECOMPRESSED)
}

/// [`read_bytes`] with gzip allowed to expand to `max_expanded` bytes only: for bytes from a
/// client, whose budget is smaller than a file's (a 1 MB gzip bomb is 1 GiB at the cap).
pub fn read_bytes_within(
    input: &str,
    bytes: &[u8],
    max_expanded: u64,
) -> Result<Vec<Result<Document, InputError>>, InputError> {
    read_input(
        input,
        Cow::Borrowed(bytes),
        max_expanded.min(MAX_DECOMPRESSED),
    )
}

/// What a store keeps of a document's input, so that [`read_stored`] gives the same
/// document back: the input as read — for a JSON Lines record, the record with its text and
/// the fields read from it (its date, title, outlet and address).
pub fn stored_input(doc: &Document) -> String {
    match doc.format {
        Format::Jsonl => jsonl::line_of(doc),
        _ => doc.source.clone(),
    }
}

/// The document that a store kept with [`stored_input`], read again as the format it was
/// detected as (no detection runs again) and as decoded from `encoding` (a label
/// `encoding_rs` knows; the text itself is UTF-8 by now). An input kept by an older store
/// that only holds a JSON Lines record's text is read as that text with no fields.
pub fn read_stored(
    input: &str,
    format: Format,
    encoding: &str,
    stored: &str,
) -> Result<Document, InputError> {
    let encoding =
        encoding_rs::Encoding::for_label(encoding.as_bytes()).map_or("UTF-8", |e| e.name());
    let text = stored.to_string();
    let plain = |format: Format, text: String| Document {
        input: input.to_string(),
        body: MappedText::identity(&text),
        source: text,
        format,
        encoding,
        furniture: Vec::new(),
        article: None,
        hints: Hints::default(),
    };
    match format {
        Format::Seed => match seed::header(&text) {
            Some((date, body_start)) => Ok(seed::document(input, text, encoding, date, body_start)),
            None => Err(InputError::new(input, "stored seed input has no date line")),
        },
        Format::Html => {
            let page = html::parse(&text);
            Ok(Document {
                input: input.to_string(),
                source: text,
                format: Format::Html,
                encoding,
                body: page.body,
                furniture: page.furniture,
                article: page.article,
                hints: page.hints,
            })
        }
        Format::Plain => Ok(plain(Format::Plain, text)),
        Format::Jsonl => match jsonl::record(input, &text, encoding) {
            Ok(doc) => Ok(doc),
            Err(_) => Ok(plain(Format::Jsonl, text)),
        },
    }
}

fn read_input(
    input: &str,
    bytes: Cow<'_, [u8]>,
    max_expanded: u64,
) -> Result<Vec<Result<Document, InputError>>, InputError> {
    let err = |reason: String| InputError::new(input, reason);
    let bytes = detect::gunzip_layers(bytes, max_expanded).map_err(err)?;
    let decoded = detect::decode(bytes).map_err(err)?;
    Ok(read_text(input, decoded.text, decoded.encoding))
}

/// Reads decoded text in whichever format it is in.
fn read_text(
    input: &str,
    text: String,
    encoding: &'static str,
) -> Vec<Result<Document, InputError>> {
    let hint = detect::ext_hint(input);
    if let Some((date, body_start)) = seed::header(&text) {
        return vec![Ok(seed::document(input, text, encoding, date, body_start))];
    }
    if detect::looks_like_jsonl(&text, hint) {
        return jsonl::read(input, &text, encoding);
    }
    let (format, body, furniture, article, hints) = if detect::looks_like_html(&text, hint) {
        let page = html::parse(&text);
        (
            Format::Html,
            page.body,
            page.furniture,
            page.article,
            page.hints,
        )
    } else {
        let body = MappedText::identity(&text);
        (Format::Plain, body, Vec::new(), None, Hints::default())
    };
    vec![Ok(Document {
        input: input.to_string(),
        source: text,
        format,
        encoding,
        body,
        furniture,
        article,
        hints,
    })]
}

fn results(
    r: Result<Vec<Result<Document, InputError>>, InputError>,
) -> Vec<Result<Document, InputError>> {
    match r {
        Ok(v) => v,
        Err(e) => vec![Err(e)],
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::IsADirectory => "is a folder".into(),
        _ => e.to_string(),
    }
}

/// Reads a file: whole when it is a regular file, else (a pipe, a device) up to the cap.
fn read_file(path: &Path, regular: bool) -> Result<Vec<u8>, String> {
    if regular {
        std::fs::read(path).map_err(|e| io_reason(&e))
    } else {
        let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
        read_capped(file)
    }
}

/// Reads a stream to its end, refusing more than [`MAX_DECOMPRESSED`] bytes.
fn read_capped(r: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    r.take(MAX_DECOMPRESSED + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > MAX_DECOMPRESSED {
        return Err("input larger than 1 GiB".into());
    }
    Ok(bytes)
}

/// Why a path that does not exist cannot be read.
fn missing_reason(path: &Path) -> &'static str {
    if std::fs::symlink_metadata(path).is_ok() {
        "broken symbolic link"
    } else {
        "no such file or folder"
    }
}

/// The files under a path, each with whether it is a regular file: the path itself when it
/// is not a folder, else every file below it. Non-regular files below a folder are errors.
fn walk(path: &Path) -> Vec<Result<InputFile, InputError>> {
    let file = |path: PathBuf, regular: bool| InputFile { path, regular };
    if !path.exists() {
        return vec![Err(InputError::new(path_name(path), missing_reason(path)))];
    }
    walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| match e {
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) if e.file_type().is_file() => Some(Ok(file(e.into_path(), true))),
            Ok(e) if e.depth() == 0 => Some(Ok(file(e.into_path(), false))),
            Ok(e) => Some(Err(InputError::new(
                path_name(e.path()),
                "not a regular file",
            ))),
            Err(e) => {
                let p = e.path().unwrap_or(path);
                let reason = match e.io_error() {
                    _ if e.loop_ancestor().is_some() => "symbolic link loop".to_string(),
                    Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                        missing_reason(p).to_string()
                    }
                    Some(io) => io_reason(io),
                    None => e.to_string(),
                };
                Some(Err(InputError::new(path_name(p), reason)))
            }
        })
        .collect()
}

/// A date as metadata writes it: `YYYY-MM-DD` (or `/`, `.` between), at the start of an ISO
/// date-time (the date as written, in the writer's time zone), `YYYYMMDD`, `DD.MM.YYYY`, or
/// an RFC 2822 date (`Fri, 05 Dec 2025 10:00:00 +0300`).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    let ends_at = |i: usize| !b.get(i).is_some_and(u8::is_ascii_digit);
    let ymd = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d);
    if digits(0..4) && matches!(b.get(4), Some(b'-' | b'/' | b'.')) && b.get(7) == b.get(4) {
        if digits(5..7) && digits(8..10) && ends_at(10) {
            return ymd(num(0..4)?, num(5..7)?, num(8..10)?);
        }
        return None;
    }
    if digits(0..8) && ends_at(8) {
        return ymd(num(0..4)?, num(4..6)?, num(6..8)?);
    }
    if digits(0..2) && b.get(2) == Some(&b'.') && digits(3..5) && b.get(5) == Some(&b'.') {
        if digits(6..10) && ends_at(10) {
            return ymd(num(6..10)?, num(3..5)?, num(0..2)?);
        }
        return None;
    }
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(input: &str, bytes: &[u8]) -> Document {
        let mut v = read_bytes(input, bytes).unwrap();
        assert_eq!(v.len(), 1);
        v.remove(0).unwrap()
    }

    #[test]
    fn dates() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(parse_date("2025-12-05"), d(2025, 12, 5));
        assert_eq!(parse_date(" 2025-12-05T23:30:00-05:00"), d(2025, 12, 5));
        assert_eq!(parse_date("2025/12/05 10:00"), d(2025, 12, 5));
        assert_eq!(parse_date("20251205"), d(2025, 12, 5));
        assert_eq!(parse_date("05.12.2025"), d(2025, 12, 5));
        assert_eq!(
            parse_date("Fri, 05 Dec 2025 10:00:00 +0300"),
            d(2025, 12, 5)
        );
        assert_eq!(parse_date("2025-13-05"), None);
        assert_eq!(parse_date("2025-12-055"), None);
        assert_eq!(parse_date("5 декабря 2025"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("1733400000"), None);
    }

    #[test]
    fn formats_by_content() {
        let seed = one("a.txt", " date 2025-12-05 Текст.".as_bytes());
        assert_eq!((seed.format, seed.body.text()), (Format::Seed, "Текст."));
        let plain = one("a.txt", "\u{feff}Просто текст.\r\n".as_bytes());
        assert_eq!(plain.format, Format::Plain);
        assert_eq!(
            plain.source, "Просто текст.\r\n",
            "BOM gone, nothing else touched"
        );
        assert_eq!(plain.body.text(), plain.source);
        let html = one("page", b"<!doctype html><title>T</title><p>x &amp; y</p>");
        assert_eq!((html.format, html.body.text()), (Format::Html, "x & y"));
        assert_eq!(html.hints.title.as_deref(), Some("T"));
        let jsonl = read_bytes("f", b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n").unwrap();
        assert_eq!(jsonl.len(), 2);
        assert_eq!(jsonl[1].as_ref().unwrap().input, "f:2");
        assert_eq!(jsonl[1].as_ref().unwrap().format, Format::Jsonl);
    }

    #[test]
    fn legacy_encoded_html_and_gzip() {
        use std::io::Write;
        let page = "<html><head><meta charset=windows-1251><title>Визит</title></head>\
                    <body><p>Премьер-министр Армении посетит Брюссель.</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&bytes).unwrap();
        let doc = one("page.gz", &gz.finish().unwrap());
        assert_eq!(doc.encoding, "windows-1251");
        assert_eq!(doc.format, Format::Html);
        assert_eq!(doc.body.text(), "Премьер-министр Армении посетит Брюссель.");
        assert_eq!(doc.source, page);
    }

    #[test]
    fn stored_inputs_read_back_as_the_same_documents() {
        let inputs: [(&str, &[u8]); 4] = [
            ("a.txt", " date 2025-12-05 Текст.".as_bytes()),
            ("b.txt", "Просто текст.".as_bytes()),
            ("page", b"<!doctype html><title>T</title><p>x &amp; y</p>"),
            (
                "f.jsonl",
                "{\"text\":\"Новость.\",\"date\":\"2025-12-04\",\"outlet\":\"Trend\"}\n".as_bytes(),
            ),
        ];
        for (name, bytes) in inputs {
            let doc = read_bytes(name, bytes).unwrap().remove(0).unwrap();
            let again =
                read_stored(&doc.input, doc.format, doc.encoding, &stored_input(&doc)).unwrap();
            assert_eq!(
                (again.format, again.body.text(), &again.source, &again.hints),
                (doc.format, doc.body.text(), &doc.source, &doc.hints),
                "{name}"
            );
        }
        // the format is kept, not detected again: a plain text that looks like a seed
        let doc = read_stored("x", Format::Plain, "windows-1251", " date 2025-12-05 Т.").unwrap();
        assert_eq!((doc.format, doc.encoding), (Format::Plain, "windows-1251"));
        // an older store kept only a record's text
        let doc = read_stored("f.jsonl:1", Format::Jsonl, "UTF-8", "Новость.").unwrap();
        assert_eq!(
            (doc.format, doc.source.as_str()),
            (Format::Jsonl, "Новость.")
        );
    }

    #[test]
    fn errors_name_the_input() {
        let e = read_bytes("x.bin", b"\x00\x01\x02").unwrap_err();
        assert_eq!(e.to_string(), "x.bin: binary file, not text");
        let e = read_bytes("e.txt", b"").unwrap_err();
        assert_eq!(e.to_string(), "e.txt: empty file");
    }

    /// Issue #14: one NUL byte in a JSON Lines file rejected the whole file as binary; now
    /// it is read as damage in its line (the replacement character) and nothing is lost.
    #[test]
    fn one_nul_byte_loses_only_its_line() {
        let mut jsonl = String::new();
        for i in 0..1000 {
            jsonl.push_str(&format!(
                "{{\"text\": \"Министр обороны выступил с заявлением номер {i}.\"}}\n"
            ));
        }
        jsonl.push_str("{\"text\": \"испорчен\u{0}ная строка\"}\n");
        let docs = read_bytes("feed.jsonl", jsonl.as_bytes()).expect("read as text");
        assert_eq!(docs.len(), 1001);
        let docs: Vec<Document> = docs.into_iter().map(Result::unwrap).collect();
        assert!(docs[1000].source.contains("испорчен\u{FFFD}ная"));
    }
}
