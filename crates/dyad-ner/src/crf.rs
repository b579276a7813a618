//! Viterbi decoding of a linear-chain CRF, as slovnet's `CRF.decode` (`slovnet/exec/model.py`):
//! no start or end scores, ties go to the lowest tag number (numpy's `argmax`), and the
//! scores are added in slovnet's order, `(score[i] + transitions[i][j]) + emission[j]`.

/// The best tag sequence for `emissions` (`len × tags` scores, row per token) under
/// `transitions` (`tags × tags`, from × to), written to `out` (cleared first).
/// `history` is scratch space, reused across calls.
pub fn viterbi(
    emissions: &[f32],
    tags: usize,
    transitions: &[f32],
    history: &mut Vec<u8>,
    out: &mut Vec<u8>,
) {
    out.clear();
    if tags == 0 || emissions.len() < tags {
        return;
    }
    assert!(tags <= 256 && transitions.len() >= tags * tags);
    let len = emissions.len() / tags;
    let mut score: Vec<f32> = emissions[..tags].to_vec();
    let mut next = vec![0.0f32; tags];
    history.clear();
    history.resize((len - 1) * tags, 0);
    for t in 1..len {
        let em = &emissions[t * tags..(t + 1) * tags];
        let hist = &mut history[(t - 1) * tags..t * tags];
        for j in 0..tags {
            let mut best = (score[0] + transitions[j]) + em[j];
            let mut best_i = 0;
            for i in 1..tags {
                let v = (score[i] + transitions[i * tags + j]) + em[j];
                if v > best {
                    best = v;
                    best_i = i;
                }
            }
            next[j] = best;
            hist[j] = best_i as u8;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut best = argmax(&score);
    out.resize(len, 0);
    out[len - 1] = best as u8;
    for t in (1..len).rev() {
        best = history[(t - 1) * tags + best] as usize;
        out[t - 1] = best as u8;
    }
}

fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    for i in 1..v.len() {
        if v[i] > v[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(em: &[f32], tags: usize, tr: &[f32]) -> Vec<u8> {
        let (mut h, mut out) = (Vec::new(), Vec::new());
        viterbi(em, tags, tr, &mut h, &mut out);
        out
    }

    #[test]
    fn no_transitions_is_argmax_per_token() {
        let em = [
            1.0, 2.0, 0.0, /**/ 3.0, 1.0, 0.0, /**/ 0.0, 0.0, 5.0,
        ];
        assert_eq!(decode(&em, 3, &[0.0; 9]), [1, 0, 2]);
    }

    #[test]
    fn transitions_override_emissions() {
        // tag 1 may never follow tag 0
        let tr = [0.0, -100.0, 0.0, 0.0];
        let em = [2.0, 0.0, /**/ 0.0, 1.0];
        assert_eq!(decode(&em, 2, &tr), [0, 0]);
        // but a strong enough start on 1 keeps the path on 1
        let em = [2.0, 1.9, /**/ 0.0, 5.0];
        assert_eq!(decode(&em, 2, &tr), [1, 1]);
    }

    #[test]
    fn ties_go_to_the_first_tag_and_edges_are_safe() {
        assert_eq!(decode(&[1.0, 1.0, 1.0, 1.0], 2, &[0.0; 4]), [0, 0]);
        assert_eq!(decode(&[0.0, 7.0], 2, &[0.0; 4]), [1]);
        assert!(decode(&[], 2, &[0.0; 4]).is_empty());
        let long = vec![0.5f32; 2 * 100_000];
        assert_eq!(decode(&long, 2, &[0.0; 4]).len(), 100_000);
    }
}
