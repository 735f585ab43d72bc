//! The loader's error type: every error names the file, and where it can the feature and property.

use std::fmt;
use std::path::PathBuf;

/// Which feature of a file an error is about: its index, and its id when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureRef {
    pub index: usize,
    pub id: Option<String>,
}

impl fmt::Display for FeatureRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "feature #{} (id \"{id}\")", self.index),
            None => write!(f, "feature #{}", self.index),
        }
    }
}

/// Why a data file could not be loaded (or one of its records was rejected).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read the file: {source}", file.display())]
    Read {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot read the file: it is {kind}, not a regular file", file.display())]
    NotRegular { file: PathBuf, kind: &'static str },
    #[error("{}: file is {size_bytes} bytes, over the {limit_bytes}-byte limit for this kind of file", file.display())]
    TooLarge {
        file: PathBuf,
        size_bytes: u64,
        limit_bytes: u64,
    },
    #[error("{}: invalid JSON at line {line}, column {column}: {source}", file.display())]
    Json {
        file: PathBuf,
        line: usize,
        column: usize,
        #[source]
        source: serde_json::Error,
    },
    /// The user stopped the load; not a problem with the file.
    #[error("{}: load cancelled", file.display())]
    Cancelled { file: PathBuf },
    /// The loading thread ended without an answer (a bug in the loader, not in the file).
    #[error("{}: loading stopped unexpectedly; the file may be fine (please report this)", file.display())]
    Interrupted { file: PathBuf },
    #[error("{}: {message}", file.display())]
    Structure { file: PathBuf, message: String },
    #[error("{}: {feature}: property \"{property}\": {problem}", file.display())]
    Property {
        file: PathBuf,
        feature: FeatureRef,
        property: String,
        problem: String,
    },
    #[error("{}: {feature}: geometry: {problem}", file.display())]
    Geometry {
        file: PathBuf,
        feature: FeatureRef,
        problem: String,
    },
}

impl LoadError {
    /// A JSON syntax error in `file`, with where it is and its cause.
    pub fn json(file: &std::path::Path, source: serde_json::Error) -> Self {
        Self::Json {
            file: file.to_path_buf(),
            line: source.line(),
            column: source.column(),
            source,
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &std::path::Path {
        match self {
            Self::Read { file, .. }
            | Self::NotRegular { file, .. }
            | Self::TooLarge { file, .. }
            | Self::Json { file, .. }
            | Self::Cancelled { file }
            | Self::Interrupted { file }
            | Self::Structure { file, .. }
            | Self::Property { file, .. }
            | Self::Geometry { file, .. } => file,
        }
    }

    /// The feature the error is about, if it concerns one.
    pub fn feature(&self) -> Option<&FeatureRef> {
        match self {
            Self::Property { feature, .. } | Self::Geometry { feature, .. } => Some(feature),
            _ => None,
        }
    }
}
