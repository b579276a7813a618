//! Reading inputs: files, folders (recursively, in name order) and stdin, in any of our
//! formats, detected from the content.
//!
//! Entry points: [`read_paths`], [`read_stdin`], [`read_bytes`]. A bad input never stops
//! the others: each yields its own `Err(InputError)` naming the input and the reason.

mod seed;

use crate::{Document, Format, Hints, MappedText};
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

/// Reads every file under `paths` (folders recursively, in name order). Yields documents and
/// per-input errors in order.
pub fn read_paths(paths: &[PathBuf]) -> impl Iterator<Item = Result<Document, InputError>> + '_ {
    paths
        .iter()
        .flat_map(|p| walk(p))
        .flat_map(|entry| match entry {
            Ok(path) => {
                let name = path.display().to_string();
                match std::fs::read(&path) {
                    Ok(bytes) => results(read_bytes(&name, &bytes)),
                    Err(e) => vec![Err(InputError::new(name, io_reason(&e)))],
                }
            }
            Err(e) => vec![Err(e)],
        })
}

/// Reads standard input as one input named `-`.
pub fn read_stdin() -> Vec<Result<Document, InputError>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    match std::io::stdin().lock().read_to_end(&mut bytes) {
        Ok(_) => results(read_bytes("-", &bytes)),
        Err(e) => vec![Err(InputError::new("-", io_reason(&e)))],
    }
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
        _ => e.to_string(),
    }
}

/// The files under a path: the path itself when it is a file, else every file below it.
fn walk(path: &Path) -> Vec<Result<PathBuf, InputError>> {
    if !path.exists() {
        return vec![Err(InputError::new(
            path.display().to_string(),
            "no such file or folder",
        ))];
    }
    walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| match e {
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) => Some(Ok(e.into_path())),
            Err(e) => {
                let p = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| path.display().to_string());
                let reason = e.io_error().map(io_reason).unwrap_or_else(|| e.to_string());
                Some(Err(InputError::new(p, reason)))
            }
        })
        .collect()
}

/// Reads one input's bytes. The outer error means the whole input is unreadable; a JSON Lines
/// file yields one result per record, so one bad line does not lose the others.
pub fn read_bytes(
    input: &str,
    bytes: &[u8],
) -> Result<Vec<Result<Document, InputError>>, InputError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => return Err(InputError::new(input, "not valid UTF-8")),
    };
    if text.trim().is_empty() {
        return Err(InputError::new(input, "empty input"));
    }
    if let Some(doc) = seed::read(input, &text) {
        return Ok(vec![Ok(doc)]);
    }
    let body = MappedText::identity(&text);
    Ok(vec![Ok(Document {
        input: input.to_string(),
        source: text,
        format: Format::Plain,
        encoding: "UTF-8",
        body,
        furniture: Vec::new(),
        article: None,
        hints: Hints::default(),
    })])
}
