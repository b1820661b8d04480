package org.newslens.entities;

import java.text.Normalizer;

/**
 * Char-by-char folding for matching: accents removed (é -> e, ł -> l), curly quotes and primes to ASCII
 * quotes, Unicode hyphens and no-break spaces to ASCII. One char in, one char out, so an offset in the
 * folded text is the same offset in the original. {@link #lower} also lower-cases (per char, so the
 * length never changes, unlike {@link String#toLowerCase()} on 'İ').
 */
public final class Fold {
    private Fold() {
    }

    private static final char[] FOLD = new char[0x10000];

    static {
        for (int c = 0; c < 0x10000; c++) {
            FOLD[c] = (char) c;
        }
        for (int c = 0xC0; c < 0x2000; c++) {
            if (Character.isSurrogate((char) c) || !Character.isLetter(c)) {
                continue;
            }
            String d = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFD);
            if (d.length() > 1 && d.charAt(0) < 0x250 && d.chars().skip(1).allMatch(x -> Character.getType(x) == Character.NON_SPACING_MARK)) {
                FOLD[c] = d.charAt(0);
            }
        }
        set("ØøŁłĐđĦħıŦŧ", "OoLlDdHhiTt");
        set("\u2018\u2019\u201A\u201B\u2032\u02BC\u02BB\u0060\u00B4", "'''''''''");
        set("\u201C\u201D\u201E\u201F\u2033", "\"\"\"\"\"");
        set("\u2010\u2011\u00AD", "---");
        set("\u00A0\u2007\u202F", "   ");
    }

    private static void set(String from, String to) {
        for (int i = 0; i < from.length(); i++) {
            FOLD[from.charAt(i)] = to.charAt(i);
        }
    }

    public static char fold(char c) {
        return FOLD[c];
    }

    /** Accent- and quote-folded, same length, case kept. */
    public static String fold(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = FOLD[s.charAt(i)];
        }
        return new String(out);
    }

    /** Folded and lower-cased, same length. */
    public static String lower(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Character.toLowerCase(FOLD[s.charAt(i)]);
        }
        return new String(out);
    }
}
