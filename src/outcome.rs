//! What a command did, said by the command itself: the local journal records a command
//! because its result says it changed (or tried to change) something, not because its
//! name is on a list. A dry run says it changed nothing.

/// What the journal records about a change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub target_count: Option<u64>,
    pub action_id: Option<String>,
    /// The server's id for the request that made the change, if one was sent.
    pub request_id: Option<String>,
}

impl Change {
    pub fn targets(mut self, n: u64) -> Self {
        self.target_count = Some(n);
        self
    }

    pub fn action(mut self, id: impl Into<String>) -> Self {
        self.action_id = Some(id.into());
        self
    }

    pub fn request(mut self, id: Option<String>) -> Self {
        if id.is_some() {
            self.request_id = id;
        }
        self
    }
}

/// The successful result of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Read or showed something, or was a dry run: nothing for the journal.
    Unchanged,
    /// Changed state on the server, in the keyring or in the config.
    Changed(Change),
}

impl Outcome {
    pub fn changed() -> Self {
        Outcome::Changed(Change::default())
    }

    pub fn change(&self) -> Option<&Change> {
        match self {
            Outcome::Changed(c) => Some(c),
            Outcome::Unchanged => None,
        }
    }
}

impl From<Change> for Outcome {
    fn from(c: Change) -> Self {
        Outcome::Changed(c)
    }
}

/// The result of a command that only reads (or prints) something.
pub fn read(r: crate::error::Result<()>) -> crate::error::Result<Outcome> {
    r.map(|()| Outcome::Unchanged)
}

/// Runs a command that changes state: an error it returns is marked as a failed change
/// (so it is journaled too), unless `dry_run`, where nothing is journaled at all.
pub fn attempt(
    dry_run: bool,
    body: impl FnOnce() -> crate::error::Result<Outcome>,
) -> crate::error::Result<Outcome> {
    let r = body();
    if dry_run {
        return r.map(|_| Outcome::Unchanged).map_err(|mut e| {
            e.change = None;
            e
        });
    }
    r.map_err(|mut e| {
        e.change.get_or_insert_with(Change::default);
        e
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn a_failed_change_is_marked_and_a_dry_run_never_is() {
        let e = attempt(false, || Err(Error::not_found("x"))).unwrap_err();
        assert_eq!(e.change, Some(Change::default()));
        let e = attempt(true, || Err(Error::not_found("x"))).unwrap_err();
        assert_eq!(e.change, None);
        let ok = attempt(true, || Ok(Outcome::changed())).unwrap();
        assert_eq!(ok, Outcome::Unchanged);
        let keep = attempt(false, || {
            Err(Error::failure("x").in_change(Change::default().action("act_1")))
        })
        .unwrap_err();
        assert_eq!(
            keep.change.as_ref().unwrap().action_id.as_deref(),
            Some("act_1")
        );
    }
}
