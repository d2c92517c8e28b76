//! The accent-, case- and punctuation-insensitive form of labels and queries.

/// The base letters of the accented Latin-1 and Latin Extended-A letters that French
/// names use, lower-cased; `None` for a character that folds to a separator. (The
/// duplicates of a file compare names through it too: `demande/duplicates.rs`.)
pub(crate) fn base(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ā' | 'Ā' | 'ă' | 'Ă' | 'ą' | 'Ą' => {
            "a"
        }
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' => "c",
        'ď' | 'Ď' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ē' | 'Ē' | 'ę' | 'Ę' | 'ě' | 'Ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'ī' | 'Ī' => "i",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'ø' | 'Ø' | 'ō' | 'Ō' | 'ő' | 'Ő' => {
            "o"
        }
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'ū' | 'Ū' | 'ů' | 'Ů' | 'ű' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'š' | 'Š' | 'ś' | 'Ś' => "s",
        'ž' | 'Ž' | 'ź' | 'Ź' | 'ż' | 'Ż' => "z",
        'ł' | 'Ł' => "l",
        'ř' | 'Ř' => "r",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' => "ss",
        _ => return None,
    })
}

/// Folds `s` for search: accents removed, lower case, every other character a separator,
/// words joined by one space. `scripts/gen_nomenclatures.py` folds the embedded names the
/// same way (a test checks every commune).
///
/// ```
/// use rppsplus_core::nomenclature::fold;
/// assert_eq!(fold("Saint-Étienne"), "saint etienne");
/// assert_eq!(fold("  L'Haÿ-les-Roses "), "l hay les roses");
/// assert_eq!(fold("Œuilly"), "oeuilly");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let lower;
        let piece = if c.is_ascii_alphanumeric() {
            lower = [c.to_ascii_lowercase() as u8];
            std::str::from_utf8(&lower).unwrap_or_default()
        } else if let Some(b) = base(c) {
            b
        } else {
            pending_space = true;
            continue;
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push_str(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        assert_eq!(fold(""), "");
        assert_eq!(fold("---"), "");
        assert_eq!(fold("Marseille 3e Arrondissement"), "marseille 3e arrondissement");
        assert_eq!(fold("ST\u{0}ÉTIENNE\t"), "st etienne");
    }
}
