//! HTML → the visible text, one block a line, every byte mapped back to the page source.
//!
//! A small tokenizer of our own (not a DOM): one forward pass over the bytes, no recursion,
//! so a page nested 100,000 levels deep, unclosed tags or a 200 MB page cost a linear pass
//! and a bounded stack. It follows the HTML rules where they matter for the text — raw text
//! in `script`/`style`, RCDATA in `title`/`textarea`, comments, quoted attribute values that
//! may hold `>`, character references, whitespace collapsing — and tolerates the rest.
//!
//! What comes out ([`HtmlText`]):
//! * `body`: the text of the page as a reader sees it. Block elements (`p`, `div`, `h1`–`h6`,
//!   `li`, `td`, `br` …) end a line; runs of whitespace collapse to one space (the no-break
//!   space counts as whitespace: "4&nbsp;декабря" reads "4 декабря", and a paragraph of
//!   `&nbsp;` is empty); references are decoded; soft hyphens are dropped. Copied text
//!   maps byte for byte; a decoded reference, a collapsed space (other than a single ' ')
//!   or an inserted line break is a synthetic piece that maps to the source stretch it
//!   stands for (the reference, the whitespace run, the tag). Content of `script`, `style`,
//!   `noscript`, `template`, `svg`, `math`, `iframe`, `object`, `select`, `textarea`,
//!   `video`, `audio`, `canvas` and `title` is not shown — unless its end tag never comes
//!   (except `script`/`style`): a stray `<title>` or `<select>` does not hide the article.
//! * `furniture`: byte ranges of `body` that came from page furniture — `nav`, `aside`,
//!   `menu`, `button`, a `header`/`footer` that is not inside the article, elements with a
//!   `role` such as `navigation`/`banner`/`contentinfo`/`complementary`, the `hidden`
//!   attribute, or a class/id whose words say menu, nav, footer, sidebar, related, popular,
//!   most-read, comments, share, breadcrumbs, ads … . An element that holds the article is
//!   never furniture (layout wrappers such as `class="page with-sidebar"`). The text stays
//!   in `body`; the cleaner decides.
//! * `article`: the byte range of the article element, best first: `itemprop="articleBody"`,
//!   then a class/id like `article-body`/`news-text`/`entry-content`, then `<article>` (or an
//!   `itemtype` of `…Article`); among equals the longest.
//! * `hints`: title (`og:title`, `twitter:title`, `<title>`, JSON-LD `headline`, without a
//!   " | Site" part equal to the site name; else the first `h1`), published date (see [`DATE_KEYS`]),
//!   site name (`og:site_name`, `application-name`, JSON-LD `publisher.name`) and URL
//!   (canonical link, `og:url`).
//!
//! Elements nested deeper than [`MAX_DEPTH`] are read for their text but not tracked (as
//! browsers cap the tree depth), which bounds the memory of the element stack.

use super::entities;
use super::parse_date;
use crate::{DateSource, Hints, MappedText};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Elements nested deeper than this are not tracked.
pub const MAX_DEPTH: usize = 1024;

/// The visible text of a page and what the markup says about it. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct HtmlText {
    pub body: MappedText,
    pub furniture: Vec<Range<usize>>,
    pub article: Option<Range<usize>>,
    pub hints: Hints,
}

/// Reads an HTML page (or fragment). Never fails: garbage gives whatever text it holds.
pub fn parse(source: &str) -> HtmlText {
    let mut p = Parser::new(source);
    p.run();
    p.finish()
}

/// Where the published date may be written, best first: `(attribute value, rank)`. The rank
/// orders the sources: 0 Open Graph / article meta, 1 `itemprop="datePublished"`, 2 JSON-LD,
/// 3 other meta names, 4 a `<time datetime>` inside the article.
pub const DATE_KEYS: &[(&str, usize)] = &[
    ("article:published_time", 0),
    ("og:published_time", 0),
    ("og:article:published_time", 0),
    ("datepublished", 1),
    ("pubdate", 3),
    ("publishdate", 3),
    ("publish-date", 3),
    ("publish_date", 3),
    ("publication_date", 3),
    ("date", 3),
    ("dc.date", 3),
    ("dc.date.issued", 3),
    ("dc.date.created", 3),
    ("dcterms.date", 3),
    ("dcterms.issued", 3),
    ("dcterms.created", 3),
    ("parsely-pub-date", 3),
    ("sailthru.date", 3),
    ("mediator_published_time", 3),
];
const RANK_ITEMPROP: usize = 1;
const RANK_JSON_LD: usize = 2;
const RANK_TIME: usize = 4;
const RANKS: usize = 5;

// ---------------------------------------------------------------------------------------
// Tag names

