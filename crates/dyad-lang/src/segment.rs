//! Sentences and tokens for Russian news text.
//!
//! [`segment`] makes one pass over the text to cut it into tokens and a second pass over
//! the tokens to group them into sentences. Both passes are linear in the length of the
//! text and never panic, whatever the `&str`.
//!
//! Tokens follow the conventions of factRuEval-2016's `.tokens` files (and mostly razdel's):
//! - whitespace always separates tokens ("1 000" is `1` `000`);
//! - punctuation is a token of its own, also the period of an abbreviation or an initial
//!   ("т.е." is `т` `.` `е` `.`, "В.В. Путин" is `В` `.` `В` `.` `Путин`); runs of `.`, `?`,
//!   `!`, `…` ("...", "?!") are one token;
//! - words joined by hyphens stay one token ("из-за", "Северо-Запад", "Грузия-то", "90-х",
//!   "бизнес-центр"), except two numbers ("2007-2008", "3-4") and a pair of two declinable
//!   lower-case nouns ("ракета-носитель" is `ракета` `-` `носитель`, see
//!   `data/hyphen_prefixes.txt`);
//! - decimals ("5,56"), dates ("12.05.2025") and clock times ("15:05") are one token, a
//!   score ("2:1") is three, digits glued to a unit ("1969г.", "100км") are two tokens;
//! - site names ("Лента.ру", "NEWSru.com", ".РФ"), URLs, e-mail addresses, hashtags and
//!   @mentions are one token, so are emoji with their modifiers.
//!
//! A sentence ends
//! - at a blank line (a headline has no final period), and at a line break before a line
//!   that does not start in lower case;
//! - after `.`, `?`, `!`, `…` (and any closing quotes or brackets after them) when what
//!   follows looks like the start of a sentence: a capital letter, a digit, a dash or an
//!   opening quote not followed by a lower-case word ("«…», — сказал он." and
//!   "— Как вы считаете? — спросил он." stay whole);
//! - but not after an initial ("А. Гараев") or an abbreviation that stands before what it
//!   qualifies ("г. Москва", "т.е.", "им. Пушкина"); an abbreviation that may stand last
//!   ("млн", "руб.", "и т.д.", "2010 г.") ends the sentence only before a capital letter,
//!   a dash or an opening quote (`data/abbreviations.txt`);
//! - at a colon before a quotation that starts with a capital letter (factRuEval's
//!   convention: "Он заявил: «Мы готовы»." is two sentences), unless the quotation is a list
//!   of names or the sentence goes on after it;
//! - before a bullet (`•`), before the next item of a numbered list ("1. … 2. …");
//! - before a capitalized function word straight after a lower-case word, and (at the start
//!   of the text) before a capitalized common word, where a headline lost its line break
//!   ("Турция поможет крымским татарам По итогам встреч …", `data/sentence_starters.txt`).
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters and digits, with inner hyphens, apostrophes and dots of site names.
    Word,
    /// Digits, with inner `,` `.` `:` ("5,56", "12.05.2025", "15:05").
    Number,
    /// Punctuation: `.`, `...`, `?!`, `,`, quotes, brackets, dashes, bullets.
    Punct,
    Url,
    Email,
    /// `#WUF13`
    Hashtag,
    /// `@username`
    Mention,
    /// `%`, `№`, `$`, `+`, emoji and other symbols.
    Symbol,
    /// Control characters and anything else.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset past the last byte.
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in the `text` it was cut from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

#[derive(Debug, Clone, Default)]
pub struct Segmentation {
    pub tokens: Vec<Token>,
    /// Ranges of indices into `tokens`; together they cover every token once, in order.
    pub sentences: Vec<Range<usize>>,
}

impl Segmentation {
    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        &self.tokens[self.sentences[i].clone()]
    }

    /// Byte span of sentence `i`: from its first token's start to its last token's end.
    pub fn sentence_span(&self, i: usize) -> Range<usize> {
        let r = &self.sentences[i];
        self.tokens[r.start].start..self.tokens[r.end - 1].end
    }
}

/// Splits `text` into sentences (as token index ranges) and tokens (byte offsets).
pub fn segment(text: &str) -> Segmentation {
    let tokens = tokenize(text);
    let sentences = Sentencer::new(text, &tokens).run();
    Segmentation { tokens, sentences }
}

/// Only the tokens of [`segment`].
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut t = Tokenizer {
        text,
        b: text.as_bytes(),
        tokens: Vec::with_capacity(text.len() / 5 + 1),
        no_email_before: 0,
    };
    t.run();
    t.tokens
}

// ---------------------------------------------------------------------------------------
// Data files

/// A small fast hasher (FxHash) for the word lists: their keys are short words.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Lower case of `c` (the first char of its lower case), fast for ASCII and Cyrillic.
#[inline]
fn lower_char(c: char) -> char {
    match c {
        'A'..='Z' => (c as u8 + 32) as char,
        'a'..='z' | 'а'..='я' | 'ё' => c,
        'А'..='Я' => char::from_u32(c as u32 + 32).unwrap_or(c),
        'Ё' => 'ё',
        _ if c.is_ascii() => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

#[inline]
fn is_lower(c: char) -> bool {
    match c {
        'a'..='z' | 'а'..='я' | 'ё' => true,
        'A'..='Z' | 'А'..='Я' | 'Ё' => false,
        _ if c.is_ascii() => false,
        _ => c.is_lowercase(),
    }
}

#[inline]
fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' | 'А'..='Я' | 'Ё' => true,
        'a'..='z' | 'а'..='я' | 'ё' => false,
        _ if c.is_ascii() => false,
        _ => c.is_uppercase(),
    }
}

type WordSet = HashSet<String, BuildHasherDefault<Fx>>;

/// Is `s`, lower-cased, in `set`? Lower-cases on the stack.
fn contains_lower(set: &WordSet, s: &str) -> bool {
    let mut buf = [0u8; 64];
    let mut n = 0;
    for c in s.chars() {
        let c = lower_char(c);
        let l = c.len_utf8();
        if n + l > buf.len() {
            return false;
        }
        c.encode_utf8(&mut buf[n..n + l]);
        n += l;
    }
    std::str::from_utf8(&buf[..n]).is_ok_and(|k| set.contains(k))
}

struct Lexicon {
    head: WordSet,
    tail: WordSet,
    starters: WordSet,
    hyphen_prefixes: WordSet,
}

fn word_list(data: &str) -> WordSet {
    data.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_lowercase())
        .filter(|l| !l.is_empty())
        .collect()
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut head = WordSet::default();
        let mut tail = WordSet::default();
        let mut section = "";
        for line in include_str!("../data/abbreviations.txt").lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with('[') {
                section = if line == "[tail]" { "tail" } else { "head" };
                continue;
            }
            let w = line.to_lowercase();
            if section == "tail" {
                tail.insert(w);
            } else {
                head.insert(w);
            }
        }
        Lexicon {
            head,
            tail,
            starters: word_list(include_str!("../data/sentence_starters.txt")),
            hyphen_prefixes: word_list(include_str!("../data/hyphen_prefixes.txt")),
        }
    })
}

