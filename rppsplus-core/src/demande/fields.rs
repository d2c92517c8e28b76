//! The raw fields of one demande, as its input gives them, before any typing: the text
//! (or the JSON type) at each place of the schema. JSON text, a `serde_json::Value` and a
//! CSV row all become [`Fields`], which the reader (`reader.rs`) types and checks, so that
//! every input gets the same findings.
//!
//! JSON is read straight into the places by serde visitors: strings are borrowed from the
//! input (kept aside only when they hold escapes), a value of the wrong type keeps only its
//! type, and unknown keys are kept to be reported. Nothing else is allocated, and a [`Raw`]
//! value is `Copy`: the fields of a demande cost nothing to drop.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::schema::{COLUMNS, Col, Member, OBJECTS, Obj, member};

/// The type of a JSON value, for `invalid_format` messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `null`
    Null,
    /// `true`, `false`
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Kind {
    /// The French and English names of the type.
    pub(crate) fn names(self) -> (&'static str, &'static str) {
        match self {
            Kind::Null => ("null", "null"),
            Kind::Boolean => ("un booléen", "a boolean"),
            Kind::Number => ("un nombre", "a number"),
            Kind::String => ("une chaîne", "a string"),
            Kind::Array => ("une liste", "an array"),
            Kind::Object => ("un objet", "an object"),
        }
    }
}

/// The value of a field as given.
#[derive(Clone, Copy, PartialEq)]
#[cfg_attr(test, derive(Debug))] // It holds input values: no `Debug` outside tests (docs/domain.md §7).
pub(crate) enum Raw<'a> {
    /// Absent, `null`, or an empty cell.
    Absent,
    /// A string borrowed from the input, or a cell's text.
    Text(&'a str),
    /// A string that is not in the input as such (JSON escapes, a Windows-1252 cell): the
    /// position of its text in [`Fields::owned`].
    Owned(usize),
    /// A JSON boolean.
    Bool(bool),
    /// A JSON array of the prénoms (of any item types): the range of its items in
    /// [`Fields::items`].
    List {
        /// The first item.
        from: u32,
        /// After the last item.
        to: u32,
    },
    /// A value of another type (only its type is kept).
    Other(Kind),
}

impl Raw<'_> {
    /// This value as an item of the prénoms' list, which is never absent: `null` or a
    /// boolean there is an item of the wrong type.
    pub(crate) fn as_item(self) -> Self {
        match self {
            Raw::Absent => Raw::Other(Kind::Null),
            Raw::Bool(_) => Raw::Other(Kind::Boolean),
            other => other,
        }
    }
}

/// An object as given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Shape {
    /// Absent or `null`.
    Absent,
    /// An object.
    Object,
    /// A value of another type.
    Other(Kind),
}

