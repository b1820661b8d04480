package org.newslens.text;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Drops stop words before lower-casing, except all-capital acronyms: "US" (the country) stays a term
 * while "us" (the pronoun) is dropped; likewise "IT", "WHO", "AND" in a name. Position gaps remain,
 * so n-grams never span a removed word.
 */
final class CaseAwareStopFilter extends FilteringTokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final CharArraySet stopWords;

    CaseAwareStopFilter(TokenStream input, CharArraySet stopWords) {
        super(input);
        this.stopWords = stopWords;
    }

    @Override
    protected boolean accept() {
        if (!stopWords.contains(term.buffer(), 0, term.length())) {
            return true;
        }
        return isAcronym(term);
    }

    static boolean isAcronym(CharSequence s) {
        if (s.length() < 2) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isUpperCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
