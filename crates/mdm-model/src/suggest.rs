//! "Did you mean …?" for names a person types (groups, policies, apps): the closest
//! known name by edit distance, when it is close enough to be a typo.

/// The candidate closest to `name` (case-insensitive edit distance), if at most half
/// the name's length away (at least 1 edit is allowed).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name_l = name.to_lowercase();
    let max = (name_l.chars().count() / 2).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(&name_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= max && *c != name)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_its_name_and_nonsense_finds_none() {
        let groups = ["field-ops", "kiosks", "sales", "engineering"];
        assert_eq!(closest("field-team", groups), Some("field-ops"));
        assert_eq!(closest("Kiosk", groups), Some("kiosks"));
        assert_eq!(closest("enginering", groups), Some("engineering"));
        assert_eq!(closest("payroll", groups), None);
        assert_eq!(closest("", groups), None);
    }
}
