//! The README's fenced blocks, for the tests that run what it says.

use std::path::Path;

/// A fenced block: its info string (`sh`, `toml file=…`), text, and the README line
/// number of its first line.
pub struct Block {
    pub info: String,
    pub text: String,
    pub first_line: usize,
}

/// The fenced blocks of the section under `heading` (up to the next `## `).
pub fn section_blocks(heading: &str) -> Vec<Block> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("README has the section {heading:?}"));
    let offset = readme[..start].lines().count();
    let rest = &readme[start + heading.len()..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    let mut blocks = Vec::new();
    let mut lines = section.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let mut text = String::new();
            for (_, l) in lines.by_ref() {
                if l.starts_with("```") {
                    break;
                }
                text.push_str(l);
                text.push('\n');
            }
            blocks.push(Block {
                info: info.trim().to_string(),
                text,
                first_line: offset + i + 1,
            });
        }
    }
    blocks
}