/// FNV-1a of the lowercased name: element identity on the stack.
const fn name_hash(name: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < name.len() {
        h ^= name[i].to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

const H_P: u64 = name_hash(b"p");
const H_LI: u64 = name_hash(b"li");
const H_DT: u64 = name_hash(b"dt");
const H_DD: u64 = name_hash(b"dd");
const H_TD: u64 = name_hash(b"td");
const H_TH: u64 = name_hash(b"th");
const H_TR: u64 = name_hash(b"tr");
const H_OPTION: u64 = name_hash(b"option");
const LIST_STOPS: &[u64] = &[name_hash(b"ul"), name_hash(b"ol"), name_hash(b"menu")];
const DL_STOPS: &[u64] = &[name_hash(b"dl")];
const CELL_STOPS: &[u64] = &[name_hash(b"tr"), name_hash(b"table")];
const ROW_STOPS: &[u64] = &[
    name_hash(b"table"),
    name_hash(b"tbody"),
    name_hash(b"thead"),
    name_hash(b"tfoot"),
];
const HEADINGS: &[u64] = &[
    name_hash(b"h1"),
    name_hash(b"h2"),
    name_hash(b"h3"),
    name_hash(b"h4"),
    name_hash(b"h5"),
    name_hash(b"h6"),
];

fn is_void(n: &[u8]) -> bool {
    matches!(
        n,
        b"area"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"br"
            | b"col"
            | b"embed"
            | b"frame"
            | b"hr"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// Elements that end a line of the text.
fn is_block(n: &[u8]) -> bool {
    matches!(
        n,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"caption"
            | b"center"
            | b"dd"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"frameset"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"html"
            | b"legend"
            | b"li"
            | b"listing"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"optgroup"
            | b"option"
            | b"p"
            | b"pre"
            | b"section"
            | b"summary"
            | b"table"
            | b"tbody"
            | b"td"
            | b"tfoot"
            | b"th"
            | b"thead"
            | b"title"
            | b"tr"
            | b"ul"
    )
}

/// A start tag of these closes an open `p` at the top.
fn closes_p(n: &[u8]) -> bool {
    matches!(
        n,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"center"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"dd"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"li"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"section"
            | b"summary"
            | b"table"
            | b"ul"
    )
}

/// Elements whose content is raw text (no tags inside), up to their end tag.
fn is_raw_text(n: &[u8]) -> bool {
    matches!(
        n,
        b"script"
            | b"style"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"title"
            | b"textarea"
    )
}

/// Elements whose content is parsed but not shown.
fn hides_content(n: &[u8]) -> bool {
    matches!(
        n,
        b"template"
            | b"svg"
            | b"math"
            | b"object"
            | b"select"
            | b"video"
            | b"audio"
            | b"canvas"
            | b"datalist"
    )
}

// ---------------------------------------------------------------------------------------
// class / id / role words

/// Words of a class or id token that mark page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertising",
    "aside",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "cookie",
    "cookies",
    "copyright",
    "crumbs",
    "disqus",
    "footer",
    "login",
    "logo",
    "menu",
    "modal",
    "mostread",
    "nav",
    "navbar",
    "navi",
    "navigation",
    "newsletter",
    "pager",
    "pagination",
    "popular",
    "popup",
    "promo",
    "readalso",
    "recommendations",
    "recommended",
    "related",
    "search",
    "seealso",
    "share",
    "sharing",
    "sidebar",
    "social",
    "subscribe",
    "subscription",
    "tags",
    "toolbar",
    "widget",
    "widgets",
];

/// Word pairs that mark page furniture (`most-read`, `read-also`).
const FURNITURE_PAIRS: &[(&str, &str)] = &[
    ("also", "read"),
    ("most", "commented"),
    ("most", "popular"),
    ("most", "read"),
    ("most", "viewed"),
    ("read", "also"),
    ("read", "more"),
    ("see", "also"),
    ("top", "news"),
];

/// A token starting with one of these describes a state or a layout, not the element's job
/// (`has-sidebar`, `with-menu`, `is-sticky-nav`).
const MODIFIER_WORDS: &[&str] = &[
    "can", "has", "hide", "is", "no", "open", "show", "with", "without",
];

/// Word pairs of a class/id that mark the article text (`article-body`, `newsText`).
const BODY_FIRST: &[&str] = &[
    "article",
    "content",
    "entry",
    "material",
    "news",
    "post",
    "publication",
    "story",
];
const BODY_SECOND: &[&str] = &["body", "content", "text"];
const BODY_WORDS: &[&str] = &[
    "articlebody",
    "articletext",
    "entrycontent",
    "newstext",
    "postbody",
    "postcontent",
    "storybody",
];

/// `role` values that mark page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "menu",
    "menubar",
    "navigation",
    "search",
    "toolbar",
];

/// The words of a class or id token: split at non-alphanumerics and camelCase humps.
fn words(token: &str) -> impl Iterator<Item = &str> {
    let b = token.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        i += 1;
        while i < b.len()
            && b[i].is_ascii_alphanumeric()
            && !(b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase())
        {
            i += 1;
        }
        Some(&token[start..i])
    })
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

fn pair_in(list: &[(&str, &str)], a: &str, b: &str) -> bool {
    list.iter()
        .any(|(x, y)| x.eq_ignore_ascii_case(a) && y.eq_ignore_ascii_case(b))
}

/// True when a class or id value names page furniture.
pub fn furniture_names(value: &str) -> bool {
    value.split_ascii_whitespace().any(|token| {
        let mut ws = words(token);
        let Some(first) = ws.next() else {
            return false;
        };
        if in_list(MODIFIER_WORDS, first) {
            return false;
        }
        let mut prev = first;
        if in_list(FURNITURE_WORDS, first) {
            return true;
        }
        for w in ws {
            if in_list(FURNITURE_WORDS, w) || pair_in(FURNITURE_PAIRS, prev, w) {
                return true;
            }
            prev = w;
        }
        false
    })
}

/// True when a class or id value names the article text.
pub fn article_body_names(value: &str) -> bool {
    value.split_ascii_whitespace().any(|token| {
        let mut prev: Option<&str> = None;
        for w in words(token) {
            if in_list(BODY_WORDS, w) {
                return true;
            }
            if let Some(p) = prev {
                if in_list(BODY_FIRST, p) && in_list(BODY_SECOND, w) && !p.eq_ignore_ascii_case(w) {
                    return true;
                }
            }
            prev = Some(w);
        }
        false
    })
}

// ---------------------------------------------------------------------------------------
// The parser

#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// An open element.
#[derive(Debug, Clone, Copy)]
struct Open {
    name: u64,
    /// Length of the body when it opened.
    start: usize,
    /// Its text is not shown (inherited).
    hidden: bool,
    /// Inside an article candidate (inherited).
    in_article: bool,
    furniture: bool,
    /// Article candidate rank, 0 when it is none.
    article: u8,
    h1: bool,
    /// An article candidate is inside it.
    holds_article: bool,
}

#[derive(Default)]
struct Meta {
    dates: [Option<NaiveDate>; RANKS],
    og_title: Option<String>,
    twitter_title: Option<String>,
    title: Option<String>,
    ld_headline: Option<String>,
    og_site: Option<String>,
    app_name: Option<String>,
    ld_publisher: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
}

struct Parser<'a> {
    src: &'a str,
    out: MappedText,
    /// Whitespace seen since the last text, not yet written (its source range).
    pending_ws: Option<Range<usize>>,
    /// A line break owed since the last text (the source range of the tag that ended the block).
    pending_nl: Option<Range<usize>>,
    stack: Vec<Open>,
    /// How many elements of each name are open, so an end tag with no open element is
    /// dropped without searching the stack.
    open_names: HashMap<u64, u32, BuildHasherDefault<IdHasher>>,
    /// Attributes of the current tag: (name, raw value) source ranges.
    attrs: Vec<(Range<usize>, Range<usize>)>,
    furniture: Vec<Range<usize>>,
    article: Option<(u8, Range<usize>)>,
    h1_article: Option<Range<usize>>,
    h1_any: Option<Range<usize>>,
    meta: Meta,
    /// Where the last end tag of a name is (by name hash), once asked: an element whose end
    /// tag never comes does not hide the rest of the page.
    last_end_tags: HashMap<u64, Option<usize>, BuildHasherDefault<IdHasher>>,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Invisible: dropped from the text.
const SOFT_HYPHEN: &str = "\u{AD}";

/// Whitespace of the text: HTML's and the no-break space, which news sites put between a
/// number and its word ("4&nbsp;декабря") and alone in empty paragraphs.
fn is_ws_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C' | '\u{A0}')
}

