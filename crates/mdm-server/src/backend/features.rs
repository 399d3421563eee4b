//! What each backend declares it can do, one row per user-facing capability. The
//! declaration is the backend's own: [`Backend::supports`](super::Backend::supports) and
//! [`Backend::alternative`](super::Backend::alternative) answer from it by default, and
//! the README's backend table is rendered from it ([`readme_table`], checked by a test),
//! so the table cannot say what the code does not do.

use super::Capability;

/// A row of the backend table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    Inventory,
    Groups,
    Lock,
    Unlock,
    Wipe,
    Retire,
    /// `push command sync|restart` (and the other commands where a backend has them).
    SyncRestart,
    PushApp,
    PushProfile,
    Policy,
    Enrollment,
    /// The vendor's own approval of a write (Intune Multi Admin Approval).
    VendorApproval,
    /// Changes made around the gateway, read from the vendor into the audit chain.
    OutOfBand,
    /// Several devices per vendor request, and the vendor's limits kept.
    Batching,
}

impl Feature {
    pub const ALL: [Feature; 14] = [
        Feature::Inventory,
        Feature::Groups,
        Feature::Lock,
        Feature::Unlock,
        Feature::Wipe,
        Feature::Retire,
        Feature::SyncRestart,
        Feature::PushApp,
        Feature::PushProfile,
        Feature::Policy,
        Feature::Enrollment,
        Feature::VendorApproval,
        Feature::OutOfBand,
        Feature::Batching,
    ];

    /// The row's name in the table.
    pub fn label(self) -> &'static str {
        match self {
            Feature::Inventory => "inventory (PII masked)",
            Feature::Groups => "groups",
            Feature::Lock => "`lock`",
            Feature::Unlock => "`unlock`",
            Feature::Wipe => "`wipe`",
            Feature::Retire => "`retire`",
            Feature::SyncRestart => "`push command` (sync, restart)",
            Feature::PushApp => "`push app`",
            Feature::PushProfile => "`push profile`",
            Feature::Policy => "`policy`",
            Feature::Enrollment => "`enroll`",
            Feature::VendorApproval => "the vendor's own approvals",
            Feature::OutOfBand => "changes made around mdm",
            Feature::Batching => "batching and vendor limits",
        }
    }

    /// The trait capability this row is (for rows that are one).
    fn capability(self) -> Option<Capability> {
        match self {
            Feature::Inventory => Some(Capability::Inventory),
            Feature::Lock => Some(Capability::DeviceCommands),
            Feature::Policy => Some(Capability::Policies),
            Feature::PushApp => Some(Capability::AppAssignment),
            Feature::Enrollment => Some(Capability::Enrollment),
            Feature::OutOfBand => Some(Capability::VendorAudit),
            _ => None,
        }
    }
}

/// How a backend supports a row; the text says how, in the vendor's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    Yes(&'static str),
    /// Refused before anything is sent (`501 not_supported_by_backend`); the text is
    /// what to use instead.
    Refused(&'static str),
    /// Accepted, but each device fails saying why (the text).
    FailsPerDevice(&'static str),
    /// Not a thing for this backend (nothing to decline: no vendor approvals in the
    /// simulator).
    Absent,
}

/// A backend's declaration: every row of [`Feature::ALL`], in that order.
pub type Features = [(Feature, Support); 14];

/// A declaration of nothing (backends in unit tests that say what they support
/// themselves).
pub const NONE: Features = [
    (Feature::Inventory, Support::Absent),
    (Feature::Groups, Support::Absent),
    (Feature::Lock, Support::Absent),
    (Feature::Unlock, Support::Absent),
    (Feature::Wipe, Support::Absent),
    (Feature::Retire, Support::Absent),
    (Feature::SyncRestart, Support::Absent),
    (Feature::PushApp, Support::Absent),
    (Feature::PushProfile, Support::Absent),
    (Feature::Policy, Support::Absent),
    (Feature::Enrollment, Support::Absent),
    (Feature::VendorApproval, Support::Absent),
    (Feature::OutOfBand, Support::Absent),
    (Feature::Batching, Support::Absent),
];

/// The declared support of `f`.
pub fn of(features: &Features, f: Feature) -> Support {
    features
        .iter()
        .find(|(g, _)| *g == f)
        .map_or(Support::Absent, |(_, s)| *s)
}

/// Whether the declaration says the backend implements `cap`.
pub fn supports(features: &Features, cap: Capability) -> bool {
    Feature::ALL
        .into_iter()
        .filter(|f| f.capability() == Some(cap))
        .any(|f| matches!(of(features, f), Support::Yes(_)))
}

/// What to use instead of `cap`, when the declaration refuses it saying so.
pub fn alternative(features: &Features, cap: Capability) -> Option<&'static str> {
    Feature::ALL
        .into_iter()
        .filter(|f| f.capability() == Some(cap))
        .find_map(|f| match of(features, f) {
            Support::Refused(alt) => Some(alt),
            _ => None,
        })
}

/// The declared alternative of a row refused at preview (what a backend's
/// `check_action` says instead); empty when the row is not refused.
pub fn instead(features: &Features, f: Feature) -> &'static str {
    match of(features, f) {
        Support::Refused(alt) => alt,
        _ => "",
    }
}

/// Every backend of this build with its declaration, in the table's column order.
pub fn declared() -> [(&'static str, &'static Features); 4] {
    [
        ("simulator", &super::sim::FEATURES),
        ("intune", &super::intune::FEATURES),
        ("jamf", &super::jamf::FEATURES),
        ("fleet", &super::fleet::FEATURES),
    ]
}

fn cell(s: Support) -> String {
    match s {
        Support::Yes(t) => t.to_string(),
        Support::Refused(t) => format!("`501`: {t}"),
        Support::FailsPerDevice(t) => format!("fails per device: {t}"),
        Support::Absent => "–".to_string(),
    }
}

/// The README's backend table (markdown), rendered from [`declared`].
pub fn readme_table() -> String {
    let all = declared();
    let mut out = String::from("| capability |");
    for (name, _) in &all {
        out.push_str(&format!(" `{name}` |"));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(all.len()));
    out.push('\n');
    for f in Feature::ALL {
        out.push_str(&format!("| {} |", f.label()));
        for (_, features) in &all {
            out.push_str(&format!(" {} |", cell(of(features, f)).replace('|', "\\|")));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declaration_lists_every_row_in_order() {
        for (name, features) in declared() {
            let rows: Vec<Feature> = features.iter().map(|(f, _)| *f).collect();
            assert_eq!(rows, Feature::ALL, "{name}'s declaration");
            for (f, s) in features.iter() {
                if let Support::Yes(t) | Support::Refused(t) | Support::FailsPerDevice(t) = s {
                    assert!(!t.trim().is_empty(), "{name}: {f:?} says nothing");
                }
            }
        }
    }

    #[test]
    fn capabilities_follow_the_declaration() {
        let fleet = &super::super::fleet::FEATURES;
        assert!(supports(fleet, Capability::Inventory));
        assert!(supports(fleet, Capability::DeviceCommands));
        assert!(!supports(fleet, Capability::Policies));
        assert!(alternative(fleet, Capability::Policies).is_some_and(|a| a.contains("osquery")));
        assert!(alternative(fleet, Capability::Inventory).is_none());
        let table = readme_table();
        assert!(table.starts_with("| capability | `simulator` | `intune` | `jamf` | `fleet` |"));
        assert_eq!(table.lines().count(), 2 + Feature::ALL.len());
    }
}
