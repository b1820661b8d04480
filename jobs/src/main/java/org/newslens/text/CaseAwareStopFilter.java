package org.newslens.text;

import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Drops stop words before lower-casing, except all-capital acronyms: "US" (the country) stays a term
 * while "us" (the pronoun) is dropped; likewise "IT", "WHO", "AND" in a name. Position gaps remain,
 * so n-grams never span a removed word.
 *
 * <p>Two limits to the exception. In a sentence written in capitals ("WAR IN UKRAINE: THE US AND ITS ALLIES")
 * case says nothing, so only {@link #CAPITALS_ACRONYMS} survive there, not THE, AND or ITS. And the user's own
 * stop words (--stopwords) are dropped in any case: listing AFP means AFP too.
 */
final class CaseAwareStopFilter extends FilteringTokenFilter {
    /** Stop words that, in capitals, are nearly always an acronym in news even in an all-capitals headline. */
    static final CharArraySet CAPITALS_ACRONYMS = CharArraySet.unmodifiableSet(new CharArraySet(List.of("US"), false));

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final CharArraySet stopWords;
    private final CharArraySet alwaysDropped;
    private String sentence = "";
    /** null until asked: whether {@link #sentence} is in capitals, needed only when a stop word is an acronym */
    private Boolean inCapitals;

    CaseAwareStopFilter(TokenStream input, CharArraySet stopWords, CharArraySet alwaysDropped) {
        super(input);
        this.stopWords = stopWords;
        this.alwaysDropped = alwaysDropped;
    }

    /** The next sentence, set before each reset; whether it is written in capitals is worked out only if needed. */
    void sentence(String sentence) {
        this.sentence = sentence;
        this.inCapitals = null;
    }

    private boolean inCapitals() {
        if (inCapitals == null) {
            inCapitals = inCapitals(sentence);
        }
        return inCapitals;
    }

    @Override
    protected boolean accept() {
        char[] buf = term.buffer();
        int n = term.length();
        if (!stopWords.contains(buf, 0, n)) {
            return true;
        }
        if (alwaysDropped.contains(buf, 0, n)) {
            return false;
        }
        // only an acronym survives, and in a sentence in capitals only one of CAPITALS_ACRONYMS (all acronyms)
        return isAcronym(term) && (!inCapitals() || CAPITALS_ACRONYMS.contains(buf, 0, n));
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

    /** At least 8 cased letters, at most one in ten of them lower case (scripts without case do not count). */
    static boolean inCapitals(String sentence) {
        int letters = 0;
        int lower = 0;
        for (int i = 0; i < sentence.length(); i++) {
            char c = sentence.charAt(i);
            if (Character.isLowerCase(c)) {
                letters++;
                lower++;
            } else if (Character.isUpperCase(c)) {
                letters++;
            }
        }
        return letters >= 8 && lower * 10 <= letters;
    }
}
