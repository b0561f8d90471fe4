//! Compact JSON for `extract`'s documents, byte for byte what
//! `serde_json::to_vec` writes, with a faster string escape: serde_json
//! looks up every byte of a string in its escape table, which was ≈ 2 % of
//! the instructions of `extract` on long articles (4.6 MB of mostly Arabic
//! text for 400 of them); this tests eight bytes at a time and looks up
//! only the bytes of a word that may need escaping.
//!
//! Whatever this writer does not know to write exactly as serde_json does
//! (byte arrays, 128-bit integers, non-string map keys, serde_json's raw
//! values) makes it fail, and [`to_vec`] then returns serde_json's own
//! output, so nothing it cannot handle changes the bytes. Numbers are
//! written by serde_json itself (floats) or as plain decimals (integers).

use serde::ser::{self, Serialize};
use std::fmt;

/// `serde_json::to_vec(value)`, written by [`Writer`] when it can.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(4096);
    match value.serialize(&mut Writer { out: &mut out }) {
        Ok(()) => Ok(out),
        Err(Unsupported(_)) => serde_json::to_vec(value),
    }
}

/// Why [`Writer`] declined a value (then serde_json writes it).
#[derive(Debug)]
pub struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not written by the fast JSON writer: {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Unsupported(msg.to_string())
    }
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(what.to_string()))
}

/// Whether any of the eight bytes of `x` is a control char (< 0x20), `"` or
/// `\`: serde_json escapes exactly these bytes. (The classic "has a byte
/// less than n" and "has a zero byte" tests: exact as to whether one
/// exists, which is all that is asked.)
#[inline]
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    let q = x ^ (ONES * b'"' as u64);
    let quote = q.wrapping_sub(ONES) & !q & HIGH;
    let s = x ^ (ONES * b'\\' as u64);
    let slash = s.wrapping_sub(ONES) & !s & HIGH;
    (control | quote | slash) != 0
}

/// Per byte: the letter of its escape (`u` for \u00XX), or 0 when the byte
/// is written as it is. serde_json escapes exactly the control chars, `"`
/// and `\`.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = b'u';
        c += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// The first index at or after `i` of a byte that needs escaping, or the
/// length: eight bytes at a time, then byte by byte in the block that has
/// one and in the last, short block.
#[inline]
fn next_escape(b: &[u8], mut i: usize) -> usize {
    while let Some(w) = b.get(i..i + 8) {
        if needs_escape(u64::from_le_bytes(w.try_into().expect("eight bytes"))) {
            break;
        }
        i += 8;
    }
    while i < b.len() && ESCAPE[b[i] as usize] == 0 {
        i += 1;
    }
    i
}

/// `s` as a JSON string, escaped as serde_json escapes it: `"` and `\\`
/// behind a backslash, \\b \\t \\n \\f \\r, other control chars as \\u00XX in
/// lower-case hex, everything else (DEL, U+2028, any non-ASCII) as it is.
/// (Most strings are short keys and names with nothing to escape: they
/// take the inlined path, the rest [`write_escaped`].)
#[inline]
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let i = next_escape(b, 0);
    if i < b.len() {
        return write_escaped(out, b, i);
    }
    out.reserve(b.len() + 2);
    out.push(b'"');
    out.extend_from_slice(b);
    out.push(b'"');
}

/// [`write_str`] of `b`, whose first byte to escape is at `i`.
#[cold]
#[inline(never)]
fn write_escaped(out: &mut Vec<u8>, b: &[u8], mut i: usize) {
    out.reserve(b.len() + 8);
    out.push(b'"');
    let mut run = 0;
    loop {
        out.extend_from_slice(&b[run..i]);
        let Some(&c) = b.get(i) else { break };
        match ESCAPE[c as usize] {
            b'u' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(c >> 4) as usize], HEX[(c & 0xF) as usize]]);
            }
            e => out.extend_from_slice(&[b'\\', e]),
        }
        run = i + 1;
        i = next_escape(b, run);
    }
    out.push(b'"');
}

