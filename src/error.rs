//! The one error type every command returns. Its `kind` decides the exit code, so the
//! stable exit-code contract lives in exactly one place (`ExitKind::code`).

use mdm_model::domain::ErrorCode;
use std::fmt;

/// What went wrong, as far as a script reading the exit code is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitKind {
    /// Server error, transport failure, anything unexpected.
    Failure,
    /// The command line (or a file it names) is wrong.
    Usage,
    /// Stopped before anything was sent: confirmation declined or missing.
    Aborted,
    /// No credential, or the server answered 401.
    Unauthenticated,
    /// The role lacks the permission, or step-up failed.
    Forbidden,
    NotFound,
    /// Some devices of a bulk action failed.
    Partial,
    /// Waiting on a second admin (or the vendor's own approval).
    Pending,
    /// Accepted and running: not every device has answered yet (offline devices get
    /// the command when they check in, or `--wait-timeout` passed). Not an error.
    Running,
    Interrupted,
    /// `policy diff --exit-code` found changes: not an error, a signal for scripts.
    ChangesFound,
    /// stdout was closed by the reader (`mdm devices list | head`): not an error.
    BrokenPipe,
}

impl ExitKind {
    pub fn code(self) -> u8 {
        match self {
            ExitKind::Failure => 1,
            ExitKind::Usage => 2,
            ExitKind::Aborted => 3,
            ExitKind::Unauthenticated => 4,
            ExitKind::Forbidden => 5,
            ExitKind::NotFound => 6,
            ExitKind::Partial => 7,
            ExitKind::Pending => 8,
            ExitKind::Running => 9,
            ExitKind::Interrupted => 130,
            ExitKind::ChangesFound => 10,
            ExitKind::BrokenPipe => 0,
        }
    }
}

/// The exit codes, documented once: `--help`, the man page's EXIT STATUS and the
/// README's table are checked against this list.
pub const EXIT_CODES: &[(u8, &str)] = &[
    (0, "ok"),
    (1, "failure"),
    (2, "usage"),
    (3, "aborted (nothing sent)"),
    (4, "not authenticated"),
    (5, "forbidden / step-up failed"),
    (6, "not found"),
    (7, "partial failure"),
    (8, "pending approval"),
    (9, "accepted, not every device has answered yet"),
    (10, "changes found (policy diff --exit-code)"),
    (130, "interrupted"),
];

/// Boxed so `Result<T>` stays one pointer wide on the happy path.
#[derive(Debug, Clone)]
pub struct Error(Box<ErrorInner>);

#[derive(Debug, Clone)]
pub struct ErrorInner {
    pub kind: ExitKind,
    pub message: String,
    pub causes: Vec<String>,
    pub hints: Vec<String>,
    pub request_id: Option<String>,
    /// A machine code from the server (`step_up_required`, `target_changed`, ...).
    pub code: Option<String>,
    /// Structured details from the server's error body, for callers that react to them.
    pub details: Option<serde_json::Value>,
    /// Set when the command that failed was changing state: what it got to, for the
    /// local journal (see `outcome::attempt`).
    pub change: Option<crate::outcome::Change>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ExitKind, message: impl Into<String>) -> Self {
        Error(Box::new(ErrorInner {
            kind,
            message: message.into(),
            causes: Vec::new(),
            hints: Vec::new(),
            request_id: None,
            code: None,
            details: None,
            change: None,
        }))
    }

    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Failure, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Usage, message)
    }

    pub fn aborted(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Aborted, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ExitKind::NotFound, message)
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Unauthenticated, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Forbidden, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn with_cause(mut self, cause: impl fmt::Display) -> Self {
        self.causes.push(cause.to_string());
        self
    }

    /// Adds the whole `source()` chain of a std error as causes.
    pub fn with_source(mut self, err: &(dyn std::error::Error + 'static)) -> Self {
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
        while let Some(e) = cur {
            let text = e.to_string();
            if !self.causes.contains(&text) && text != self.message {
                self.causes.push(text);
            }
            cur = e.source();
        }
        self
    }

    pub fn with_kind(mut self, kind: ExitKind) -> Self {
        self.kind = kind;
        self
    }

    /// Marks the error as the failure of a change that got as far as `change` says.
    pub fn in_change(mut self, change: crate::outcome::Change) -> Self {
        self.change = Some(change);
        self
    }

    /// Whether the server answered with this machine code.
    pub fn is_code(&self, code: ErrorCode) -> bool {
        self.error_code() == Some(code)
    }

    /// The server's machine code, when this client knows it (a newer server may send
    /// codes it does not; `code` keeps them as text).
    pub fn error_code(&self) -> Option<ErrorCode> {
        self.code.as_deref().and_then(ErrorCode::parse)
    }

    /// Wraps an I/O error; a closed stdout becomes the silent `BrokenPipe` kind.
    pub fn io(context: impl Into<String>, err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            return Self::new(ExitKind::BrokenPipe, "broken pipe");
        }
        Self::failure(context).with_source(&err)
    }
}

