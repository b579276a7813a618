//! Lexemes, normal forms and inflection of an analysis, as pymorphy's `get_lexeme`,
//! `normalized` and `_inflect`: every unit knows how to rebuild all forms of the word it
//! analysed, wrapping the forms of the unit it delegated to (prefixes, particles, hyphens).

use crate::analyzer::{replace_grammemes, Method};
use crate::dict::char_slice;
use crate::grammeme::{GramSet, Grammeme as G, RARE_CASES};
use crate::{Morph, Parse};

fn drop_chars_front(s: &str, n: usize) -> &str {
    char_slice(s, n, usize::MAX)
}

fn drop_chars_back(s: &str, n: usize) -> &str {
    let total = s.chars().count();
    char_slice(s, 0, total.saturating_sub(n))
}

/// Python's `s[:s.index('-')]` and `s[s.index('-')+1:]` (the whole string and "" when there
/// is no hyphen, where Python would raise).
fn split_hyphen(s: &str) -> (&str, &str) {
    s.split_once('-').unwrap_or((s, ""))
}

impl<'m> Parse<'m> {
    fn with(&self, word: String, normal_form: String, method: Method) -> Parse<'m> {
        Parse {
            word,
            tag: self.tag,
            normal_form,
            score: self.score,
            method,
            morph: self.morph,
        }
    }
}

impl Morph {
    pub(crate) fn lexeme_of<'m>(&'m self, form: &Parse<'m>) -> Vec<Parse<'m>> {
        self.lexeme_depth(form, 0)
    }

