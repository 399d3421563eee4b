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
