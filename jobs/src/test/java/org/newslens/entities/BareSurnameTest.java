package org.newslens.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bare surnames that are someone else's, found in rss-2022: relatives and namesakes named in full (Hunter Biden,
 * Brittany Higgins), acronyms (BA, the starting XI), common words and names (Store, Henry, Obama in 2022), and the
 * gazetteer's own former mistakes (Jr. and VI as surnames, vice premiers as heads of government).
 */
class BareSurnameTest {
    static Map<String, List<EntityFixtures.M>> byArticle;

    static final String[][] ARTICLES = {
        // id, date, title, text
        {"hunter", "2022-10-01", "Laptop", "The report is about Hunter Biden and his business. Later, Jill Biden spoke. Biden said nothing."},
        {"polish", "2022-10-01", "Wojna", "Prezydent Ukrainy Wołodymyr Zełenski powiedział, że rozmawiał z prezydentem Andrzejem Dudą."},
        {"seedLike", "2024-11-18", "Missiles", "The policy could change with the return of Republican Trump in January."},
        {"colon", "2022-10-01", "Analysis", "Analysis: Why Zelensky wants more tanks."},
        {"acronyms", "2022-10-01", "Travel", "BA cancelled flights. He named his starting XI before the match. Xi met Biden."},
        {"store", "2022-10-01", "Apps", "The app is back in the App Store. The Store opens at nine."},
        {"storeTitle", "2022-10-01", "Norway", "Prime Minister Store said Norway would help."},
        {"obama2022", "2022-10-01", "Memoir", "Obama said he would campaign in the midterms."},
        {"obamaNamed", "2022-10-01", "Memoir", "Barack Obama campaigned in Georgia. Obama said the vote mattered."},
        {"suffix", "2022-10-01", "Speech", "Martin Luther King Jr. spoke. Henry VI was a king."},
        {"followed", "2022-10-01", "Tennis", "Novak Djokovic won again. Spokesman Wang Wenbin said so. "
            + "Aides to the Biden White House agreed. The Trump Organization paid. Critics of the Biden Administration spoke. "
            + "Wizyta Xi Jinpinga trwa."},
        {"headline", "2022-10-01", "Pope Francis Says He Has Written Resignation Letter", "He wrote it in 2013."},
    };

    @BeforeAll
    static void extract() {
        byArticle = EntityFixtures.mentionsByArticle(ARTICLES);
    }

    static List<String> leaders(String article) {
        return byArticle.getOrDefault(article, List.of()).stream().filter(m -> m.entity().startsWith("leader:"))
                .map(m -> m.surface() + "=" + m.entity()).toList();
    }

    @Test
    void relativesNamedInFullAreNotTheLeader() {
        assertEquals(List.of("Biden=leader:joe-biden"), leaders("hunter"), "only the last, bare Biden is Joe Biden");
    }

    @Test
    void theLeadersOwnGivenNameSpelledOrInflectedOtherwiseStillCounts() {
        assertEquals(List.of("Zełenski=leader:volodymyr-zelensky", "Dudą=leader:andrzej-duda"), leaders("polish"));
    }

    @Test
    void partyLabelsAndClauseStartsAreNotGivenNames() {
        assertEquals(List.of("Trump=leader:donald-trump"), leaders("seedLike"));
        assertEquals(List.of("Zelensky=leader:volodymyr-zelensky"), leaders("colon"));
    }

    @Test
    void aSurnameBeforeAnotherNameIsSomeoneElsesGivenName() {
        assertEquals(List.of("Biden=leader:joe-biden", "Biden=leader:joe-biden", "Xi=leader:xi-jinping"), leaders("followed"),
                "Novak Djokovic, Wang Wenbin: other people; the Trump Organization: not the person");
    }

    @Test
    void shortSurnamesInCapitalsAreAcronyms() {
        assertEquals(List.of("Xi=leader:xi-jinping", "Biden=leader:joe-biden"), leaders("acronyms"));
    }

    @Test
    void weakSurnamesNeedATitleOrTheFullName() {
        assertEquals(List.of(), leaders("store"));
        assertEquals(List.of("Store=leader:jonas-gahr-store"), leaders("storeTitle"));
        assertEquals(List.of(), leaders("obama2022"), "in 2022 the Obama in office was Equatorial Guinea's prime minister");
        assertEquals(List.of("Barack Obama=leader:barack-obama", "Obama=leader:barack-obama"), leaders("obamaNamed"));
    }

    @Test
    void suffixesAndRegnalNumbersAreNotSurnames() {
        assertEquals(List.of(), leaders("suffix"));
        Gazetteer g = EntityFixtures.gazetteer();
        for (String key : List.of("jr.", "jr", "vi", "ii", "iii", "a.")) {
            List<Gazetteer.Surface> surfaces = g.surfaces().getOrDefault(key, List.of());
            assertTrue(surfaces.stream().noneMatch(s -> s.rule().equals("surname")), key + ": " + surfaces);
        }
    }

    @Test
    void titleCaseHeadlinesKeepTheirNames() {
        assertEquals(List.of("Francis=leader:francis"), leaders("headline"));
        assertTrue(SurnameContext.titleCase("Pope Francis Says He Has Written Resignation Letter"));
        assertFalse(SurnameContext.titleCase("The report is about Hunter Biden and his business."));
    }

    @Test
    void vicePremiersAreNotHeadsOfGovernment() {
        Gazetteer g = EntityFixtures.gazetteer();
        for (String id : List.of("leader:sun-chunlan", "leader:aleksandr-novak", "leader:premiers-han-zheng",
                "leader:surangel-whipps-jr", "leader:capt-ibrahim-traore")) {
            assertNull(g.entities().get(id), id);
        }
        assertEquals("Ibrahim Traore", g.entities().get("leader:ibrahim-traore").name());
    }
}
