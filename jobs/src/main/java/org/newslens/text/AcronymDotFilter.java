package org.newslens.text;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Removes the dots of letter-dot acronyms so that U.S. and US, U.K. and UK become one term. */
final class AcronymDotFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    AcronymDotFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (isDottedAcronym(term)) {
            int w = 0;
            char[] buf = term.buffer();
            for (int r = 0; r < term.length(); r++) {
                if (buf[r] != '.') {
                    buf[w++] = buf[r];
                }
            }
            term.setLength(w);
        }
        return true;
    }

    /** Single letters separated by dots: U.S, U.S.A, e.g (the tokenizer drops a final dot). */
    static boolean isDottedAcronym(CharSequence s) {
        int n = s.length();
        if (n < 3) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (i % 2 == 0 ? !Character.isLetter(c) : c != '.') {
                return false;
            }
        }
        return true;
    }
}