/// The fields of one demande by place ([`COLUMNS`], [`OBJECTS`]).
#[derive(Clone, PartialEq)]
#[cfg_attr(test, derive(Debug))] // It holds input values: no `Debug` outside tests (docs/domain.md §7).
pub(crate) struct Fields<'a> {
    /// Whether the text follows a spreadsheet's conventions (a CSV row): dates may be
    /// `JJ/MM/AAAA`, booleans `oui`/`non`/`1`/`0`, and the prénoms are one cell separated by `,`.
    pub(crate) spreadsheet: bool,
    /// The fields, by position in [`COLUMNS`].
    pub(crate) leaves: [Raw<'a>; COLUMNS.len()],
    /// The objects, by [`Obj`].
    pub(crate) objects: [Shape; OBJECTS.len()],
    /// The keys that are no field, with the object they are in (JSON only: a CSV file's
    /// unknown columns are reported once, from its header).
    pub(crate) unknown: Vec<(Obj, Cow<'a, str>)>,
    /// The texts of [`Raw::Owned`] values.
    pub(crate) owned: Vec<String>,
    /// The items of [`Raw::List`] values.
    pub(crate) items: Vec<Raw<'a>>,
}

impl<'a> Fields<'a> {
    /// No field given.
    pub(crate) fn new(spreadsheet: bool) -> Self {
        Self {
            spreadsheet,
            leaves: [const { Raw::Absent }; COLUMNS.len()],
            objects: [Shape::Absent; OBJECTS.len()],
            unknown: Vec::new(),
            owned: Vec::new(),
            items: Vec::new(),
        }
    }

    /// The value of a field.
    pub(crate) fn leaf(&self, col: Col) -> Raw<'a> {
        self.leaves[col as usize]
    }

    /// A text that is not in the input as such, kept aside.
    pub(crate) fn own(&mut self, text: String) -> Raw<'a> {
        self.owned.push(text);
        Raw::Owned(self.owned.len() - 1)
    }

    /// The text of a value, if it is a string.
    pub(crate) fn text<'f>(&'f self, raw: &Raw<'a>) -> Option<&'f str> {
        match raw {
            Raw::Text(s) => Some(s),
            Raw::Owned(i) => Some(&self.owned[*i]),
            _ => None,
        }
    }

    /// The items of a list.
    pub(crate) fn list(&self, from: u32, to: u32) -> &[Raw<'a>] {
        &self.items[from as usize..to as usize]
    }

    /// How an object is given.
    pub(crate) fn shape(&self, object: Obj) -> Shape {
        self.objects[object as usize]
    }

    /// The fields of a JSON value. The visitors take every value, so this fails only on a
    /// prénoms' list of over 4 billion items, which no `Value` holds.
    pub(crate) fn from_value(value: &'a serde_json::Value) -> Result<Self, serde_json::Error> {
        de::Deserialize::deserialize(value)
    }

    /// The fields of one demande, whose object `read` reads.
    fn read_root<E>(read: impl FnOnce(ObjectSeed<'_, 'a>) -> Result<Shape, E>) -> Result<Self, E> {
        let mut fields = Fields::new(false);
        fields.objects[Obj::Root as usize] = read(ObjectSeed {
            fields: &mut fields,
            object: Obj::Root,
        })?;
        Ok(fields)
    }

    /// Forgets what was read of `object` (its key is given again: the last one counts,
    /// as in a JSON value).
    pub(crate) fn clear(&mut self, object: Obj) {
        for leaf in &mut self.leaves[object.columns()] {
            *leaf = Raw::Absent;
        }
        for o in Obj::ALL.into_iter().filter(|&o| object.holds(o)) {
            self.objects[o as usize] = Shape::Absent;
        }
        self.unknown.retain(|(o, _)| !object.holds(*o));
    }
}

impl<'de> de::Deserialize<'de> for Fields<'de> {
    /// Reads a demande from any JSON value: an object is read field by field, any other
    /// value is a demande of the wrong type.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Fields::read_root(|seed| seed.deserialize(d))
    }
}

/// Reads a JSON document of demandes, the items of an array or one demande (any other
/// value), and hands each one's fields to `.0` with its index as soon as it is read: the
/// fields of a large array are never all kept.
pub(crate) struct Document<F>(pub(crate) F);

impl<'de, F: FnMut(usize, &Fields<'de>)> DeserializeSeed<'de> for Document<F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<F> Document<F> {
    /// Hands over the one demande of a document that is not an array.
    fn one<'de, E>(mut self, read: impl FnOnce(ObjectSeed<'_, 'de>) -> Result<Shape, E>) -> Result<(), E>
    where
        F: FnMut(usize, &Fields<'de>),
    {
        (self.0)(0, &Fields::read_root(read)?);
        Ok(())
    }
}

/// A document that is one demande of the wrong type: read as such by the object's visitor.
macro_rules! one {
    ($visit:ident $(, $arg:ident: $ty:ty)?) => {
        fn $visit<E: de::Error>(self $(, $arg: $ty)?) -> Result<(), E> {
            self.one(|seed| seed.$visit($($arg)?))
        }
    };
}

