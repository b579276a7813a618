//! Span overlap and one-to-one matching, shared by the scorers.

/// A character span `(start, end)`, end exclusive.
pub type Span = (usize, usize);

/// Whether two half-open spans share at least one character.
pub fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Number of characters two spans share.
pub fn overlap_len(a: Span, b: Span) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// A maximum one-to-one matching between `left` items and right items (Kuhn's augmenting
/// paths). `adj[i]` lists the right items that left item `i` may match. Returns, for each
/// left item, the right item it is matched to.
pub fn max_matching(adj: &[Vec<usize>], n_right: usize) -> Vec<Option<usize>> {
    fn augment(
        i: usize,
        adj: &[Vec<usize>],
        seen: &mut [bool],
        right_of: &mut [Option<usize>],
        left_of: &mut [Option<usize>],
    ) -> bool {
        for &j in &adj[i] {
            if seen[j] {
                continue;
            }
            seen[j] = true;
            let free = match left_of[j] {
                None => true,
                Some(k) => augment(k, adj, seen, right_of, left_of),
            };
            if free {
                left_of[j] = Some(i);
                right_of[i] = Some(j);
                return true;
            }
        }
        false
    }
    let mut right_of = vec![None; adj.len()];
    let mut left_of = vec![None; n_right];
    for i in 0..adj.len() {
        let mut seen = vec![false; n_right];
        augment(i, adj, &mut seen, &mut right_of, &mut left_of);
    }
    right_of
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap() {
        assert!(overlaps((0, 5), (4, 9)));
        assert!(!overlaps((0, 5), (5, 9)));
        assert_eq!(overlap_len((0, 5), (3, 9)), 2);
        assert_eq!(overlap_len((0, 5), (6, 9)), 0);
    }

    #[test]
    fn matching_finds_the_maximum() {
        // Greedy would match 0–0 and leave 1 alone; the maximum is 0–1, 1–0.
        let adj = vec![vec![0, 1], vec![0]];
        let m = max_matching(&adj, 2);
        assert_eq!(m, vec![Some(1), Some(0)]);
        assert_eq!(max_matching(&[vec![], vec![0]], 1), vec![None, Some(0)]);
    }
}