/// A struct field's `,"key":` (no comma before the first field). Field
/// names are short and never need escaping in practice: one byte-table
/// pass and one reservation instead of [`write_str`]'s block scan and
/// three separate writes; a name that needs escaping goes through
/// [`write_str`].
#[inline]
fn write_key(out: &mut Vec<u8>, first: bool, key: &str) {
    let b = key.as_bytes();
    if !first {
        out.push(b',');
    }
    if b.iter().any(|&c| ESCAPE[c as usize] != 0) {
        write_str(out, key);
        out.push(b':');
        return;
    }
    out.reserve(b.len() + 3);
    out.push(b'"');
    out.extend_from_slice(b);
    out.extend_from_slice(b"\":");
}

fn write_u64(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut k = buf.len();
    loop {
        k -= 1;
        buf[k] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[k..]);
}

fn write_i64(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    write_u64(out, v.unsigned_abs());
}

/// A compact JSON serializer into a byte vector, in serde_json's layout.
pub struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

/// An open array or object: whether an element has been written yet, and
/// for variants, the object that wraps them (`{"Variant":…}`).
pub struct Compound<'w, 'a> {
    w: &'w mut Writer<'a>,
    first: bool,
    close_variant: bool,
}

impl<'w, 'a> Compound<'w, 'a> {
    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(b',');
        }
        self.first = false;
    }

    fn close(self, bracket: u8) {
        self.w.out.push(bracket);
        if self.close_variant {
            self.w.out.push(b'}');
        }
    }
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        write_i64(self.out, v as i64);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        write_i64(self.out, v as i64);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        write_i64(self.out, v as i64);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        write_i64(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        write_u64(self.out, v as u64);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        write_u64(self.out, v as u64);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        write_u64(self.out, v as u64);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        write_u64(self.out, v);
        Ok(())
    }
    fn serialize_i128(self, _: i128) -> Result<(), Unsupported> {
        unsupported("i128")
    }
    fn serialize_u128(self, _: u128) -> Result<(), Unsupported> {
        unsupported("u128")
    }
    // floats: serde_json's own formatting (and `null` for NaN and ±∞)
    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        serde_json::to_writer(&mut *self.out, &v).or_else(|_| unsupported("f32"))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        serde_json::to_writer(&mut *self.out, &v).or_else(|_| unsupported("f64"))
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        write_str(self.out, v.encode_utf8(&mut [0u8; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        write_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, v: &T) -> Result<(), Unsupported> {
        // serde_json's raw values and numbers pass through special names
        if name.starts_with("$serde_json") {
            return unsupported(name);
        }
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, variant: &'static str, v: &T) -> Result<(), Unsupported> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        v.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w, 'a>, Unsupported> {
        self.out.push(b'[');
        Ok(Compound { w: self, first: true, close_variant: false })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":[");
        Ok(Compound { w: self, first: true, close_variant: true })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w, 'a>, Unsupported> {
        self.out.push(b'{');
        Ok(Compound { w: self, first: true, close_variant: false })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        if name.starts_with("$serde_json") {
            return unsupported(name);
        }
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":{");
        Ok(Compound { w: self, first: true, close_variant: true })
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.comma();
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close(b']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Unsupported> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Unsupported> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Unsupported> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Unsupported> {
        self.comma();
        k.serialize(KeyWriter { out: &mut *self.w.out })?;
        self.w.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close(b'}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Unsupported> {
        write_key(self.w.out, std::mem::replace(&mut self.first, false), key);
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close(b'}');
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Unsupported> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close(b'}');
        Ok(())
    }
}

/// A map key: strings (and chars, and unit variants, which serde_json also
/// writes as strings) only; any other key is left to serde_json, which
/// quotes numbers and refuses the rest.
struct KeyWriter<'o> {
    out: &'o mut Vec<u8>,
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<(), Unsupported>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        write_str(self.out, v.encode_utf8(&mut [0u8; 4]));
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        write_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Result<(), Unsupported> {
        unsupported("newtype key")
    }
    fn serialize_bool(self, _: bool) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_i8(self, _: i8) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_i16(self, _: i16) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_i32(self, _: i32) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_i64(self, _: i64) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_u8(self, _: u8) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_u16(self, _: u16) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_u32(self, _: u32) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_u64(self, _: u64) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<(), Unsupported> {
        unsupported("key")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        unsupported("key")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        unsupported("key")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        unsupported("key")
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported("key")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        unsupported("key")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
        unsupported("key")
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported("key")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn same<T: Serialize + ?Sized>(v: &T) {
        let fast = to_vec(v).expect("fast");
        let reference = serde_json::to_vec(v).expect("serde_json");
        assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&reference));
        assert_eq!(fast, reference);
    }

    /// Strings that need every kind of escape, at every position of the
    /// eight-byte blocks, next to Arabic, non-BMP and the chars JSON allows
    /// raw (DEL, U+2028, U+2029).
    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        let mut tricky: Vec<String> = vec![
            String::new(),
            "\"".into(),
            "\\".into(),
            "a\"b\\c".into(),
            "قال \"المتحدث\" إن\n\t30 قتيلاً\r\\سقطوا".into(),
            "\u{2028}\u{2029}\u{7f}\u{80}\u{ff}\u{fffd}".into(),
            "𝔸𝔹 🙂 \u{10ffff} ﷽".into(),
            "ـــ\u{200c}\u{200f}\u{feff}".into(),
        ];
        for c in 0u8..0x20 {
            tricky.push(format!("x{}y", c as char));
        }
        // each escaped byte at each offset of a block, in ASCII and Arabic runs
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1f}", "\u{8}", "\u{c}", "\u{0}"] {
            for pad in 0..20 {
                tricky.push(format!("{}{special}{}", "a".repeat(pad), "b".repeat(19 - pad)));
                tricky.push(format!("{}{special}{}", "ع".repeat(pad), "ب".repeat(pad / 2)));
                tricky.push(format!("{special}{}{special}", "٣".repeat(pad)));
            }
        }
        // bytes that differ from the escaped ones by one (the SWAR tests'
        // borrows): 0x20, 0x21, 0x23, 0x5b, 0x5d, 0xa2, 0xdc
        tricky.push(" !#[]¢Ü !#[]¢Ü !#[]¢Ü".into());
        for s in &tricky {
            same(s);
            same(&vec![s.clone(), s.clone()]);
            let mut m = BTreeMap::new();
            m.insert(s.clone(), s.clone());
            same(&m);
        }
        for c in ['"', '\\', '\n', '\u{0}', '\u{1f}', 'ع', '🙂', '\u{2028}'] {
            same(&c);
        }
    }

    #[test]
    fn the_swar_test_is_the_byte_test() {
        let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        // every byte value at every lane, in a block of otherwise harmless bytes
        for fill in [b'a', 0xd8, 0x20, 0x7f, 0xff] {
            for b in 0..=255u8 {
                for lane in 0..8 {
                    let mut w = [fill; 8];
                    w[lane] = b;
                    assert_eq!(needs_escape(u64::from_le_bytes(w)), escaped(b) || escaped(fill), "{b:#x} at {lane} in {fill:#x}");
                }
            }
        }
    }

    #[derive(Serialize)]
    enum Kind {
        Unit,
        #[serde(rename = "renamed")]
        Renamed,
        Newtype(u32),
        Tuple(i8, String),
        Struct { a: Option<f32>, b: char },
    }

    /// Field names that need escaping still take serde_json's escapes.
    #[derive(Serialize)]
    struct OddNames {
        #[serde(rename = "a\"b")]
        quote: u8,
        #[serde(rename = "c\\d\n")]
        slash: u8,
        #[serde(rename = "")]
        empty: u8,
        #[serde(rename = "ع")]
        arabic: u8,
    }

    #[test]
    fn odd_field_names_are_escaped() {
        same(&OddNames { quote: 1, slash: 2, empty: 3, arabic: 4 });
        same(&vec![OddNames { quote: 1, slash: 2, empty: 3, arabic: 4 }]);
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrap(f64);

    #[derive(Serialize)]
    struct Pair(u8, bool);

    #[derive(Serialize)]
    struct Empty {}

    #[derive(Serialize)]
    struct All {
        ints: (i8, i16, i32, i64, u8, u16, u32, u64),
        extremes: Vec<i64>,
        big: Vec<u64>,
        f32s: Vec<f32>,
        f64s: Vec<f64>,
        none: Option<String>,
        some: Option<Vec<u8>>,
        kinds: Vec<Kind>,
        unit: (),
        unit_struct: Unit,
        wrap: Wrap,
        pair: Pair,
        empty: Empty,
        empty_vec: Vec<u8>,
        map: BTreeMap<String, Vec<f32>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        #[serde(rename = "type")]
        renamed: &'static str,
        nested: Vec<Vec<Option<bool>>>,
    }

    #[test]
    fn every_form_is_written_as_serde_json_writes_it() {
        let mut map = BTreeMap::new();
        map.insert("ع".to_string(), vec![0.5, -0.0]);
        map.insert("\"k\"".to_string(), vec![]);
        let v = All {
            ints: (i8::MIN, i16::MIN, i32::MIN, i64::MIN, u8::MAX, u16::MAX, u32::MAX, u64::MAX),
            extremes: vec![i64::MIN, -1, 0, 1, 9, 10, 99, 100, i64::MAX],
            big: vec![0, 1, 10, 12345678901234567890, u64::MAX],
            f32s: vec![0.0, -0.0, 0.1, 1.0, 1e-45, 3.4028235e38, f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 0.987_654_3, 1e7, 1e16],
            f64s: vec![0.0, -0.0, 0.1, 1.0, 5e-324, f64::MAX, f64::NAN, f64::INFINITY, 1e15, 1e16, 1e21, 123.456],
            none: None,
            some: Some(vec![1, 2, 3]),
            kinds: vec![Kind::Unit, Kind::Renamed, Kind::Newtype(7), Kind::Tuple(-3, "ت\"".into()), Kind::Struct { a: Some(0.25), b: '\n' }, Kind::Struct { a: None, b: 'ع' }],
            unit: (),
            unit_struct: Unit,
            wrap: Wrap(2.5),
            pair: Pair(0, true),
            empty: Empty {},
            empty_vec: vec![],
            map,
            skipped: None,
            renamed: "x",
            nested: vec![vec![], vec![None, Some(false)]],
        };
        same(&v);
        same(&serde_json::json!({"a": [1, -2, 3.5, null, true, {"b": "c\u{1}"}], "": {}}));
    }

    /// What the writer declines, serde_json writes: `to_vec` gives its
    /// bytes (or its error) all the same.
    #[test]
    fn declined_values_fall_back_to_serde_json() {
        let mut numbered = BTreeMap::new();
        numbered.insert(3u32, "three");
        same(&numbered);
        same(&(1u128 << 100));
        same(&vec![(-1i128) << 100]);
        let mut bad = BTreeMap::new();
        bad.insert(vec![1u8], 1u8);
        assert!(to_vec(&bad).is_err() && serde_json::to_vec(&bad).is_err());
    }

    /// Real documents, annotated by the whole pipeline: the corpus's first
    /// articles when the shared corpus is present, and the bundled examples.
    #[test]
    fn annotated_documents_are_serde_jsons_bytes() {
        let pipeline = marsad_pipeline::Pipeline::global().expect("pipeline");
        let mut texts: Vec<String> = crate::examples::EXAMPLES.iter().map(|e| e.text.to_string()).collect();
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        if let Some(c) = here.ancestors().map(|a| a.join("shared/corpus/ant-v1.1-jawharafm.jsonl")).find(|p| p.is_file()).and_then(|p| std::fs::read_to_string(p).ok()) {
            for l in c.lines().take(120) {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(l) {
                    texts.push(v["text"].as_str().unwrap_or("").to_string());
                }
            }
        }
        assert!(texts.len() > 1);
        for (i, text) in texts.iter().enumerate() {
            let mut doc = marsad_core::Document::new(&format!("d{i}"), text);
            pipeline.annotate(&mut doc).expect("annotate");
            // with tokens and without, as `extract --tokens` and `extract`
            same(&doc);
            doc.tokens.clear();
            same(&doc);
        }
    }
}
