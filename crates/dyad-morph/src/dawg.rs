//! A reader for DAWGs built by the dawgdic C++ library (the `DAWG` Python package), as
//! pymorphy stores its word lists: a port of the pure-Python `dawg-python` reader.
//!
//! A file is the dictionary (a `u32` count, then that many little-endian `u32` units of a
//! double array) optionally followed by the guide (a `u32` count, then twice that many bytes:
//! first child and next sibling label of every unit), which is what key completion needs.
//!
//! Three kinds of DAWG are read on top of it:
//! * record DAWGs (`words.dawg`, `prediction-suffixes-N.dawg`): keys are
//!   `utf8 key + 0x01 + base64(value)`, several values per key;
//! * int DAWGs (`p_t_given_w.intdawg`): the value is stored in the unit after the key.
//!
//! Every access is bounds-checked: a damaged file gives missing keys, never a panic, and
//! completion walks are capped so that a cyclic guide cannot loop.

const PRECISION_MASK: u64 = 0xFFFF_FFFF;
const IS_LEAF_BIT: u32 = 1 << 31;
const HAS_LEAF_BIT: u32 = 1 << 8;
const EXTENSION_BIT: u32 = 1 << 9;

/// The separator between a key and its base64 payload in record DAWGs.
pub(crate) const PAYLOAD_SEPARATOR: u8 = 0x01;

/// Longest completion (in bytes) the completer follows before it gives up.
const MAX_COMPLETION_LEN: usize = 64;
/// Most values read for one key.
const MAX_VALUES_PER_KEY: usize = 4096;

/// The double-array dictionary plus the optional guide.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dawg {
    units: Vec<u32>,
    guide: Vec<u8>,
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl Dawg {
    /// Reads a DAWG file's bytes; `with_guide` when the file also has the guide (completion
    /// DAWGs: record DAWGs and the int completion DAWG).
    pub(crate) fn from_bytes(bytes: &[u8], with_guide: bool) -> Result<Dawg, String> {
        let n = read_u32(bytes, 0).ok_or("file shorter than its header")? as usize;
        let end = n
            .checked_mul(4)
            .and_then(|x| x.checked_add(4))
            .ok_or("unit count overflows")?;
        let body = bytes
            .get(4..end)
            .ok_or_else(|| format!("file holds fewer than the {n} units it announces"))?;
        let units: Vec<u32> = body
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        if units.is_empty() {
            return Err("no units".into());
        }
        let mut guide = Vec::new();
        if with_guide {
            let g = read_u32(bytes, end).ok_or("no guide after the units")? as usize;
            let gstart = end + 4;
            let gend = g
                .checked_mul(2)
                .and_then(|x| x.checked_add(gstart))
                .ok_or("guide size overflows")?;
            guide = bytes
                .get(gstart..gend)
                .ok_or_else(|| format!("file holds less than the {g} guide units it announces"))?
                .to_vec();
        }
        Ok(Dawg { units, guide })
    }

    /// Bytes of memory held.
    pub(crate) fn heap_size(&self) -> usize {
        self.units.len() * 4 + self.guide.len()
    }

    #[inline]
    fn unit(&self, index: u32) -> u32 {
        // Index 0 is the root; an out-of-range index reads as an empty unit, whose label
        // (0) matches no transition a key makes, so lookups just fail.
        self.units.get(index as usize).copied().unwrap_or(0)
    }

    #[inline]
    fn offset(base: u32) -> u32 {
        let base = base as u64;
        (((base >> 10) << ((base & EXTENSION_BIT as u64) >> 6)) & PRECISION_MASK) as u32
    }

    #[inline]
    fn label(base: u32) -> u32 {
        base & (IS_LEAF_BIT | 0xFF)
    }

    /// Whether a key ends at `index`.
    #[inline]
    pub(crate) fn has_value(&self, index: u32) -> bool {
        self.unit(index) & HAS_LEAF_BIT != 0
    }

    /// The value stored for the key ending at `index` (int DAWGs).
    #[inline]
    pub(crate) fn value(&self, index: u32) -> u32 {
        let offset = Self::offset(self.unit(index));
        let value_index = index ^ offset;
        self.unit(value_index) & !IS_LEAF_BIT
    }

    /// Follows the transition labelled `label` from `index`.
    #[inline]
    pub(crate) fn follow_char(&self, label: u8, index: u32) -> Option<u32> {
        let offset = Self::offset(self.unit(index));
        let next = index ^ offset ^ label as u32;
        if next as usize >= self.units.len() || Self::label(self.unit(next)) != label as u32 {
            return None;
        }
        Some(next)
    }

    /// Follows the transitions for every byte of `s`.
    #[inline]
    pub(crate) fn follow_bytes(&self, s: &[u8], mut index: u32) -> Option<u32> {
        for &b in s {
            index = self.follow_char(b, index)?;
        }
        Some(index)
    }

    /// The value for `key` in an int DAWG.
    pub(crate) fn find(&self, key: &[u8]) -> Option<u32> {
        self.find_from(key, 0)
    }

    /// The value for the key whose prefix already led to `index` and whose rest is `rest`.
    #[inline]
    pub(crate) fn find_from(&self, rest: &[u8], index: u32) -> Option<u32> {
        let index = self.follow_bytes(rest, index)?;
        if !self.has_value(index) {
            return None;
        }
        Some(self.value(index))
    }

    #[inline]
    fn guide_child(&self, index: u32) -> u8 {
        self.guide
            .get((index as usize).wrapping_mul(2))
            .copied()
            .unwrap_or(0)
    }

    #[inline]
    fn guide_sibling(&self, index: u32) -> u8 {
        self.guide
            .get((index as usize).wrapping_mul(2).wrapping_add(1))
            .copied()
            .unwrap_or(0)
    }

    /// Calls `f` with every key completion below `index` (the bytes after it), in the
    /// DAWG's order, as dawg-python's `Completer` does.
    pub(crate) fn for_each_completion(&self, index: u32, mut f: impl FnMut(&[u8])) {
        if self.guide.is_empty() {
            return;
        }
        // The key and the index stack live on the stack: completions are short payloads.
        let mut key = [0u8; MAX_COMPLETION_LEN];
        let mut stack = [0u32; MAX_COMPLETION_LEN + 1];
        let mut klen = 0usize;
        let mut slen = 1usize;
        stack[0] = index;
        let mut last_index: u32 = 0;
        let mut emitted = 0usize;
        // Follows `label` from `index`, pushing it; `None` when there is no transition or
        // the key would outgrow the buffer.
        macro_rules! follow {
            ($label:expr, $index:expr) => {{
                if klen >= MAX_COMPLETION_LEN {
                    return;
                }
                match self.follow_char($label, $index) {
                    Some(next) => {
                        key[klen] = $label;
                        klen += 1;
                        stack[slen] = next;
                        slen += 1;
                        next
                    }
                    None => return,
                }
            }};
        }
        loop {
            // next()
            if slen == 0 {
                return;
            }
            let mut index = stack[slen - 1];
            if last_index != 0 {
                let child_label = self.guide_child(index);
                if child_label != 0 {
                    index = follow!(child_label, index);
                } else {
                    loop {
                        let sibling_label = self.guide_sibling(index);
                        klen = klen.saturating_sub(1);
                        slen -= 1;
                        if slen == 0 {
                            return;
                        }
                        index = stack[slen - 1];
                        if sibling_label != 0 {
                            index = follow!(sibling_label, index);
                            break;
                        }
                    }
                }
            }
            // find_terminal()
            while !self.has_value(index) {
                let label = self.guide_child(index);
                index = follow!(label, index);
            }
            last_index = index;
            // Index 0 as "last" means "not started" to the algorithm; a terminal at the root
            // would loop forever, so stop there.
            if last_index == 0 {
                return;
            }
            f(&key[..klen]);
            emitted += 1;
            if emitted >= MAX_VALUES_PER_KEY {
                return;
            }
        }
    }

    /// The base64 payloads stored under the key that led to `index` (after following the
    /// separator), decoded into `N`-byte records.
    pub(crate) fn record_values<const N: usize>(&self, index: u32, mut f: impl FnMut([u8; N])) {
        self.for_each_completion(index, |b64| {
            if let Some(v) = decode_base64::<N>(b64) {
                f(v)
            }
        });
    }
}

