package org.newslens.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {
    private final TextAnalyzer analyzer = new TextAnalyzer(List.of(), false);

    private List<String> terms(String s) {
        return analyzer.analyze(s, "en").terms();
    }

    @Test
    void possessivesCaseAndStopWords() {
        assertEquals(List.of("ukraine", "long-range", "missiles", "russia"),
                terms("Ukraine's long-range missiles against Russia"));
    }

    @Test
    void usTheCountryIsNotUsThePronoun() {
        assertEquals(List.of("us", "official"), terms("a US official told us"));
        assertEquals(List.of("us", "officials"), terms("U.S. officials"));
    }

    @Test
    void numbersUrlsAndEmailsNeverBecomeTerms() {
        assertEquals(List.of("troops", "deployed", "see", "write", "g20"),
                terms("11,000 troops deployed 2024 see https://example.com/a?b=1 or write press@example.org G20"));
    }

    @Test
    void hyphensInUrlsAndAddressesDoNotBreakThem() {
        assertEquals(List.of("long-range", "footage", "write"),
                terms("long-range footage https://www.gettyimages.com/detail/video/raindrops-falling-on-green-plant/1325?adppopup=true "
                        + "or theguardian.com/world/live-news or write jane-doe@news-desk.example.org"));
        assertEquals(List.of("state-of-the-art", "land", "sea", "pro-war"), terms("state-of-the-art land/sea pro-war"));
        assertEquals(List.of("visit", "now", "e-mail"), terms("visit rocket-lab.com and the-verge.co.uk now, e-mail us"));
    }

    @Test
    void stopWordsInCapitalsAndTheUsersOwnStopWordsAreDropped() {
        assertEquals(List.of("war", "ukraine", "us", "allies"), terms("WAR IN UKRAINE: THE US AND ITS ALLIES"));
        assertEquals(List.of("who", "warns"), terms("The WHO warns"));
        // letters without case (here Chinese) do not make a sentence one written in capitals
        assertTrue(terms("WHO 世卫组织发出警告").contains("who"));
        TextAnalyzer withAgencies = new TextAnalyzer(List.of("afp", "Reuters"), false);
        assertEquals(List.of("talks", "resume"), withAgencies.analyze("AFP: talks resume (REUTERS)", "en").terms());
    }

    @Test
    void capitalisedHyphenationsSplit() {
        assertEquals(List.of("russia", "ukraine", "war", "jean", "noel", "barrot"),
                terms("the Russia-Ukraine war; Jean-Noel Barrot"));
    }

    @Test
    void tokensKeepSurfaceFormAndPositionsShowGaps() {
        TextAnalyzer.Analysis a = analyzer.analyze("Ukraine's allies said on Monday", "en");
        assertEquals(List.of("Ukraine's", "allies", "said", "on", "Monday"), a.tokens());
        assertEquals(List.of("ukraine", "allies", "monday"), a.terms());
        assertEquals(List.of(0, 1, 4), a.positions());
    }

    @Test
    void polishStopWords() {
        assertEquals(List.of("rosja", "ostrzega", "stany"), new TextAnalyzer(List.of(), false)
                .analyze("Rosja ostrzega i nie Stany", "pl").terms());
    }

    @Test
    void extraStopWordsAndStemming() {
        assertEquals(List.of("missil"), new TextAnalyzer(List.of("russia"), true).analyze("missiles Russia", "en").terms());
    }
}
