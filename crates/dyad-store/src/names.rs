//! The names an actor is looked up by, kept in `actor_names` (form → key) as documents are
//! stored: every name the store saw the actor under and the dictionary's names for it,
//! folded; a person's surname; a Latin key of each; its Wikidata id. One indexed table, so
//! that finding "Алиев", "Алиевым", "Aliyev" or "Q…" costs the same at any store size, and
//! a prefix of a form suggests actors as one types ([`crate::query::suggest`]).

use dyad_lang::{fold, Lemmatize};
use rusqlite::{params, Connection};

/// What a form is of its actor; a full name outranks a surname when both match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FormKind {
    /// A whole name or abbreviation, folded ("ильхам алиев", "оон").
    Name,
    /// A person's surname alone ("алиев").
    Surname,
    /// [`latin_key`] of a name, a surname or the dictionary's Latin id ("aliev").
    Latin,
    /// A Wikidata item, folded ("q25") — unique, so it outranks everything.
    Wikidata,
}

impl FormKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Name => "name",
            FormKind::Surname => "surname",
            FormKind::Latin => "latin",
            FormKind::Wikidata => "wikidata",
        }
    }
}

/// A spelling-tolerant Latin key of a name in Cyrillic or Latin letters, so that "Aliyev",
/// "Aliev" and "Алиев" meet, as do "Zelenskyy" and "Зеленский", "Jeyhun" and "Джейхун":
/// Cyrillic by a plain transliteration; Latin digraphs and diacritics to the same letters;
/// y as i, doubled letters once, "ie" after a vowel or at a word's start as "e".
pub fn latin_key(s: &str) -> String {
    let s = fold(s);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (piece, used) = match (c, next) {
            ('s', Some('c')) if chars.get(i + 2) == Some(&'h') => ("sh", 3),
            ('k', Some('h')) => ("h", 2),
            ('p', Some('h')) => ("f", 2),
            ('c', Some('h')) => ("ch", 2),
            ('c', Some('k')) => ("k", 2),
            ('t', Some('z')) => ("ts", 2),
            ('z', Some('h')) => ("zh", 2),
            ('s', Some('h')) => ("sh", 2),
            _ => (one_letter(c), 1),
        };
        out.push_str(piece);
        i += used;
    }
    // y as i, then doubled letters once ("aliiev" → "aliev"), then "ie" → "e" where a
    // Russian е is written "ye" ("tokaiev" → "tokaev", "ierevan" → "erevan")
    let mut collapsed: Vec<char> = Vec::with_capacity(out.len());
    for c in out.chars().map(|c| if c == 'y' { 'i' } else { c }) {
        if collapsed.last() != Some(&c) || c == ' ' {
            collapsed.push(c);
        }
    }
    let vowel = |c: char| "aeiou".contains(c);
    let mut key = String::with_capacity(collapsed.len());
    for (i, &c) in collapsed.iter().enumerate() {
        let before = if i == 0 { None } else { Some(collapsed[i - 1]) };
        let drop_i = c == 'i'
            && collapsed.get(i + 1) == Some(&'e')
            && before.is_none_or(|b| b == ' ' || vowel(b));
        if !drop_i {
            key.push(c);
        }
    }
    key.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn one_letter(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'ы' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ъ' | 'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        'ə' | 'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' => "a",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'ı' | 'í' | 'ì' | 'î' | 'ï' => "i",
        'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' => "o",
        'ü' | 'ú' | 'ù' | 'û' => "u",
        'ş' | 'š' | 'ś' => "sh",
        'ç' | 'č' | 'ć' => "ch",
        'ž' | 'ż' | 'ź' => "zh",
        'ğ' => "g",
        'ñ' | 'ń' => "n",
        'ł' => "l",
        'j' => "dzh",
        'w' => "v",
        'x' => "ks",
        'q' => "k",
        'c' => "k",
        'a'..='z' | '0'..='9' => ascii(c),
        ' ' | '-' | '_' | '.' => " ",
        _ => "",
    }
}

fn ascii(c: char) -> &'static str {
    const ALL: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    ALL.find(c).map_or("", |i| &ALL[i..i + 1])
}

