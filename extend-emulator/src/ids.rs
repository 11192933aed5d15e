//! Ids of emulated objects: a type prefix and 22 random base-62 characters,
//! the shape the API uses (`file_...`, `pr_...`, `exr_...`, `req_...`).

use rand::Rng;

const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH: usize = 22;

/// Returns a new id such as `file_xK9mLPqRtN3vS8wF5hB2cQ`.
pub(crate) fn new_id(prefix: &str) -> String {
    let mut rng = rand::rng();
    let mut id = String::with_capacity(prefix.len() + 1 + RANDOM_LENGTH);
    id.push_str(prefix);
    id.push('_');
    for _ in 0..RANDOM_LENGTH {
        let index = rng.random_range(0..ALPHABET.len());
        id.push(char::from(ALPHABET[index]));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::new_id;

    #[test]
    fn id_has_prefix_and_length() {
        let id = new_id("pr");
        assert!(id.starts_with("pr_"), "{id}");
        assert_eq!(id.len(), "pr_".len() + 22);
    }

    #[test]
    fn ids_differ() {
        assert_ne!(new_id("file"), new_id("file"));
    }
}
