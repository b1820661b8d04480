package org.newslens.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.CharArraySet;
import org.newslens.text.StopWords;

/**
 * Which languages' stop lists ({@link StopWords#functionWords}) hold a word: one bit per listed language. Language
 * evidence asks for the share of a text's words in one list, then in every other list, then in each candidate's:
 * up to 57 passes over the words, 28 lookups per word, 9 % of ingest's CPU at rss-2022 x4 (JFR). A text's words are
 * now looked up once each, and the masks of the most frequent words (the function words themselves, met in nearly
 * every text) are remembered. A mask is a pure function of the word, so what is remembered, and when, cannot change
 * a share.
 */
final class FunctionWords {
    private static final List<String> LISTED = StopWords.listedLanguages();
    private static final CharArraySet[] LISTS = new CharArraySet[LISTED.size()];
    private static final Map<String, Integer> INDEX = new HashMap<>();
    /** Words remembered at most (about 100 bytes each): the first ones met, which are the frequent ones. */
    private static final int REMEMBERED = 100_000;
    private static final Map<String, Long> MASKS = new ConcurrentHashMap<>();

    static {
        if (LISTED.size() > Long.SIZE) {
            throw new IllegalStateException(LISTED.size() + " stop lists: a mask holds " + Long.SIZE);
        }
        for (int i = 0; i < LISTS.length; i++) {
            LISTS[i] = StopWords.functionWords(LISTED.get(i));
            INDEX.put(LISTED.get(i), i);
        }
    }

    private FunctionWords() {
    }

    /** The listed languages, in bit order. */
    static List<String> languages() {
        return LISTED;
    }

    /** The language's bit, or -1 when it has no list. */
    static int bit(String language) {
        Integer i = language == null ? null : INDEX.get(language);
        return i == null ? -1 : i;
    }

    /** One mask per word, in order. */
    static long[] masks(List<String> words) {
        long[] masks = new long[words.size()];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = mask(words.get(i));
        }
        return masks;
    }

    static long mask(String word) {
        Long known = MASKS.get(word);
        if (known != null) {
            return known;
        }
        long mask = 0;
        for (int i = 0; i < LISTS.length; i++) {
            if (LISTS[i].contains(word)) {
                mask |= 1L << i;
            }
        }
        if (MASKS.size() < REMEMBERED) {
            MASKS.putIfAbsent(word, mask);
        }
        return mask;
    }

    /** Words whose mask has the bit. */
    static int count(long[] masks, int bit) {
        long b = 1L << bit;
        int n = 0;
        for (long m : masks) {
            if ((m & b) != 0) {
                n++;
            }
        }
        return n;
    }
}
