//! Integration tests: the real `mdm` binary against a real sandbox server.
//! One test binary (modules below) keeps link time down.

mod common;

mod actions;
mod audit;
mod authz;
mod completion;
mod contexts;
mod devices;
mod docs;
mod enroll_push;

mod errors;
mod fleet;
mod free_text;
mod gate_attacks;
mod gateway;
mod hints;
mod incident;
mod intune;
mod intune_bulk;
mod intune_config;
mod intune_faults;
mod intune_restart;
mod intune_safety;
mod jamf;
mod keyring;
mod leaks;
mod pii_guard;
mod policy;
mod pty;
mod readme_intune;
mod readme_tour;
mod readme_vendors;
mod refusals;
mod replicas;
mod request_shape;
mod rollout;
mod sandbox_lifecycle;
mod schemathesis;
mod seams;
mod siem;
mod stepup;
