//! The starter policies: one commented baseline per platform. `mdm policy init DIR`
//! writes them, and `mdm sandbox up` seeds a new sandbox with them, so a newcomer has
//! policies to read, diff and change from the first minute.

/// (file name, YAML text), one per platform.
pub const FILES: &[(&str, &str)] = &[
    (
        "ios-baseline.yaml",
        include_str!("starter/ios-baseline.yaml"),
    ),
    (
        "android-baseline.yaml",
        include_str!("starter/android-baseline.yaml"),
    ),
    (
        "macos-baseline.yaml",
        include_str!("starter/macos-baseline.yaml"),
    ),
    (
        "windows-baseline.yaml",
        include_str!("starter/windows-baseline.yaml"),
    ),
];

/// The starter policies, parsed.
pub fn policies() -> Vec<super::Policy> {
    FILES
        .iter()
        .flat_map(|(name, text)| {
            super::parse::parse_bytes(name, text.as_bytes(), false)
                .expect("the starter policies parse (tested)")
        })
        .map(|l| l.policy)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_starter_file_parses_checks_and_has_a_unique_name() {
        let mut names = std::collections::BTreeSet::new();
        for (file, text) in FILES {
            let loaded = super::super::parse::parse_bytes(file, text.as_bytes(), false)
                .unwrap_or_else(|e| panic!("{file}: {e:?}"));
            assert_eq!(loaded.len(), 1, "{file}");
            let p = &loaded[0].policy;
            p.check().unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(names.insert(p.name.0.clone()), "{file}: duplicate name");
            assert_eq!(format!("{}.yaml", p.name.0), *file);
            assert!(text.contains("# "), "{file} explains itself");
        }
        assert_eq!(policies().len(), 4);
    }
}
