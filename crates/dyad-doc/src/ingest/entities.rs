//! HTML character references (`&amp;`, `&#171;`, `&#x2014;`): decoding one at a time, so the
//! HTML reader can map each decoded character back to the reference it came from.
//!
//! The named table holds the HTML 4 set (which covers what Russian news pages use: `&laquo;`,
//! `&mdash;`, `&nbsp;`, `&hellip;` …) plus a few HTML 5 names (`&apos;`, `&numero;`). An unknown
//! name stays as written, as browsers do.

use std::borrow::Cow;

/// A decoded reference: one character or a short string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    Char(char),
    Str(&'static str),
}

impl Decoded {
    /// The decoded text, using `buf` for a single character.
    pub fn as_str<'b>(&self, buf: &'b mut [u8; 4]) -> &'b str {
        match *self {
            Decoded::Char(c) => c.encode_utf8(buf),
            Decoded::Str(s) => s,
        }
    }
}

/// Decodes the reference at the start of `s` (which starts with `&`). Returns the decoded
/// text and the number of bytes consumed (the `;` included when present), or `None` when
/// `s` does not start with a reference we know. In an attribute value (`in_attr`) a name
/// without `;` followed by `=` or an alphanumeric is not a reference (the HTML rule that keeps
/// `?a=1&copy=2` in URLs intact).
pub fn decode_at(s: &[u8], in_attr: bool) -> Option<(Decoded, usize)> {
    debug_assert_eq!(s.first(), Some(&b'&'));
    match s.get(1)? {
        b'#' => numeric(s),
        c if c.is_ascii_alphanumeric() => named(s, in_attr),
        _ => None,
    }
}

fn numeric(s: &[u8]) -> Option<(Decoded, usize)> {
    let (radix, start) = match s.get(2) {
        Some(b'x' | b'X') => (16, 3),
        _ => (10, 2),
    };
    let mut i = start;
    let mut value: u32 = 0;
    while let Some(d) = s.get(i).and_then(|&c| (c as char).to_digit(radix)) {
        // saturate: anything past U+10FFFF is replaced below
        value = value.saturating_mul(radix).saturating_add(d).min(0x11_0000);
        i += 1;
    }
    if i == start {
        return None;
    }
    if s.get(i) == Some(&b';') {
        i += 1;
    }
    Some((Decoded::Char(numeric_char(value)), i))
}

/// The character a numeric reference stands for, with the HTML replacements: NUL, surrogates
/// and values past U+10FFFF become U+FFFD; 0x80–0x9F are read as windows-1252.
fn numeric_char(value: u32) -> char {
    const C1: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let v = match value {
        0 => 0xFFFD,
        0x80..=0x9F => C1[(value - 0x80) as usize] as u32,
        v => v,
    };
    char::from_u32(v).unwrap_or('\u{FFFD}')
}

fn named(s: &[u8], in_attr: bool) -> Option<(Decoded, usize)> {
    let run = s[1..]
        .iter()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = std::str::from_utf8(&s[1..1 + run]).ok()?;
    if s.get(1 + run) == Some(&b';') {
        if let Some(d) = lookup(name) {
            return Some((Decoded::Str(d), run + 2));
        }
    }
    // Without `;`: only the legacy names, the longest that prefixes the run.
    for len in (2..=run.min(6)).rev() {
        let prefix = &name[..len];
        if let Some(d) = lookup(prefix).filter(|_| LEGACY.contains(&prefix)) {
            if in_attr && (len < run || s.get(1 + len) == Some(&b'=')) {
                return None;
            }
            return Some((Decoded::Str(d), len + 1));
        }
    }
    None
}

fn lookup(name: &str) -> Option<&'static str> {
    NAMED
        .binary_search_by(|(n, _)| n.cmp(&name))
        .ok()
        .map(|i| NAMED[i].1)
}

/// Decodes every reference in an attribute value (or other text where positions do not
/// matter). Borrows when there is none.
pub fn decode_str(s: &str, in_attr: bool) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let Some(first) = memchr::memchr(b'&', bytes) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    let mut buf = [0u8; 4];
    while i < bytes.len() {
        if bytes[i] == b'&' {
            if let Some((d, len)) = decode_at(&bytes[i..], in_attr) {
                out.push_str(d.as_str(&mut buf));
                i += len;
                continue;
            }
            out.push('&');
            i += 1;
            continue;
        }
        let next = memchr::memchr(b'&', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        out.push_str(&s[i..next]);
        i = next;
    }
    Cow::Owned(out)
}

