package org.newslens.ingest;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.newslens.text.StopWords;

/**
 * The two per-record pieces of language evidence: the input's own label normalised to ISO 639-1 (en-US, en_GB, eng,
 * English -> en), and Lingua's detection on the title and the start of the text. {@link LanguageDecision} weighs
 * them with the source's usual language. Unknown is "und".
 */
public final class Languages {
    private Languages() {
    }

    public static final String UNKNOWN = "und";
    private static final int DETECT_CHARS = 1000;
    private static final Pattern TAG = Pattern.compile("[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{1,8})*");
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (String code : Locale.getISOLanguages()) {
            BY_NAME.put(new Locale(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
        }
    }

    /** Languages Lingua chooses among: the languages of most news on the web; fewer models, less memory. */
    private static final Language[] DETECTABLE = {
        Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH, Language.ITALIAN, Language.PORTUGUESE,
        Language.DUTCH, Language.POLISH, Language.RUSSIAN, Language.UKRAINIAN, Language.CZECH, Language.SLOVAK,
        Language.SWEDISH, Language.DANISH, Language.BOKMAL, Language.FINNISH, Language.HUNGARIAN, Language.ROMANIAN,
        Language.TURKISH, Language.GREEK, Language.ARABIC, Language.HEBREW, Language.PERSIAN, Language.CHINESE,
        Language.JAPANESE, Language.KOREAN, Language.HINDI, Language.INDONESIAN, Language.VIETNAMESE,
        Language.CATALAN, Language.CROATIAN, Language.SERBIAN, Language.BULGARIAN, Language.LITHUANIAN,
        Language.LATVIAN, Language.ESTONIAN, Language.SLOVENE
    };

    /** The ISO 639-1 code of each of {@link #DETECTABLE}, in its order. */
    private static final String[] DETECTABLE_CODES = Arrays.stream(DETECTABLE).map(Languages::code).toArray(String[]::new);

    /** Bit i set: {@code DETECTABLE[i]} has no stop list, so its function words cannot rule it out. */
    private static final long UNLISTED;

    static {
        long unlisted = 0;
        for (int i = 0; i < DETECTABLE.length; i++) {
            if (!StopWords.hasList(DETECTABLE_CODES[i])) {
                unlisted |= 1L << i;
            }
        }
        UNLISTED = unlisted;
    }

    private static final class Holder {
        static final LanguageDetector DETECTOR = detector(DETECTABLE);
        /**
         * One detector per set of candidate languages (bit i: {@code DETECTABLE[i]}). Lingua keeps its language models
         * in static maps shared by every detector, so a detector is only its list of languages: a few hundred sets on
         * rss-2022.
         */
        static final Map<Long, LanguageDetector> BY_CANDIDATES = new ConcurrentHashMap<>();

        static {
            loaded = true;
        }

        static LanguageDetector of(long candidates) {
            return BY_CANDIDATES.computeIfAbsent(candidates, c -> detector(languagesIn(c).toArray(Language[]::new)));
        }

        private static LanguageDetector detector(Language... languages) {
            return LanguageDetectorBuilder.fromLanguages(languages).withLowAccuracyMode().build();
        }
    }

    /** whether {@link Holder} has been loaded (in this JVM): {@link #release} must not load it to unload it */
    private static volatile boolean loaded;

    /**
     * Frees Lingua's language models, which stay in the heap once loaded: in local mode the stages after ingest run
     * in the same JVM, and at rss-2022 x4 the stories stage ran out of a 2 GB heap after ingest, not alone. A later
     * detection loads them again.
     */
    public static void release() {
        if (loaded) {
            Holder.DETECTOR.unloadLanguageModels();
        }
    }

    /** Normalises a language field; null when it is not a recognisable language. */
    public static String normalise(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        String s = field.strip();
        if (TAG.matcher(s).matches()) {
            String lang = Locale.forLanguageTag(s.replace('_', '-')).getLanguage();
            if (lang.length() == 3) {
                for (String code : Locale.getISOLanguages()) {
                    if (new Locale(code).getISO3Language().equals(lang)) {
                        return code;
                    }
                }
            }
            if (lang.length() == 2) {
                return lang.equals("nb") || lang.equals("nn") ? "no" : lang;
            }
        }
        return BY_NAME.get(s.toLowerCase(Locale.ROOT));
    }

    /**
     * What the text says about its language. detected: Lingua's best language, with the softmax confidence of that
     * guess (0-1, the confidences of all candidate languages sum to 1). functionWords, labelFunctionWords: the share
     * of the sample's words (links left out) that are stop words (Lucene's lists) of the detected language and of the
     * declared one; null for languages without a list, or without a detection or a label. All null when the text
     * is too short or mostly numbers for any of this to mean anything: Lingua names some language for any string, and on "Shr 73 cts vs 55
     * cts / Net 26.0 mln vs 17.1 mln" it is as sure of Lithuanian as of English. Lingua's confidence is often near 1
     * on short texts ("I made a wrong turn and a new friend": Danish), while prose in any language is a fifth or more
     * function words, so {@link LanguageDecision} takes a guess only when they support it.
     */
    public record Evidence(String detected, Double confidence, Double functionWords, Double labelFunctionWords,
                           Double otherFunctionWords) {
        static final Evidence NONE = new Evidence(null, null, null, null, null);

        /** Lingua not asked, or asked in vain: what the function words say. */
        static Evidence functionWordsOnly(Double labelFunctionWords, Double otherFunctionWords) {
            return new Evidence(null, null, null, labelFunctionWords, otherFunctionWords);
        }
    }

    /** Fewest letters in title + text start for a detection to count (an ideograph, kana or Hangul counts three). */
    public static final int MIN_LETTERS = 40;
    /** Largest share of the sample's tokens that are numbers (tables, scores, prices) for a detection to count. */
    public static final double MAX_NUMERIC_SHARE = 0.25;
    /**
     * A label is confirmed without Lingua when at least this share of at least {@link #CONFIRM_MIN_WORDS} words are
     * the labelled language's function words. On 17,500 rss-2022 items this settles 81 % of the English ones, and
     * none of the Polish ones (the few non-English texts above it were English that Lingua took for Danish or
     * Dutch); Lingua costs about 0.5-1 ms per text (two n-gram lookups per trigram and candidate language).
     */
    public static final double CONFIRM_SHARE = 0.25;
    public static final int CONFIRM_MIN_WORDS = 10;
    /**
     * Below {@link #CONFIRM_SHARE}, a label is still confirmed without Lingua when its function words are at least
     * this share of the words and at least {@link #DOMINANCE} times the share of every other language with a stop
     * list ({@code language_other_function_words}). Why: Polish prose is 10-25 % function words, English headlines
     * often under 25 %, and Lingua's calls are most of ingest's time; this spares 21,252 of its 46,677 calls on
     * rss-2022. Lingua's answer could not have changed the language: with the label's function words ahead of every
     * other language's, a detection can only agree with the label or lose to it ({@link LanguageDecision#overrulesLabel()}
     * needs more of the detected language's function words, or, for a language without a list, under
     * {@link LanguageDecision#FOREIGN_TO_LABEL} of the label's). The margin of 2 rather than 1 keeps the texts whose
     * words are nearly as much another language's (mixed items) for Lingua and the source's evidence (README).
     */
    public static final double DOMINANT_SHARE = 0.10;
    public static final double DOMINANCE = 2.0;
    /** Lowest share of a listed language's function words for Lingua to consider it ({@link #candidates}). */
    public static final double CANDIDATE_SHARE = 0.01;

    /** Links: their words (https, www, com: Portuguese "with") are nobody's function words. */
    private static final Pattern URL = Pattern.compile("(?:https?://|www\\.)\\S*");

    /**
     * The text with its links replaced by a space. Every link starts with "http" or "www.", so a text without either
     * is returned as it is, without the regex scan (2 % of ingest's CPU at rss-2022 x4, JFR, on texts that mostly
     * have no link).
     */
    static String withoutLinks(String s) {
        return s.contains("http") || s.contains("www.") ? URL.matcher(s).replaceAll(" ") : s;
    }

    public static Evidence evidence(String declared, String title, String text) {
        return evidence(declared, title, text, true);
    }

    /**
     * {@link #evidence(String, String, String)}; with {@code spareLingua} false, Lingua is asked even where no answer
     * of its could count ({@link #noDetectionCounts}), which tests compare against.
     */
    static Evidence evidence(String declared, String title, String text, boolean spareLingua) {
        String sample = withoutLinks((title == null ? "" : title) + "\n"
                + (text == null ? "" : text.substring(0, Math.min(text.length(), DETECT_CHARS))));
        if (!detectable(sample)) {
            return Evidence.NONE;
        }
        long[] masks = FunctionWords.masks(words(sample));
        WordShare label = declared == null ? null : functionWordShare(masks, declared);
        Double labelShare = label == null ? null : label.share();
        Double otherShare = null;
        if (label != null && label.words() >= CONFIRM_MIN_WORDS) {
            if (label.share() >= CONFIRM_SHARE) {
                return Evidence.functionWordsOnly(labelShare, null);
            }
            if (label.share() >= DOMINANT_SHARE) {
                otherShare = otherFunctionWordShare(masks, declared);
                if (confirmsLabel(labelShare, otherShare)) {
                    return Evidence.functionWordsOnly(labelShare, otherShare);
                }
            }
        }
        if (spareLingua && label != null && noDetectionCounts(masks, declared, label.share(), otherShare)) {
            return Evidence.functionWordsOnly(labelShare, otherShare);
        }
        var best = detect(sample, candidates(masks, declared));
        if (best == null) {
            return Evidence.functionWordsOnly(labelShare, otherShare);
        }
        String lang = code(best.getKey());
        WordShare fw = functionWordShare(masks, lang);
        return new Evidence(lang, round(best.getValue()), fw == null ? null : fw.share(), labelShare, otherShare);
    }

    /**
     * Lingua's best language and its confidence among the candidates, or null. When the best is a language without a
     * stop list, which function words cannot vouch for, all languages are asked instead: among fewer candidates such
     * a language wins texts whose own language was left out (on rss-2022, 57 English or Polish items became Slovak,
     * Slovene, Croatian or Vietnamese), and no later rule would catch it. So the answer differs from all languages' only where all
     * languages' best had under {@link #CANDIDATE_SHARE} of its function words, a detection no rule would take.
     */
    private static Map.Entry<Language, Double> detect(String sample, long candidates) {
        var best = first(Holder.of(candidates).computeLanguageConfidenceValues(sample));
        if (best != null && (best.getKey() == Language.UNKNOWN || !StopWords.hasList(code(best.getKey())))) {
            best = first(Holder.DETECTOR.computeLanguageConfidenceValues(sample));
        }
        return best == null || best.getKey() == Language.UNKNOWN ? null : best;
    }

    /** The first entry of Lingua's map, which is sorted by confidence, highest first; null when empty. */
    private static Map.Entry<Language, Double> first(Map<Language, Double> confidences) {
        return confidences.isEmpty() ? null : confidences.entrySet().iterator().next();
    }

    /**
     * The languages Lingua is asked to choose among, as bits of {@link #DETECTABLE}: the label, every language without
     * a stop list, and every listed language with at least {@link #CANDIDATE_SHARE} of the words among its function
     * words. Lingua's cost is one n-gram lookup per trigram and candidate language (45 % of ingest's samples with all
     * 37), and a language whose commonest words are absent from a text of {@link #MIN_LETTERS}+ letters is not what
     * it is written in. On the texts of rss-2022 Lingua is asked about, 18 candidates on average instead of 37 (README).
     */
    static long candidates(long[] masks, String declared) {
        long candidates = UNLISTED;
        for (int i = 0; i < DETECTABLE.length; i++) {
            if ((candidates & (1L << i)) == 0 && (DETECTABLE_CODES[i].equals(declared)
                    || functionWordShare(masks, DETECTABLE_CODES[i]).share() >= CANDIDATE_SHARE)) {
                candidates |= 1L << i;
            }
        }
        return candidates;
    }

    /** The languages of {@link #DETECTABLE} whose bits are set. */
    private static List<Language> languagesIn(long bits) {
        List<Language> languages = new ArrayList<>();
        for (int i = 0; i < DETECTABLE.length; i++) {
            if ((bits & (1L << i)) != 0) {
                languages.add(DETECTABLE[i]);
            }
        }
        return languages;
    }

    /** The candidate languages of {@link #candidates}, as codes (tests). */
    static List<String> candidateCodes(String sample, String declared) {
        return languagesIn(candidates(FunctionWords.masks(words(sample)), declared)).stream().map(Languages::code).toList();
    }

    /**
     * True when nothing Lingua could answer would count against a label with a stop list, so it is not asked: the
     * label has at least {@link LanguageDecision#FOREIGN_TO_LABEL} of the words, and no listed language (the label's
     * included) has {@link LanguageDecision#MIN_FUNCTION_WORDS}. A detection then counts in none of
     * {@link LanguageDecision}'s rules: a listed language lacks the function words to be confident (and the label's
     * own would lack them to confirm it), and a language without a list may overrule only a label under
     * FOREIGN_TO_LABEL. The decision falls to the label or the source's evidence either way, so the language and its
     * basis are the same; only the columns of Lingua's answer stay null. On rss-2022 x4 these are about a quarter
     * of Lingua's calls (README, "Detections that cannot count").
     */
    static boolean noDetectionCounts(long[] masks, String declared, double labelShare, Double otherShare) {
        if (labelShare < LanguageDecision.FOREIGN_TO_LABEL || labelShare >= LanguageDecision.MIN_FUNCTION_WORDS) {
            return false;
        }
        // the other languages' highest share, unless the dominance rule has already counted it
        double other = otherShare != null ? otherShare : otherFunctionWordShare(masks, declared);
        return other < LanguageDecision.MIN_FUNCTION_WORDS;
    }

    /**
     * Whether the label's function words dominate those of every other listed language (shares as recorded, rounded),
     * the rule {@link LanguageDecision#isConfirmedByFunctionWords()} applies to the columns.
     */
    static boolean confirmsLabel(double labelShare, Double otherShare) {
        return labelShare >= CONFIRM_SHARE
                || otherShare != null && labelShare >= DOMINANT_SHARE && labelShare >= DOMINANCE * otherShare;
    }

    /** The highest share of function words among the listed languages other than {@code language}. */
    static double otherFunctionWordShare(long[] masks, String language) {
        double most = 0;
        for (String other : FunctionWords.languages()) {
            if (!other.equals(language)) {
                most = Math.max(most, functionWordShare(masks, other).share());
            }
        }
        return most;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    record WordShare(int words, double share) {
    }

    /** Share of the words ({@link FunctionWords#masks}) in the language's stop list; null without a list. */
    static WordShare functionWordShare(long[] masks, String language) {
        int bit = FunctionWords.bit(language);
        if (bit < 0) {
            return null;
        }
        int function = FunctionWords.count(masks, bit);
        return new WordShare(masks.length, masks.length == 0 ? 0.0 : round((double) function / masks.length));
    }

    /** The sample's words (runs of letters and apostrophes, links left out by the caller), lower-cased. */
    static List<String> words(String sample) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= sample.length(); i++) {
            boolean letter = i < sample.length() && (Character.isLetter(sample.charAt(i)) || sample.charAt(i) == '\'' || sample.charAt(i) == '\u2019');
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                words.add(sample.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return words;
    }

    /** Enough letters, and not mostly numbers. */
    static boolean detectable(String sample) {
        int letters = 0;
        int tokens = 0;
        int numeric = 0;
        boolean inToken = false;
        boolean tokenHasLetter = false;
        for (int i = 0; i < sample.length(); ) {
            int c = sample.codePointAt(i);
            i += Character.charCount(c);
            boolean letter = Character.isLetter(c);
            boolean digit = Character.isDigit(c);
            if (letter) {
                letters += dense(c) ? 3 : 1;
            }
            if (letter || digit) {
                if (!inToken) {
                    tokens++;
                    inToken = true;
                    tokenHasLetter = false;
                }
                tokenHasLetter |= letter;
            } else if (inToken && !(c == '.' || c == ',') ) {
                inToken = false;
                if (!tokenHasLetter) {
                    numeric++;
                }
            }
        }
        if (inToken && !tokenHasLetter) {
            numeric++;
        }
        return letters >= MIN_LETTERS && numeric <= MAX_NUMERIC_SHARE * tokens;
    }

    /** The first code point of the four dense scripts (Hangul Jamo, U+1100); Han and kana start later. */
    static final int FIRST_DENSE = 0x1100;

    /** Ideographs, kana and Hangul: one says about as much as a word of three letters, and fixes the script. */
    static boolean dense(int c) {
        if (c < FIRST_DENSE) {
            return false; // Latin, Greek, Cyrillic, Arabic...: no script lookup (a binary search, 1.6 % of ingest's CPU)
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private static String code(Language lang) {
        String c = lang.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
        return c.equals("nb") ? "no" : c;
    }
}
