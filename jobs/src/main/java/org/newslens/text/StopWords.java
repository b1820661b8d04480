package org.newslens.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

/**
 * Stop words per language, from the lists Lucene ships (Snowball's for English, each language
 * analyzer's default set otherwise, Polish from Stempel), plus words of markup and feed boilerplate
 * that survive HTML removal in every language.
 */
public final class StopWords {
    private StopWords() {
    }

    /** Leftovers of markup, entities and feed boilerplate: never terms. */
    static final List<String> MARKUP = List.of("nbsp", "amp", "quot", "apos", "lt", "gt", "href", "src", "http",
            "https", "www", "html", "htm", "php", "img", "div", "span", "px", "utm", "rss", "cdata");

    /** Reporting verbs and fillers that dominate news counts without telling anything. */
    static final List<String> NEWS_ENGLISH = List.of("said", "says", "say", "told", "also", "would", "could",
            "should", "may", "might", "must", "will", "can", "one", "mr", "mrs", "ms", "per", "cent", "via", "get",
            "got", "just", "like", "us", "its", "it's", "yet", "still", "since", "many", "much", "even", "well");

    private static final Map<String, Supplier<CharArraySet>> BY_LANGUAGE = Map.ofEntries(
            Map.entry("en", StopWords::english),
            Map.entry("fr", org.apache.lucene.analysis.fr.FrenchAnalyzer::getDefaultStopSet),
            Map.entry("de", org.apache.lucene.analysis.de.GermanAnalyzer::getDefaultStopSet),
            Map.entry("es", org.apache.lucene.analysis.es.SpanishAnalyzer::getDefaultStopSet),
            Map.entry("it", org.apache.lucene.analysis.it.ItalianAnalyzer::getDefaultStopSet),
            Map.entry("pt", org.apache.lucene.analysis.pt.PortugueseAnalyzer::getDefaultStopSet),
            Map.entry("nl", org.apache.lucene.analysis.nl.DutchAnalyzer::getDefaultStopSet),
            Map.entry("pl", org.apache.lucene.analysis.pl.PolishAnalyzer::getDefaultStopSet),
            Map.entry("ru", org.apache.lucene.analysis.ru.RussianAnalyzer::getDefaultStopSet),
            Map.entry("sv", org.apache.lucene.analysis.sv.SwedishAnalyzer::getDefaultStopSet),
            Map.entry("da", org.apache.lucene.analysis.da.DanishAnalyzer::getDefaultStopSet),
            Map.entry("no", org.apache.lucene.analysis.no.NorwegianAnalyzer::getDefaultStopSet),
            Map.entry("fi", org.apache.lucene.analysis.fi.FinnishAnalyzer::getDefaultStopSet),
            Map.entry("hu", org.apache.lucene.analysis.hu.HungarianAnalyzer::getDefaultStopSet),
            Map.entry("ro", org.apache.lucene.analysis.ro.RomanianAnalyzer::getDefaultStopSet),
            Map.entry("tr", org.apache.lucene.analysis.tr.TurkishAnalyzer::getDefaultStopSet),
            Map.entry("cs", org.apache.lucene.analysis.cz.CzechAnalyzer::getDefaultStopSet),
            Map.entry("el", org.apache.lucene.analysis.el.GreekAnalyzer::getDefaultStopSet),
            Map.entry("ar", org.apache.lucene.analysis.ar.ArabicAnalyzer::getDefaultStopSet),
            Map.entry("ca", org.apache.lucene.analysis.ca.CatalanAnalyzer::getDefaultStopSet),
            Map.entry("bg", org.apache.lucene.analysis.bg.BulgarianAnalyzer::getDefaultStopSet),
            Map.entry("fa", org.apache.lucene.analysis.fa.PersianAnalyzer::getDefaultStopSet),
            Map.entry("hi", org.apache.lucene.analysis.hi.HindiAnalyzer::getDefaultStopSet),
            Map.entry("id", org.apache.lucene.analysis.id.IndonesianAnalyzer::getDefaultStopSet),
            Map.entry("lt", org.apache.lucene.analysis.lt.LithuanianAnalyzer::getDefaultStopSet),
            Map.entry("lv", org.apache.lucene.analysis.lv.LatvianAnalyzer::getDefaultStopSet),
            Map.entry("et", org.apache.lucene.analysis.et.EstonianAnalyzer::getDefaultStopSet),
            Map.entry("sr", org.apache.lucene.analysis.sr.SerbianAnalyzer::getDefaultStopSet));

    /** The stop set for a language (empty for languages without a list) plus markup and the user's extra words. */
    public static CharArraySet forLanguage(String language, Collection<String> extra) {
        Supplier<CharArraySet> base = BY_LANGUAGE.get(language);
        CharArraySet set = new CharArraySet(base == null ? List.of() : base.get(), true);
        set.addAll(MARKUP);
        set.addAll(extra);
        return CharArraySet.unmodifiableSet(set);
    }

    /** A language's own stop list (no markup, no extras), or null: the function words that mark text as written in it. */
    public static CharArraySet functionWords(String language) {
        Supplier<CharArraySet> base = BY_LANGUAGE.get(language);
        return base == null ? null : CharArraySet.unmodifiableSet(base.get());
    }

    /** The languages with a list, in code order. */
    public static List<String> listedLanguages() {
        return LISTED;
    }

    private static final List<String> LISTED = BY_LANGUAGE.keySet().stream().sorted().toList();

    public static boolean hasList(String language) {
        return BY_LANGUAGE.containsKey(language);
    }

    private static CharArraySet english() {
        try (Reader r = IOUtils.getDecodingReader(SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8)) {
            CharArraySet set = new CharArraySet(WordlistLoader.getSnowballWordSet(r), true);
            set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            set.addAll(NEWS_ENGLISH);
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
