//! `dyad ingest` reads paths as `dyad extract` does (issue #14, item 1): symbolic links to
//! files and to folders are followed; what cannot be read is reported with its path and
//! the exit code says so; a file name that is not UTF-8 keeps its bytes, escaped. Needs the
//! models (`dyad models fetch`); without them the test prints a note and passes.

use std::path::Path;
use std::process::Command;

fn dyad(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .env("DYAD_NO_PROGRESS", "1")
        .output()
        .expect("dyad runs")
}

fn article(topic: &str) -> String {
    format!(
        " date 2025-12-04\nМинистр иностранных дел Азербайджана встретился в Баку с послом Франции. \
         Стороны обсудили {topic} и подготовку визита делегации в следующем месяце."
    )
}

#[cfg(unix)]
#[test]
fn ingest_follows_links_and_reports_what_it_cannot_read() {
    use std::os::unix::ffi::OsStrExt;
    if dyad_core::Pipeline::load().is_err() {
        eprintln!("note: skipping the ingest paths test: no models");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    let nested = real.join("nested");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(real.join("plain.txt"), article("энергетику")).unwrap();
    std::fs::write(real.join("linked-target.txt"), article("транспорт")).unwrap();
    std::fs::write(nested.join("in-folder.txt"), article("образование")).unwrap();
    // a file name that is no UTF-8 (Latin-1 "café")
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(real.join(latin1), article("туризм")).unwrap();
    // the folder given to ingest holds links only: to a file, to a folder, and a broken one
    let links = dir.path().join("links");
    std::fs::create_dir(&links).unwrap();
    std::os::unix::fs::symlink(real.join("linked-target.txt"), links.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(&nested, links.join("b")).unwrap();
    std::os::unix::fs::symlink(real.join(latin1), links.join("c.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), links.join("d.txt")).unwrap();
    let db = dir.path().join("paths.db");
    let out = dyad(&[
        "ingest".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        links.as_os_str(),
        real.join(latin1).as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // before: links skipped in silence, exit 0, nothing but plain files stored
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("d.txt: broken symbolic link"), "{stderr}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let inputs: Vec<String> = conn
        .prepare("SELECT input FROM documents ORDER BY input")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let name = |p: &Path| p.display().to_string();
    // the Latin-1 file twice (through its link and by its name) is one document
    assert_eq!(inputs.len(), 3, "{inputs:?}\n{stderr}");
    assert!(inputs.contains(&name(&links.join("a.txt"))), "{inputs:?}");
    assert!(
        inputs.contains(&name(&links.join("b").join("in-folder.txt"))),
        "{inputs:?}"
    );
    assert!(inputs.contains(&name(&links.join("c.txt"))), "{inputs:?}");
    assert!(!inputs.iter().any(|i| i.contains('\u{fffd}')), "{inputs:?}");
}

#[cfg(unix)]
#[test]
fn a_name_that_is_no_utf8_keeps_its_bytes_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let a = Path::new(std::ffi::OsStr::from_bytes(b"/news/caf\xe9.txt"));
    let b = Path::new(std::ffi::OsStr::from_bytes(b"/news/caf\xe8.txt"));
    // before: both were "/news/caf\u{fffd}.txt"
    assert_eq!(dyad_doc::ingest::path_name(a), "/news/caf\\xE9.txt");
    assert_ne!(
        dyad_doc::ingest::path_name(a),
        dyad_doc::ingest::path_name(b)
    );
    assert_eq!(
        dyad_doc::ingest::path_name(Path::new("/news/café.txt")),
        "/news/café.txt"
    );
    let docs: Vec<_> = dyad_doc::read_paths(&[a.to_path_buf()]).collect();
    let err = docs[0].as_ref().unwrap_err();
    assert_eq!(err.input, "/news/caf\\xE9.txt");
}
