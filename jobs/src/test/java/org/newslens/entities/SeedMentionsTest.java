package org.newslens.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed article (seeds/000_cfd26bd1d34b7c1b.txt, 2024-11-18) yields the countries and leaders it names. */
class SeedMentionsTest {
    static List<EntityFixtures.M> mentions;
    static String document;

    @BeforeAll
    static void extract() throws Exception {
        String raw = Files.readString(Path.of("../seeds/000_cfd26bd1d34b7c1b.txt"), StandardCharsets.UTF_8).strip();
        int nl = raw.indexOf('\n');
        String title = raw.substring(0, nl).strip();
        String text = raw.substring(nl + 1).strip();
        document = EntitiesStage.document(title, text);
        mentions = EntityFixtures.mentions(EntityFixtures.article("seed", "2024-11-18", title, text));
    }

    static Set<String> resolved() {
        return mentions.stream().filter(m -> !m.ambiguous()).map(EntityFixtures.M::entity).collect(Collectors.toSet());
    }

    @Test
    void countries() {
        assertTrue(resolved().containsAll(List.of("country:US", "country:UA", "country:RU", "country:KP", "country:CN",
                "country:FR", "country:GB")), resolved().toString());
        assertFalse(resolved().contains("country:KR"), "North Korean is not Korea");
    }

    @Test
    void leaders() {
        assertTrue(resolved().containsAll(List.of("leader:joe-biden", "leader:donald-trump", "leader:volodymyr-zelensky",
                "leader:vladimir-putin", "leader:antonio-guterres", "leader:ursula-von-der-leyen", "leader:boris-johnson",
                "leader:jean-noel-barrot")), resolved().toString());
    }

    @Test
    void organisations() {
        assertTrue(resolved().containsAll(List.of("org:un", "org:eu", "org:nato", "org:european-commission")), resolved().toString());
    }

    @Test
    void surfacesAreAsWrittenAndOffsetsIndexTheDocument() {
        for (EntityFixtures.M m : mentions) {
            assertEquals(m.surface(), document.substring(m.start(), m.end()), m.toString());
        }
        assertTrue(mentions.stream().anyMatch(m -> m.surface().equals("Volodimir Zelenski")
                && m.entity().equals("leader:volodymyr-zelensky")));
        assertTrue(mentions.stream().anyMatch(m -> m.surface().equals("Jean-Noel Barrot")
                && m.entity().equals("leader:jean-noel-barrot")));
        assertTrue(mentions.stream().anyMatch(m -> m.surface().equals("US") && m.sentence() == 0 && m.start() == 0));
    }

    @Test
    void surnamesResolveThroughTheFullName() {
        // "'It should have been done 18 months ago,' Johnson said" and "the return of Republican Trump"
        EntityFixtures.M johnson = mentions.stream().filter(m -> m.surface().equals("Johnson")).findFirst().orElseThrow();
        assertEquals("leader:boris-johnson", johnson.entity());
        assertEquals("surname", johnson.rule());
        assertFalse(johnson.ambiguous());
        EntityFixtures.M trump = mentions.stream().filter(m -> m.surface().equals("Trump")).findFirst().orElseThrow();
        assertEquals("leader:donald-trump", trump.entity());
        assertFalse(trump.ambiguous());
    }

    @Test
    void seedTraps() {
        for (String phrase : List.of("The New York Times", "The Washington Post", "France Inter", "New York Times")) {
            int at = document.indexOf(phrase);
            assertTrue(at >= 0, phrase);
            int end = at + phrase.length();
            assertTrue(mentions.stream().noneMatch(m -> m.start() < end && m.end() > at), phrase + ": " + mentions);
        }
        int us = document.indexOf("count on us");
        assertTrue(mentions.stream().noneMatch(m -> m.start() == us + 9), "'us' is not the US");
        assertTrue(mentions.stream().noneMatch(m -> m.surface().equals("Peskov") || m.surface().equals("Lin Jian")));
    }

    @Test
    void matchRules() {
        Set<String> rules = mentions.stream().map(m -> m.surface() + "=" + m.rule()).collect(Collectors.toSet());
        for (String expected : List.of("Washington=capital", "Moscow=capital", "Kiev=capital", "Kremlin=seat",
                "White House=seat", "Ukrainian=demonym", "North Korean=demonym", "US=alias", "United States=name",
                "Joe Biden=name", "Vladimir Putin=name")) {
            assertTrue(rules.contains(expected), expected + " in " + rules);
        }
    }
}