impl<'de, F: FnMut(usize, &Fields<'de>)> Visitor<'de> for Document<F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a demande or an array of demandes")
    }

    one!(visit_unit);
    one!(visit_bool, v: bool);
    one!(visit_i64, v: i64);
    one!(visit_u64, v: u64);
    one!(visit_f64, v: f64);
    one!(visit_str, v: &str);

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.one(|seed| seed.visit_map(map))
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(fields) = seq.next_element::<Fields<'de>>()? {
            (self.0)(index, &fields);
            index += 1;
        }
        Ok(())
    }
}

/// Reads an object of the schema into `fields`; the value is its [`Shape`].
struct ObjectSeed<'f, 'de> {
    fields: &'f mut Fields<'de>,
    object: Obj,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_, 'de> {
    type Value = Shape;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
        d.deserialize_any(self)
    }
}

/// Numbers are of the wrong type for every place: shared by the visitors of objects and
/// of fields.
macro_rules! numbers {
    ($wrap:expr) => {
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($wrap(Kind::Number))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($wrap(Kind::Number))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($wrap(Kind::Number))
        }
    };
}

/// A value that is read only to be checked as the JSON value parser checks it (strings
/// and their escapes and UTF-8, numbers in range, nesting depth), then dropped: invalid
/// JSON stays invalid wherever it is. (serde's `IgnoredAny` skips without these checks.)
pub(crate) struct Checked;

impl<'de> de::Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Checked)
    }
}

impl<'de> Visitor<'de> for Checked {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    numbers!(|_| Checked);

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Checked, A::Error> {
        skip_seq(seq)?;
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_entry::<Checked, Checked>()?.is_some() {}
        Ok(Checked)
    }
}

/// Checks and drops the items of an array.
fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<Checked>()?.is_some() {}
    Ok(())
}

impl<'de> Visitor<'de> for ObjectSeed<'_, 'de> {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
        Ok(Shape::Absent)
    }

    numbers!(Shape::Other);

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Other(Kind::Boolean))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::Other(Kind::String))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Shape, A::Error> {
        skip_seq(seq)?;
        Ok(Shape::Other(Kind::Array))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed(self.object))? {
            match key {
                Key::Known(Member::Field(i)) => {
                    self.fields.leaves[i] = map.next_value_seed(FieldSeed {
                        fields: self.fields,
                        list: i == Col::Prenoms as usize,
                    })?;
                }
                Key::Known(Member::Object(o)) => {
                    self.fields.clear(o);
                    let shape = map.next_value_seed(ObjectSeed {
                        fields: self.fields,
                        object: o,
                    })?;
                    self.fields.objects[o as usize] = shape;
                }
                Key::Unknown(name) => {
                    map.next_value::<Checked>()?;
                    self.fields.unknown.push((self.object, name));
                }
            }
        }
        Ok(Shape::Object)
    }
}

/// A key of an object of the schema.
enum Key<'de> {
    Known(Member),
    Unknown(Cow<'de, str>),
}

/// Reads a key of `.0`.
struct KeySeed(Obj);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(member(self.0, key).map_or(Key::Unknown(Cow::Borrowed(key)), Key::Known))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(member(self.0, key).map_or_else(|| Key::Unknown(Cow::Owned(key.to_owned())), Key::Known))
    }
}

