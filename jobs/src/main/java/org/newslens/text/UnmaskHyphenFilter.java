package org.newslens.text;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns the mask that kept a lower-case hyphenated word in one token (see {@link HyphenMask}) back into a
 * hyphen. A char loop, because a regex per token (PatternReplaceFilter) cost more than the tokenizer.
 */
final class UnmaskHyphenFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final char mask;

    UnmaskHyphenFilter(TokenStream input, char mask) {
        super(input);
        this.mask = mask;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        char[] buf = term.buffer();
        for (int i = 0; i < term.length(); i++) {
            if (buf[i] == mask) {
                buf[i] = '-';
            }
        }
        return true;
    }
}