/// Whether a query is a Wikidata item id ("Q25", "q7747").
pub fn is_wikidata(q: &str) -> bool {
    let q = q.trim();
    q.len() > 1
        && matches!(q.as_bytes()[0], b'Q' | b'q')
        && q[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The forms of one actor, each with its kind: `names` are names in the nominative (the
/// first is the actor's own; for a person the last word of each is its surname), `latin`
/// Latin spellings (words of a dictionary id), `wikidata` its item.
pub fn forms<'a>(
    person: bool,
    names: impl IntoIterator<Item = &'a str>,
    latin: impl IntoIterator<Item = &'a str>,
    wikidata: Option<&str>,
) -> Vec<(String, FormKind)> {
    let mut out: Vec<(String, FormKind)> = Vec::new();
    let mut add = |form: String, kind: FormKind| {
        if !form.is_empty()
            && form.len() <= 200
            && !out.iter().any(|(f, k)| *f == form && *k == kind)
        {
            out.push((form, kind));
        }
    };
    for name in names {
        let folded = fold(name.trim());
        add(latin_key(&folded), FormKind::Latin);
        if person {
            if let Some(surname) = folded
                .split_whitespace()
                .last()
                .filter(|s| s.chars().count() > 2)
            {
                if surname != folded {
                    add(surname.to_string(), FormKind::Surname);
                    add(latin_key(surname), FormKind::Latin);
                }
            }
        }
        // a person named by one word is named by a surname ("Алиев"): it ranks with the
        // surnames of the others, not above them
        let one_word = !folded.contains(' ');
        add(
            folded,
            if person && one_word {
                FormKind::Surname
            } else {
                FormKind::Name
            },
        );
    }
    for l in latin {
        add(latin_key(l), FormKind::Latin);
    }
    if let Some(w) = wikidata.filter(|w| is_wikidata(w)) {
        add(fold(w), FormKind::Wikidata);
    }
    out
}

/// The forms of a stored entity: its name as the document gave it, and where its key is a
/// dictionary actor, the dictionary's names, Latin id and Wikidata item too.
pub fn entity_forms(
    kind: &str,
    name: &str,
    key: &str,
    wikidata: Option<&str>,
) -> Vec<(String, FormKind)> {
    let d = dyad_actors::dictionary();
    let mut names: Vec<&str> = vec![name];
    let mut latin: Vec<String> = Vec::new();
    let mut wikidata = wikidata.map(str::to_string);
    let mut person = kind == "PER";
    if let Some(s) = d.state(key) {
        names.extend(s.names.iter().chain(&s.abbreviations).map(String::as_str));
        wikidata = wikidata.or(s.wikidata.clone());
        person = false;
    } else if let Some(o) = d.organization(key) {
        names.extend(o.names.iter().chain(&o.abbreviations).map(String::as_str));
        wikidata = wikidata.or(o.wikidata.clone());
    } else if let Some(p) = d.person(key) {
        names.push(&p.name);
        names.extend(p.aliases.iter().map(String::as_str));
        // ids are Latin names: "aliyev_ilham", "zyta_gilowska"; each word may be searched
        latin.push(p.id.replace('_', " "));
        latin.extend(p.id.split('_').filter(|w| w.len() > 2).map(str::to_string));
        wikidata = wikidata.or(p.wikidata.clone());
        person = true;
    }
    forms(
        person,
        names,
        latin.iter().map(String::as_str),
        wikidata.as_deref(),
    )
}

/// Creates `actor_names` where it is missing (a fresh store, or one written before names
/// were indexed) and fills it from the entities already stored.
pub(crate) fn create_index(conn: &Connection) -> rusqlite::Result<()> {
    let exists = conn.prepare("SELECT 1 FROM actor_names LIMIT 0").is_ok();
    if exists {
        return Ok(());
    }
    // form: a folded name, surname, Latin key or Wikidata id; kind: name | surname | latin |
    // wikidata ([`FormKind`]); its primary key is the look-up and the prefix range
    let tx = conn.unchecked_transaction()?;
    tx.execute_batch(
        "CREATE TABLE actor_names (
             form TEXT NOT NULL,
             key  TEXT NOT NULL,
             kind TEXT NOT NULL,
             PRIMARY KEY (form, key, kind)
         ) WITHOUT ROWID;",
    )?;
    {
        let mut st = tx.prepare("SELECT DISTINCT kind, name, key, wikidata FROM entities")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let (kind, name, key, wikidata): (String, String, String, Option<String>) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            add_entity(&tx, &kind, &name, &key, wikidata.as_deref())?;
        }
    }
    tx.commit()
}

