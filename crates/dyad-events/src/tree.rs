//! A document's dependency trees, as the event stage walks them: each token's head and
//! relation (Universal Dependencies labels, from `dyad_lang::Annotated::deps`), its
//! children and subtree, the preposition that governs it, its conjuncts, its ancestors.

use dyad_lang::Dep;

/// The trees of a document's sentences, over its tokens.
pub(crate) struct Tree<'a> {
    deps: &'a [Dep],
    /// Each token's children, in text order.
    children: Vec<Vec<usize>>,
}

/// The part of a relation before its subtype: "nsubj:pass" → "nsubj".
pub(crate) fn base(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

impl<'a> Tree<'a> {
    pub fn new(deps: &'a [Dep]) -> Tree<'a> {
        let mut children = vec![Vec::new(); deps.len()];
        for (k, d) in deps.iter().enumerate() {
            if let Some(h) = d.head.filter(|&h| h < deps.len() && h != k) {
                children[h].push(k);
            }
        }
        Tree { deps, children }
    }

    pub fn head(&self, k: usize) -> Option<usize> {
        self.deps.get(k).and_then(|d| d.head)
    }

    /// The relation of token `k` to its head ("" when unparsed).
    pub fn rel(&self, k: usize) -> &'static str {
        self.deps.get(k).map_or("", |d| d.rel)
    }

    /// The relation without its subtype.
    pub fn base_rel(&self, k: usize) -> &'static str {
        base(self.rel(k))
    }

    pub fn children(&self, k: usize) -> &[usize] {
        self.children.get(k).map_or(&[], Vec::as_slice)
    }

    /// The children of `k` whose base relation is one of `rels`.
    pub fn children_in<'s>(
        &'s self,
        k: usize,
        rels: &'s [&str],
    ) -> impl Iterator<Item = usize> + 's {
        self.children(k)
            .iter()
            .copied()
            .filter(move |&c| rels.contains(&self.base_rel(c)))
    }

    /// The words that govern `k` as a preposition: its `case` children with their `fixed`
    /// parts ("в", "во время", "в ходе"), as token lists in text order.
    pub fn case_markers(&self, k: usize) -> Vec<Vec<usize>> {
        self.children_in(k, &["case"])
            .map(|c| {
                let mut words = vec![c];
                words.extend(self.children_in(c, &["fixed"]));
                words.sort_unstable();
                words
            })
            .collect()
    }

    /// `k` and its conjuncts ("с Россией, Китаем и Индией": every one of the three), in
    /// text order.
    pub fn conjuncts(&self, k: usize) -> Vec<usize> {
        let mut out = vec![self.coordination_head(k)];
        let mut i = 0;
        while i < out.len() && out.len() < 256 {
            let c: Vec<usize> = self
                .children_in(out[i], &["conj"])
                .filter(|c| !out.contains(c))
                .collect();
            out.extend(c);
            i += 1;
        }
        out.sort_unstable();
        out
    }

    /// The first member of `k`'s coordination: the word whose relation the conjuncts share.
    pub fn coordination_head(&self, k: usize) -> usize {
        let mut first = k;
        let mut steps = 0;
        while self.base_rel(first) == "conj" && steps < 64 {
            match self.head(first) {
                Some(h) => first = h,
                None => break,
            }
            steps += 1;
        }
        first
    }

    /// The first and last token of the subtree of `k` (a broken parse's cycles cut short).
    pub fn span(&self, k: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (k, k);
        let mut stack = vec![k];
        let mut seen = 0;
        while let Some(n) = stack.pop() {
            seen += 1;
            if seen > self.deps.len() {
                break;
            }
            lo = lo.min(n);
            hi = hi.max(n);
            stack.extend(self.children(n).iter().copied().filter(|&c| c != k));
        }
        (lo, hi)
    }

    /// The subtrees of `roots`, depth first from the last root, cut after `max` + 1 nodes
    /// (what was said, a complement's words).
    pub fn descendants(&self, roots: impl IntoIterator<Item = usize>, max: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = roots.into_iter().collect();
        while let Some(n) = stack.pop() {
            if out.len() > max {
                break;
            }
            out.push(n);
            stack.extend(self.children(n).iter().copied());
        }
        out
    }

    /// The ancestors of `k`, nearest first (a cycle in a broken parse ends the walk).
    pub fn ancestors(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        let mut cur = self.head(k);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let h = cur?;
            steps += 1;
            if steps > self.deps.len() {
                return None;
            }
            cur = self.head(h);
            Some(h)
        })
    }

    /// Steps from `a` up or down to `b` through their lowest common ancestor, if they are in
    /// one tree.
    pub fn distance(&self, a: usize, b: usize) -> Option<usize> {
        let up_a: Vec<usize> = std::iter::once(a).chain(self.ancestors(a)).collect();
        for (steps_b, n) in std::iter::once(b).chain(self.ancestors(b)).enumerate() {
            if let Some(steps_a) = up_a.iter().position(|&x| x == n) {
                return Some(steps_a + steps_b);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree from (head, rel) pairs with 1-based heads, 0 for the root, as CoNLL-U writes
    /// them.
    pub(crate) fn deps(v: &[(usize, &'static str)]) -> Vec<Dep> {
        v.iter()
            .map(|&(h, rel)| Dep {
                head: (h > 0).then(|| h - 1),
                rel,
            })
            .collect()
    }

    #[test]
    fn children_markers_and_conjuncts() {
        // "Переговоры с Россией , Китаем и Индией прошли в ходе визита ."
        let d = deps(&[
            (8, "nsubj"),
            (3, "case"),
            (1, "nmod"),
            (5, "punct"),
            (3, "conj"),
            (7, "cc"),
            (3, "conj"),
            (0, "root"),
            (11, "case"),
            (9, "fixed"),
            (8, "obl"),
            (8, "punct"),
        ]);
        let t = Tree::new(&d);
        assert_eq!(t.case_markers(2), vec![vec![1]]);
        assert_eq!(t.case_markers(10), vec![vec![8, 9]]);
        assert_eq!(t.conjuncts(2), vec![2, 4, 6]);
        assert_eq!(t.conjuncts(4), vec![2, 4, 6]);
        assert_eq!(t.coordination_head(6), 2);
        assert_eq!(t.ancestors(2).collect::<Vec<_>>(), vec![0, 7]);
        assert_eq!(t.distance(2, 4), Some(1));
        assert_eq!(t.span(2), (1, 6));
        assert_eq!(t.span(10), (8, 10));
    }

    #[test]
    fn broken_trees_end_walks() {
        let d = vec![
            Dep {
                head: Some(1),
                rel: "nmod",
            },
            Dep {
                head: Some(0),
                rel: "nmod",
            },
        ];
        let t = Tree::new(&d);
        assert_eq!(t.ancestors(0).count(), 2);
        assert!(t.distance(0, 1).is_some());
        assert_eq!(Tree::new(&[]).children(3), &[] as &[usize]);
    }
}
