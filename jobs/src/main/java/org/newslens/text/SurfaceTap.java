package org.newslens.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Passes tokens through unchanged and records each token's offsets and type, so one pass over a
 * sentence yields both the surface tokens and (further down the chain) the normalised terms.
 */
final class SurfaceTap extends TokenFilter {
    record Token(int start, int end, String type) {
    }

    private final OffsetAttribute offsets = addAttribute(OffsetAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final List<Token> seen = new ArrayList<>();

    SurfaceTap(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        seen.add(new Token(offsets.startOffset(), offsets.endOffset(), type.type()));
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        seen.clear();
    }

    List<Token> tokens() {
        return seen;
    }
}
