package org.newslens.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.junit.jupiter.api.Test;

/** The shingle hashes are computed from the tokens' own hash codes; they must be those of the joined strings. */
class ArticleShinglesTest {
    /** The definition: String.hashCode of the lower-cased tokens joined by spaces, spread by Murmur, cut to 30 bits. */
    private static List<Integer> byStrings(List<String> tokens, int size) {
        List<String> words = tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        TreeSet<Integer> out = new TreeSet<>();
        int n = words.size();
        if (n < size) {
            if (n >= Math.min(2, size)) {
                out.add(spread(String.join(" ", words).hashCode()));
            }
        } else {
            for (int i = 0; i + size <= n; i++) {
                out.add(spread(String.join(" ", words.subList(i, i + size)).hashCode()));
            }
        }
        return new ArrayList<>(out);
    }

    private static int spread(int h) {
        return Murmur3_x86_32.hashInt(h, 42) & ((1 << ArticleShingles.HASH_BITS) - 1);
    }

    private static List<Integer> computed(List<String> tokens, int size) {
        ArticleShingles.IntBuffer buffer = new ArticleShingles.IntBuffer();
        ArticleShingles.shingles(tokens, size, buffer);
        return buffer.sortedDistinct();
    }

    @Test
    void hashesAreThoseOfTheJoinedLowerCasedShingles() {
        List<List<String>> sentences = List.of(
                List.of("The", "US", "authorised", "Ukraine", "to", "use", "long-range", "missiles", "against", "Russia"),
                List.of("Zełenski", "ŚWIADCZENIA", "dla", "Ukraińców", "ΟΔΥΣΣΕΥΣ", "İstanbul", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "日本", "x"),
                List.of("two", "words"),
                List.of("one"),
                List.of("a", "b", "a", "b", "a", "b", "a")); // repeated shingles count once
        for (List<String> s : sentences) {
            for (int size = 1; size <= 5; size++) {
                assertEquals(byStrings(s, size), computed(s, size), s + " size " + size);
            }
        }
    }
}