impl std::ops::Deref for Error {
    type Target = ErrorInner;
    fn deref(&self) -> &ErrorInner {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorInner {
        &mut self.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::io("I/O error", err)
    }
}

/// Shorthand for attaching a message to a foreign error, like anyhow's `context`.
pub trait Context<T> {
    fn context(self, message: impl Into<String>) -> Result<T>;
    fn with_context<F: FnOnce() -> String>(self, f: F) -> Result<T>;
}

impl<T, E: std::error::Error + 'static> Context<T> for std::result::Result<T, E> {
    fn context(self, message: impl Into<String>) -> Result<T> {
        self.map_err(|e| wrap(message.into(), &e))
    }

    fn with_context<F: FnOnce() -> String>(self, f: F) -> Result<T> {
        self.map_err(|e| wrap(f(), &e))
    }
}

fn wrap(message: String, err: &(dyn std::error::Error + 'static)) -> Error {
    if let Some(io) = err.downcast_ref::<std::io::Error>()
        && io.kind() == std::io::ErrorKind::BrokenPipe
    {
        return Error::new(ExitKind::BrokenPipe, "broken pipe");
    }
    Error::failure(message).with_source(err)
}

/// Local administration of a sandbox or gateway database (`sandbox up`, `user add`).
impl From<mdm_server::local::LocalError> for Error {
    fn from(e: mdm_server::local::LocalError) -> Self {
        use mdm_server::local::LocalErrorKind;
        let kind = match e.kind {
            LocalErrorKind::Usage => ExitKind::Usage,
            LocalErrorKind::NotFound => ExitKind::NotFound,
            LocalErrorKind::Failure => ExitKind::Failure,
        };
        let mut err = Error::new(kind, e.message);
        if let Some(c) = e.cause {
            err = err.with_cause(c);
        }
        if let Some(h) = e.hint {
            err = err.with_hint(h);
        }
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_match_the_documented_table() {
        let table = [
            (ExitKind::Failure, 1),
            (ExitKind::Usage, 2),
            (ExitKind::Aborted, 3),
            (ExitKind::Unauthenticated, 4),
            (ExitKind::Forbidden, 5),
            (ExitKind::NotFound, 6),
            (ExitKind::Partial, 7),
            (ExitKind::Pending, 8),
            (ExitKind::Running, 9),
            (ExitKind::Interrupted, 130),
            (ExitKind::ChangesFound, 10),
            (ExitKind::BrokenPipe, 0),
        ];
        for (kind, code) in table {
            assert_eq!(kind.code(), code, "{kind:?}");
            if code != 0 {
                assert!(
                    EXIT_CODES.iter().any(|(c, _)| *c == code),
                    "{code} undocumented"
                );
            }
        }
    }

    #[test]
    fn broken_pipe_is_silent_success() {
        let e = Error::io(
            "writing",
            std::io::Error::from(std::io::ErrorKind::BrokenPipe),
        );
        assert_eq!(e.kind, ExitKind::BrokenPipe);
        assert_eq!(e.kind.code(), 0);
    }
}
