//! The demandes of a JSON document as rows of cells, for the annotated report of JSON input.

use serde_json::Value;

use crate::demande::COLUMNS;

/// Each demande of a JSON document (one object, an array, or JSON Lines: as
/// [`validate_json_document`](crate::demande::validate_json_document) reads it) with its
/// index, as the cells of a row under [`COLUMNS`]: each field's value as text (prénoms
/// joined by `,`; an absent or null field empty). An item that is no object, or a JSON
/// Lines line that is not JSON, is a row of empty cells. The cells are text of the input:
/// they show what was given, as a collection file's rows do.
///
/// ```
/// use rppsplus_core::demande::COLUMNS;
/// use rppsplus_core::demande::sheet::json_cells;
/// let rows = json_cells(br#"[{"procedure": "primo_enregistrement", "etat_civil": {"prenoms": ["Jean", "Marie"]}}, 12]"#);
/// let prenoms = COLUMNS.iter().position(|c| *c == "etat_civil.prenoms").unwrap();
/// assert_eq!((rows[0].0, rows[0].1[0].as_str(), rows[0].1[prenoms].as_str()), (0, "primo_enregistrement", "Jean,Marie"));
/// assert!(rows[1].1.iter().all(String::is_empty));
/// ```
pub fn json_cells(json: &[u8]) -> Vec<(usize, Vec<String>)> {
    let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
    match serde_json::from_slice::<Value>(json) {
        Ok(Value::Array(items)) => items.iter().map(row).enumerate().collect(),
        Ok(one) => vec![(0, row(&one))],
        Err(_) => (json.split(|b| *b == b'\n').enumerate())
            .filter(|(_, line)| !line.trim_ascii().is_empty())
            .map(|(i, line)| {
                let value = serde_json::from_slice(line).unwrap_or(Value::Null);
                (i, row(&value))
            })
            .collect(),
    }
}

/// The cells of one demande.
fn row(demande: &Value) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|path| {
            let value = path.split('.').try_fold(demande, |v, key| v.get(key));
            value.map(text).unwrap_or_default()
        })
        .collect()
}

/// A value as text: a string as is, a list's items joined by `,`, null empty.
fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}