fn b64_digit(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Decodes standard padded base64 that encodes exactly `N` bytes.
/// A trailing newline (as Python's `b2a_base64` writes) is ignored.
pub(crate) fn decode_base64<const N: usize>(s: &[u8]) -> Option<[u8; N]> {
    let s = s.strip_suffix(b"\n").unwrap_or(s);
    if s.len() != N.div_ceil(3) * 4 {
        return None;
    }
    let mut out = [0u8; N];
    let mut n = 0usize;
    for chunk in s.chunks(4) {
        let mut acc = 0u32;
        let mut bytes = 3usize;
        for (i, &c) in chunk.iter().enumerate() {
            let d = if c == b'=' {
                bytes = bytes.min(i.saturating_sub(1));
                0
            } else {
                b64_digit(c)?
            };
            acc = (acc << 6) | d;
        }
        let raw = acc.to_be_bytes();
        for &b in raw.get(1..1 + bytes)? {
            *out.get_mut(n)? = b;
            n += 1;
        }
    }
    if n == N {
        Some(out)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(decode_base64::<4>(b"AAAAAA=="), Some([0, 0, 0, 0]));
        assert_eq!(decode_base64::<4>(b"ABYAAA==\n"), Some([0, 0x16, 0, 0]));
        assert_eq!(
            decode_base64::<4>(b"ABUAAw=="),
            Some([0x00, 0x15, 0x00, 0x03])
        );
        assert_eq!(
            decode_base64::<8>(b"AAAAAwAVAAA="),
            Some([0, 0, 0, 3, 0, 0x15, 0, 0])
        );
        assert_eq!(decode_base64::<4>(b"AAAA"), None);
        assert_eq!(decode_base64::<4>(b"AA*AAA=="), None);
    }

    #[test]
    fn garbage_never_panics() {
        assert!(Dawg::from_bytes(&[], true).is_err());
        assert!(Dawg::from_bytes(&[5, 0, 0, 0, 1], true).is_err());
        assert!(Dawg::from_bytes(&[0xff, 0xff, 0xff, 0xff], false).is_err());
        // A tiny arbitrary dictionary: lookups fail or succeed, but do not panic or loop.
        let mut bytes = vec![4, 0, 0, 0];
        for u in [0x0000_0400u32, 0xFFFF_FFFF, 0x0000_0161, 0x8000_0001] {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        bytes.extend_from_slice(&4u32.to_le_bytes());
        bytes.extend_from_slice(&[1, 1, 1, 1, 1, 1, 1, 1]);
        let d = Dawg::from_bytes(&bytes, true).unwrap();
        let _ = d.find(b"abc");
        for i in 0..8 {
            d.for_each_completion(i, |_| {});
            let _ = d.follow_bytes(b"\x01\x02", i);
        }
    }
}