/// Keeps the forms of a stored entity (a no-op for forms already there).
pub fn add_entity(
    conn: &Connection,
    kind: &str,
    name: &str,
    key: &str,
    wikidata: Option<&str>,
) -> rusqlite::Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT OR IGNORE INTO actor_names (form, key, kind) VALUES (?1, ?2, ?3)",
    )?;
    for (form, k) in entity_forms(kind, name, key, wikidata) {
        st.execute(params![form, key, k.as_str()])?;
    }
    Ok(())
}

/// The forms a query may be stored under, each with the kinds it may match: as written
/// (folded), each word by its likeliest lemma ("Алиевым" → "алиев"), its Latin key where it
/// has Latin letters, a Wikidata id as itself.
pub fn query_forms(
    q: &str,
    lemmatizer: Option<&dyn Lemmatize>,
) -> Vec<(String, &'static [FormKind])> {
    const WORDS: &[FormKind] = &[FormKind::Name, FormKind::Surname];
    const LATIN: &[FormKind] = &[FormKind::Latin];
    const WIKIDATA: &[FormKind] = &[FormKind::Wikidata];
    let q = q.trim();
    if is_wikidata(q) {
        return vec![(fold(q), WIKIDATA)];
    }
    let folded = fold(q);
    let mut out: Vec<(String, &'static [FormKind])> = vec![(folded.clone(), WORDS)];
    if let Some(lem) = lemmatizer {
        let lemmas: Vec<String> = folded
            .split_whitespace()
            .map(|w| {
                lem.lemmas(w)
                    .into_iter()
                    .next()
                    .map(|l| fold(&l))
                    .unwrap_or_else(|| w.to_string())
            })
            .collect();
        let lemmatized = lemmas.join(" ");
        if lemmatized != folded {
            out.push((lemmatized, WORDS));
        }
    }
    if folded.chars().any(|c| c.is_ascii_alphabetic()) {
        out.push((latin_key(&folded), LATIN));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_keys_meet_across_spellings_and_scripts() {
        for (a, b) in [
            ("Aliyev", "Алиев"),
            ("Aliev", "Алиев"),
            ("Lukashenko", "Лукашенко"),
            ("Zelenskyy", "Зеленский"),
            ("Zelensky", "Зеленский"),
            ("Pashinyan", "Пашинян"),
            ("Tokayev", "Токаев"),
            ("Jeyhun Bayramov", "Джейхун Байрамов"),
            ("Erdoğan", "Эрдоган"),
            ("Ilham Aliyev", "Ильхам Алиев"),
            ("Yerevan", "Ереван"),
            ("Khamenei", "Хаменеи"),
        ] {
            assert_eq!(latin_key(a), latin_key(b), "{a} / {b}");
        }
        assert_ne!(latin_key("Aliyev"), latin_key("Алиева"));
    }

    #[test]
    fn a_person_is_found_by_name_surname_latin_and_item() {
        let f = forms(true, ["Ильхам Алиев"], ["aliyev ilham"], Some("Q1"));
        let has = |s: &str, k: FormKind| f.iter().any(|(x, y)| x == s && *y == k);
        assert!(has("ильхам алиев", FormKind::Name));
        assert!(has("алиев", FormKind::Surname));
        assert!(has("aliev", FormKind::Latin));
        assert!(has("q1", FormKind::Wikidata));
        // a state's name is no surname
        let f = forms(false, ["Южная Корея"], [], None);
        assert!(!f.iter().any(|(_, k)| *k == FormKind::Surname));
    }

    #[test]
    fn wikidata_ids() {
        assert!(is_wikidata("Q25") && is_wikidata("q7747"));
        assert!(!is_wikidata("Q") && !is_wikidata("Qatar") && !is_wikidata("Q2a"));
    }
}
