package org.newslens.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The analysis chain, one per language, built once and reused for every sentence:
 * <pre>
 * UAX29URLEmailTokenizer (Unicode word boundaries; URLs and e-mails as single tokens)
 *   -> SurfaceTap              (records surface tokens: original case, offsets)
 *   -> TypeTokenFilter         (drops URLs, e-mails, numbers)
 *   -> UnmaskHyphenFilter      (lower-case compounds such as long-range stay one term: {@link HyphenMask})
 *   -> AcronymDotFilter        (U.S. -> US)
 *   -> ElisionFilter           (French, Italian, Catalan: l'Ukraine -> Ukraine)
 *   -> EnglishPossessiveFilter (English: Ukraine's -> Ukraine)
 *   -> CaseAwareStopFilter     (the language's stop words; acronyms such as US survive, except in capitals)
 *   -> LowerCaseFilter
 *   -> NotAWordFilter          (single letters, digit codes)
 *   -> SnowballFilter          (only with --stem)
 * </pre>
 * Not thread-safe: one instance per thread (Spark partition).
 */
public final class TextAnalyzer {

    /** Tokens of a sentence and its terms with their token positions (gaps where words were dropped). */
    public record Analysis(List<String> tokens, List<String> terms, List<Integer> positions) {
    }

    private static final Set<String> DROPPED_TYPES = Set.of(
            UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.URL],
            UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.EMAIL],
            UAX29URLEmailTokenizer.TOKEN_TYPES[UAX29URLEmailTokenizer.NUM]);
    private static final Map<String, String> SNOWBALL = Map.ofEntries(
            Map.entry("en", "English"), Map.entry("fr", "French"), Map.entry("de", "German"),
            Map.entry("es", "Spanish"), Map.entry("it", "Italian"), Map.entry("pt", "Portuguese"),
            Map.entry("nl", "Dutch"), Map.entry("ru", "Russian"), Map.entry("sv", "Swedish"),
            Map.entry("da", "Danish"), Map.entry("no", "Norwegian"), Map.entry("fi", "Finnish"),
            Map.entry("hu", "Hungarian"), Map.entry("ro", "Romanian"), Map.entry("tr", "Turkish"));

    private final Collection<String> extraStopWords;
    private final boolean stem;
    private final Map<String, Chain> chains = new HashMap<>();
    private final HyphenMask hyphens = new HyphenMask();

    public TextAnalyzer(Collection<String> extraStopWords, boolean stem) {
        this.extraStopWords = extraStopWords;
        this.stem = stem;
    }

    private final class Chain {
        final Tokenizer tokenizer = new UAX29URLEmailTokenizer();
        final SurfaceTap tap = new SurfaceTap(tokenizer);
        final TokenStream terms;
        final CaseAwareStopFilter stop;
        final CharTermAttribute term;
        final PositionIncrementAttribute increment;

        Chain(String language) {
            TokenStream ts = new TypeTokenFilter(tap, DROPPED_TYPES);
            ts = new UnmaskHyphenFilter(ts, HyphenMask.MASK);
            ts = new AcronymDotFilter(ts);
            if (language.equals("fr") || language.equals("it") || language.equals("ca")) {
                ts = new ElisionFilter(ts, FrenchAnalyzer.DEFAULT_ARTICLES);
            }
            if (language.equals("en")) {
                ts = new EnglishPossessiveFilter(ts);
            }
            stop = new CaseAwareStopFilter(ts, StopWords.forLanguage(language, extraStopWords),
                    new CharArraySet(extraStopWords, true));
            ts = stop;
            ts = new LowerCaseFilter(ts);
            ts = new NotAWordFilter(ts);
            if (stem && SNOWBALL.containsKey(language)) {
                ts = new SnowballFilter(ts, SNOWBALL.get(language));
            }
            terms = ts;
            term = ts.addAttribute(CharTermAttribute.class);
            increment = ts.addAttribute(PositionIncrementAttribute.class);
        }
    }

    public Analysis analyze(String sentence, String language) {
        Chain chain = chains.computeIfAbsent(language == null ? "und" : language, Chain::new);
        String masked = hyphens.apply(sentence);
        List<String> terms = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        try {
            chain.tokenizer.setReader(new StringReader(masked));
            chain.stop.sentence(sentence);
            chain.terms.reset();
            int position = -1;
            while (chain.terms.incrementToken()) {
                position += chain.increment.getPositionIncrement();
                terms.add(chain.term.toString());
                positions.add(position);
            }
            chain.terms.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                chain.terms.close();
            } catch (IOException e) {
                // closing a reader over a string cannot fail
            }
        }
        List<String> tokens = new ArrayList<>(chain.tap.tokens().size());
        for (SurfaceTap.Token t : chain.tap.tokens()) {
            tokens.add(sentence.substring(t.start(), t.end()));
        }
        return new Analysis(tokens, terms, positions);
    }
}
