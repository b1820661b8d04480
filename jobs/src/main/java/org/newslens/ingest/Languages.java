package org.newslens.ingest;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Article language: the input's own field normalised to ISO 639-1 (en-US, en_GB, eng, English -> en),
 * else detected by Lingua on the title and the start of the text. Unknown is "und".
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

    private static final class Holder {
        static final LanguageDetector DETECTOR = LanguageDetectorBuilder.fromLanguages(DETECTABLE)
                .withLowAccuracyMode().build();
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

    public static String detect(String title, String text) {
        String sample = (title == null ? "" : title) + "\n"
                + (text == null ? "" : text.substring(0, Math.min(text.length(), DETECT_CHARS)));
        if (sample.isBlank()) {
            return UNKNOWN;
        }
        Language lang = Holder.DETECTOR.detectLanguageOf(sample);
        if (lang == Language.UNKNOWN) {
            return UNKNOWN;
        }
        IsoCode639_1 code = lang.getIsoCode639_1();
        String c = code.name().toLowerCase(Locale.ROOT);
        return c.equals("nb") ? "no" : c;
    }

    public static String of(String field, String title, String text) {
        String given = normalise(field);
        return given != null ? given : detect(title, text);
    }
}
