//! LIX (läsbarhetsindex, Björnsson 1968): words per sentence plus the share of
//! long words (more than 6 letters) in per cent. Participant pages aim at ≤ 30.

/// The readability of a text. Punctuation is stripped before letters are
/// counted ("arbete." has 6 letters). A sentence ends at `.`, `!`, `?`, `:`, `;` or
/// a line break: a page's headings, labels and buttons stand on lines of their own.
pub fn lix(text: &str) -> f64 {
    let words: Vec<&str> = text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    if words.is_empty() {
        return 0.0;
    }
    let sentences = text
        .split(['.', '!', '?', ':', ';', '\n'])
        .filter(|part| part.chars().any(char::is_alphanumeric))
        .count()
        .max(1);
    let long = words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 6).count();
    words.len() as f64 / sentences as f64 + 100.0 * long as f64 / words.len() as f64
}

#[cfg(test)]
mod tests {
    use super::lix;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn short_words_in_short_sentences_score_low() {
        // 8 words, 2 sentences, no long words: 4 + 0.
        assert!(close(lix("Du har ett möte. Det är i dag."), 4.0));
    }

    #[test]
    fn long_words_count_by_letters_without_punctuation() {
        // "arbete." has 6 letters: not long. "arbetsplats." has 11: long.
        // 2 words, 1 sentence, 1 long: 2 + 50.
        assert!(close(lix("Bra arbete."), 2.0));
        assert!(close(lix("Ny arbetsplats."), 2.0 + 50.0));
    }

    #[test]
    fn swedish_letters_are_letters() {
        // "försäkringskassan" has 17 letters: long; "måndag!" has 6: not long.
        assert!(close(lix("Ring försäkringskassan på måndag!"), 4.0 + 100.0 * 1.0 / 4.0));
    }

    #[test]
    fn a_line_break_ends_a_sentence() {
        // A heading and a sentence: 4 words, 2 sentences, 1 long ("kontakter"): 2 + 25.
        assert!(close(lix("Dina kontakter\nRing dem."), 2.0 + 25.0));
    }

    #[test]
    fn a_semicolon_ends_a_sentence() {
        // 6 words, 2 sentences, no long words: 3 + 0.
        assert!(close(lix("Ta med kortet; kom i tid"), 3.0));
    }

    #[test]
    fn a_text_without_end_marks_is_one_sentence() {
        assert!(close(lix("Mina steg mot ett jobb"), 5.0));
    }

    #[test]
    fn empty_and_punctuation_only_texts_score_zero() {
        assert!(close(lix(""), 0.0));
        assert!(close(lix(" ... !? "), 0.0));
    }

    #[test]
    fn a_bureaucratic_sentence_scores_high() {
        let text = "Handläggningen av ansökningar om aktivitetsersättning förutsätter kompletterande \
                    läkarintyg beträffande arbetsförmågan.";
        assert!(lix(text) > 60.0, "{}", lix(text));
    }
}