/// Top-level domains and site-name endings that join "Gzt.Ru" or ".РФ" into one token.
fn is_tld(s: &str) -> bool {
    const TLDS: &[&str] = &[
        "ru", "рф", "ру", "рус", "su", "com", "org", "net", "info", "biz", "ua", "by", "kz", "uz",
        "am", "ge", "az", "md", "eu", "uk", "de", "fr", "it", "es", "us", "io", "tv", "me", "co",
        "gov", "edu", "int", "cn", "jp", "pl", "lv", "lt", "ee", "fm", "ly",
    ];
    // lower-casing keeps the length of ASCII and Russian letters
    s.len() <= 8
        && TLDS
            .iter()
            .any(|t| t.len() == s.len() && s.chars().map(lower_char).eq(t.chars()))
}

// ---------------------------------------------------------------------------------------
// Characters

#[inline]
fn decode(b: &[u8], i: usize) -> (char, usize) {
    let b0 = b[i];
    if b0 < 0x80 {
        return (b0 as char, 1);
    }
    let (len, mut c) = if b0 < 0xE0 {
        (2, (b0 & 0x1F) as u32)
    } else if b0 < 0xF0 {
        (3, (b0 & 0x0F) as u32)
    } else {
        (4, (b0 & 0x07) as u32)
    };
    for k in 1..len {
        c = (c << 6) | (b.get(i + k).copied().unwrap_or(0x80) & 0x3F) as u32;
    }
    (char::from_u32(c).unwrap_or('\u{FFFD}'), len)
}

#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')
}

#[inline]
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F)
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else if matches!(c, '\u{400}'..='\u{481}' | '\u{48A}'..='\u{52F}') {
        true // Cyrillic letters
    } else {
        c.is_alphanumeric() || is_mark(c) || matches!(c, '\u{AD}' | '\u{200C}' | '\u{200D}')
    }
}

#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_dash_str(s: &str) -> bool {
    matches!(
        s,
        "-" | "--" | "---" | "—" | "–" | "−" | "―" | "‒" | "\u{2010}" | "\u{2011}"
    )
}

fn is_bullet_str(s: &str) -> bool {
    matches!(
        s,
        "•" | "●"
            | "▪"
            | "■"
            | "◦"
            | "►"
            | "▸"
            | "‣"
            | "◆"
            | "◇"
            | "□"
            | "✓"
            | "✔"
            | "➢"
    )
}

/// Characters that may follow an emoji or symbol and belong to it.
#[inline]
fn is_symbol_extender(c: char) -> bool {
    is_mark(c)
        || matches!(c as u32,
            0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x20E3)
}

fn is_control(c: char) -> bool {
    c.is_control()
}

// ---------------------------------------------------------------------------------------
// Tokens

struct Tokenizer<'a> {
    text: &'a str,
    b: &'a [u8],
    tokens: Vec<Token>,
    /// An e-mail scan from any start before this offset has already failed.
    no_email_before: usize,
}

