package org.newslens.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.pipeline.UserError;

/** Loading the packaged gazetteer and user files (--entities), folding, and the matcher without Spark. */
class GazetteerTest {

    @Test
    void packagedGazetteerLoads() {
        Gazetteer g = EntityFixtures.gazetteer();
        assertTrue(g.entities().size() > 3000, g.toString());
        assertEquals("country", g.entities().get("country:US").type());
        assertEquals("leader", g.entities().get("leader:vladimir-putin").type());
        assertTrue(g.termsOf("leader:donald-trump").size() >= 4);
        assertTrue(g.literalNonMentions().contains("south china sea"));
        assertTrue(g.isWeakSurname("may"));
        // the junk alias fixed in data/build/curated_aliases.tsv
        assertTrue(g.surfaces().keySet().stream().noneMatch(k -> k.contains("prior to")));
    }

    @Test
    void foldingKeepsOffsets() {
        String s = "Jean-Noël Barrot, Erdoğan, ‘quoted’ Łódź İstanbul";
        assertEquals(s.length(), Fold.fold(s).length());
        assertEquals(s.length(), Fold.lower(s).length());
        assertEquals("Jean-Noel Barrot, Erdogan, 'quoted' Lodz Istanbul", Fold.fold(s));
    }

    @Test
    void userFilesAddEntitiesAndAliases() throws Exception {
        Path dir = TestSpark.tempDir("nl-entities");
        Path orgs = dir.resolve("orgs.tsv");
        Files.writeString(orgs, "entity_id\tname\taliases\tcountry_iso2\norg:wagner\tWagner Group\tPMC Wagner\tRU\n",
                StandardCharsets.UTF_8);
        Path leaders = dir.resolve("people.tsv");
        Files.writeString(leaders, "entity_id\tname\taliases\tcountry_iso2\tgiven_names\tsurname\n"
                + "leader:vladimir-putin\tVladimir Putin\tVVP\tRU\tVladimir\tPutin\n", StandardCharsets.UTF_8);
        Gazetteer g = Gazetteer.load(List.of(orgs.toString(), leaders.toString()));
        assertEquals("organization", g.entities().get("org:wagner").type());
        List<MentionMatcher.Match> ms = new MentionMatcher(g).find("PMC Wagner and VVP met.");
        assertEquals(2, ms.size());
        assertEquals("org:wagner", ms.get(0).surfaces().get(0).entityId());
        assertEquals("leader:vladimir-putin", ms.get(1).surfaces().get(0).entityId());
    }

    @Test
    void badUserFilesAreUserErrors() throws Exception {
        Path dir = TestSpark.tempDir("nl-entities");
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "foo\tbar\n1\t2\n", StandardCharsets.UTF_8);
        assertThrows(UserError.class, () -> Gazetteer.load(List.of(bad.toString())));
        assertThrows(UserError.class, () -> Gazetteer.load(List.of(dir.resolve("missing.tsv").toString())));
    }

    @Test
    void matcherCaseAndLongestMatch() {
        MentionMatcher m = new MentionMatcher(EntityFixtures.gazetteer());
        List<MentionMatcher.Match> ms = m.find("Tell us: did the US and North Korea talk in the South China Sea?");
        assertEquals(List.of("US", "North Korea"), ms.stream().map(x -> "Tell us: did the US and North Korea talk in the South China Sea?"
                .substring(x.start(), x.end())).toList());
        assertFalse(m.find("the turkey was roasted").stream().findAny().isPresent());
    }
}
