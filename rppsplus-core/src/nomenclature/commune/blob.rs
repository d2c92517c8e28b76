//! Zero-copy reader of `generated/communes.bin` (written by `scripts/gen_nomenclatures.py`).
//!
//! Layout, little-endian: `RPPSCOG1`, then the byte length of each section (u32 ×
//! [`SECTIONS`]), then the sections:
//! 0. records, 24 bytes each, sorted by code then type: code `[u8; 5]`, type `u8`,
//!    parent record `u16` (`0xFFFF`: none), name start `u32`, folded name start `u32`,
//!    population `u32`, postal codes start `u16`, old codes start `u16`; a last record
//!    holds only the ends of the lists (each list ends where the next record's starts);
//! 1. names (UTF-8), 2. folded names (ASCII);
//! 3. postal codes lists, 4. old codes lists (5 bytes each, in record order);
//! 5. old code index, 6. postal code index: (code `[u8; 5]`, record `u16`) sorted by code;
//! 7. word-start index: (record `u16`, offset in the folded name `u8`) sorted by the
//!    folded name from that offset (`saint etienne` and `etienne` for Saint-Étienne).

const MAGIC: &[u8; 8] = b"RPPSCOG1";
const SECTIONS: usize = 8;
pub(super) const RECORD: usize = 24;
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
        };
        assert_eq!(at, bytes.len(), "communes.bin: trailing bytes");
        blob
    }

    /// The number of records (the last, end-only record excluded).
    pub(super) fn len(&self) -> usize {
        self.records.len() / RECORD - 1
    }

    /// Field `at` (a `u32` start) of record `i` and of the next record: a list's range.
    fn span32(&self, i: usize, at: usize) -> std::ops::Range<usize> {
        u32_at(self.record(i), at) as usize..u32_at(self.record(i + 1), at) as usize
    }

    pub(super) fn record(&self, i: usize) -> &'static [u8] {
        &self.records[i * RECORD..(i + 1) * RECORD]
    }

    pub(super) fn code(&self, i: usize) -> &'static str {
        ascii(&self.record(i)[..5])
    }

    pub(super) fn name(&self, i: usize) -> &'static str {
        std::str::from_utf8(&self.names[self.span32(i, 8)]).unwrap_or_default()
    }

    pub(super) fn folded(&self, i: usize) -> &'static str {
        ascii(self.folded_bytes(i))
    }

    /// The folded name as bytes (ASCII), for comparisons without UTF-8 checks.
    pub(super) fn folded_bytes(&self, i: usize) -> &'static [u8] {
        &self.folded[self.span32(i, 12)]
    }

    pub(super) fn population(&self, i: usize) -> u32 {
        u32_at(self.record(i), 16)
    }

    /// The 5-character codes of record `i` in `list`, whose `u16` start is field `at`.
    pub(super) fn list(&self, i: usize, at: usize, list: &'static [u8]) -> impl Iterator<Item = &'static str> + use<> {
        let start = usize::from(u16_at(self.record(i), at)) * 5;
        let end = usize::from(u16_at(self.record(i + 1), at)) * 5;
        list[start..end].chunks_exact(5).map(ascii)
    }

    /// The code of each record, as a number ([`code_key`]), in record order.
    pub(super) fn record_keys(&self) -> Vec<u64> {
        (0..self.len())
            .map(|i| code_key(&self.record(i)[..5]).unwrap_or(0))
            .collect()
    }

    /// The code of each entry of a sorted (code, record) index, as a number, in index order.
    pub(super) fn index_keys(index: &[u8]) -> Vec<u64> {
        (index.chunks_exact(CODE_REF))
            .map(|entry| code_key(&entry[..5]).unwrap_or(0))
            .collect()
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

    /// Whether word-start entry `i` is the first word of its name.
    pub(super) fn is_first_word(&self, i: usize) -> bool {
        self.words[i * WORD_REF + 2] == 0
    }
}

/// A 5-byte code as a number ordered like the bytes (one comparison instead of a `memcmp`);
/// `None` for any other length.
pub(super) fn code_key(code: &[u8]) -> Option<u64> {
    let &[a, b, c, d, e] = code else { return None };
    Some(u64::from_be_bytes([0, 0, 0, a, b, c, d, e]))
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
