//! Actions on devices (wipe, lock, unlock, retire, pushes), one responsibility per
//! module: `kind` (what an action is), `options` (which options it takes and where they
//! work), `target` (resolving a selector to an exact device set), `gate` (what every
//! guarded request needs), `store` (the stored rows), `dispatch` (the step that drives
//! live actions through the backend), `confirm` (the re-read from the vendor before an
//! action on more than one device).

pub mod budget;
pub mod confirm;
pub mod dispatch;
pub mod gate;
pub mod kind;
pub mod options;
pub mod store;
pub mod target;

pub use kind::{COMMANDS, Kind};
pub use options::{prepare_options, unsupported};
pub use store::{ACTION_COLUMNS, counts, expire_approvals, fan_out, from_row, load};
pub use target::{ACTIVE, Resolved, digest, resolve, sample};
