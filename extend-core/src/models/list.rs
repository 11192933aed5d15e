use serde::{Deserialize, Serialize};

/// One page of a list endpoint: `{object: "list", data, nextPageToken?}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct List<T> {
    /// Always `list`.
    #[serde(default = "list_object")]
    pub object: String,
    /// The items of this page; an absent `data` decodes as empty.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// Token for the next page; `None` or empty on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

fn list_object() -> String {
    "list".to_owned()
}

/// The body of every delete route: the id of what was deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteResponse {
    /// Id of the deleted object.
    pub id: String,
}
