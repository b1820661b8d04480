package org.newslens.entities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;
import org.apache.lucene.analysis.pl.PolishAnalyzer;
import org.apache.lucene.analysis.stempel.StempelStemmer;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * The normal forms under which an inflected word and a gazetteer alias meet, per language: Morfologik lemmas for
 * Polish (PoliMorf) and Ukrainian (the dictionaries Lucene's morfologik module uses), with Lucene's Stempel stemmer
 * for Polish words the dictionary does not know (foreign surnames: Macrona, Scholza); Snowball stems for French,
 * German, Spanish, Italian and Russian. Every form is folded and lower-cased like the match keys ({@link Fold}).
 *
 * <p>A word's keys are its own folded form plus its lemmas (or, when it has none, its stem). An alias word written
 * with a capital that stands alone ("Mali", "Polska") keeps only the lemmas that can be its own: nouns (a country or
 * a person is one) that begin with the same four letters ("Chiny" -> china, "Niemcy" -> niemiec). Otherwise "Mali"
 * would meet "mała" (small) through the surname Mały, which PoliMorf also lists as a form of it. Not thread-safe
 * (Morfologik's lookup and the Snowball stemmers keep state): one instance per thread.
 */
abstract class Morphology {

    /** How a key that is not the word itself was found: "lemma" or "stem". */
    abstract String method(boolean known);

    /**
     * Adds the keys of a word (as written) to out: its folded form first. nameOnly: only lemmas that can be the
     * word's own as a name (see above). Returns whether a dictionary knew it.
     */
    abstract boolean keys(String word, boolean nameOnly, List<String> out);

    /** Letters a name's lemma shares with the name at least (or all of a shorter name). */
    private static final int NAME_LEMMA_PREFIX = 4;

    static boolean ownLemma(String word, String lemma) {
        String w = Fold.lower(word);
        String l = Fold.lower(lemma);
        int need = Math.min(NAME_LEMMA_PREFIX, w.length());
        return l.length() >= need && w.regionMatches(0, l, 0, need);
    }

    /** A new instance for a language, or null when the language has no morphology here. */
    static Morphology of(String language) {
        if (language == null) {
            return null;
        }
        return switch (language) {
            case "pl" -> new Lemmas(dictionary("morfologik/stemming/polish/polish.dict"), "subst",
                    new StempelStemmer(PolishAnalyzer.getDefaultTable()));
            case "uk" -> new Lemmas(dictionary("ua/net/nlp/ukrainian.dict"), "noun", null);
            case "fr" -> new Stems(new FrenchStemmer());
            case "de" -> new Stems(new GermanStemmer());
            case "es" -> new Stems(new SpanishStemmer());
            case "it" -> new Stems(new ItalianStemmer());
            case "ru" -> new Stems(new RussianStemmer());
            default -> null;
        };
    }

    /** The languages {@link #of} knows. */
    static final List<String> LANGUAGES = List.of("pl", "fr", "de", "es", "it", "ru", "uk");

    private static final Map<String, Dictionary> DICTIONARIES = new ConcurrentHashMap<>();

    /** A dictionary is read once per JVM (several MB); lookups over it are per instance. */
    private static Dictionary dictionary(String resource) {
        return DICTIONARIES.computeIfAbsent(resource, r -> {
            URL url = Morphology.class.getClassLoader().getResource(r);
            if (url == null) {
                throw new IllegalStateException("morphology dictionary " + r + " is not on the classpath");
            }
            try {
                return Dictionary.read(url);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read morphology dictionary " + r, e);
            }
        });
    }

    private static void addKey(String form, List<String> out) {
        String k = Fold.lower(form);
        if (!out.contains(k)) {
            out.add(k);
        }
    }

    /** Morfologik lemmas (any case the dictionary lists: "Rosja" is capitalised there, "rosyjski" is not). */
    private static final class Lemmas extends Morphology {
        private final DictionaryLookup lookup;
        private final String nounTag;
        private final StempelStemmer fallback;

        Lemmas(Dictionary dictionary, String nounTag, StempelStemmer fallback) {
            this.lookup = new DictionaryLookup(dictionary);
            this.nounTag = nounTag;
            this.fallback = fallback;
        }

        @Override
        String method(boolean known) {
            return known || fallback == null ? "lemma" : "stem";
        }

        @Override
        boolean keys(String word, boolean nameOnly, List<String> out) {
            addKey(word, out);
            String lower = word.toLowerCase(Locale.ROOT);
            boolean known = lemmas(word, word, nameOnly, out);
            if (!lower.equals(word)) {
                known |= lemmas(word, lower, nameOnly, out);
            }
            if (!known && fallback != null) {
                StringBuilder stem = fallback.stem(lower);
                // a name's stem must still look like it (Stempel cuts "Roka" to "rok", "Bozizé" to "boże")
                if (stem != null && stem.length() > 1 && (!nameOnly || ownLemma(word, stem.toString()))) {
                    addKey(stem.toString(), out);
                }
            }
            return known;
        }

        private boolean lemmas(String word, String form, boolean nameOnly, List<String> out) {
            List<WordData> found = lookup.lookup(form);
            for (WordData d : found) {
                // WordData is reused by the next lookup: read it now
                String tag = d.getTag() == null ? "" : d.getTag().toString();
                String lemma = d.getStem().toString();
                boolean noun = tag.startsWith(nounTag) || tag.contains("+" + nounTag) || tag.contains("|" + nounTag);
                if (!nameOnly || noun && ownLemma(word, lemma)) {
                    addKey(lemma, out);
                }
            }
            return !found.isEmpty();
        }
    }

    /** Snowball stems of the lower-cased word (stemmers expect lower case with its accents). */
    private static final class Stems extends Morphology {
        private final SnowballStemmer stemmer;

        Stems(SnowballStemmer stemmer) {
            this.stemmer = stemmer;
        }

        @Override
        String method(boolean known) {
            return "stem";
        }

        @Override
        boolean keys(String word, boolean nameOnly, List<String> out) {
            addKey(word, out);
            stemmer.setCurrent(word.toLowerCase(Locale.ROOT));
            stemmer.stem();
            String stem = stemmer.getCurrent();
            if (stem.length() > 1 && (!nameOnly || ownLemma(word, stem))) {
                addKey(stem, out);
            }
            return false;
        }
    }

    /** For tests and the record: the keys of one word. */
    List<String> keys(String word, boolean nameOnly) {
        List<String> out = new ArrayList<>(4);
        keys(word, nameOnly, out);
        return out;
    }
}