/// Length of the whitespace character at `i` (ASCII or U+00A0), 0 when there is none.
fn ws_len(b: &[u8], i: usize, end: usize) -> usize {
    match b[..end].get(i) {
        None => 0,
        Some(&c) if is_ws(c) => 1,
        Some(0xC2) if i + 1 < end && b[i + 1] == 0xA0 => 2,
        _ => 0,
    }
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        Parser {
            src,
            out: MappedText::default(),
            pending_ws: None,
            pending_nl: None,
            stack: Vec::new(),
            open_names: HashMap::default(),
            attrs: Vec::new(),
            furniture: Vec::new(),
            article: None,
            h1_article: None,
            h1_any: None,
            meta: Meta::default(),
            last_end_tags: HashMap::default(),
        }
    }

    fn hidden(&self) -> bool {
        self.stack.last().is_some_and(|o| o.hidden)
    }

    fn run(&mut self) {
        let b = self.src.as_bytes();
        let n = b.len();
        let mut pos = 0;
        while pos < n {
            let lt = memchr::memchr(b'<', &b[pos..]).map_or(n, |i| pos + i);
            if lt > pos {
                self.text(pos..lt);
            }
            if lt >= n {
                break;
            }
            let next = self.markup(lt);
            debug_assert!(next > lt);
            pos = next;
        }
    }

    /// Handles the markup at `lt` (a `<`); returns where the text resumes.
    fn markup(&mut self, lt: usize) -> usize {
        let b = self.src.as_bytes();
        let n = b.len();
        let to_gt =
            |from: usize| memchr::memchr(b'>', &b[from.min(n)..]).map_or(n, |i| from + i + 1);
        match b.get(lt + 1) {
            Some(b'!') => {
                if b[lt..].starts_with(b"<!--") {
                    let body = lt + 4;
                    if b[body..].starts_with(b">") {
                        return body + 1;
                    }
                    if b[body..].starts_with(b"->") {
                        return body + 2;
                    }
                    memchr::memmem::find(&b[body..], b"-->").map_or(n, |i| body + i + 3)
                } else {
                    to_gt(lt + 2) // doctype, CDATA, bogus comment
                }
            }
            Some(b'?') => to_gt(lt + 2),
            Some(b'/') => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => self.tag(lt, true),
                Some(b'>') => lt + 3,
                Some(_) => to_gt(lt + 2),
                None => {
                    self.text(lt..n);
                    n
                }
            },
            Some(c) if c.is_ascii_alphabetic() => self.tag(lt, false),
            _ => {
                self.text(lt..lt + 1);
                lt + 1
            }
        }
    }

    /// Tokenizes a start or end tag at `lt`; returns where the text resumes.
    fn tag(&mut self, lt: usize, end: bool) -> usize {
        let b = self.src.as_bytes();
        let n = b.len();
        let name_start = lt + 1 + end as usize;
        let mut i = name_start;
        while i < n && !is_ws(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let name_range = name_start..i;
        self.attrs.clear();
        let mut self_closing = false;
        loop {
            while i < n && (is_ws(b[i]) || b[i] == b'/') {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'>') {
                    self_closing = true;
                }
                i += 1;
            }
            if i >= n {
                return n; // EOF inside a tag: the tag is dropped
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            let an = i;
            i += 1;
            while i < n && !is_ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let an_end = i;
            while i < n && is_ws(b[i]) {
                i += 1;
            }
            let mut value = an_end..an_end;
            if i < n && b[i] == b'=' {
                i += 1;
                while i < n && is_ws(b[i]) {
                    i += 1;
                }
                if i < n && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    match memchr::memchr(q, &b[i + 1..]) {
                        Some(k) => {
                            value = i + 1..i + 1 + k;
                            i += k + 2;
                        }
                        None => return n,
                    }
                } else {
                    let vs = i;
                    while i < n && !is_ws(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = vs..i;
                }
            }
            if !end && self.attrs.len() < 64 {
                self.attrs.push((an..an_end, value));
            }
        }
        // the lowercased name, when short enough to be one we know
        let raw = &b[name_range];
        let hash = name_hash(raw);
        let mut buf = [0u8; 16];
        let name: &[u8] = if raw.len() <= buf.len() {
            buf[..raw.len()].copy_from_slice(raw);
            buf[..raw.len()].make_ascii_lowercase();
            &buf[..raw.len()]
        } else {
            b""
        };
        if end {
            self.end_tag(name, hash, lt..i);
            i
        } else {
            self.start_tag(name, hash, self_closing, lt..i)
        }
    }

    fn attr(&self, name: &str) -> Option<&'a str> {
        let src = self.src;
        self.attrs
            .iter()
            .find(|(n, _)| src.as_bytes()[n.clone()].eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| &src[v.clone()])
    }

    fn start_tag(
        &mut self,
        name: &[u8],
        hash: u64,
        self_closing: bool,
        tag: Range<usize>,
    ) -> usize {
        self.implicit_close(name, hash);
        if is_block(name) {
            self.block_break(tag.clone());
        }
        self.tag_hints(name);
        if is_raw_text(name) {
            if let Some(after) = self.raw_text(name, hash, tag.end) {
                return after;
            }
        }
        let foreign = matches!(name, b"svg" | b"math");
        if is_void(name) || (self_closing && foreign) || self.stack.len() >= MAX_DEPTH {
            return tag.end;
        }
        let parent = self.stack.last().copied();
        let parent_in_article = parent.is_some_and(|p| p.in_article);
        let mut article = self.article_rank(name);
        let mut furniture = self.is_furniture(name, parent_in_article, article);
        if furniture && article == 1 {
            article = 0;
        }
        if article >= 2 {
            furniture = false;
        }
        let hidden = parent.is_some_and(|p| p.hidden)
            || (hides_content(name) && self.end_tag_after(name, hash, tag.end));
        self.stack.push(Open {
            name: hash,
            start: self.out.len(),
            hidden,
            in_article: parent_in_article || article > 0,
            furniture,
            article,
            h1: name == b"h1",
            holds_article: false,
        });
        *self.open_names.entry(hash).or_insert(0) += 1;
        tag.end
    }

    fn end_tag(&mut self, name: &[u8], hash: u64, tag: Range<usize>) {
        if is_block(name) {
            self.block_break(tag);
        }
        if self.open_names.get(&hash).copied().unwrap_or(0) == 0 {
            return;
        }
        while let Some(open) = self.stack.pop() {
            self.close(open);
            if open.name == hash {
                break;
            }
        }
    }

    /// The end tags HTML implies: a new `p`/block closes an open `p`, a new `li` the previous
    /// one, and so on. Looks only a few elements down, so it stays O(1) a tag.
    fn implicit_close(&mut self, name: &[u8], hash: u64) {
        if closes_p(name) && self.stack.last().is_some_and(|o| o.name == H_P) {
            self.pop_one();
        }
        match name {
            b"li" => self.close_nearest(&[H_LI], LIST_STOPS),
            b"dt" | b"dd" => self.close_nearest(&[H_DT, H_DD], DL_STOPS),
            b"td" | b"th" => self.close_nearest(&[H_TD, H_TH], CELL_STOPS),
            b"tr" => self.close_nearest(&[H_TR], ROW_STOPS),
            b"option" => self.close_nearest(&[H_OPTION], &[]),
            _ if HEADINGS.contains(&hash)
                && self
                    .stack
                    .last()
                    .is_some_and(|o| HEADINGS.contains(&o.name)) =>
            {
                self.pop_one()
            }
            _ => {}
        }
    }

    fn close_nearest(&mut self, targets: &[u64], stops: &[u64]) {
        let len = self.stack.len();
        for depth in 1..=len.min(8) {
            let name = self.stack[len - depth].name;
            if targets.contains(&name) {
                for _ in 0..depth {
                    self.pop_one();
                }
                return;
            }
            if stops.contains(&name) {
                return;
            }
        }
    }

    fn pop_one(&mut self) {
        if let Some(open) = self.stack.pop() {
            self.close(open);
        }
    }

    /// Bookkeeping when an element ends: its furniture / article / h1 range.
    fn close(&mut self, open: Open) {
        if let Some(c) = self.open_names.get_mut(&open.name) {
            *c -= 1;
        }
        let holds = open.holds_article || open.article > 0;
        if let Some(parent) = self.stack.last_mut() {
            parent.holds_article |= holds;
        }
        let end = self.out.len();
        let mut start = open.start.min(end);
        if start < end && matches!(self.out.text().as_bytes()[start], b'\n' | b' ') {
            start += 1;
        }
        if start >= end {
            return;
        }
        if open.furniture && !open.holds_article {
            self.furniture.push(start..end);
        }
        if open.article > 0 {
            let better = match &self.article {
                None => true,
                Some((rank, r)) => (open.article, end - start) > (*rank, r.len()),
            };
            if better {
                self.article = Some((open.article, start..end));
            }
        }
        if open.h1 {
            let slot = if open.in_article {
                &mut self.h1_article
            } else {
                &mut self.h1_any
            };
            if slot.is_none() {
                *slot = Some(start..end);
            }
        }
    }

    fn article_rank(&self, name: &[u8]) -> u8 {
        if self.attr("itemprop").is_some_and(|v| {
            v.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case("articleBody"))
        }) {
            return 3;
        }
        if matches!(name, b"html" | b"head" | b"body") {
            return 0;
        }
        if self.attr("class").is_some_and(article_body_names)
            || self.attr("id").is_some_and(article_body_names)
        {
            return 2;
        }
        let typed_article = self.attr("itemtype").is_some_and(|t| {
            let t = t.trim_end_matches('/');
            let last = t.rsplit('/').next().unwrap_or(t);
            last.ends_with("Article") || last == "BlogPosting"
        });
        if name == b"article" || typed_article {
            return 1;
        }
        0
    }

    fn is_furniture(&self, name: &[u8], parent_in_article: bool, article: u8) -> bool {
        if matches!(name, b"html" | b"head" | b"body" | b"main") || article >= 2 {
            return false;
        }
        if matches!(name, b"nav" | b"aside" | b"menu" | b"button")
            || (matches!(name, b"header" | b"footer") && !parent_in_article)
        {
            return true;
        }
        if self.attr("hidden").is_some() {
            return true;
        }
        if self.attr("role").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|r| in_list(FURNITURE_ROLES, r))
        }) {
            return true;
        }
        self.attr("class").is_some_and(furniture_names)
            || self.attr("id").is_some_and(furniture_names)
    }

    /// True when an end tag `</name` comes after `pos`.
    fn end_tag_after(&mut self, name: &[u8], hash: u64, pos: usize) -> bool {
        let src = self.src.as_bytes();
        let last = *self
            .last_end_tags
            .entry(hash)
            .or_insert_with(|| last_end_tag(src, name));
        last.is_some_and(|last| last >= pos)
    }

    /// Skips the content of a raw text element opened by a tag ending at `from`, reading it
    /// for hints (`title`, JSON-LD scripts). Returns where the text resumes; `None` when the
    /// element has no end tag and is read as an ordinary element instead (a `title` or a
    /// `noscript` left open must not swallow the page; a `script` or `style` left open
    /// still hides the rest, which is code).
    fn raw_text(&mut self, name: &[u8], hash: u64, from: usize) -> Option<usize> {
        if !self.end_tag_after(name, hash, from) {
            return if matches!(name, b"script" | b"style") {
                Some(self.src.len())
            } else {
                None
            };
        }
        let (content_end, after) = find_end_tag(self.src.as_bytes(), from, name);
        let content = &self.src[from..content_end];
        match name {
            b"title" if self.meta.title.is_none() && !self.hidden() => {
                let t = clean_value(&entities::decode_str(content, false));
                if !t.is_empty() {
                    self.meta.title = Some(t);
                }
            }
            // the attributes are still those of the script tag
            b"script"
                if self
                    .attr("type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
            {
                self.json_ld(content)
            }
            _ => {}
        }
        Some(after)
    }

    // --- text -------------------------------------------------------------------------

    fn block_break(&mut self, tag: Range<usize>) {
        if self.hidden() {
            return;
        }
        self.pending_ws = None;
        if self.pending_nl.is_none() {
            self.pending_nl = Some(tag);
        }
    }

    /// Writes the separator owed before the next text.
    fn flush_separator(&mut self) {
        if self.out.is_empty() {
            self.pending_nl = None;
            self.pending_ws = None;
            return;
        }
        if let Some(r) = self.pending_nl.take() {
            self.pending_ws = None;
            self.out.push_synthetic("\n", r);
        } else if let Some(r) = self.pending_ws.take() {
            if r.len() == 1 && self.src.as_bytes()[r.start] == b' ' {
                self.out.push_source(self.src, r);
            } else {
                self.out.push_synthetic(" ", r);
            }
        }
    }

    /// Text between tags: whitespace (no-break spaces included) collapsed, references
    /// decoded, soft hyphens dropped.
    fn text(&mut self, range: Range<usize>) {
        if self.hidden() {
            return;
        }
        let b = self.src.as_bytes();
        let end = range.end;
        let mut i = range.start;
        let mut buf = [0u8; 4];
        while i < end {
            if ws_len(b, i, end) > 0 {
                let s = i;
                while let n @ 1.. = ws_len(b, i, end) {
                    i += n;
                }
                self.pending_ws.get_or_insert(s..i);
                continue;
            }
            if b[i] == b'&' {
                if let Some((d, len)) = entities::decode_at(&b[i..end], false) {
                    match d.as_str(&mut buf) {
                        SOFT_HYPHEN => {}
                        t if t.chars().all(is_ws_char) => {
                            self.pending_ws.get_or_insert(i..i + len);
                        }
                        t => {
                            self.flush_separator();
                            self.out.push_synthetic(t, i..i + len);
                        }
                    }
                    i += len;
                    continue;
                }
            }
            if b[i..end].starts_with(SOFT_HYPHEN.as_bytes()) {
                i += SOFT_HYPHEN.len();
                continue;
            }
            let s = i;
            i += 1;
            // stop at ASCII whitespace, `&` and 0xC2 (the lead byte of U+00A0 and U+00AD):
            // all on char boundaries
            while i < end && !is_ws(b[i]) && b[i] != b'&' && b[i] != 0xC2 {
                i += 1;
            }
            self.flush_separator();
            self.out.push_source(self.src, s..i);
        }
    }

    // --- hints ------------------------------------------------------------------------

    fn set_date(&mut self, rank: usize, value: &str) {
        if self.meta.dates[rank].is_none() {
            self.meta.dates[rank] = parse_date(&entities::decode_str(value, true));
        }
    }

    fn tag_hints(&mut self, name: &[u8]) {
        if self.attrs.is_empty() {
            return;
        }
        match name {
            b"meta" => {
                let Some(content) = self.attr("content") else {
                    return;
                };
                for key_attr in ["property", "name", "itemprop"] {
                    if let Some(key) = self.attr(key_attr) {
                        self.meta_hint(key.trim(), content);
                    }
                }
            }
            b"link" => {
                let canonical = self.attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                });
                if canonical {
                    if let Some(href) = self.attr("href") {
                        set_once(&mut self.meta.canonical, href);
                    }
                }
            }
            _ => {
                let published = self.attr("itemprop").is_some_and(|v| {
                    v.split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("datePublished"))
                }) || (name == b"time" && self.attr("pubdate").is_some());
                let when = self.attr("datetime").or_else(|| self.attr("content"));
                if let Some(when) = when {
                    if published {
                        self.set_date(RANK_ITEMPROP, when);
                    } else if name == b"time" && self.stack.last().is_some_and(|o| o.in_article) {
                        self.set_date(RANK_TIME, when);
                    }
                }
            }
        }
    }

    fn meta_hint(&mut self, key: &str, content: &str) {
        let key = key.to_ascii_lowercase();
        if let Some(&(_, rank)) = DATE_KEYS.iter().find(|(k, _)| *k == key) {
            self.set_date(rank, content);
            return;
        }
        let m = &mut self.meta;
        let slot = match key.as_str() {
            "og:title" => &mut m.og_title,
            "twitter:title" => &mut m.twitter_title,
            "og:site_name" => &mut m.og_site,
            "application-name" => &mut m.app_name,
            "og:url" => &mut m.og_url,
            _ => return,
        };
        set_once(slot, content);
    }

    /// Reads a JSON-LD block for `datePublished`, `headline` and `publisher.name`.
    fn json_ld(&mut self, raw: &str) {
        let raw = raw.trim();
        let raw = raw.strip_prefix("<!--").unwrap_or(raw);
        let raw = raw.strip_suffix("-->").unwrap_or(raw).trim();
        if raw.len() > 4 << 20 {
            return;
        }
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
            return;
        };
        let mut todo = vec![&value];
        let mut seen = 0;
        while let Some(v) = todo.pop() {
            seen += 1;
            if seen > 10_000 {
                break;
            }
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(d) = m.get("datePublished").and_then(|d| d.as_str()) {
                        if self.meta.dates[RANK_JSON_LD].is_none() {
                            self.meta.dates[RANK_JSON_LD] = parse_date(d);
                        }
                    }
                    if let Some(h) = m.get("headline").and_then(|h| h.as_str()) {
                        set_once(&mut self.meta.ld_headline, h);
                    }
                    let publisher = match m.get("publisher") {
                        Some(serde_json::Value::Array(a)) => a.first(),
                        p => p,
                    };
                    if let Some(name) = publisher
                        .and_then(|p| p.get("name"))
                        .and_then(|n| n.as_str())
                    {
                        set_once(&mut self.meta.ld_publisher, name);
                    }
                    todo.extend(m.values().rev().filter(|v| v.is_object() || v.is_array()));
                }
                serde_json::Value::Array(a) => {
                    todo.extend(a.iter().rev().filter(|v| v.is_object() || v.is_array()))
                }
                _ => {}
            }
        }
    }

    fn finish(mut self) -> HtmlText {
        while let Some(open) = self.stack.pop() {
            self.close(open);
        }
        let text = self.out.text();
        let mut furniture = std::mem::take(&mut self.furniture);
        furniture.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(furniture.len());
        for r in furniture {
            match merged.last_mut() {
                Some(last)
                    if r.start <= last.end
                        || (r.start == last.end + 1
                            && matches!(text.as_bytes()[last.end], b'\n' | b' ')) =>
                {
                    last.end = last.end.max(r.end);
                }
                _ => merged.push(r),
            }
        }
        let m = self.meta;
        let site_name = m.og_site.or(m.app_name).or(m.ld_publisher);
        let h1 = self
            .h1_article
            .or(self.h1_any)
            .map(|r| clean_value(&text[r]))
            .filter(|t| !t.is_empty());
        let title = m
            .og_title
            .or(m.twitter_title)
            .or(m.title)
            .or(m.ld_headline)
            .map(|t| trim_site(&t, site_name.as_deref()))
            .or(h1);
        let hints = Hints {
            published: m
                .dates
                .iter()
                .flatten()
                .next()
                .map(|d| (*d, DateSource::Meta)),
            title,
            site_name,
            url: m.canonical.or(m.og_url),
        };
        HtmlText {
            body: self.out,
            furniture: merged,
            article: self.article.map(|(_, r)| r),
            hints,
        }
    }
}