/// Reads the value of a field into `fields`; `list`: the prénoms, whose array is kept item
/// by item.
struct FieldSeed<'f, 'de> {
    fields: &'f mut Fields<'de>,
    list: bool,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_, 'de> {
    type Value = Raw<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Raw<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_, 'de> {
    type Value = Raw<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Raw<'de>, E> {
        Ok(Raw::Absent)
    }

    numbers!(Raw::Other);

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Raw<'de>, E> {
        Ok(Raw::Bool(b))
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Raw<'de>, E> {
        Ok(Raw::Text(s))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Raw<'de>, E> {
        Ok(self.fields.own(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Raw<'de>, E> {
        Ok(self.fields.own(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw<'de>, A::Error> {
        if !self.list {
            skip_seq(seq)?;
            return Ok(Raw::Other(Kind::Array));
        }
        let from = self.fields.items.len();
        loop {
            let seed = FieldSeed {
                fields: &mut *self.fields,
                list: false,
            };
            let Some(item) = seq.next_element_seed(seed)? else {
                break;
            };
            self.fields.items.push(item.as_item());
        }
        let index = |i: usize| u32::try_from(i).map_err(|_| de::Error::custom("too many prénoms"));
        Ok(Raw::List {
            from: index(from)?,
            to: index(self.fields.items.len())?,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw<'de>, A::Error> {
        while map.next_entry::<Checked, Checked>()?.is_some() {}
        Ok(Raw::Other(Kind::Object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Fields<'_> {
        serde_json::from_str(json).expect("JSON")
    }

    #[test]
    fn strings_are_borrowed_unless_escaped() {
        let f = read(r#"{"etat_civil": {"nom_naissance": "DUPONT", "nom_usage": "L\u00e9on"}}"#);
        assert_eq!(f.leaf(Col::NomNaissance), Raw::Text("DUPONT"));
        assert_eq!(f.leaf(Col::NomUsage), Raw::Owned(0));
        assert_eq!(f.text(&f.leaf(Col::NomUsage)), Some("Léon"));
        assert_eq!(f.shape(Obj::EtatCivil), Shape::Object);
        assert_eq!(f.shape(Obj::Contact), Shape::Absent);
    }

    #[test]
    fn types_unknown_keys_and_nulls() {
        let f = read(
            r#"{"rpps": 123, "contact": "x", "situation": null, "zz": {"a": [1]},
                "etat_civil": {"prenoms": ["A", null, 3, true, ["B"]], "nom_usage": null, "x": 1}}"#,
        );
        assert_eq!(f.leaf(Col::Rpps), Raw::Other(Kind::Number));
        assert_eq!(f.shape(Obj::Contact), Shape::Other(Kind::String));
        assert_eq!(f.shape(Obj::Situation), Shape::Absent);
        assert_eq!(f.leaf(Col::NomUsage), Raw::Absent);
        let Raw::List { from, to } = f.leaf(Col::Prenoms) else {
            panic!("a list")
        };
        let items = f.list(from, to);
        assert_eq!(
            items[1..],
            [
                Raw::Other(Kind::Null),
                Raw::Other(Kind::Number),
                Raw::Other(Kind::Boolean),
                Raw::Other(Kind::Array)
            ]
        );
        let unknown: Vec<(Obj, &str)> = f.unknown.iter().map(|(o, k)| (*o, k.as_ref())).collect();
        assert_eq!(unknown, [(Obj::Root, "zz"), (Obj::EtatCivil, "x")]);
    }

    #[test]
    fn a_key_given_twice_counts_once_the_last_time() {
        let f = read(r#"{"etat_civil": {"sexe": "F", "q": 1}, "etat_civil": {"civilite": "M"}}"#);
        assert_eq!(f.leaf(Col::Sexe), Raw::Absent);
        assert_eq!(f.leaf(Col::Civilite), Raw::Text("M"));
        assert!(f.unknown.is_empty());
        let f = read(r#"{"etat_civil": {"sexe": "F"}, "etat_civil": 5}"#);
        assert_eq!(f.shape(Obj::EtatCivil), Shape::Other(Kind::Number));
    }

    #[test]
    fn a_json_value_reads_the_same() {
        let text = r#"{"procedure": "x", "situation": {"structure": {"finess": "970405593"}, "q": [1]}}"#;
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let from_value = Fields::from_value(&value).unwrap();
        assert_eq!(from_value, read(text));
    }

    #[test]
    fn not_an_object() {
        assert_eq!(read("12").shape(Obj::Root), Shape::Other(Kind::Number));
        assert_eq!(read("[1]").shape(Obj::Root), Shape::Other(Kind::Array));
        assert_eq!(read("null").shape(Obj::Root), Shape::Absent);
    }
}
