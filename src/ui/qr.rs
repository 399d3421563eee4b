//! QR codes for otpauth and enrollment URIs: drawn in the terminal with half-block
//! characters, or written as a PNG file (created 0600: the picture holds a secret).

use crate::error::{Context as _, Error, Result};
use qrcode::{Color, EcLevel, QrCode};
use std::path::Path;

fn code(data: &str) -> Result<QrCode> {
    QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| Error::failure("cannot make a QR code").with_cause(e))
}

/// Two modules per character cell (upper/lower half blocks), light-on-dark safe: the
/// code is drawn dark-on-light with a quiet zone, whatever the terminal's colours.
pub fn terminal(data: &str) -> Result<String> {
    let qr = code(data)?;
    let w = qr.width();
    let colors = qr.to_colors();
    let dark = |x: isize, y: isize| -> bool {
        if x < 0 || y < 0 || x >= w as isize || y >= w as isize {
            return false;
        }
        colors[y as usize * w + x as usize] == Color::Dark
    };
    let quiet = 2isize;
    let mut out = String::new();
    let mut y = -quiet;
    while y < w as isize + quiet {
        for x in -quiet..w as isize + quiet {
            // Light modules are printed as blocks (the paper), dark ones as spaces.
            let top = !dark(x, y);
            let bottom = !dark(x, y + 1);
            out.push(match (top, bottom) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        out.push('\n');
        y += 2;
    }
    Ok(out)
}

/// Writes a PNG (8 pixels per module, 4-module quiet zone) with mode 0600.
pub fn write_png(data: &str, path: &Path) -> Result<()> {
    let qr = code(data)?;
    let w = qr.width();
    let colors = qr.to_colors();
    let (scale, quiet) = (8usize, 4usize);
    let size = (w + 2 * quiet) * scale;
    let mut pixels = vec![255u8; size * size];
    for y in 0..w {
        for x in 0..w {
            if colors[y * w + x] == Color::Dark {
                for dy in 0..scale {
                    let row = (y + quiet) * scale + dy;
                    let start = row * size + (x + quiet) * scale;
                    pixels[start..start + scale].fill(0);
                }
            }
        }
    }
    let file = crate::config::create_private(path, 0o600)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), size as u32, size as u32);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc
        .write_header()
        .with_context(|| format!("cannot write {}", path.display()))?;
    writer
        .write_image_data(&pixels)
        .with_context(|| format!("cannot write {}", path.display()))?;
    writer
        .finish()
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_qr_is_square_ish_and_png_is_private() {
        let t = terminal("otpauth://totp/x?secret=ABC").unwrap();
        let lines: Vec<&str> = t.lines().collect();
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width));
        assert!((lines.len() * 2).abs_diff(width) <= 2);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("qr.png");
        write_png("otpauth://totp/x?secret=ABC", &p).unwrap();
        let bytes = std::fs::read(&p).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}