/// True when an end tag `</name` (followed by whitespace, `/` or `>`) starts at `lt`.
fn end_tag_at(b: &[u8], lt: usize, name: &[u8]) -> bool {
    let ns = lt + 2;
    let ne = ns + name.len();
    b.get(lt + 1) == Some(&b'/')
        && ne <= b.len()
        && b[ns..ne].eq_ignore_ascii_case(name)
        && matches!(
            b.get(ne),
            Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
        )
}

/// The end of a raw text element's content and the position after its end tag.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    for lt in memchr::memchr_iter(b'<', &b[from..]).map(|i| from + i) {
        if end_tag_at(b, lt, name) {
            let ne = lt + 2 + name.len();
            let after = memchr::memchr(b'>', &b[ne..]).map_or(b.len(), |g| ne + g + 1);
            return (lt, after);
        }
    }
    (b.len(), b.len())
}

/// Where the last end tag `</name` of the page starts.
fn last_end_tag(b: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memrchr_iter(b'<', b).find(|&lt| end_tag_at(b, lt, name))
}

fn set_once(slot: &mut Option<String>, raw: &str) {
    if slot.is_none() {
        let v = clean_value(&entities::decode_str(raw, true));
        if !v.is_empty() {
            *slot = Some(v);
        }
    }
}

