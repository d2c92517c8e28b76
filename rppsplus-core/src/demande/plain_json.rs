//! JSON demandes in their plain shape, read straight into [`Fields`] without serde: objects
//! of known keys only, strings without escapes, `true`, `false`, `null`, and the prénoms'
//! array. That is nearly every demande a program writes, and reading it this way costs a
//! third of serde_json's visitors.
//!
//! Anything else (an escape, a number, an unknown key, a value of an unexpected type, a
//! syntax error) makes [`demande`] and [`document`] give up with `None`; the caller then
//! reads the text with serde_json (`fields.rs`), which remains the reference for every
//! finding and every error message. A test holds both readers to the same fields.

use super::fields::{Fields, Raw, Shape};
use super::schema::{Col, Member, Obj, member};

/// The fields of a demande that is one plain JSON object, or `None`.
pub(crate) fn demande(text: &str) -> Option<Fields<'_>> {
    let mut p = Parser { text, at: 0 };
    let fields = p.demande()?;
    p.end()?;
    Some(fields)
}

/// Hands the fields of each demande of a plain document (one object, or an array of
/// objects) to `each` with its index, as they are read; `None` when the document is not
/// plain, maybe after some were handed over (the caller starts again with serde_json).
pub(crate) fn document<'a>(text: &'a str, mut each: impl FnMut(usize, &Fields<'a>)) -> Option<()> {
    let mut p = Parser { text, at: 0 };
    if p.peek()? == b'[' {
        let mut index = 0;
        p.items(b']', |p| {
            each(index, &p.demande()?);
            index += 1;
            Some(())
        })?;
    } else {
        each(0, &p.demande()?);
    }
    p.end()
}

/// The length of the plain start of `bytes`: up to the first `"`, `\\` or control
/// character (what ends a string or makes it not plain), or all of it. Eight bytes at a
/// time: a byte equal to `x` is a zero byte of `word ^ x·0x0101…`, found with the usual
/// borrow trick, exact for the lowest such byte, which is all that is asked.
pub(crate) fn plain_len(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGHS;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let stops = below(w ^ (ONES * u64::from(b'"')), 1) | below(w ^ (ONES * u64::from(b'\\')), 1) | below(w, 0x20);
        if stops != 0 {
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|&b| matches!(b, b'"' | b'\\' | 0..=0x1f))
        .unwrap_or(bytes.len() - at)
}

