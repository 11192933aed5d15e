//! Blocks of a parse run's output: paragraphs, headings, tables, figures.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::open_enum;

open_enum! {
    /// The kind of a [`Block`].
    pub enum BlockType {
        /// Regular text.
        Text = "text",
        /// A document heading.
        Heading = "heading",
        /// A section heading.
        SectionHeading = "section_heading",
        /// A table.
        Table = "table",
        /// A table header cell.
        TableHead = "table_head",
        /// A table body cell.
        TableCell = "table_cell",
        /// An image, chart, diagram or logo.
        Figure = "figure",
        /// A barcode or QR code.
        Barcode = "barcode",
        /// A formula.
        Formula = "formula",
        /// A key-value pair.
        KeyValue = "key_value",
    }
}

/// A block inside a chunk (`object: "block"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Block {
    /// Always `block`.
    #[serde(default = "block_object")]
    pub object: String,
    /// Block id, a hash of the block's content.
    pub id: String,
    /// Id of the enclosing block, for child blocks such as table cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_block_id: Option<String>,
    /// Block kind.
    pub r#type: BlockType,
    /// Text content, in the parse target format.
    pub content: String,
    /// Kind-specific details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<BlockDetails>,
    /// Block metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BlockMetadata>,
    /// Outline of the block on the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polygon: Option<Vec<Point>>,
    /// Bounding box of the block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounding_box: Option<BoundingBox>,
    /// Child blocks, such as the cells of a table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<Block>>,
}

fn block_object() -> String {
    "block".to_owned()
}

/// A point on a page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

/// An axis-aligned box on a page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BoundingBox {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

/// Metadata of a [`Block`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockMetadata {
    /// The page the block is on, as JSON.
    // NOTE: the page object's fields are not described in the API reference
    // this crate was written from, so it stays JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<serde_json::Value>,
    /// The sheet the block is on, for spreadsheets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<SheetRef>,
    /// Lowest word-level recognition confidence in the block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_ocr_confidence: Option<f64>,
    /// Average word-level recognition confidence in the block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avg_ocr_confidence: Option<f64>,
}

/// A spreadsheet sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRef {
    /// 0-based sheet index.
    pub index: f64,
    /// Sheet name.
    pub name: String,
}

/// Kind-specific details of a [`Block`], tagged by their `type` key.
///
/// An object without a `type` key, such as `{}`, is [`BlockDetails::Empty`]
/// when it has no keys at all and [`BlockDetails::Unknown`] otherwise. A
/// `type` this crate does not know is also kept as [`BlockDetails::Unknown`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum BlockDetails {
    /// `{}`: the block has no details.
    Empty,
    /// `text_details`.
    Text(TextDetails),
    /// `table_details`.
    Table(TableDetails),
    /// `table_cell_details`.
    TableCell(TableCellDetails),
    /// `figure_details`.
    Figure(FigureDetails),
    /// `barcode_details`.
    Barcode(BarcodeDetails),
    /// `formula_details`.
    Formula(FormulaDetails),
    /// `key_value_details`, which has no fields besides `type`.
    KeyValue,
    /// Details of a kind this crate does not know, kept verbatim.
    Unknown(serde_json::Map<String, serde_json::Value>),
}

/// Details of a text block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextDetails {
    /// Spreadsheet cell range of the text, such as `A1:C1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell_reference: Option<String>,
}

/// Details of a table block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableDetails {
    /// Number of rows.
    pub row_count: f64,
    /// Number of columns.
    pub column_count: f64,
}

/// Details of a table cell block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableCellDetails {
    /// 0-based row index.
    pub row_index: f64,
    /// 0-based column index.
    pub column_index: f64,
}

open_enum! {
    /// The refined kind of a figure.
    pub enum FigureType {
        /// A photograph.
        Image = "image",
        /// A chart or graph.
        Chart = "chart",
        /// A schematic or diagram.
        Diagram = "diagram",
        /// A logo.
        Logo = "logo",
        /// Any other figure.
        Other = "other",
    }
}

/// Details of a figure block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FigureDetails {
    /// URL of the clipped figure image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// Refined figure kind, when figure classification is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure_type: Option<FigureType>,
}

/// Details of a barcode block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BarcodeDetails {
    /// URL of the clipped barcode image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// The decoded value, when barcode reading is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decoded_value: Option<String>,
    /// Barcode format, such as `QRCode` or `Code128`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

/// Details of a formula block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormulaDetails {
    /// The formula as LaTeX.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latex: Option<String>,
}

type JsonMap = serde_json::Map<String, serde_json::Value>;

/// Decodes one tagged variant, or keeps the object as unknown when its fields
/// do not match the documented shape.
fn decode_variant<T: serde::de::DeserializeOwned>(
    fields: JsonMap,
    wrap: fn(T) -> BlockDetails,
) -> BlockDetails {
    let value = serde_json::Value::Object(fields);
    match T::deserialize(&value) {
        Ok(details) => wrap(details),
        Err(error) => {
            tracing::warn!(%error, "block details do not match their type tag; kept as unknown");
            match value {
                serde_json::Value::Object(fields) => BlockDetails::Unknown(fields),
                _ => unreachable!("the value was built from an object just above"),
            }
        }
    }
}

impl<'de> Deserialize<'de> for BlockDetails {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = JsonMap::deserialize(deserializer)?;
        if fields.is_empty() {
            return Ok(BlockDetails::Empty);
        }

        let tag = fields
            .get("type")
            .and_then(|tag| tag.as_str())
            .unwrap_or("");
        let details = match tag {
            "text_details" => decode_variant(fields, BlockDetails::Text),
            "table_details" => decode_variant(fields, BlockDetails::Table),
            "table_cell_details" => decode_variant(fields, BlockDetails::TableCell),
            "figure_details" => decode_variant(fields, BlockDetails::Figure),
            "barcode_details" => decode_variant(fields, BlockDetails::Barcode),
            "formula_details" => decode_variant(fields, BlockDetails::Formula),
            "key_value_details" => BlockDetails::KeyValue,
            _ => BlockDetails::Unknown(fields),
        };
        Ok(details)
    }
}

/// Encodes `details` as an object and adds the `type` tag.
fn tagged<S: Serializer, T: Serialize>(
    serializer: S,
    tag: &str,
    details: &T,
) -> Result<S::Ok, S::Error> {
    let mut fields = match serde_json::to_value(details).map_err(serde::ser::Error::custom)? {
        serde_json::Value::Object(fields) => fields,
        _ => JsonMap::new(),
    };
    fields.insert("type".to_owned(), serde_json::Value::String(tag.to_owned()));
    fields.serialize(serializer)
}

impl Serialize for BlockDetails {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            BlockDetails::Empty => JsonMap::new().serialize(serializer),
            BlockDetails::Text(details) => tagged(serializer, "text_details", details),
            BlockDetails::Table(details) => tagged(serializer, "table_details", details),
            BlockDetails::TableCell(details) => tagged(serializer, "table_cell_details", details),
            BlockDetails::Figure(details) => tagged(serializer, "figure_details", details),
            BlockDetails::Barcode(details) => tagged(serializer, "barcode_details", details),
            BlockDetails::Formula(details) => tagged(serializer, "formula_details", details),
            BlockDetails::KeyValue => tagged(serializer, "key_value_details", &JsonMap::new()),
            BlockDetails::Unknown(fields) => fields.serialize(serializer),
        }
    }
}