    fn lexeme_depth<'m>(&'m self, form: &Parse<'m>, depth: u32) -> Vec<Parse<'m>> {
        // Methods nest at most as deep as the analyzer recursed; this guard is for safety.
        if depth > 16 {
            return vec![form.clone()];
        }
        let d = &self.dict;
        match &form.method {
            Method::Dict { para, idx } | Method::Suffix { para, idx } => {
                let predicted = matches!(form.method, Method::Suffix { .. });
                let Some(paradigm) = d.paradigm(*para) else {
                    return vec![form.clone()];
                };
                let Some(stem) = d.stem(paradigm, *idx as usize, &form.word) else {
                    return vec![form.clone()];
                };
                let mut out = Vec::with_capacity(paradigm.len());
                for i in 0..paradigm.len() {
                    let (Some(pre), Some(suf), Some(tag)) = (
                        d.prefix(paradigm, i),
                        d.suffix(paradigm, i),
                        d.tag(paradigm, i),
                    ) else {
                        continue;
                    };
                    let word = format!("{}{}{}", pre.text, stem, suf.text);
                    let method = if predicted {
                        Method::Suffix {
                            para: *para,
                            idx: i as u16,
                        }
                    } else {
                        Method::Dict {
                            para: *para,
                            idx: i as u16,
                        }
                    };
                    out.push(Parse {
                        word,
                        tag,
                        normal_form: form.normal_form.clone(),
                        score: 1.0,
                        method,
                        morph: form.morph,
                    });
                }
                out
            }
            Method::InitialName => {
                let tags = if form.tag.has(G::Masc) {
                    &self.extra.name[..6]
                } else {
                    &self.extra.name[6..]
                };
                tags.iter()
                    .map(|&tag| Parse {
                        tag,
                        ..form.clone()
                    })
                    .collect()
            }
            Method::InitialPatr => self
                .extra
                .patr
                .iter()
                .map(|&tag| Parse {
                    tag,
                    ..form.clone()
                })
                .collect(),
            Method::Number
            | Method::Punct
            | Method::Roman
            | Method::Latin
            | Method::Unknown
            | Method::HyphenAdverb => vec![form.clone()],
            Method::KnownPrefix { prefix, inner } | Method::UnknownPrefix { prefix, inner } => {
                let n = prefix.chars().count();
                let inner_form = form.with(
                    drop_chars_front(&form.word, n).to_string(),
                    drop_chars_front(&form.normal_form, n).to_string(),
                    (**inner).clone(),
                );
                self.lexeme_depth(&inner_form, depth + 1)
                    .into_iter()
                    .map(|f| {
                        let method = match &form.method {
                            Method::KnownPrefix { .. } => Method::KnownPrefix {
                                prefix: prefix.clone(),
                                inner: Box::new(f.method.clone()),
                            },
                            _ => Method::UnknownPrefix {
                                prefix: prefix.clone(),
                                inner: Box::new(f.method.clone()),
                            },
                        };
                        Parse {
                            word: format!("{}{}", prefix, f.word),
                            normal_form: format!("{}{}", prefix, f.normal_form),
                            method,
                            ..f
                        }
                    })
                    .collect()
            }
            Method::Particle { particle, inner } => {
                let n = particle.chars().count();
                let inner_form = form.with(
                    drop_chars_back(&form.word, n).to_string(),
                    drop_chars_back(&form.normal_form, n).to_string(),
                    (**inner).clone(),
                );
                self.lexeme_depth(&inner_form, depth + 1)
                    .into_iter()
                    .map(|f| Parse {
                        word: format!("{}{}", f.word, particle),
                        normal_form: format!("{}{}", f.normal_form, particle),
                        method: Method::Particle {
                            particle,
                            inner: Box::new(f.method.clone()),
                        },
                        ..f
                    })
                    .collect()
            }
            Method::HyphenFixedLeft { left, right } => {
                let n = left.chars().count() + 1;
                let right_form = form.with(
                    drop_chars_front(&form.word, n).to_string(),
                    drop_chars_front(&form.normal_form, n).to_string(),
                    (**right).clone(),
                );
                self.lexeme_depth(&right_form, depth + 1)
                    .into_iter()
                    .map(|f| Parse {
                        word: format!("{}-{}", left, f.word),
                        normal_form: format!("{}-{}", left, f.normal_form),
                        method: Method::HyphenFixedLeft {
                            left: left.clone(),
                            right: Box::new(f.method.clone()),
                        },
                        ..f
                    })
                    .collect()
            }
            Method::HyphenBoth { left, right } => {
                let (lw, rw) = split_hyphen(&form.word);
                let (ln, rn) = split_hyphen(&form.normal_form);
                let left_form = form.with(lw.to_string(), ln.to_string(), (**left).clone());
                let right_form = form.with(rw.to_string(), rn.to_string(), (**right).clone());
                let left_lexeme = self.lexeme_depth(&left_form, depth + 1);
                let right_lexeme = self.lexeme_depth(&right_form, depth + 1);
                let same = [(G::VOy, G::VEy), (G::Gen1, G::Gent), (G::Loc1, G::Loct)];
                let mut out = Vec::with_capacity(right_lexeme.len());
                for r in right_lexeme {
                    let gr_right = replace_grammemes(r.tag.grammemes(), &same);
                    let mut best: Option<(usize, &Parse<'m>)> = None;
                    for l in &left_lexeme {
                        let gr_left = replace_grammemes(l.tag.grammemes(), &same);
                        let dist = gr_left.symmetric_difference(gr_right).len();
                        if !matches!(best, Some((b, _)) if dist >= b) {
                            best = Some((dist, l));
                        }
                    }
                    let Some((_, l)) = best else { continue };
                    out.push(Parse {
                        word: format!("{}-{}", l.word, r.word),
                        tag: l.tag,
                        normal_form: format!("{}-{}", l.normal_form, r.normal_form),
                        score: (l.score + r.score) / 2.0,
                        method: Method::HyphenBoth {
                            left: Box::new(l.method.clone()),
                            right: Box::new(r.method.clone()),
                        },
                        morph: form.morph,
                    });
                }
                out
            }
        }
    }

    pub(crate) fn normalized_of<'m>(&'m self, form: &Parse<'m>) -> Parse<'m> {
        self.normalized_depth(form, 0)
    }

    fn normalized_depth<'m>(&'m self, form: &Parse<'m>, depth: u32) -> Parse<'m> {
        if depth > 16 {
            return form.clone();
        }
        let d = &self.dict;
        match &form.method {
            Method::Dict { para, idx } | Method::Suffix { para, idx } => {
                if *idx == 0 {
                    return form.clone();
                }
                let Some(tag) = d.paradigm(*para).and_then(|p| d.tag(p, 0)) else {
                    return form.clone();
                };
                let method = match form.method {
                    Method::Suffix { .. } => Method::Suffix {
                        para: *para,
                        idx: 0,
                    },
                    _ => Method::Dict {
                        para: *para,
                        idx: 0,
                    },
                };
                Parse {
                    word: form.normal_form.clone(),
                    tag,
                    normal_form: form.normal_form.clone(),
                    score: 1.0,
                    method,
                    morph: form.morph,
                }
            }
            Method::InitialName => {
                let tag = if form.tag.has(G::Masc) {
                    self.extra.name[0]
                } else {
                    self.extra.name[6]
                };
                Parse {
                    tag,
                    ..form.clone()
                }
            }
            Method::InitialPatr => Parse {
                tag: self.extra.patr[0],
                ..form.clone()
            },
            Method::Number
            | Method::Punct
            | Method::Roman
            | Method::Latin
            | Method::Unknown
            | Method::HyphenAdverb => form.clone(),
            Method::KnownPrefix { prefix, inner } | Method::UnknownPrefix { prefix, inner } => {
                let n = prefix.chars().count();
                let inner_form = form.with(
                    drop_chars_front(&form.word, n).to_string(),
                    drop_chars_front(&form.normal_form, n).to_string(),
                    (**inner).clone(),
                );
                let f = self.normalized_depth(&inner_form, depth + 1);
                let method = match &form.method {
                    Method::KnownPrefix { .. } => Method::KnownPrefix {
                        prefix: prefix.clone(),
                        inner: Box::new(f.method),
                    },
                    _ => Method::UnknownPrefix {
                        prefix: prefix.clone(),
                        inner: Box::new(f.method),
                    },
                };
                Parse {
                    word: format!("{}{}", prefix, f.word),
                    normal_form: format!("{}{}", prefix, f.normal_form),
                    method,
                    tag: f.tag,
                    score: f.score,
                    morph: form.morph,
                }
            }
            Method::Particle { particle, inner } => {
                let n = particle.chars().count();
                let inner_form = form.with(
                    drop_chars_back(&form.word, n).to_string(),
                    drop_chars_back(&form.normal_form, n).to_string(),
                    (**inner).clone(),
                );
                let f = self.normalized_depth(&inner_form, depth + 1);
                Parse {
                    word: format!("{}{}", f.word, particle),
                    normal_form: format!("{}{}", f.normal_form, particle),
                    method: Method::Particle {
                        particle,
                        inner: Box::new(f.method),
                    },
                    tag: f.tag,
                    score: f.score,
                    morph: form.morph,
                }
            }
            Method::HyphenFixedLeft { .. } | Method::HyphenBoth { .. } => self
                .lexeme_depth(form, depth)
                .into_iter()
                .next()
                .unwrap_or_else(|| form.clone()),
        }
    }

    /// pymorphy's `_inflect`: the lexeme's form that has all `required` grammemes and is
    /// closest to `form` otherwise.
    pub(crate) fn inflect_of<'m>(
        &'m self,
        form: &Parse<'m>,
        required: GramSet,
    ) -> Option<Parse<'m>> {
        let lexeme = self.lexeme_of(form);
        let mut required = required;
        if !lexeme
            .iter()
            .any(|f| f.tag.grammemes().contains_all(required))
        {
            required = fix_rare_cases(required);
        }
        let grammemes = self.updated_grammemes(form.tag.grammemes(), required);
        let mut best: Option<(f64, Parse<'m>)> = None;
        for f in lexeme {
            let tg = f.tag.grammemes();
            if !tg.contains_all(required) {
                continue;
            }
            let sim = grammemes.intersection(tg).len() as f64
                - 0.1 * grammemes.symmetric_difference(tg).len() as f64;
            if !matches!(&best, Some((b, _)) if sim <= *b) {
                best = Some((sim, f));
            }
        }
        best.map(|(_, f)| f)
    }

    /// pymorphy's `updated_grammemes`: `required` added, grammemes incompatible with them removed.
    pub(crate) fn updated_grammemes(&self, tag: GramSet, required: GramSet) -> GramSet {
        let mut out = tag.union(required);
        for g in required.iter() {
            if let Some(inc) = self.dict.incompatible.get(g as usize) {
                out = out.difference(*inc);
            }
        }
        out
    }
}

fn fix_rare_cases(set: GramSet) -> GramSet {
    let mut out = set;
    for &(rare, common) in RARE_CASES {
        if out.contains(rare) {
            out = out.without(rare).with(common);
        }
    }
    out
}
