package org.newslens.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Keeps a lower-case hyphenated word (long-range, state-of-the-art) in one token: the hyphen between two
 * lower-case letters is replaced, char for char, by a mark that Unicode word boundaries treat as word-internal,
 * and {@link UnmaskHyphenFilter} turns it back into a hyphen. Offsets are unchanged.
 *
 * <p>Hyphens inside URLs and e-mail addresses are left alone: masked, they broke the tokenizer's URL rule, so
 * ".../raindrops-falling-on-green-plant?adppopup=true" became the terms "raindrops-falling-on-green-plant",
 * "adppopup" and "true" instead of one dropped URL (about 21,000 sentences of rss-2022), and "rocket-lab.com" was a
 * term. Whether a hyphen is in a URL is asked of the same URL tokenizer, run first on the whitespace-delimited chunk
 * around it, and only when that chunk looks like it could hold a URL or an address. Not thread-safe.
 */
final class HyphenMask {
    static final char MASK = '\u00B7';
    private static final Pattern LOWER_HYPHEN = Pattern.compile("(?<=\\p{Ll})[-\u2010\u2011](?=\\p{Ll})");
    private static final String URL = UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.URL];
    private static final String EMAIL = UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.EMAIL];

    private final UAX29URLEmailTokenizer urls = new UAX29URLEmailTokenizer();
    private final OffsetAttribute offsets = urls.addAttribute(OffsetAttribute.class);
    private final TypeAttribute type = urls.addAttribute(TypeAttribute.class);

    String apply(String sentence) {
        if (!hasHyphen(sentence)) {
            return sentence;
        }
        Matcher m = LOWER_HYPHEN.matcher(sentence);
        char[] out = null;
        int chunkStart = -1;
        int chunkEnd = -1;
        boolean[] inUrl = null;
        while (m.find()) {
            int at = m.start();
            if (at >= chunkEnd) {
                chunkStart = at;
                while (chunkStart > 0 && !Character.isWhitespace(sentence.charAt(chunkStart - 1))) {
                    chunkStart--;
                }
                chunkEnd = at;
                while (chunkEnd < sentence.length() && !Character.isWhitespace(sentence.charAt(chunkEnd))) {
                    chunkEnd++;
                }
                inUrl = mayBeUrl(sentence, chunkStart, chunkEnd) ? urlChars(sentence.substring(chunkStart, chunkEnd)) : null;
            }
            if (inUrl == null || !inUrl[at - chunkStart]) {
                if (out == null) {
                    out = sentence.toCharArray();
                }
                out[at] = MASK;
            }
        }
        return out == null ? sentence : new String(out);
    }

    /** A URL or an address has a '/', an '@' or a dot before a letter (a domain) in it; most words have none. */
    private static boolean mayBeUrl(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '@' || (c == '.' && i + 1 < to && Character.isLetter(s.charAt(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Most sentences have no hyphen, and then the regex need not run at all. */
    private static boolean hasHyphen(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '\u2010' || c == '\u2011') {
                return true;
            }
        }
        return false;
    }

    private boolean[] urlChars(String sentence) {
        boolean[] inUrl = new boolean[sentence.length()];
        try {
            urls.setReader(new StringReader(sentence));
            urls.reset();
            while (urls.incrementToken()) {
                if (URL.equals(type.type()) || EMAIL.equals(type.type())) {
                    java.util.Arrays.fill(inUrl, offsets.startOffset(), offsets.endOffset(), true);
                }
            }
            urls.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                urls.close();
            } catch (IOException e) {
                // closing a reader over a string cannot fail
            }
        }
        return inUrl;
    }
}
