//! Security policy as code: the model, the file formats, the diff and the classifier of
//! weakenings, and the published JSON Schema.

pub mod classify;
pub mod model;
pub mod parse;
pub mod schema;
pub mod starter;

pub use model::Policy;
