//! BER-TLV walking over the `der` crate (the one x509-cert uses): the card's files are
//! sequences of TLVs (EF.DIR, EF.SN.ICC, the PKCS#15 directories), the last often followed by
//! padding bytes `00` or `FF`.

use x509_cert::der::asn1::AnyRef;
use x509_cert::der::{self, Decode, Encode, Header, Reader, SliceReader, Tag, TagNumber, Tagged};

/// The TLVs of `bytes` in order, up to the end or to padding (`00` or `FF` where a tag starts).
pub(crate) fn elements(bytes: &[u8]) -> der::Result<Vec<AnyRef<'_>>> {
    let mut reader = SliceReader::new(bytes)?;
    let mut out = Vec::new();
    while let Some(b) = reader.peek_byte() {
        if b == 0x00 || b == 0xFF {
            break;
        }
        out.push(reader.decode::<AnyRef<'_>>()?);
    }
    Ok(out)
}

/// The TLVs inside a constructed TLV (an error for a primitive one).
pub(crate) fn children(any: AnyRef<'_>) -> der::Result<Vec<AnyRef<'_>>> {
    if !any.tag().is_constructed() {
        return Err(any.tag().value_error().into());
    }
    let mut reader = SliceReader::new(any.value())?;
    let mut out = Vec::new();
    while !reader.is_finished() {
        out.push(reader.decode::<AnyRef<'_>>()?);
    }
    Ok(out)
}

/// A context-specific tag (`[n]`).
pub(crate) fn ctx(number: u32, constructed: bool) -> Tag {
    TagNumber(number).context_specific(constructed)
}

/// An application tag (ISO 7816 interindustry tags such as `61`, `4F`, `5A`).
pub(crate) fn app(number: u32, constructed: bool) -> Tag {
    TagNumber(number).application(constructed)
}

/// The first TLV tagged `tag` in `any` or below it (at most `depth` levels down).
pub(crate) fn find_deep(any: AnyRef<'_>, tag: Tag, depth: u8) -> Option<AnyRef<'_>> {
    if any.tag() == tag {
        return Some(any);
    }
    if depth == 0 || !any.tag().is_constructed() {
        return None;
    }
    children(any)
        .ok()?
        .into_iter()
        .find_map(|c| find_deep(c, tag, depth - 1))
}

/// A non-negative INTEGER value (universal, or the content of an implicitly tagged one).
pub(crate) fn unsigned(any: AnyRef<'_>) -> der::Result<u32> {
    AnyRef::new(Tag::Integer, any.value())?.decode_as::<u32>()
}

/// The total length (header and value) of the TLV that `bytes` starts with, read from its
/// header only (the value may not be there yet).
pub(crate) fn tlv_len(bytes: &[u8]) -> der::Result<usize> {
    let head = &bytes[..bytes.len().min(8)];
    let mut reader = SliceReader::new(head)?;
    let header = Header::decode(&mut reader)?;
    let total = reader.position() + header.length();
    usize::try_from(total?)
}

/// The DER encoding of one TLV (the simulator builds its files with it).
pub(crate) fn encode(tag: Tag, value: &[u8]) -> Vec<u8> {
    AnyRef::new(tag, value)
        .and_then(|any| any.to_der())
        .expect("the simulator's TLVs are far below der's length limit")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_tlvs_and_stops_at_padding() {
        let bytes = [0x5A, 0x01, 0x11, 0x80, 0x00, 0x00, 0x00, 0xFF];
        let e = elements(&bytes).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].tag(), app(26, false));
        assert_eq!(e[1].value(), b"");
        assert!(elements(&[0x5A, 0x05, 0x11]).is_err()); // length past the end
        assert!(elements(&[]).unwrap().is_empty());
    }

    #[test]
    fn multi_byte_tags_and_deep_search() {
        // 70 { BF8101 { A0 { 9B 01 02 } } }
        let bytes = [0x70, 0x09, 0xBF, 0x81, 0x01, 0x05, 0xA0, 0x03, 0x9B, 0x01, 0x02];
        let top = elements(&bytes).unwrap()[0];
        let hit = find_deep(top, ctx(27, false), 4).unwrap();
        assert_eq!(hit.value(), [2]);
        assert!(find_deep(top, ctx(27, false), 2).is_none());
        assert!(children(hit).is_err());
    }

    #[test]
    fn header_lengths_and_integers() {
        assert_eq!(tlv_len(&[0x30, 0x82, 0x03, 0xB1, 0x30]), Ok(4 + 0x3B1));
        assert!(tlv_len(&[0x30]).is_err());
        let five = AnyRef::new(ctx(0, false), &[0x05]).unwrap();
        assert_eq!(unsigned(five), Ok(5));
        assert_eq!(encode(ctx(0, false), &[5]), [0x80, 0x01, 0x05]);
    }
}
