//! Zero-copy reader of `generated/communes.bin` (written by `scripts/gen_nomenclatures.py`).
//!
//! Layout, little-endian: `RPPSCOG1`, then the byte length of each section (u32 ×
//! [`SECTIONS`]), then the sections:
//! 0. records, 28 bytes each, sorted by code then type: code `[u8; 5]`, type `u8`,
//!    parent record `u16` (`0xFFFF`: none), name offset `u32` + length `u8`, folded name
//!    offset `u32` + length `u8`, population `u32`, postal codes start `u16` + count `u8`,
//!    old codes start `u16` + count `u8`;
//! 1. names (UTF-8), 2. folded names (ASCII);
//! 3. postal codes lists, 4. old codes lists (5 bytes each, in record order);
//! 5. old code index, 6. postal code index: (code `[u8; 5]`, record `u16`) sorted by code;
//! 7. word-start index: (record `u16`, offset in the folded name `u8`) sorted by the
//!    folded name from that offset (`etienne` for Saint-Étienne's second word);
//! 8. name order: record `u16` sorted by folded name.

use std::ops::Range;

const MAGIC: &[u8; 8] = b"RPPSCOG1";
const SECTIONS: usize = 9;
pub(super) const RECORD: usize = 28;
pub(super) const CODE_REF: usize = 7;
pub(super) const WORD_REF: usize = 3;
pub(super) const NONE: u16 = 0xFFFF;

/// The sections of the blob.
pub(super) struct Blob {
    pub records: &'static [u8],
    pub names: &'static [u8],
    pub folded: &'static [u8],
    pub postal_lists: &'static [u8],
    pub old_lists: &'static [u8],
    pub old_index: &'static [u8],
    pub postal_index: &'static [u8],
    pub words: &'static [u8],
    pub name_order: &'static [u8],
}

pub(super) fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

pub(super) fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl Blob {
    /// Splits the embedded bytes; the generator and this reader are versioned together,
    /// so a mismatch is a build defect.
    pub(super) fn parse(bytes: &'static [u8]) -> Self {
        assert!(bytes.starts_with(MAGIC), "communes.bin: bad magic");
        let mut at = MAGIC.len() + 4 * SECTIONS;
        let mut next = |i: usize| {
            let len = u32_at(bytes, MAGIC.len() + 4 * i) as usize;
            let s = &bytes[at..at + len];
            at += len;
            s
        };
        let blob = Self {
            records: next(0),
            names: next(1),
            folded: next(2),
            postal_lists: next(3),
            old_lists: next(4),
            old_index: next(5),
            postal_index: next(6),
            words: next(7),
            name_order: next(8),
        };
        assert_eq!(at, bytes.len(), "communes.bin: trailing bytes");
        blob
    }

    pub(super) fn len(&self) -> usize {
        self.records.len() / RECORD
    }

    pub(super) fn record(&self, i: usize) -> &'static [u8] {
        &self.records[i * RECORD..(i + 1) * RECORD]
    }

    pub(super) fn code(&self, i: usize) -> &'static str {
        ascii(&self.record(i)[..5])
    }

    pub(super) fn name(&self, i: usize) -> &'static str {
        let r = self.record(i);
        let start = u32_at(r, 8) as usize;
        std::str::from_utf8(&self.names[start..start + usize::from(r[12])]).unwrap_or_default()
    }

    pub(super) fn folded(&self, i: usize) -> &'static str {
        ascii(self.folded_bytes(i))
    }

    /// The folded name as bytes (ASCII), for comparisons without UTF-8 checks.
    pub(super) fn folded_bytes(&self, i: usize) -> &'static [u8] {
        let r = self.record(i);
        let start = u32_at(r, 13) as usize;
        &self.folded[start..start + usize::from(r[17])]
    }

    pub(super) fn population(&self, i: usize) -> u32 {
        u32_at(self.record(i), 18)
    }

    pub(super) fn list(&self, i: usize, at: usize, list: &'static [u8]) -> impl Iterator<Item = &'static str> + use<> {
        let r = self.record(i);
        let start = usize::from(u16_at(r, at)) * 5;
        let count = usize::from(r[at + 2]);
        list[start..start + 5 * count].chunks_exact(5).map(ascii)
    }

    /// The range of entries of a sorted (code, record) index whose code is `code`.
    pub(super) fn code_range(index: &[u8], code: &[u8]) -> Range<usize> {
        let n = index.len() / CODE_REF;
        let key = |i: usize| &index[i * CODE_REF..i * CODE_REF + 5];
        let lo = partition(n, |i| key(i) < code);
        let hi = partition(n, |i| key(i) <= code);
        lo..hi
    }

    pub(super) fn code_ref(index: &[u8], i: usize) -> usize {
        usize::from(u16_at(index, i * CODE_REF + 5))
    }

    /// The record of word-start entry `i`.
    pub(super) fn word_record(&self, i: usize) -> usize {
        usize::from(u16_at(self.words, i * WORD_REF))
    }

    /// The folded name of word-start entry `i`'s record, from that word on.
    pub(super) fn suffix(&self, i: usize) -> &'static [u8] {
        let offset = usize::from(self.words[i * WORD_REF + 2]);
        self.folded_bytes(self.word_record(i)).get(offset..).unwrap_or_default()
    }

    pub(super) fn word_count(&self) -> usize {
        self.words.len() / WORD_REF
    }

    pub(super) fn by_name(&self, i: usize) -> usize {
        usize::from(u16_at(self.name_order, i * 2))
    }
}

/// The first index in `0..n` for which `below` is false (`below` is true then false).
pub(super) fn partition(n: usize, below: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if below(mid) { lo = mid + 1 } else { hi = mid }
    }
    lo
}

fn ascii(b: &'static [u8]) -> &'static str {
    std::str::from_utf8(b).unwrap_or_default()
}