/// A position in the text.
struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    /// The next byte after white space, not taken.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
        bytes.get(self.at).copied()
    }

    /// Takes `byte` after white space.
    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Only white space is left.
    fn end(&mut self) -> Option<()> {
        self.peek().is_none().then_some(())
    }

    /// Takes `word` (`true`, `false`, `null`) where it starts.
    fn word(&mut self, word: &str) -> Option<()> {
        self.text[self.at..].starts_with(word).then(|| self.at += word.len())
    }

    /// A string without escapes or control characters, where it starts (at its `"`).
    fn string(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.at + 1;
        let end = start + plain_len(bytes.get(start..)?);
        // The text is a `str` and the string ends at an ASCII `"`: a boundary.
        (bytes.get(end) == Some(&b'"')).then(|| {
            self.at = end + 1;
            &self.text[start..end]
        })
    }

    /// One demande: an object.
    fn demande(&mut self) -> Option<Fields<'a>> {
        let mut fields = Fields::new(false);
        if self.peek()? != b'{' {
            return None;
        }
        self.object(&mut fields, Obj::Root)?;
        fields.objects[Obj::Root as usize] = Shape::Object;
        Some(fields)
    }

    /// The object `object`, at its `{`, as the serde reader reads it (the last of a key
    /// given twice counts: an object's fields are forgotten when its key comes again).
    fn object(&mut self, fields: &mut Fields<'a>, object: Obj) -> Option<()> {
        self.items(b'}', |p| {
            if p.peek()? != b'"' {
                return None;
            }
            let key = p.string()?;
            p.expect(b':')?;
            match member(object, key)? {
                Member::Field(i) => fields.leaves[i] = p.value(fields, i == Col::Prenoms as usize)?,
                Member::Object(inner) => {
                    fields.clear(inner);
                    fields.objects[inner as usize] = match p.peek()? {
                        b'{' => {
                            p.object(fields, inner)?;
                            Shape::Object
                        }
                        b'n' => {
                            p.word("null")?;
                            Shape::Absent
                        }
                        _ => return None,
                    };
                }
            }
            Some(())
        })
    }

    /// The value of a field: a string, a boolean or `null`; for the prénoms, also an array.
    fn value(&mut self, fields: &mut Fields<'a>, list: bool) -> Option<Raw<'a>> {
        Some(match self.peek()? {
            b'"' => Raw::Text(self.string()?),
            b't' => self.word("true").map(|()| Raw::Bool(true))?,
            b'f' => self.word("false").map(|()| Raw::Bool(false))?,
            b'n' => self.word("null").map(|()| Raw::Absent)?,
            b'[' if list => self.list(fields)?,
            _ => return None,
        })
    }

    /// The items of an object or an array, at its `{` or `[`, up to its `close`, each read
    /// by `item` (a member `"key": value`, or a value).
    fn items(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.at += 1;
        if self.peek()? == close {
            self.at += 1;
            return Some(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.at += 1,
                b if b == close => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// The prénoms' array, at its `[`: strings, or items of the wrong type kept as such.
    fn list(&mut self, fields: &mut Fields<'a>) -> Option<Raw<'a>> {
        let from = fields.items.len();
        self.items(b']', |p| {
            let item = p.value(fields, false)?.as_item();
            fields.items.push(item);
            Some(())
        })?;
        let index = |i: usize| u32::try_from(i).ok();
        Some(Raw::List {
            from: index(from)?,
            to: index(fields.items.len())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What serde_json reads (the reference), for the texts it accepts.
    fn by_serde(text: &str) -> Option<Fields<'_>> {
        serde_json::from_str(text).ok()
    }

    #[test]
    fn the_plain_shape() {
        let text = r#" {"procedure": "x", "etat_civil": {"prenoms": ["A", null, true], "nom_usage": null},
                       "situation": null, "confirmations": {"cgu_acceptees": false}} "#;
        let fields = demande(text).expect("plain");
        assert_eq!(Some(&fields), by_serde(text).as_ref());
        assert_eq!(fields.leaf(Col::Procedure), Raw::Text("x"));
    }

    #[test]
    fn what_is_left_to_serde() {
        for text in [
            r#"{"procedure": "x\u0041"}"#,
            r#"{"rpps": 10107985318}"#,
            r#"{"procedur": "x"}"#,
            r#"{"etat_civil": {"civilite": {"a": 1}}}"#,
            r#"{"etat_civil": "x"}"#,
            r#"{"procedure": "x",}"#,
            r#"{"procedure": "x"} 1"#,
            r#"{"procedure": "x"#,
            r#"{"procedure": tru}"#,
            r#"{"procedure": truex}"#,
            "{\"procedure\": \"a\tb\"}",
            "[1]",
            "12",
            "",
        ] {
            assert!(demande(text).is_none(), "{text}");
        }
    }

    #[test]
    fn plain_lengths() {
        for text in [
            "",
            "a",
            "abc\"",
            "abcdefgh\"",
            "abcdefghijk\\x",
            "é\"",
            "abcdefg\u{1}",
            "\u{7f}\u{80}\"",
            "ab\"cd\\",
        ] {
            let expected = text
                .bytes()
                .position(|b| matches!(b, b'"' | b'\\' | 0..=0x1f))
                .unwrap_or(text.len());
            assert_eq!(plain_len(text.as_bytes()), expected, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn plain_lengths_are_exact(bytes in prop::collection::vec(prop::sample::select(vec![0u8, 0x1f, 0x20, b'"', b'\\', b'a', 0x7f, 0x80, 0xff, 0x21, 0x5b, 0x5d]), 0..40)) {
            let expected = bytes.iter().position(|&b| matches!(b, b'"' | b'\\' | 0..=0x1f)).unwrap_or(bytes.len());
            prop_assert_eq!(plain_len(&bytes), expected);
        }
    }

    #[test]
    fn documents() {
        let mut seen = Vec::new();
        let text = r#"[{"procedure": "a"}, {"procedure": "b"}]"#;
        assert!(document(text, |i, f| seen.push((i, f.leaf(Col::Procedure)))).is_some());
        assert_eq!(seen, [(0, Raw::Text("a")), (1, Raw::Text("b"))]);
        assert!(document("[]", |_, _| panic!("no demande")).is_some());
        assert!(document(r#"[{"procedure": "a"}, 3]"#, |_, _| {}).is_none());
        assert!(document(r#"[{"procedure": "a"}] ]"#, |_, _| {}).is_none());
    }

    #[test]
    fn the_sample_collection_is_plain() {
        let text = include_str!("../../../examples/data/demandes.json");
        let mut plain = Vec::new();
        assert!(document(text, |_, f| plain.push(f.clone())).is_some());
        let serde: Vec<Fields<'_>> = serde_json::from_str(text).unwrap();
        assert_eq!(plain.len(), 49);
        assert_eq!(plain, serde);
    }

    /// JSON-like text around the demande's keys: valid plain demandes, values of other
    /// types, escapes, unknown keys, white space, and broken syntax.
    fn texts() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "procedure",
            "rpps",
            "etat_civil",
            "situation",
            "structure",
            "contact",
            "prenoms",
            "civilite",
            "finess",
            "email",
            "cgu_acceptees",
            "x",
        ]);
        let scalar = prop::sample::select(vec![
            "\"a\"",
            "\"\"",
            "\"é ü\"",
            "\"a\\\"b\"",
            "\"\\u00e9\"",
            "\"a\tb\"",
            "true",
            "false",
            "null",
            "12",
            "-1.5e3",
            "[]",
            "[\"A\", null]",
            "[1]",
            "{}",
            "tru",
            "nul",
            "\"a",
        ]);
        let leaf = (key.clone(), scalar).prop_map(|(k, v)| format!("\"{k}\": {v}"));
        let object = prop::collection::vec(leaf, 0..5).prop_map(|m| format!("{{{}}}", m.join(", ")));
        let nested = (key, object.clone()).prop_map(|(k, o)| format!("\"{k}\": {o}"));
        let member = prop_oneof![nested, object.prop_map(|o| o[1..o.len() - 1].to_owned())];
        let root = prop::collection::vec(member, 0..6).prop_map(|m| {
            format!(
                "{{{}}}",
                m.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")
            )
        });
        let spaced = (root, prop::sample::select(vec!["", " ", "\n\t", "\r\n "]))
            .prop_map(|(r, ws)| r.replace(", ", &format!(",{ws}")).replace(": ", &format!("{ws}:{ws}")));
        let cut = (
            spaced.clone(),
            any::<prop::sample::Index>(),
            prop::sample::select(vec!["", ",", "}", "\"", "]"]),
        )
            .prop_map(|(t, at, with)| {
                let mut t = t;
                let at = at.index(t.len() + 1);
                if t.is_char_boundary(at) {
                    t.insert_str(at, with);
                }
                t
            });
        prop_oneof![spaced, cut]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(6000))]

        /// Whatever the plain reader reads, serde_json reads too, to the same fields (about
        /// one text in nine is plain, three in ten are JSON).
        #[test]
        fn plain_reading_is_serde_reading(text in texts()) {
            if let Some(fields) = demande(&text) {
                prop_assert_eq!(Some(fields), by_serde(&text), "{}", text);
            }
            let array = format!("[{text}, {text}]");
            let mut plain = Vec::new();
            if document(&array, |_, f| plain.push(f.clone())).is_some() {
                let serde: Vec<Fields<'_>> = serde_json::from_str(&array).expect("serde reads it");
                prop_assert_eq!(plain, serde, "{}", array);
            }
        }
    }
}