/// Whitespace collapsed and trimmed.
fn clean_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A `<title>` without the site name it repeats: "Статья | Сайт" → "Статья" when the site
/// is called "Сайт" (also "Сайт - Статья").
fn trim_site(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: &[&str] = &[
        " | ", " - ", " — ", " – ", " :: ", " / ", " · ", " » ", " : ",
    ];
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    let same = |a: &str| a.trim().to_lowercase() == site.to_lowercase();
    for sep in SEPARATORS {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (title[..i].trim(), &title[i + sep.len()..]);
            if same(tail) && !head.is_empty() {
                return head.to_string();
            }
        }
        if let Some(i) = title.find(sep) {
            let (head, tail) = (&title[..i], title[i + sep.len()..].trim());
            if same(head) && !tail.is_empty() {
                return tail.to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(src: &str) -> String {
        let h = parse(src);
        crate::ingest::check::mapping(src, &h.body).unwrap();
        crate::ingest::check::ranges(h.body.text(), &h.furniture, h.article.as_ref()).unwrap();
        h.body.text().to_string()
    }

    #[test]
    fn blocks_become_lines_and_whitespace_collapses() {
        assert_eq!(
            body("<p>Первый   абзац\n  текста.</p>\n\n<p>Второй <b>жирный</b> абзац.</p>"),
            "Первый абзац текста.\nВторой жирный абзац."
        );
        assert_eq!(body("a<br>b<br/><br>c"), "a\nb\nc");
        assert_eq!(body("<ul><li>один<li>два</ul>после"), "один\nдва\nпосле");
        assert_eq!(body("  <div> <span>x</span> </div> "), "x");
    }

    #[test]
    fn entities_are_decoded_and_mapped_to_the_reference() {
        let src = "<p>Ереван &laquo;не рассматривает&raquo;&nbsp;выход</p>";
        let h = parse(src);
        assert_eq!(h.body.text(), "Ереван «не рассматривает» выход");
        let at = h.body.text().find('«').unwrap();
        let r = h.body.range_to_source(at..at + '«'.len_utf8());
        assert_eq!(&src[r], "&laquo;");
        let w = h.body.text().find("выход").unwrap();
        assert_eq!(&src[h.body.range_to_source(w..w + "выход".len())], "выход");
    }

    #[test]
    fn hidden_content_is_dropped() {
        let src =
            "<head><title>T</title><style>p{}</style><script>if (a<b) x='</p>'</script></head>\
                   <body><noscript>включите JS</noscript><p>Текст</p><svg><text>svg</text></svg>\
                   <template><p>tpl</p></template><select><option>opt</select><p>ещё</p>";
        assert_eq!(body(src), "Текст\nещё");
    }

    #[test]
    fn no_break_spaces_and_soft_hyphens() {
        assert_eq!(
            body("<p>4&nbsp;декабря</p><p>&nbsp;</p><p>Мини&shy;стр</p>"),
            "4 декабря\nМинистр"
        );
        assert_eq!(
            body("<p>4\u{a0}декабря</p><p>\u{a0}</p><p>Мини\u{ad}стр «x»</p>"),
            "4 декабря\nМинистр «x»"
        );
        let src = "<p>Мини\u{ad}стр</p>";
        let h = parse(src);
        let r = h.body.range_to_source(0..h.body.len());
        assert_eq!(&src[r], "Мини\u{ad}стр");
    }

    #[test]
    fn unclosed_hiding_elements_do_not_swallow_the_page() {
        assert_eq!(body("<title>Т<p>Текст</p>"), "Т\nТекст");
        assert_eq!(body("<noscript>a<p>b"), "a\nb");
        assert_eq!(body("<select><option>x<p>Текст"), "x\nТекст");
        assert_eq!(body("<svg><p>Текст"), "Текст");
        assert_eq!(body("<svg>скрыто</svg><svg>текст"), "текст");
        assert_eq!(body("<p>a</p><script>var x = 1;<p>b"), "a");
        let many = "<title>x".repeat(20_000);
        assert_eq!(body(&many).len(), "x".len() * 20_000 + 19_999);
    }

    #[test]
    fn comments_doctype_and_odd_markup() {
        assert_eq!(body("<!DOCTYPE html><!-- <p>нет</p> --><p>да</p>"), "да");
        assert_eq!(body("a < b, 3<4 и </ > конец"), "a < b, 3<4 и конец");
        // a letter after `<` opens a tag, as in browsers
        assert_eq!(body("c<d, e> f"), "c f");
        assert_eq!(body("<p title='a > b'>x</p>"), "x");
        assert_eq!(body("<p>x</p><!-- unclosed"), "x");
        assert_eq!(body("x<div class=\"unclosed"), "x");
    }

    #[test]
    fn furniture_and_article_ranges() {
        let src = "<header><nav class=menu><a>Главная</a> <a>Политика</a></nav></header>\
                   <div class='page with-sidebar'><article><h1>Заголовок</h1><p>Текст статьи.</p>\
                   <div class='share-buttons'>Поделиться</div></article>\
                   <aside class='most-read'><p>Самое читаемое</p></aside></div>\
                   <footer>© 2026</footer>";
        let h = parse(src);
        let t = h.body.text();
        assert_eq!(
            t,
            "Главная Политика\nЗаголовок\nТекст статьи.\nПоделиться\nСамое читаемое\n© 2026"
        );
        let pieces: Vec<&str> = h.furniture.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(
            pieces,
            ["Главная Политика", "Поделиться\nСамое читаемое\n© 2026"]
        );
        assert_eq!(
            &t[h.article.unwrap()],
            "Заголовок\nТекст статьи.\nПоделиться"
        );
    }

    #[test]
    fn article_body_beats_article() {
        let src = "<article><p>Анонс</p><div itemprop=\"articleBody\"><p>Суть.</p></div></article>\
                   <article><p>Другая статья, подлиннее первой.</p></article>";
        let h = parse(src);
        assert_eq!(&h.body.text()[h.article.unwrap()], "Суть.");
    }

    #[test]
    fn header_inside_the_article_is_not_furniture() {
        let h = parse("<article><header><h1>Заголовок</h1></header><p>Текст</p></article>");
        assert!(h.furniture.is_empty());
    }

    #[test]
    fn class_words() {
        assert!(furniture_names("b-menu"));
        assert!(furniture_names("mostRead"));
        assert!(furniture_names("block most_read"));
        assert!(furniture_names("social-share js-x"));
        assert!(!furniture_names("has-sidebar"));
        assert!(!furniture_names("canvas navigate"));
        assert!(!furniture_names("article-header"));
        assert!(article_body_names("article__body"));
        assert!(article_body_names("newsText"));
        assert!(!article_body_names("article content-wrap"));
    }

    #[test]
    fn hints_from_meta() {
        let src = r#"<html><head>
            <title>Визит в Брюссель | Новости Кавказа</title>
            <meta property="og:site_name" content="Новости Кавказа">
            <meta property="article:published_time" content="2026-02-17T09:42:00+04:00">
            <link rel="canonical" href="https://example.org/a?x=1&amp;y=2">
            </head><body><h1>Заголовок H1</h1></body></html>"#;
        let h = parse(src).hints;
        assert_eq!(h.title.as_deref(), Some("Визит в Брюссель"));
        assert_eq!(h.site_name.as_deref(), Some("Новости Кавказа"));
        assert_eq!(h.url.as_deref(), Some("https://example.org/a?x=1&y=2"));
        assert_eq!(
            h.published,
            Some((
                NaiveDate::from_ymd_opt(2026, 2, 17).unwrap(),
                DateSource::Meta
            ))
        );
    }

    #[test]
    fn hints_from_json_ld_time_and_h1() {
        let src = r#"<script type="application/ld+json">{"@context":"https://schema.org",
            "@graph":[{"@type":"NewsArticle","datePublished":"2025-12-05T08:00:00Z",
            "headline":"Из JSON-LD","publisher":{"@type":"Organization","name":"Report"}}]}</script>
            <article><time datetime="2025-12-04">4 декабря</time><h1>Из H1</h1></article>"#;
        let h = parse(src).hints;
        assert_eq!(
            h.published.unwrap().0,
            NaiveDate::from_ymd_opt(2025, 12, 5).unwrap()
        );
        assert_eq!(h.site_name.as_deref(), Some("Report"));
        assert_eq!(h.title.as_deref(), Some("Из JSON-LD"));
        let h = parse(
            "<article><time datetime=\"2025-12-04\">4 декабря</time><h1>Из H1</h1></article>",
        )
        .hints;
        assert_eq!(
            h.published.unwrap().0,
            NaiveDate::from_ymd_opt(2025, 12, 4).unwrap()
        );
        assert_eq!(h.title.as_deref(), Some("Из H1"));
        // a <time> outside the article says nothing
        assert!(parse("<time datetime=\"2025-12-04\">x</time>")
            .hints
            .published
            .is_none());
    }

    #[test]
    fn title_site_suffix() {
        assert_eq!(trim_site("Статья - Сайт", Some("сайт")), "Статья");
        assert_eq!(trim_site("Сайт | Статья", Some("Сайт")), "Статья");
        assert_eq!(
            trim_site("Статья - Другое", Some("Сайт")),
            "Статья - Другое"
        );
        assert_eq!(trim_site("Статья - Сайт", None), "Статья - Сайт");
    }

    #[test]
    fn deep_nesting_and_stray_end_tags_stay_linear() {
        let deep = "<div>".repeat(100_000) + "текст" + &"</div>".repeat(100_000);
        assert_eq!(body(&deep), "текст");
        let stray = "</span>".repeat(100_000) + "x";
        assert_eq!(body(&stray), "x");
        let unclosed = "<b><i><p>".repeat(50_000) + "y";
        assert_eq!(body(&unclosed), "y");
    }
}