impl<'a> Tokenizer<'a> {
    #[inline]
    fn ch(&self, i: usize) -> Option<(char, usize)> {
        if i < self.b.len() {
            Some(decode(self.b, i))
        } else {
            None
        }
    }

    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.tokens.push(Token { start, end, kind });
    }

    fn run(&mut self) {
        let n = self.b.len();
        let mut i = 0;
        while i < n {
            let b0 = self.b[i];
            if b0 < 0x80 {
                match b0 {
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => {
                        i += 1;
                    }
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' => {
                        i = self.ascii_start(i);
                    }
                    _ => {
                        i = self.punct(i, b0 as char, 1);
                    }
                }
                continue;
            }
            if (b0 == 0xD0 || b0 == 0xD1) && i + 1 < n {
                i = self.word(i); // Cyrillic U+0400..U+047F: letters
                continue;
            }
            let (c, l) = decode(self.b, i);
            if is_space(c) {
                i += l;
            } else if is_word_char(c) {
                i = self.word(i);
            } else {
                i = self.punct(i, c, l);
            }
        }
    }

    /// A token that starts with an ASCII letter or digit: URL, e-mail or word.
    fn ascii_start(&mut self, i: usize) -> usize {
        let b = self.b;
        if matches!(b[i], b'h' | b'H' | b'f' | b'F' | b'w' | b'W') {
            let rest = &b[i..b.len().min(i + 8)];
            let starts =
                |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
            if starts(b"http://")
                || starts(b"https://")
                || starts(b"ftp://")
                || (starts(b"www.") && rest.len() > 4 && is_word_byte(rest[4]))
            {
                let end = self.url_end(i);
                self.push(i, end, TokenKind::Url);
                return end;
            }
        }
        if i >= self.no_email_before {
            if let Some(end) = self.email(i) {
                self.push(i, end, TokenKind::Email);
                return end;
            }
        }
        self.word(i)
    }

    /// End of an e-mail address starting at `i`, if there is one.
    fn email(&mut self, i: usize) -> Option<usize> {
        let b = self.b;
        let n = b.len();
        let mut j = i;
        while j < n
            && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'.' | b'_' | b'%' | b'+' | b'-'))
        {
            j += 1;
        }
        if j >= n || b[j] != b'@' || j == i {
            self.no_email_before = j.max(i + 1);
            return None;
        }
        // domain: labels of [A-Za-z0-9-] separated by single dots, at least one dot
        let mut k = j + 1;
        let mut dots = 0;
        let mut end = None;
        loop {
            let ls = k;
            while k < n && (b[k].is_ascii_alphanumeric() || b[k] == b'-') {
                k += 1;
            }
            if k == ls {
                break;
            }
            if dots > 0 {
                end = Some(k);
            }
            if k + 1 < n && b[k] == b'.' && b[k + 1].is_ascii_alphanumeric() {
                dots += 1;
                k += 1;
            } else {
                break;
            }
        }
        match end {
            Some(e) => Some(e),
            None => {
                self.no_email_before = j.max(i + 1);
                None
            }
        }
    }

    /// End of a URL that starts at `i`: up to whitespace or a character that cannot be in
    /// one, less trailing punctuation (a `)` stays when the URL has its `(`).
    fn url_end(&self, i: usize) -> usize {
        let n = self.b.len();
        let mut j = i;
        while j < n {
            let (c, l) = decode(self.b, j);
            if is_space(c)
                || matches!(
                    c,
                    '<' | '>'
                        | '"'
                        | '«'
                        | '»'
                        | '“'
                        | '”'
                        | '\''
                        | '`'
                        | '{'
                        | '}'
                        | '|'
                        | '\\'
                        | '^'
                )
                || is_control(c)
            {
                break;
            }
            j += l;
        }
        // strip trailing punctuation
        let s = &self.b[i..j];
        let open = s.iter().filter(|&&x| x == b'(').count();
        let mut close = s.iter().filter(|&&x| x == b')').count();
        loop {
            if j <= i + 1 {
                break;
            }
            let last = self.b[j - 1];
            match last {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b']' => j -= 1,
                b')' => {
                    if close > open {
                        close -= 1;
                        j -= 1;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        j
    }

    /// A word or number starting at `i` (a word character).
    fn word(&mut self, start: usize) -> usize {
        let n = self.b.len();
        if let Some(end) = self.number_before_unit(start) {
            self.push(start, end, TokenKind::Number);
            return end;
        }
        let mut i = start;
        let mut numeric = true; // only digits and inner , . :
        let mut domain = false; // joined by a dot between letters
        loop {
            // one segment of word characters
            let seg_start = i;
            let mut seg_digits = true;
            let mut seg_chars = 0usize;
            while i < n {
                let b0 = self.b[i];
                if b0 < 0x80 {
                    if b0.is_ascii_alphanumeric() || b0 == b'_' {
                        if !b0.is_ascii_digit() {
                            seg_digits = false;
                        }
                        seg_chars += 1;
                        i += 1;
                        continue;
                    }
                    break;
                }
                // Cyrillic U+0400..U+047F: two bytes led by 0xD0 / 0xD1, all letters
                if (b0 == 0xD0 || b0 == 0xD1) && i + 1 < n {
                    seg_digits = false;
                    seg_chars += 1;
                    i += 2;
                    continue;
                }
                let (c, l) = decode(self.b, i);
                if is_word_char(c) {
                    seg_digits = false;
                    seg_chars += 1;
                    i += l;
                } else {
                    break;
                }
            }
            if !seg_digits {
                numeric = false;
            }
            if i >= n {
                break;
            }
            let (c, l) = decode(self.b, i);
            let next = self.ch(i + l);
            match c {
                _ if is_hyphen(c) => match next {
                    Some((c2, _)) if is_word_char(c2) => {
                        if seg_digits && c2.is_ascii_digit() {
                            break; // 2007-2008
                        }
                        if seg_start == start && self.appositive_pair(start, i, i + l) {
                            break; // ракета-носитель
                        }
                        numeric = false;
                        i += l;
                    }
                    Some((c2, _)) if is_space(c2) && !seg_digits => {
                        // "теле- и радиостанции": a hanging hyphen stays with its word
                        if self.hanging_hyphen(i + l) {
                            i += l;
                        }
                        break;
                    }
                    _ => break,
                },
                '.' => match next {
                    Some((c2, _)) if c2.is_ascii_digit() && seg_digits => {
                        i += 1; // 12.05.2025, 06.00
                    }
                    Some((c2, _)) if is_word_char(c2) => {
                        // a site name ("Лента.ру", "Gzt.Ru", "0.facebook.com"), but not
                        // "т.е", "А.Гараев" or "тыс.руб
                        let (r_end, r_chars) = self.segment_end(i + 1);
                        let right = &self.text[i + 1..r_end];
                        let left = &self.text[seg_start..i];
                        let r_lower = right.chars().next().is_some_and(is_lower);
                        let join = is_tld(right)
                            || (r_lower
                                && r_chars >= 2
                                && (seg_chars >= 2 || seg_digits)
                                && !is_abbreviation(left));
                        if join {
                            domain = true;
                            numeric = false;
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                },
                ',' => match next {
                    Some((c2, _)) if c2.is_ascii_digit() && seg_digits && numeric => {
                        i += 1; // 5,56
                    }
                    _ => break,
                },
                ':' => {
                    // clock time: 1-2 digits (≤ 23), a colon, exactly 2 digits (≤ 59)
                    if numeric && seg_start == start && seg_digits && seg_chars <= 2 {
                        let b = self.b;
                        let ok = i + 2 < n
                            && b[i + 1].is_ascii_digit()
                            && b[i + 2].is_ascii_digit()
                            && (i + 3 >= n || !(b[i + 3].is_ascii_digit() || b[i + 3] == b':'));
                        let h: u32 = self.text[seg_start..i].parse().unwrap_or(99);
                        let m = if ok {
                            (b[i + 1] - b'0') as u32 * 10 + (b[i + 2] - b'0') as u32
                        } else {
                            99
                        };
                        if ok && h <= 23 && m <= 59 {
                            i += 3;
                        }
                    }
                    break;
                }
                '\'' | '’' | 'ʼ' => match next {
                    Some((c2, _)) if c2.is_alphabetic() && !seg_digits => {
                        numeric = false;
                        i += l; // Christie’s, О’Рейли
                    }
                    _ => break,
                },
                '&' => match next {
                    Some((c2, _))
                        if c2.is_ascii_alphabetic()
                            && i > 0
                            && self.b[i - 1].is_ascii_alphabetic() =>
                    {
                        numeric = false;
                        i += 1; // AT&T
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        // a site name followed by a path: lenta.ru/news/...
        if domain && i < n && self.b[i] == b'/' && self.ch(i + 1).is_some_and(|(c, _)| !is_space(c))
        {
            let end = self.url_end(start);
            if end > i {
                self.push(start, end, TokenKind::Url);
                return end;
            }
        }
        let kind = if numeric && self.b[start].is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        self.push(start, i, kind);
        i
    }

    /// "1933г.", "100км", "5млн": digits glued to a Cyrillic abbreviation or unit are two
    /// tokens. Returns the end of the digits.
    fn number_before_unit(&self, start: usize) -> Option<usize> {
        let b = self.b;
        let mut i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i + 1 >= b.len() || !(b[i] == 0xD0 || b[i] == 0xD1) {
            return None;
        }
        let (end, chars) = self.segment_end(i);
        if chars > 5 {
            return None;
        }
        let unit = &self.text[i..end];
        if unit.chars().any(|c| !matches!(c, 'а'..='я' | 'ё')) {
            return None;
        }
        let lex = lexicon();
        (lex.tail.contains(unit) || lex.head.contains(unit)).then_some(i)
    }

    /// Is `left-right` (left at `start..hyphen`, right from `right`) a pair of two
    /// declinable lower-case words ("ракета-носитель") rather than one word with an
    /// indeclinable first part ("бизнес-центр")? See `data/hyphen_prefixes.txt`.
    fn appositive_pair(&self, start: usize, hyphen: usize, right: usize) -> bool {
        fn cyr_lower(s: &str) -> bool {
            s.chars().all(|c| matches!(c, 'а'..='я' | 'ё'))
        }
        let left = &self.text[start..hyphen];
        // Cyrillic letters are two bytes: four letters or more
        if left.len() < 8 || left.len() > 40 || !cyr_lower(left) || left.ends_with('о') {
            return false;
        }
        let (r_end, _) = self.segment_end(right);
        let r = &self.text[right..r_end];
        if r.len() < 8 || !cyr_lower(r) {
            return false;
        }
        // a third part ("рок-н-ролл") or a particle ("каких-либо") keeps the word whole
        if let Some((c, _)) = self.ch(r_end) {
            if is_hyphen(c) || c == '\'' || c == '’' {
                return false;
            }
        }
        if matches!(r, "либо" | "нибудь" | "таки") {
            return false;
        }
        !lexicon().hyphen_prefixes.contains(left)
    }

    /// End and length in characters of the run of word characters at `i`.
    fn segment_end(&self, mut i: usize) -> (usize, usize) {
        let mut chars = 0;
        while let Some((c, l)) = self.ch(i) {
            if !is_word_char(c) {
                break;
            }
            chars += 1;
            i += l;
        }
        (i, chars)
    }

    /// After "слово-" and whitespace at `i`: is the next word "и" / "или" (теле- и радио)?
    fn hanging_hyphen(&self, mut i: usize) -> bool {
        let mut spaces = 0;
        while let Some((c, l)) = self.ch(i) {
            if c == '\n' || !is_space(c) || spaces > 3 {
                break;
            }
            spaces += 1;
            i += l;
        }
        let (end, _) = self.segment_end(i);
        let w = &self.text[i..end];
        matches!(w, "и" | "или" | "и/или")
    }

    /// Punctuation, symbols and the tokens that start with them (`.eu`, `#tag`, `@user`).
    fn punct(&mut self, i: usize, c: char, l: usize) -> usize {
        let n = self.b.len();
        let mut end = i + l;
        let kind;
        match c {
            '.' | '?' | '!' | '…' => {
                // a leading dot of a domain: ".РФ", ".eu"
                if c == '.' && self.leading_dot(i) {
                    let (e, _) = self.segment_end(i + 1);
                    self.push(i, e, TokenKind::Word);
                    return e;
                }
                while let Some((c2, l2)) = self.ch(end) {
                    if matches!(c2, '.' | '?' | '!' | '…') {
                        end += l2;
                    } else {
                        break;
                    }
                }
                kind = TokenKind::Punct;
            }
            '-' => {
                while end < n && self.b[end] == b'-' {
                    end += 1;
                }
                kind = TokenKind::Punct;
            }
            '*' => {
                while end < n && self.b[end] == b'*' {
                    end += 1;
                }
                kind = TokenKind::Symbol;
            }
            '#' | '@' => {
                let (e, chars) = self.segment_end(end);
                if chars > 0 {
                    let mut e = e;
                    if c == '@' {
                        // @user.name: keep inner dots of a handle
                        while e + 1 < n
                            && self.b[e] == b'.'
                            && self.b[e + 1].is_ascii_alphanumeric()
                        {
                            e = self.segment_end(e + 1).0;
                        }
                    }
                    let kind = if c == '#' {
                        TokenKind::Hashtag
                    } else {
                        TokenKind::Mention
                    };
                    self.push(i, e, kind);
                    return e;
                }
                kind = TokenKind::Symbol;
            }
            _ => {
                if is_control(c) {
                    kind = TokenKind::Other;
                } else if is_punct_char(c) {
                    kind = TokenKind::Punct;
                } else {
                    kind = TokenKind::Symbol;
                    // emoji sequences: modifiers, variation selectors, ZWJ joins, flags
                    let regional = (0x1F1E6..=0x1F1FF).contains(&(c as u32));
                    let mut first = true;
                    while let Some((c2, l2)) = self.ch(end) {
                        if is_symbol_extender(c2) {
                            end += l2;
                        } else if c2 == '\u{200D}' {
                            end += l2;
                            if let Some((c3, l3)) = self.ch(end) {
                                if !is_space(c3) && !is_control(c3) {
                                    end += l3;
                                }
                            }
                        } else if regional && first && (0x1F1E6..=0x1F1FF).contains(&(c2 as u32)) {
                            end += l2;
                        } else {
                            break;
                        }
                        first = false;
                    }
                }
            }
        }
        self.push(i, end, kind);
        end
    }

    /// Is the `.` at `i` the start of a domain-like token (".eu", ".РФ", ".com")?
    fn leading_dot(&self, i: usize) -> bool {
        if i > 0 {
            let (prev, _) = self.prev_char(i);
            if is_word_char(prev) || prev == '.' {
                return false;
            }
        }
        let (e, chars) = self.segment_end(i + 1);
        if !(2..=6).contains(&chars) {
            return false;
        }
        let w = &self.text[i + 1..e];
        is_tld(w) || w.bytes().all(|x| x.is_ascii_lowercase())
    }

    fn prev_char(&self, i: usize) -> (char, usize) {
        prev_char_at(self.b, i)
    }
}

fn prev_char_at(b: &[u8], i: usize) -> (char, usize) {
    let mut j = i - 1;
    while j > 0 && (b[j] & 0xC0) == 0x80 {
        j -= 1;
    }
    decode(b, j)
}

#[inline]
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn is_punct_char(c: char) -> bool {
    if c.is_ascii() {
        return !matches!(
            c,
            '$' | '%' | '&' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' | '#' | '@' | '*'
        );
    }
    matches!(c as u32, 0x2010..=0x2027 | 0x2030..=0x205E | 0x3000..=0x303F)
        || "«»¡¿§¶·‹›„●▪■◦►▸◆◇□✓✔➢".contains(c)
}

/// Is `w` (the word before a dot) a known abbreviation? Used to keep "тыс.руб" apart.
fn is_abbreviation(w: &str) -> bool {
    if w.chars().count() > 8 {
        return false;
    }
    let lex = lexicon();
    contains_lower(&lex.head, w) || contains_lower(&lex.tail, w)
}

// ---------------------------------------------------------------------------------------
// Sentences

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbr {
    /// Never ends a sentence before more text on the same line.
    Head,
    /// Ends a sentence before a capital letter.
    Tail,
}

struct Sentencer<'a> {
    text: &'a str,
    b: &'a [u8],
    t: &'a [Token],
    /// Index of the first token of the current sentence.
    start: usize,
    /// The number of the list item the current sentence starts with ("2. …").
    list_num: Option<u32>,
    /// How many «quotations» are open in the current sentence before the token looked at.
    quote_depth: u32,
}

impl<'a> Sentencer<'a> {
    fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        Sentencer {
            text,
            b: text.as_bytes(),
            t: tokens,
            start: 0,
            list_num: None,
            quote_depth: 0,
        }
    }

    fn run(mut self) -> Vec<Range<usize>> {
        let n = self.t.len();
        let mut out = Vec::new();
        if n == 0 {
            return out;
        }
        self.begin(0);
        for i in 1..n {
            if self.boundary(i) {
                out.push(self.start..i);
                self.begin(i);
            }
        }
        out.push(self.start..n);
        out
    }

    fn begin(&mut self, i: usize) {
        self.start = i;
        self.list_num = None;
        self.quote_depth = 0;
        if self.t[i].kind == TokenKind::Number && self.is_text(i + 1, ".") && self.adjacent(i + 1) {
            let s = self.s(i);
            if s.len() <= 2 {
                self.list_num = s.parse().ok();
            }
        }
    }

    #[inline]
    fn s(&self, i: usize) -> &'a str {
        let t = &self.t[i];
        &self.text[t.start..t.end]
    }

    #[inline]
    fn is_text(&self, i: usize, s: &str) -> bool {
        i < self.t.len() && self.s(i) == s
    }

    #[inline]
    fn first(&self, i: usize) -> char {
        let t = &self.t[i];
        decode(self.b, t.start).0
    }

    #[inline]
    fn last(&self, i: usize) -> char {
        self.s(i).chars().next_back().unwrap_or(' ')
    }

    /// No whitespace between token `i - 1` and token `i`.
    #[inline]
    fn adjacent(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.t[i - 1].end == self.t[i].start
    }

    #[inline]
    fn gap(&self, i: usize) -> &'a str {
        &self.text[self.t[i - 1].end..self.t[i].start]
    }

    fn starts_lower(&self, i: usize) -> bool {
        i < self.t.len() && is_lower(self.first(i))
    }

    fn starts_upper(&self, i: usize) -> bool {
        i < self.t.len() && is_upper(self.first(i))
    }

    fn is_terminal(&self, i: usize) -> bool {
        self.t[i].kind == TokenKind::Punct
            && self
                .s(i)
                .chars()
                .all(|c| matches!(c, '.' | '?' | '!' | '…'))
    }

    fn is_ambiguous_quote(s: &str) -> bool {
        matches!(s, "\"" | "“" | "”" | "'" | "‘" | "’")
    }

    /// A closing quote or bracket (an ambiguous quote counts when it sticks to the left).
    fn is_closing(&self, i: usize) -> bool {
        let s = self.s(i);
        if matches!(s, ")" | "]" | "}" | "»" | "›") {
            return true;
        }
        Self::is_ambiguous_quote(s) && self.adjacent(i)
    }

    fn is_opening(&self, i: usize) -> bool {
        if i >= self.t.len() {
            return false;
        }
        let s = self.s(i);
        if matches!(s, "«" | "„" | "‹" | "(" | "[") {
            return true;
        }
        Self::is_ambiguous_quote(s) && (!self.adjacent(i) || i == 0)
    }

    fn is_dash(&self, i: usize) -> bool {
        i < self.t.len() && is_dash_str(self.s(i))
    }

    fn is_bullet(&self, i: usize) -> bool {
        // every bullet character is encoded with a leading 0xE2 byte
        i < self.t.len() && self.b[self.t[i].start] == 0xE2 && is_bullet_str(self.s(i))
    }

    /// Does token `i` look like the first token of a sentence?
    fn starts_sentence(&self, i: usize) -> bool {
        let c = self.first(i);
        if is_lower(c) {
            return false;
        }
        if is_upper(c) || c.is_ascii_digit() {
            return true;
        }
        let s = self.s(i);
        if self.is_opening(i) || is_dash_str(s) || s == "..." || s == "…" || s == "<" {
            // what comes next decides: "— сказал он" continues, "— Нет." starts
            let mut j = i + 1;
            while j < self.t.len()
                && j < i + 4
                && (self.is_opening(j) || matches!(self.s(j), "..." | "…" | ">" | ")" | "]"))
            {
                j += 1;
            }
            return j >= self.t.len() || !self.starts_lower(j);
        }
        if is_bullet_str(s) || matches!(s, "*" | "№" | "§") {
            return true;
        }
        match self.t[i].kind {
            TokenKind::Symbol
            | TokenKind::Other
            | TokenKind::Hashtag
            | TokenKind::Mention
            | TokenKind::Url
            | TokenKind::Email => {
                !matches!(s, "%" | "$" | "+" | "=" | "&" | "<" | ">" | "|" | "~" | "^")
            }
            _ => false,
        }
    }

    /// Does a new sentence start at token `i` (`i ≥ 1`)?
    fn boundary(&mut self, i: usize) -> bool {
        let prev = i - 1;
        self.track_quotes(prev);
        let gap = self.gap(i);
        if gap.len() > 1 || gap == "\n" {
            let mut lines = 0;
            for c in gap.chars() {
                match c {
                    '\n' | '\u{2028}' | '\u{85}' => lines += 1,
                    '\u{2029}' | '\u{0C}' => lines += 2,
                    _ => {}
                }
            }
            if lines >= 2 {
                return true;
            }
            // one line break: a new sentence unless the line goes on in lower case or
            // the last line ended mid-phrase ("встретился с\nПутиным")
            if lines == 1 && !self.starts_lower(i) {
                let mid_phrase = matches!(self.s(prev), "," | "-" | "(" | "«")
                    || (self.t[prev].kind == TokenKind::Word
                        && is_lower(self.first(prev))
                        && contains_lower(&lexicon().starters, self.s(prev)));
                if !mid_phrase {
                    return true;
                }
            }
        }
        let first = self.first(i);
        if is_lower(first) {
            return false; // the common case: a lower-case word goes on
        }
        if self.is_bullet(i) && !self.is_bullet(prev) {
            return true;
        }
        if let Some(k) = self.list_num {
            if self.t[i].kind == TokenKind::Number
                && self.s(i).parse::<u32>().ok() == Some(k + 1)
                && self.is_text(i + 1, ".")
                && self.adjacent(i + 1)
                && self.starts_upper(i + 2)
            {
                return true;
            }
        }
        if self.s(prev) == ":" {
            return self.after_colon(i);
        }
        if is_upper(first) && self.lost_headline_break(i) {
            return true;
        }
        // the end of a sentence: . ? ! … and closing quotes or brackets after them
        let mut j = prev;
        while j > self.start && j + 4 > prev && self.is_closing(j) {
            j -= 1;
        }
        if !self.is_terminal(j) || !self.starts_sentence(i) {
            return false;
        }
        if gap.is_empty() {
            // "заявил.Он": only a plain word, a period and a capitalized word
            if !(self.s(j) != "."
                || (j == prev
                    && j > 0
                    && self.starts_lower(j - 1)
                    && self.s(j - 1).chars().count() >= 3
                    && self.t[i].kind == TokenKind::Word
                    && is_upper(first)
                    && self.s(i).chars().nth(1).is_some_and(is_lower)))
            {
                return false;
            }
        }
        if self.s(j) == "." && j > 0 && self.adjacent(j) {
            let w = j - 1;
            match self.t[w].kind {
                TokenKind::Word => match self.abbreviation(w) {
                    Some(Abbr::Head) => return false,
                    Some(Abbr::Tail) => return !first.is_ascii_digit(),
                    None => {}
                },
                TokenKind::Number => {
                    // "1. Дюссельдорф": the number of a list item
                    let mut k = self.start;
                    while k < w && k < self.start + 4 && (self.is_bullet(k) || self.is_opening(k)) {
                        k += 1;
                    }
                    if k == w && self.s(w).len() <= 3 {
                        return false;
                    }
                }
                _ => {}
            }
        }
        true
    }

    /// After a colon: a new sentence when a quotation or a dash with a capital follows.
    fn after_colon(&self, i: usize) -> bool {
        // a quotation inside a quotation («… говорят: “Нам надоело …”») goes on
        if self.quote_depth > 0 {
            return false;
        }
        let mut j = i;
        if self.is_dash(j) {
            j += 1;
        }
        let mut quote = None;
        if j < self.t.len() && self.is_opening(j) && self.s(j) != "(" && self.s(j) != "[" {
            quote = Some(j);
            j += 1;
        } else if j == i {
            return false;
        }
        if !(self.starts_upper(j) || (j < self.t.len() && matches!(self.s(j), "..." | "…"))) {
            return false;
        }
        // a list of names («Полёт», «Искра») or a quotation the sentence goes on after
        // («Не убий» и является …) is not a sentence of its own
        if let Some(q) = quote {
            if let Some(c) = self.closing_quote(q) {
                let next_lower = c + 1 < self.t.len()
                    && self.t[c + 1].kind == TokenKind::Word
                    && self.starts_lower(c + 1);
                let list = self.is_text(c + 1, ",") && self.is_opening(c + 2);
                if next_lower || list {
                    return false;
                }
            }
        }
        true
    }

    /// The token that closes the quotation opened at `q`, if it is near.
    fn closing_quote(&self, q: usize) -> Option<usize> {
        let open = self.s(q);
        let mut depth = 0;
        for k in q + 1..self.t.len().min(q + 80) {
            let s = self.s(k);
            if open == "«" {
                match s {
                    "«" => depth += 1,
                    "»" if depth == 0 => return Some(k),
                    "»" => depth -= 1,
                    _ => {}
                }
            } else if (s == open && self.is_closing(k))
                || (open == "„" && matches!(s, "“" | "”"))
                || (open == "“" && s == "”")
            {
                return Some(k);
            }
        }
        None
    }

    /// Counts token `i` (of the current sentence) into the depth of «quotations».
    fn track_quotes(&mut self, i: usize) {
        match self.s(i) {
            "«" | "„" => self.quote_depth += 1,
            "»" | "“" if self.quote_depth > 0 => self.quote_depth -= 1,
            _ => {}
        }
    }

    /// "… крымским татарам По итогам встреч …": a capitalized function word straight
    /// after a lower-case word starts a sentence.
    fn lost_headline_break(&self, i: usize) -> bool {
        let prev = i - 1;
        if self.t[i].kind != TokenKind::Word || self.adjacent(i) {
            return false;
        }
        let after_word = self.t[prev].kind == TokenKind::Word
            && is_lower(self.first(prev))
            && is_lower(self.last(prev));
        let after_quote = self.is_closing(prev)
            && !matches!(self.s(prev), ")" | "]" | "}")
            && prev > 0
            && self.t[prev - 1].kind == TokenKind::Word;
        // the text's first word alone can be a headline ("Недоглядел Посла Японии уволили")
        let after_first_word =
            prev == 0 && self.t[0].kind == TokenKind::Word && is_lower(self.last(0));
        if !(after_word || after_quote || after_first_word) {
            return false;
        }
        let s = self.s(i);
        let mut chars = s.chars();
        chars.next();
        if !chars.all(|c| is_lower(c) || c == '-') {
            return false;
        }
        // one letter ("В свою очередь") only after a closing quote and before a
        // lower-case word: "в турнире А будут играть" stays whole
        if s.chars().count() == 1 && !(after_quote && self.starts_lower(i + 1)) {
            return false;
        }
        // a headline does not end with a preposition or a conjunction ("на Луну")
        let starters = &lexicon().starters;
        if after_word && contains_lower(starters, self.s(prev)) {
            return false;
        }
        if (after_word || after_quote) && contains_lower(starters, s) {
            return true;
        }
        self.in_headline_zone(i) && self.common_word(&s.to_lowercase())
    }

    /// Is token `i` among the first words of the text, with no sentence punctuation
    /// before it: where a headline that lost its line break would be?
    fn in_headline_zone(&self, i: usize) -> bool {
        self.start == 0
            && i <= 16
            && (0..i).all(|k| !matches!(self.s(k), "." | "!" | "?" | ":" | ";" | "..." | "…"))
    }

    /// Is `lower` (a capitalized word, lower-cased) a common word rather than the start
    /// of a name? It is when the text also has it in lower case, or its stem with another
    /// ending of up to 3 letters ("Эксперты" / "экспертов"); adjectives in the singular
    /// ("Московскому времени", "Стратегический совет") are left to names.
    fn common_word(&self, lower: &str) -> bool {
        const ADJ: &[&str] = &[
            "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ого", "его", "ому", "ему", "ую", "юю", "ей",
            "ым", "им", "ых", "их",
        ];
        let n = lower.chars().count();
        if n < 4 || ADJ.iter().any(|e| lower.ends_with(e)) {
            return false;
        }
        let (stem, max_rest) = if n >= 7 {
            let cut = lower
                .char_indices()
                .nth(n - 2)
                .map_or(lower.len(), |(b, _)| b);
            (&lower[..cut], 3)
        } else {
            (lower, 0)
        };
        let hay = self.b;
        for pos in memchr::memmem::find_iter(hay, stem.as_bytes()) {
            if pos > 0 {
                let (pc, _) = prev_char_at(hay, pos);
                if is_word_char(pc) {
                    continue;
                }
            }
            let mut j = pos + stem.len();
            let mut rest = 0;
            while j < hay.len() {
                let (c, l) = decode(hay, j);
                if !is_word_char(c) {
                    break;
                }
                rest += 1;
                j += l;
            }
            if rest <= max_rest {
                return true;
            }
        }
        false
    }

    /// Class of the abbreviation that ends with word `w` (a dot follows it).
    fn abbreviation(&self, w: usize) -> Option<Abbr> {
        let lex = lexicon();
        let word = self.s(w);
        let nchars = word.chars().count();
        if nchars > 12 {
            return None;
        }
        // walk back over "т.", "к.т." to the first part of a dotted abbreviation
        let mut k = w;
        while k >= 2
            && w - k < 6
            && self.s(k - 1) == "."
            && self.adjacent(k - 1)
            && self.gap(k).len() <= 1
            && self.t[k - 2].kind == TokenKind::Word
            && self.s(k - 2).chars().count() <= 3
        {
            k -= 2;
        }
        let after_number = |k: usize| {
            k > 0 && {
                let p = self.s(k - 1);
                self.t[k - 1].kind == TokenKind::Number
                    || p.bytes().last().is_some_and(|b| b.is_ascii_digit())
                    || (!p.is_empty()
                        && p.bytes()
                            .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C')))
            }
        };
        // longest dotted key first: "к.т.н", then "т.н", then "н"
        let mut start = k;
        while start < w {
            let mut key = String::new();
            let mut m = start;
            while m <= w {
                if m > start {
                    key.push('.');
                }
                key.push_str(&self.s(m).to_lowercase());
                m += 2;
            }
            if lex.head.contains(&key) {
                return Some(if lex.tail.contains(&key) && after_number(start) {
                    Abbr::Tail
                } else {
                    Abbr::Head
                });
            }
            if lex.tail.contains(&key) {
                return Some(Abbr::Tail);
            }
            start += 2;
        }
        let first = self.first(w);
        if nchars == 1 && first.is_alphabetic() {
            if is_upper(first) {
                // an initial, but not a unit after a number ("перегрузки до 10 G.")
                return if after_number(w) {
                    None
                } else {
                    Some(Abbr::Head)
                };
            }
            // one lower-case letter: a unit after a number ("100 р.", "2010 г.", "XX в."),
            // else what it qualifies follows ("р. Волга", "с. Кляшево")
            let tail = lex.tail.contains(word) && after_number(w);
            return Some(if tail { Abbr::Tail } else { Abbr::Head });
        }
        let l = word.to_lowercase();
        let head = lex.head.contains(&l);
        let tail = lex.tail.contains(&l);
        // after a number a unit ("5 кв."), after "и" the end of a list ("и пр.")
        let tail_here = after_number(w) || (w > 0 && self.s(w - 1) == "и");
        if head && !(tail && tail_here) {
            return Some(Abbr::Head);
        }
        if tail {
            return Some(Abbr::Tail);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        segment(text).tokens.iter().map(|t| t.text(text)).collect()
    }

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        segment(text)
            .tokens
            .iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    fn sents(text: &str) -> Vec<&str> {
        let s = segment(text);
        (0..s.sentences.len())
            .map(|i| &text[s.sentence_span(i)])
            .collect()
    }

    #[test]
    fn words_and_punctuation() {
        assert_eq!(toks("Привет, мир!"), vec!["Привет", ",", "мир", "!"]);
        assert_eq!(
            toks("Он сказал: «Да» (и ушёл)."),
            vec![
                "Он",
                "сказал",
                ":",
                "«",
                "Да",
                "»",
                "(",
                "и",
                "ушёл",
                ")",
                "."
            ]
        );
        assert_eq!(sents("Привет. Как дела?"), vec!["Привет.", "Как дела?"]);
    }

    #[test]
    fn abbreviations_split_into_word_and_period() {
        assert_eq!(toks("т.е. так"), vec!["т", ".", "е", ".", "так"]);
        assert_eq!(toks("и т.д."), vec!["и", "т", ".", "д", "."]);
        assert_eq!(toks("в 1999 г."), vec!["в", "1999", "г", "."]);
    }

    #[test]
    fn head_abbreviations_do_not_end_sentences() {
        for text in [
            "Митинг прошёл в г. Самаре на площади.",
            "Речь идёт о налогах, т.е. Минфин снова прав.",
            "Это записано в ст. 15 Конституции.",
            "Музей им. Глинки открылся вновь.",
            "Он живёт на ул. Садовой с детства.",
            "Лекцию прочёл проф. Соколов из Казани.",
            "Подробнее см. Приложение к отчёту.",
            "Рейс отменили, т.к. Аэрофлот не получил топливо.",
            "Вышел на пр. Мира и повернул налево.",
        ] {
            assert_eq!(sents(text), vec![text], "{text}");
        }
    }

    #[test]
    fn tail_abbreviations_end_sentences_before_a_capital() {
        assert_eq!(
            sents("Бюджет составил 100 млн руб. Сумма выросла вдвое."),
            vec!["Бюджет составил 100 млн руб.", "Сумма выросла вдвое."]
        );
        assert_eq!(
            sents("Купили хлеб, молоко и т.д. Потом пошли домой."),
            vec!["Купили хлеб, молоко и т.д.", "Потом пошли домой."]
        );
        assert_eq!(
            sents("Приехали послы, министры и др. Встреча началась в полдень."),
            vec![
                "Приехали послы, министры и др.",
                "Встреча началась в полдень."
            ]
        );
        assert_eq!(
            sents("Это было в 2010 г. Тогда всё и началось."),
            vec!["Это было в 2010 г.", "Тогда всё и началось."]
        );
        assert_eq!(
            sents("На выставке были картины, скульптуры и пр. Публика осталась довольна."),
            vec![
                "На выставке были картины, скульптуры и пр.",
                "Публика осталась довольна."
            ]
        );
        // but not before a lower-case word or a number, nor where the abbreviation
        // qualifies what follows
        for text in [
            "Лагерь стоит на р. Волге под Самарой.",
            "Он свернул на пр. Мира у вокзала.",
            "Выделено 3 млрд. долларов на дороги.",
            "Цены на нефть, газ и т.п. товары выросли.",
            "Он родился в 1950 г. в Туле.",
            "Собрали 20 тыс. подписей за день.",
        ] {
            assert_eq!(sents(text), vec![text], "{text}");
        }
    }

    #[test]
    fn initials_do_not_end_sentences() {
        for text in [
            "Встречу провёл А.Гараев в понедельник.",
            "Встречу провёл А. Гараев в понедельник.",
            "В Вашингтон прилетел Дж. Вэнс вчера.",
            "Указ подписал В.В. Путин сегодня утром.",
            "Указ подписал В. В. Путин сегодня утром.",
        ] {
            assert_eq!(sents(text), vec![text], "{text}");
        }
        assert_eq!(toks("В.В. Путин"), vec!["В", ".", "В", ".", "Путин"]);
    }

    #[test]
    fn units_after_numbers_are_not_initials() {
        assert_eq!(
            sents("Перегрузка дошла до 8 G. Экипаж справился."),
            vec!["Перегрузка дошла до 8 G.", "Экипаж справился."]
        );
    }

    #[test]
    fn quotes() {
        assert_eq!(
            toks("«Ёлки» и \"палки\""),
            vec!["«", "Ёлки", "»", "и", "\"", "палки", "\""]
        );
        assert_eq!(
            sents("Газета «Новые известия» вышла. «Мы рады», — сказал редактор."),
            vec![
                "Газета «Новые известия» вышла.",
                "«Мы рады», — сказал редактор."
            ]
        );
        assert_eq!(
            sents("Он ответил: «Нет.» Потом ушёл."),
            vec!["Он ответил:", "«Нет.»", "Потом ушёл."]
        );
        assert_eq!(
            sents("\"Мы не отступим\", - сказал он. Зал замолчал."),
            vec!["\"Мы не отступим\", - сказал он.", "Зал замолчал."]
        );
    }

    #[test]
    fn direct_speech_with_dashes() {
        assert_eq!(
            sents("— Как вы считаете? — спросил он. — Никак, — ответила она."),
            vec![
                "— Как вы считаете? — спросил он.",
                "— Никак, — ответила она."
            ]
        );
        assert_eq!(
            sents("«Вы уверены?» — спросил журналист."),
            vec!["«Вы уверены?» — спросил журналист."]
        );
        assert_eq!(
            sents("Он помолчал. — Да. Уверен."),
            vec!["Он помолчал.", "— Да.", "Уверен."]
        );
    }

    #[test]
    fn colon_before_a_quotation_ends_a_sentence() {
        assert_eq!(
            sents("Министр заявил: «Переговоры продолжатся». Все согласились."),
            vec![
                "Министр заявил:",
                "«Переговоры продолжатся».",
                "Все согласились."
            ]
        );
        // not before a lower-case quotation, nor inside a quotation, nor before a list of
        // names or a quotation the sentence goes on after
        for text in [
            "Лозунги были такие: «долой налоги» и другие.",
            "«Он говорил: “Мы вернёмся” и вернулся», — вспоминает сестра.",
            "Фильмы идут в кинотеатрах: «Полёт», «Искра» и «Октябрь».",
            "Третья заповедь гласит: «Не укради» и стоит особняком.",
        ] {
            assert_eq!(sents(text), vec![text], "{text}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(kinds("5,56")[0], ("5,56", TokenKind::Number));
        assert_eq!(toks("калибр 5,56 мм"), vec!["калибр", "5,56", "мм"]);
        assert_eq!(toks("100 млн евро"), vec!["100", "млн", "евро"]);
        // factRuEval splits groups of digits at spaces, and ranges of numbers
        assert_eq!(toks("1 000 человек"), vec!["1", "000", "человек"]);
        assert_eq!(toks("3-4 июня"), vec!["3", "-", "4", "июня"]);
        assert_eq!(
            toks("в 2007-2008 годах"),
            vec!["в", "2007", "-", "2008", "годах"]
        );
        assert_eq!(toks("12.05.2025"), vec!["12.05.2025"]);
        assert_eq!(
            toks("в 15:05 по Москве"),
            vec!["в", "15:05", "по", "Москве"]
        );
        assert_eq!(toks("счёт 2:1"), vec!["счёт", "2", ":", "1"]);
        assert_eq!(toks("рост 10%"), vec!["рост", "10", "%"]);
        assert_eq!(toks("$70 млн"), vec!["$", "70", "млн"]);
        assert_eq!(
            toks("в 1969г. и 100км"),
            vec!["в", "1969", "г", ".", "и", "100", "км"]
        );
        assert_eq!(toks("3Com и HTML5"), vec!["3Com", "и", "HTML5"]);
        assert_eq!(
            toks("90-х годов, 22-летний"),
            vec!["90-х", "годов", ",", "22-летний"]
        );
        assert_eq!(toks("«Союз ТМА-12»"), vec!["«", "Союз", "ТМА-12", "»"]);
    }

    #[test]
    fn numbered_lists() {
        assert_eq!(
            sents("Итоги:\n\n1. Москва — 40 %.\n\n2. Казань — 30 %."),
            vec!["Итоги:", "1. Москва — 40 %.", "2. Казань — 30 %."]
        );
        assert_eq!(
            sents("Результаты (из 30). 1. Иванов — 52 % 2. Петров — 24 %"),
            vec![
                "Результаты (из 30).",
                "1. Иванов — 52 %",
                "2. Петров — 24 %"
            ]
        );
    }

    #[test]
    fn bullets() {
        assert_eq!(
            sents("Участники: • Россия • Китай • Индия"),
            vec!["Участники:", "• Россия", "• Китай", "• Индия"]
        );
    }

    #[test]
    fn urls_emails_hashtags_mentions() {
        let text = "Пишите на press@mid.ru или читайте https://mid.ru/ru/news/123?id=5#x, #WUF13 и @kremlin_news.";
        assert_eq!(
            kinds(text),
            vec![
                ("Пишите", TokenKind::Word),
                ("на", TokenKind::Word),
                ("press@mid.ru", TokenKind::Email),
                ("или", TokenKind::Word),
                ("читайте", TokenKind::Word),
                ("https://mid.ru/ru/news/123?id=5#x", TokenKind::Url),
                (",", TokenKind::Punct),
                ("#WUF13", TokenKind::Hashtag),
                ("и", TokenKind::Word),
                ("@kremlin_news", TokenKind::Mention),
                (".", TokenKind::Punct),
            ]
        );
        assert_eq!(
            toks("(см. www.kremlin.ru)"),
            vec!["(", "см", ".", "www.kremlin.ru", ")"]
        );
        assert_eq!(
            toks("сайт lenta.ru/news/2024"),
            vec!["сайт", "lenta.ru/news/2024"]
        );
        assert_eq!(
            toks("Лента.ру и NEWSru.com"),
            vec!["Лента.ру", "и", "NEWSru.com"]
        );
        assert_eq!(toks("в зоне .РФ."), vec!["в", "зоне", ".РФ", "."]);
        assert_eq!(
            sents("Сообщает Lenta.ru. Подробности позже."),
            vec!["Сообщает Lenta.ru.", "Подробности позже."]
        );
    }

    #[test]
    fn hyphenated_words() {
        for w in [
            "Великобритания-Азербайджан",
            "Грузия-то",
            "из-за",
            "Северо-Запад",
            "по-прежнему",
            "какой-либо",
            "бизнес-центр",
            "вице-премьер",
            "крымско-татарский",
            "рок-н-ролл",
            "Christie’s",
            "О’Рейли",
            "AT&T",
        ] {
            assert_eq!(toks(w), vec![w], "{w}");
        }
        // two declinable nouns are two tokens, as in factRuEval
        assert_eq!(toks("ракета-носитель"), vec!["ракета", "-", "носитель"]);
        // a hanging hyphen stays with its word
        assert_eq!(
            toks("теле- и радиостанции"),
            vec!["теле-", "и", "радиостанции"]
        );
    }

    #[test]
    fn ellipsis_and_double_marks() {
        assert_eq!(
            toks("Ну... Да?! Нет…"),
            vec!["Ну", "...", "Да", "?!", "Нет", "…"]
        );
        assert_eq!(
            sents("Ну... Да?! Нет… так и быть."),
            vec!["Ну...", "Да?!", "Нет… так и быть."]
        );
        assert_eq!(sents("Итак... посмотрим."), vec!["Итак... посмотрим."]);
    }

    #[test]
    fn line_breaks_and_headlines() {
        assert_eq!(
            sents("Саммит в Казани\n\nЛидеры собрались во вторник.\n\nПовестка обширна"),
            vec![
                "Саммит в Казани",
                "Лидеры собрались во вторник.",
                "Повестка обширна"
            ]
        );
        assert_eq!(
            sents("Первая строка без точки\nВторая строка"),
            vec!["Первая строка без точки", "Вторая строка"]
        );
        assert_eq!(
            sents("строка, перенесённая\nпосередине"),
            vec!["строка, перенесённая\nпосередине"]
        );
        assert_eq!(
            sents("министр встретился с\nПутиным в Кремле"),
            vec!["министр встретился с\nПутиным в Кремле"]
        );
        assert_eq!(
            sents("Переговоры зашли в тупик По словам дипломатов, стороны не договорились."),
            vec![
                "Переговоры зашли в тупик",
                "По словам дипломатов, стороны не договорились."
            ]
        );
        // a name after a lower-case word is not a headline break
        assert_eq!(
            sents("Вчера президент Путин встретился с послами."),
            vec!["Вчера президент Путин встретился с послами."]
        );
    }

    #[test]
    fn odd_inputs() {
        assert!(segment("").tokens.is_empty());
        assert!(segment("").sentences.is_empty());
        assert!(segment("   \n\t ").tokens.is_empty());
        assert_eq!(toks("\u{feff}Привет"), vec!["Привет"]);
        assert_eq!(toks("да\u{0}нет"), vec!["да", "\u{0}", "нет"]);
        assert_eq!(toks("👍🏽 ок 🇷🇺"), vec!["👍🏽", "ок", "🇷🇺"]);
        assert_eq!(toks("за\u{301}мок"), vec!["за\u{301}мок"]);
        assert_eq!(
            toks("no Cyrillic here."),
            vec!["no", "Cyrillic", "here", "."]
        );
    }

    #[test]
    fn long_inputs_are_linear() {
        // a 1 MB "word", a 50,000-character sentence, long runs of dots and hyphens
        let word = "я".repeat(500_000);
        assert_eq!(segment(&word).tokens.len(), 1);
        let sentence = "слово, ".repeat(7_200);
        let s = segment(&sentence);
        assert_eq!(s.sentences.len(), 1);
        for text in [
            ".".repeat(200_000),
            "a.".repeat(100_000),
            "а.".repeat(100_000),
            "a-".repeat(100_000),
            "1,".repeat(100_000),
            "1:".repeat(100_000),
            "x@".repeat(100_000),
            "a.b@".repeat(50_000),
            "«".repeat(100_000),
            " \n".repeat(100_000),
            "А. ".repeat(100_000),
        ] {
            let t = std::time::Instant::now();
            let s = segment(&text);
            assert_eq!(s.tokens.is_empty(), text.trim().is_empty());
            assert!(t.elapsed().as_secs_f64() < 5.0, "slow on {:?}", &text[..8]);
        }
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str) {
        let s = segment(text);
        let mut covered = vec![false; text.len()];
        let mut last = 0;
        for t in &s.tokens {
            assert!(t.start < t.end, "empty token");
            assert!(t.start >= last, "tokens out of order or overlapping");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            for c in covered.iter_mut().take(t.end).skip(t.start) {
                *c = true;
            }
            last = t.end;
        }
        for (i, c) in text.char_indices() {
            if !is_space(c) {
                assert!(covered[i], "char {c:?} at {i} not in a token");
            }
        }
        // sentences partition the tokens
        let mut next = 0;
        for r in &s.sentences {
            assert_eq!(r.start, next);
            assert!(r.end > r.start);
            next = r.end;
        }
        assert_eq!(next, s.tokens.len());
    }

    fn russianish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Москва".to_string()),
            Just("т.е.".to_string()),
            Just("г.".to_string()),
            Just("А.".to_string()),
            Just("В.В.".to_string()),
            Just("1 000".to_string()),
            Just("5,56".to_string()),
            Just("12.05.2025".to_string()),
            Just("15:05".to_string()),
            Just("3-4".to_string()),
            Just("10%".to_string()),
            Just("из-за".to_string()),
            Just("http://x.ru/a?b".to_string()),
            Just("a@b.ru".to_string()),
            Just("#тег".to_string()),
            Just("@user".to_string()),
            Just("«".to_string()),
            Just("»".to_string()),
            Just("\"".to_string()),
            Just("—".to_string()),
            Just("-".to_string()),
            Just("...".to_string()),
            Just("?!".to_string()),
            Just("•".to_string()),
            Just(":".to_string()),
            Just(".".to_string()),
            Just("\n\n".to_string()),
            Just("\n".to_string()),
            Just(" ".to_string()),
            Just(".РФ".to_string()),
            Just("Лента.ру".to_string()),
            Just("теле-".to_string()),
            Just("👍🏽".to_string()),
            Just("\u{0}".to_string()),
            Just("\u{301}".to_string()),
            Just("\u{200d}".to_string()),
            "[а-яА-ЯёЁa-zA-Z0-9]{1,8}",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn any_string(text in any::<String>()) {
            check(&text);
        }

        #[test]
        fn russian_like_strings(text in russianish()) {
            check(&text);
        }
    }
}
