package org.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.CharArraySet;
import org.junit.jupiter.api.Test;
import org.newslens.text.StopWords;

class LanguagesTest {
    @Test
    void releasedModelsAreLoadedAgainByTheNextDetection() {
        // no letter that only some alphabets have: Lingua's n-gram models decide, not its rules
        String title = "Latest news from home";
        String text = "The government approved a draft law on property taxes on Thursday, which now goes to parliament";
        Languages.Evidence before = Languages.evidence("pl", title, text);
        assertEquals("en", before.detected());
        Languages.release();
        assertEquals(before, Languages.evidence("pl", title, text));
        Languages.release();
        Languages.release(); // twice: nothing loaded, nothing to free
    }

    @Test
    void noDenseScriptStartsBeforeTheShortcut() {
        // dense() answers false below FIRST_DENSE without looking the script up: no code point there may be dense
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            boolean dense = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
            assertEquals(dense, Languages.dense(c), "U+" + Integer.toHexString(c));
            assertTrue(c >= Languages.FIRST_DENSE || !dense);
        }
        assertTrue(Languages.dense(Languages.FIRST_DENSE), "Hangul Jamo");
    }

    @Test
    void normalisesFields() {
        assertEquals("en", Languages.normalise("en-US"));
        assertEquals("en", Languages.normalise("en_GB"));
        assertEquals("pl", Languages.normalise("pl"));
        assertEquals("fr", Languages.normalise("fra"));
        assertEquals("de", Languages.normalise("German"));
        assertNull(Languages.normalise("klingon-ish words"));
    }

    @Test
    void detectsProseWithConfidence() {
        Languages.Evidence en = Languages.evidence(null, "Russia warns the United States",
                "Moscow said on Monday that the decision would only escalate the conflict in Ukraine.");
        assertEquals("en", en.detected());
        assertTrue(en.confidence() >= LanguageDecision.MIN_CONFIDENCE, en.toString());
        assertTrue(en.functionWords() >= LanguageDecision.MIN_FUNCTION_WORDS, en.toString());
        Languages.Evidence pl = Languages.evidence(null, "Rosja ostrzega Stany Zjednoczone",
                "Moskwa oświadczyła w poniedziałek, że decyzja doprowadzi jedynie do eskalacji konfliktu.");
        assertEquals("pl", pl.detected());
        assertTrue(pl.confidence() >= LanguageDecision.MIN_CONFIDENCE, pl.toString());
        assertTrue(pl.functionWords() >= LanguageDecision.MIN_FUNCTION_WORDS, pl.toString());
        assertNull(Languages.evidence(null, null, "").detected());
    }

    @Test
    void aLabelItsFunctionWordsSupportNeedsNoLingua() {
        Languages.Evidence en = Languages.evidence("en", "Russia warns the United States",
                "Moscow said on Monday that the decision would only escalate the conflict in Ukraine and that it would respond.");
        assertNull(en.detected(), "confirmed by function words, Lingua not asked");
        assertTrue(en.labelFunctionWords() >= Languages.CONFIRM_SHARE, en.toString());
        // a Polish text labelled en is not confirmed: Lingua is asked, and says Polish
        Languages.Evidence pl = Languages.evidence("en", "Rosja ostrzega Stany Zjednoczone",
                "Moskwa oświadczyła w poniedziałek, że decyzja doprowadzi jedynie do eskalacji konfliktu na Ukrainie.");
        assertEquals("pl", pl.detected());
        assertTrue(pl.functionWords() >= LanguageDecision.MIN_FUNCTION_WORDS, pl.toString());
    }

    @Test
    void aLabelWhoseFunctionWordsDominateNeedsNoLingua() {
        // Polish news prose: under a quarter function words, and far more Polish ones than any other language's
        String title = "Rada Polityki Pieniężnej podniosła stopy procentowe";
        String text = "Rada Polityki Pieniężnej podniosła w środę główną stopę procentową, która wynosi teraz 6,5 procent. "
                + "Ekonomiści spodziewali się mniejszej podwyżki, ponieważ inflacja w październiku spadła.";
        Languages.Evidence pl = Languages.evidence("pl", title, text);
        assertNull(pl.detected(), "confirmed by dominant function words, Lingua not asked: " + pl);
        assertTrue(pl.labelFunctionWords() < Languages.CONFIRM_SHARE && pl.labelFunctionWords() >= Languages.DOMINANT_SHARE, pl.toString());
        assertTrue(pl.labelFunctionWords() >= Languages.DOMINANCE * pl.otherFunctionWords(), pl.toString());
        // the same text labelled en: it has no English function word, so Lingua decides
        Languages.Evidence en = Languages.evidence("en", title, text);
        assertEquals("pl", en.detected(), en.toString());
        // English words common in Polish ("a", "i", "do", "to") do not confirm an en label on Polish prose
        Languages.Evidence mixed = Languages.evidence("en", "Kiedy się skończy i co dalej",
                "Rząd przyjął projekt ustawy i to jest dobra wiadomość, a opozycja idzie do sądu w tej sprawie");
        assertEquals("pl", mixed.detected(), mixed.toString());
        assertTrue(mixed.labelFunctionWords() >= Languages.DOMINANT_SHARE && mixed.labelFunctionWords() < Languages.CONFIRM_SHARE, mixed.toString());
    }

    /** Not detected at all, or detected as English, or a guess no function word supports. */
    @Test
    void linguaChoosesAmongTheLanguagesTheFunctionWordsLeavePlausible() {
        String english = "The central bank raised its main interest rate this week, and economists said that the move was "
                + "expected after inflation rose again in October.";
        List<String> candidates = Languages.candidateCodes(english, null);
        assertTrue(candidates.contains("en"), candidates.toString());
        // languages without a stop list cannot be ruled out by function words, so they always stay
        assertTrue(candidates.containsAll(List.of("sk", "hr", "sl", "vi", "uk", "zh")), candidates.toString());
        // a listed language none of whose function words occur is not a candidate
        assertFalse(candidates.contains("pl"), candidates.toString());
        assertFalse(candidates.contains("fi"), candidates.toString());
        assertTrue(candidates.size() < 37, candidates.toString());
        // the label is always a candidate, whatever its function words say
        assertTrue(Languages.candidateCodes(english, "pl").contains("pl"));
        // the restricted detector still finds the language: Polish prose labelled en
        Languages.Evidence pl = Languages.evidence("en", "Rada Polityki Pieniężnej podniosła stopy procentowe",
                "Rada Polityki Pieniężnej podniosła w środę główną stopę procentową, która wynosi teraz 6,5 procent.");
        assertEquals("pl", pl.detected(), pl.toString());
    }

    static void assertNotEvidence(Languages.Evidence d) {
        assertTrue(d.detected() == null || d.detected().equals("en")
                || d.functionWords() != null && d.functionWords() < LanguageDecision.MIN_FUNCTION_WORDS, String.valueOf(d));
    }

    /** Newswire earnings tables: Lingua guesses Swedish or Czech for them; they are not evidence at all. */
    @Test
    void earningsTablesAndShortTextsAreNotDetected() {
        assertNotEvidence(Languages.evidence(null, "ACME CORP <ACM> 4TH QTR NET", "Shr 73 cts vs 55 cts\nNet 26.0 mln vs 17.1 mln\nRevs 412.3 mln vs 387.0 mln"));
        // long enough to detect, and Lingua is sure it is Lithuanian; no Lithuanian function word supports it
        assertNotEvidence(Languages.evidence(null, "NORTHERN STATES POWER CO <NSP> 1ST QTR",
                "Shr loss two cts vs profit 11 cts Net loss 1,252,000 vs profit 6,843,000 Revs 38.1 mln vs 40.5 mln "
                        + "Nine mths Shr profit 22 cts vs 41 cts Net profit 12.3 mln vs 23.4 mln Revs 123.7 mln vs 131.0 mln"));
        assertEquals(new Languages.Evidence(null, null, null, null, null), Languages.evidence("pl", "Wyniki", "Kurs 4,52 zł"));
        assertFalse(Languages.detectable("Scores: 3-1, 2-2, 0-0, 4-1, 1-1, 2-0, 5-3, 1-0 and 2-1 in the cup today"));
        assertTrue(Languages.detectable("The central bank raised its main rate by 75 basis points to 3.25 percent on Thursday"));
    }

    @Test
    void linksAreBlankedAndTextWithoutOneIsLeftAsItIs() {
        assertEquals("read   and   more", Languages.withoutLinks("read https://example.com/a?b=1 and www.example.org more"));
        assertEquals("see   now", Languages.withoutLinks("see http://x.y now"));
        String plain = "no link here, only HTTP in capitals and a www without its dot";
        assertSame(plain, Languages.withoutLinks(plain));
    }

    @Test
    void sharesFromTheMasksAreTheStopListsOwn() {
        // words of every list, in capitals too, and words of none: each language's share as counting its list gives
        List<String> pool = new ArrayList<>(List.of("Kyiv", "missiles", "THE", "Über", "żeby", "ΚΑΙ", "и", "'s", "l'"));
        for (String language : FunctionWords.languages()) {
            int i = 0;
            for (Object w : StopWords.functionWords(language)) {
                if (i++ % 7 == 0) {
                    pool.add(new String((char[]) w));
                }
            }
        }
        Random random = new Random(3);
        for (int n = 0; n < 2_000; n++) {
            List<String> words = new ArrayList<>();
            for (int i = random.nextInt(40); i > 0; i--) {
                words.add(pool.get(random.nextInt(pool.size())));
            }
            long[] masks = FunctionWords.masks(words);
            for (String language : FunctionWords.languages()) {
                CharArraySet list = StopWords.functionWords(language);
                long in = words.stream().filter(list::contains).count();
                double expected = words.isEmpty() ? 0.0 : Math.round((double) in / words.size() * 1000) / 1000.0;
                assertEquals(expected, Languages.functionWordShare(masks, language).share(), language + " " + words);
            }
        }
        assertNull(Languages.functionWordShare(FunctionWords.masks(List.of("a")), "xx"));
    }
}