/// Names browsers also accept without the closing `;` (the HTML 4 Latin-1 set and the four
/// markup characters).
const LEGACY: &[&str] = &[
    "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil",
    "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml", "LT",
    "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG", "THORN",
    "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute", "aelig", "agrave",
    "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil", "cent", "copy", "curren", "deg",
    "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12", "frac14", "frac34", "gt",
    "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt", "macr", "micro",
    "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf", "ordm", "oslash",
    "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo", "reg", "sect", "shy", "sup1",
    "sup2", "sup3", "szlig", "thorn", "times", "uacute", "ucirc", "ugrave", "uml", "uuml",
    "yacute", "yen", "yuml",
];

/// Named references, sorted by name (byte order) for binary search.
const NAMED: &[(&str, &str)] = &[
    ("AElig", "\u{C6}"),
    ("AMP", "&"),
    ("Aacute", "\u{C1}"),
    ("Acirc", "\u{C2}"),
    ("Agrave", "\u{C0}"),
    ("Alpha", "\u{391}"),
    ("Aring", "\u{C5}"),
    ("Atilde", "\u{C3}"),
    ("Auml", "\u{C4}"),
    ("Beta", "\u{392}"),
    ("COPY", "\u{A9}"),
    ("Ccedil", "\u{C7}"),
    ("Chi", "\u{3A7}"),
    ("Dagger", "\u{2021}"),
    ("Delta", "\u{394}"),
    ("ETH", "\u{D0}"),
    ("Eacute", "\u{C9}"),
    ("Ecirc", "\u{CA}"),
    ("Egrave", "\u{C8}"),
    ("Epsilon", "\u{395}"),
    ("Eta", "\u{397}"),
    ("Euml", "\u{CB}"),
    ("GT", ">"),
    ("Gamma", "\u{393}"),
    ("Iacute", "\u{CD}"),
    ("Icirc", "\u{CE}"),
    ("Igrave", "\u{CC}"),
    ("Iota", "\u{399}"),
    ("Iuml", "\u{CF}"),
    ("Kappa", "\u{39A}"),
    ("LT", "<"),
    ("Lambda", "\u{39B}"),
    ("Mu", "\u{39C}"),
    ("NewLine", "\n"),
    ("Ntilde", "\u{D1}"),
    ("Nu", "\u{39D}"),
    ("OElig", "\u{152}"),
    ("Oacute", "\u{D3}"),
    ("Ocirc", "\u{D4}"),
    ("Ograve", "\u{D2}"),
    ("Omega", "\u{3A9}"),
    ("Omicron", "\u{39F}"),
    ("Oslash", "\u{D8}"),
    ("Otilde", "\u{D5}"),
    ("Ouml", "\u{D6}"),
    ("Phi", "\u{3A6}"),
    ("Pi", "\u{3A0}"),
    ("Prime", "\u{2033}"),
    ("Psi", "\u{3A8}"),
    ("QUOT", "\""),
    ("REG", "\u{AE}"),
    ("Rho", "\u{3A1}"),
    ("Scaron", "\u{160}"),
    ("Sigma", "\u{3A3}"),
    ("THORN", "\u{DE}"),
    ("Tab", "\t"),
    ("Tau", "\u{3A4}"),
    ("Theta", "\u{398}"),
    ("Uacute", "\u{DA}"),
    ("Ucirc", "\u{DB}"),
    ("Ugrave", "\u{D9}"),
    ("Upsilon", "\u{3A5}"),
    ("Uuml", "\u{DC}"),
    ("Xi", "\u{39E}"),
    ("Yacute", "\u{DD}"),
    ("Yuml", "\u{178}"),
    ("Zeta", "\u{396}"),
    ("aacute", "\u{E1}"),
    ("acirc", "\u{E2}"),
    ("acute", "\u{B4}"),
    ("aelig", "\u{E6}"),
    ("agrave", "\u{E0}"),
    ("alefsym", "\u{2135}"),
    ("alpha", "\u{3B1}"),
    ("amp", "&"),
    ("and", "\u{2227}"),
    ("ang", "\u{2220}"),
    ("apos", "'"),
    ("aring", "\u{E5}"),
    ("asymp", "\u{2248}"),
    ("atilde", "\u{E3}"),
    ("auml", "\u{E4}"),
    ("bdquo", "\u{201E}"),
    ("beta", "\u{3B2}"),
    ("brvbar", "\u{A6}"),
    ("bull", "\u{2022}"),
    ("cap", "\u{2229}"),
    ("ccedil", "\u{E7}"),
    ("cedil", "\u{B8}"),
    ("cent", "\u{A2}"),
    ("chi", "\u{3C7}"),
    ("circ", "\u{2C6}"),
    ("clubs", "\u{2663}"),
    ("colon", ":"),
    ("comma", ","),
    ("cong", "\u{2245}"),
    ("copy", "\u{A9}"),
    ("crarr", "\u{21B5}"),
    ("cup", "\u{222A}"),
    ("curren", "\u{A4}"),
    ("dArr", "\u{21D3}"),
    ("dagger", "\u{2020}"),
    ("darr", "\u{2193}"),
    ("dash", "\u{2010}"),
    ("deg", "\u{B0}"),
    ("delta", "\u{3B4}"),
    ("diams", "\u{2666}"),
    ("divide", "\u{F7}"),
    ("eacute", "\u{E9}"),
    ("ecirc", "\u{EA}"),
    ("egrave", "\u{E8}"),
    ("empty", "\u{2205}"),
    ("emsp", "\u{2003}"),
    ("ensp", "\u{2002}"),
    ("epsilon", "\u{3B5}"),
    ("equiv", "\u{2261}"),
    ("eta", "\u{3B7}"),
    ("eth", "\u{F0}"),
    ("euml", "\u{EB}"),
    ("euro", "\u{20AC}"),
    ("excl", "!"),
    ("exist", "\u{2203}"),
    ("fnof", "\u{192}"),
    ("forall", "\u{2200}"),
    ("frac12", "\u{BD}"),
    ("frac14", "\u{BC}"),
    ("frac34", "\u{BE}"),
    ("frasl", "\u{2044}"),
    ("gamma", "\u{3B3}"),
    ("ge", "\u{2265}"),
    ("gt", ">"),
    ("hArr", "\u{21D4}"),
    ("harr", "\u{2194}"),
    ("hearts", "\u{2665}"),
    ("hellip", "\u{2026}"),
    ("horbar", "\u{2015}"),
    ("hyphen", "\u{2010}"),
    ("iacute", "\u{ED}"),
    ("icirc", "\u{EE}"),
    ("iexcl", "\u{A1}"),
    ("igrave", "\u{EC}"),
    ("image", "\u{2111}"),
    ("infin", "\u{221E}"),
    ("int", "\u{222B}"),
    ("iota", "\u{3B9}"),
    ("iquest", "\u{BF}"),
    ("isin", "\u{2208}"),
    ("iuml", "\u{EF}"),
    ("kappa", "\u{3BA}"),
    ("lArr", "\u{21D0}"),
    ("lambda", "\u{3BB}"),
    ("lang", "\u{27E8}"),
    ("laquo", "\u{AB}"),
    ("larr", "\u{2190}"),
    ("lceil", "\u{2308}"),
    ("ldquo", "\u{201C}"),
    ("le", "\u{2264}"),
    ("lfloor", "\u{230A}"),
    ("lowast", "\u{2217}"),
    ("loz", "\u{25CA}"),
    ("lpar", "("),
    ("lrm", "\u{200E}"),
    ("lsaquo", "\u{2039}"),
    ("lsquo", "\u{2018}"),
    ("lt", "<"),
    ("macr", "\u{AF}"),
    ("mdash", "\u{2014}"),
    ("micro", "\u{B5}"),
    ("middot", "\u{B7}"),
    ("minus", "\u{2212}"),
    ("mu", "\u{3BC}"),
    ("nabla", "\u{2207}"),
    ("nbsp", "\u{A0}"),
    ("ndash", "\u{2013}"),
    ("ne", "\u{2260}"),
    ("ni", "\u{220B}"),
    ("not", "\u{AC}"),
    ("notin", "\u{2209}"),
    ("nsub", "\u{2284}"),
    ("ntilde", "\u{F1}"),
    ("nu", "\u{3BD}"),
    ("num", "#"),
    ("numero", "\u{2116}"),
    ("oacute", "\u{F3}"),
    ("ocirc", "\u{F4}"),
    ("oelig", "\u{153}"),
    ("ograve", "\u{F2}"),
    ("oline", "\u{203E}"),
    ("omega", "\u{3C9}"),
    ("omicron", "\u{3BF}"),
    ("oplus", "\u{2295}"),
    ("or", "\u{2228}"),
    ("ordf", "\u{AA}"),
    ("ordm", "\u{BA}"),
    ("oslash", "\u{F8}"),
    ("otilde", "\u{F5}"),
    ("otimes", "\u{2297}"),
    ("ouml", "\u{F6}"),
    ("para", "\u{B6}"),
    ("part", "\u{2202}"),
    ("percnt", "%"),
    ("period", "."),
    ("permil", "\u{2030}"),
    ("perp", "\u{22A5}"),
    ("phi", "\u{3C6}"),
    ("pi", "\u{3C0}"),
    ("piv", "\u{3D6}"),
    ("plusmn", "\u{B1}"),
    ("pound", "\u{A3}"),
    ("prime", "\u{2032}"),
    ("prod", "\u{220F}"),
    ("prop", "\u{221D}"),
    ("psi", "\u{3C8}"),
    ("quot", "\""),
    ("rArr", "\u{21D2}"),
    ("radic", "\u{221A}"),
    ("rang", "\u{27E9}"),
    ("raquo", "\u{BB}"),
    ("rarr", "\u{2192}"),
    ("rceil", "\u{2309}"),
    ("rdquo", "\u{201D}"),
    ("real", "\u{211C}"),
    ("reg", "\u{AE}"),
    ("rfloor", "\u{230B}"),
    ("rho", "\u{3C1}"),
    ("rlm", "\u{200F}"),
    ("rpar", ")"),
    ("rsaquo", "\u{203A}"),
    ("rsquo", "\u{2019}"),
    ("sbquo", "\u{201A}"),
    ("scaron", "\u{161}"),
    ("sdot", "\u{22C5}"),
    ("sect", "\u{A7}"),
    ("semi", ";"),
    ("shy", "\u{AD}"),
    ("sigma", "\u{3C3}"),
    ("sigmaf", "\u{3C2}"),
    ("sim", "\u{223C}"),
    ("sol", "/"),
    ("spades", "\u{2660}"),
    ("sub", "\u{2282}"),
    ("sube", "\u{2286}"),
    ("sum", "\u{2211}"),
    ("sup", "\u{2283}"),
    ("sup1", "\u{B9}"),
    ("sup2", "\u{B2}"),
    ("sup3", "\u{B3}"),
    ("supe", "\u{2287}"),
    ("szlig", "\u{DF}"),
    ("tau", "\u{3C4}"),
    ("there4", "\u{2234}"),
    ("theta", "\u{3B8}"),
    ("thetasym", "\u{3D1}"),
    ("thinsp", "\u{2009}"),
    ("thorn", "\u{FE}"),
    ("tilde", "\u{2DC}"),
    ("times", "\u{D7}"),
    ("trade", "\u{2122}"),
    ("uArr", "\u{21D1}"),
    ("uacute", "\u{FA}"),
    ("uarr", "\u{2191}"),
    ("ucirc", "\u{FB}"),
    ("ugrave", "\u{F9}"),
    ("uml", "\u{A8}"),
    ("upsih", "\u{3D2}"),
    ("upsilon", "\u{3C5}"),
    ("uuml", "\u{FC}"),
    ("weierp", "\u{2118}"),
    ("xi", "\u{3BE}"),
    ("yacute", "\u{FD}"),
    ("yen", "\u{A5}"),
    ("yuml", "\u{FF}"),
    ("zeta", "\u{3B6}"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Option<(String, usize)> {
        let mut buf = [0u8; 4];
        decode_at(s.as_bytes(), false).map(|(d, n)| (d.as_str(&mut buf).to_string(), n))
    }

    #[test]
    fn table_is_sorted_and_legacy_names_are_in_it() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            LEGACY.iter().all(|n| lookup(n).is_some()),
            "legacy name missing"
        );
    }

    #[test]
    fn named_and_numeric() {
        assert_eq!(dec("&laquo;x"), Some(("«".into(), 7)));
        assert_eq!(dec("&mdash;"), Some(("—".into(), 7)));
        assert_eq!(dec("&#171;"), Some(("«".into(), 6)));
        assert_eq!(dec("&#x2014;"), Some(("—".into(), 8)));
        assert_eq!(dec("&#X41"), Some(("A".into(), 5)));
        assert_eq!(dec("&#150;"), Some(("–".into(), 6)), "windows-1252 range");
        assert_eq!(dec("&#0;"), Some(("\u{FFFD}".into(), 4)));
        assert_eq!(dec("&#xD800;"), Some(("\u{FFFD}".into(), 8)));
        assert_eq!(
            dec("&#99999999999999999999;"),
            Some(("\u{FFFD}".into(), 23))
        );
        assert_eq!(dec("&numero;"), Some(("№".into(), 8)));
    }

    #[test]
    fn legacy_without_semicolon() {
        assert_eq!(dec("&copy 2025"), Some(("©".into(), 5)));
        assert_eq!(dec("&amptest"), Some(("&".into(), 4)));
        assert_eq!(dec("&mdash x"), None, "not a legacy name");
        assert_eq!(dec("&unknown;"), None);
        assert_eq!(dec("&#;"), None);
        assert_eq!(dec("& x"), None);
        assert_eq!(
            decode_at(b"&copy=2", true),
            None,
            "attribute values keep &name= as is"
        );
    }

    #[test]
    fn decode_whole_strings() {
        assert_eq!(decode_str("a &amp; b", true), "a & b");
        assert_eq!(decode_str("?a=1&copy=2", true), "?a=1&copy=2");
        assert_eq!(decode_str("no refs", true), "no refs");
        assert_eq!(decode_str("&&lt;&", false), "&<&");
    }
}
