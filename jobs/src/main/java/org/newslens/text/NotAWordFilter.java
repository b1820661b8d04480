package org.newslens.text;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Drops what is not a word: single characters of alphabetic scripts, tokens without letters
 * (numbers like 11,000 or 2.5), and digit-heavy codes (ids, URL fragments); G20 and F-16 stay.
 */
final class NotAWordFilter extends FilteringTokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    NotAWordFilter(TokenStream input) {
        super(input);
    }

    @Override
    protected boolean accept() {
        int n = term.length();
        if (n == 0) {
            return false;
        }
        if (n == 1) {
            return Character.isIdeographic(term.charAt(0));
        }
        int digits = 0;
        int letters = 0;
        for (int i = 0; i < n; i++) {
            char c = term.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
            }
        }
        return letters > 0 && digits <= 2 * letters;
    }
}
