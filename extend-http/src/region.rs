//! Extend deployments and their base URLs.

/// An Extend deployment. Each region has its own base URL and its own data.
///
/// ```
/// use extend_http::Region;
///
/// assert_eq!(Region::Eu.base_url(), "https://api.eu1.extend.ai");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// The default US deployment, `https://api.extend.ai`.
    #[default]
    Us,
    /// The second US deployment, `https://api.us2.extend.app` (the `.app`
    /// top-level domain is the published host name, not a typo).
    Us2,
    /// The EU deployment, `https://api.eu1.extend.ai`.
    Eu,
}

impl Region {
    /// Returns the base URL of the region, without a trailing slash.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::Us => "https://api.extend.ai",
            Region::Us2 => "https://api.us2.extend.app",
            Region::Eu => "https://api.eu1.extend.ai",
        }
    }
}
