//! Random identifiers (request ids, row ids): hex from the OS's CSPRNG.

pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::fill(&mut buf[..]);
    hex::encode(buf)
}
