package org.newslens.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The known traps (Georgia, Jordan, Chad, turkey, South China Sea ...) and date-aware leader resolution. */
class TrapsAndDatesTest {
    static Map<String, List<EntityFixtures.M>> byArticle;

    static final String[][] ARTICLES = {
        // id, date, title, text
        {"georgia", "2024-05-01", "Protests in Tbilisi, Georgia", "Thousands marched in Tbilisi, Georgia on Sunday. "
            + "Separately, a rally was held in Atlanta, Georgia, and another in Macon, Georgia. Georgia Tech won."},
        {"jordan", "2024-05-01", "Jordan Peterson speaks", "Michael Jordan and Jordan Peterson were there. "
            + "King Abdullah of Jordan met officials. Jordan said it would help."},
        {"chad", "2024-05-01", "Chad Smith plays drums", "Chad Smith played. Troops entered Chad on Monday."},
        {"turkey", "2024-05-01", "Roast Turkey recipes", "We ate roast turkey and a turkey sandwich. Turkey condemned the strike."},
        {"sea", "2024-05-01", "Tension in the South China Sea", "Ships sailed in the South China Sea while China protested."},
        {"names", "2024-05-01", "Media", "He spoke on France Inter. The Washington Post and The New York Times reported it. "
            + "Latin America and South America watched New Mexico."},
        {"korea", "2024-05-01", "North Korea fires missile", "North Korea fired a missile. South Sudan and Sudan held talks. "
            + "The US said it would help us. The U.S. agreed."},
        {"bush1990", "1990-06-01", "Summit", "President Bush met Mikhail Gorbachev in Washington."},
        {"bush2005", "2005-06-01", "Summit", "President Bush met Vladimir Putin in Moscow."},
        {"trump2019", "2019-05-01", "Trade", "President Trump announced tariffs."},
        {"trump2025", "2025-05-01", "Trade", "President Trump announced tariffs."},
        {"putin2024", "2024-05-01", "War", "Putin said the war would go on."},
        {"johnson2024", "2024-05-01", "Books", "Johnson said he would write a book."},
        {"bushUndated", null, "Memoir", "Bush said he had no regrets."},
        {"mayMonth", "2018-05-10", "Weather", "In May it rained. Prime Minister May said otherwise."},
        {"capitals", "2022-10-01", "Sport", "Lewis Hamilton won in Abu Dhabi. Victoria Azarenka played in San Jose, "
            + "California. Sofia Vergara visited Georgetown University."},
        {"au", "2022-10-01", "Fines", "Fines rise to AU$50 million. Shop AU: see the link. The African Union (AU) mediated."},
    };

    @BeforeAll
    static void extract() {
        byArticle = EntityFixtures.mentionsByArticle(ARTICLES);
    }

    static List<String> entities(String article) {
        return byArticle.getOrDefault(article, List.of()).stream().map(m -> m.surface() + "=" + m.entity()).toList();
    }

    static EntityFixtures.M only(String article, String surface) {
        List<EntityFixtures.M> ms = byArticle.getOrDefault(article, List.of()).stream().filter(m -> m.surface().equals(surface)).toList();
        assertEquals(1, ms.size(), article + ": " + entities(article));
        return ms.get(0);
    }

    static long count(String article, String entity) {
        return byArticle.getOrDefault(article, List.of()).stream().filter(m -> m.entity().equals(entity)).count();
    }

    @Test
    void georgiaTheCountryNotTheState() {
        // title "Tbilisi, Georgia" and text "Tbilisi, Georgia": the country; Atlanta/Macon, Georgia and Georgia Tech: not
        long georgia = byArticle.get("georgia").stream().filter(m -> m.surface().equals("Georgia") && m.entity().equals("country:GE")).count();
        assertEquals(2, georgia, entities("georgia").toString());
    }

    @Test
    void jordanAsAName() {
        // only "of Jordan" and "Jordan said" are the country
        assertEquals(2, count("jordan", "country:JO"), entities("jordan").toString());
    }

    @Test
    void chadAsAFirstName() {
        assertEquals(1, count("chad", "country:TD"), entities("chad").toString());
    }

    @Test
    void turkeyTheBird() {
        assertEquals(1, count("turkey", "country:TR"), entities("turkey").toString());
    }

    @Test
    void southChinaSeaIsNotChina() {
        assertEquals(1, count("sea", "country:CN"), entities("sea").toString());
    }

    @Test
    void mediaAndRegionsAreNotCountries() {
        assertEquals(List.of(), entities("names"));
    }

    @Test
    void longestMatchAndCase() {
        assertEquals(2, count("korea", "country:KP")); // title and text
        assertEquals(0, count("korea", "country:KR"));
        assertEquals(1, count("korea", "country:SS"));
        assertEquals(1, count("korea", "country:SD"));
        assertEquals(2, count("korea", "country:US"), entities("korea").toString()); // "US" and "U.S.", never "us"
    }

    @Test
    void presidentBushByDate() {
        EntityFixtures.M b1990 = only("bush1990", "Bush");
        assertEquals("leader:george-h-w-bush", b1990.entity());
        assertEquals("title_surname", b1990.rule());
        assertFalse(b1990.ambiguous());
        EntityFixtures.M b2005 = only("bush2005", "Bush");
        assertEquals("leader:george-w-bush", b2005.entity());
        assertFalse(b2005.ambiguous());
    }

    @Test
    void presidentTrumpInBothTermsIsOnePerson() {
        assertEquals("leader:donald-trump", only("trump2019", "Trump").entity());
        assertEquals("leader:donald-trump", only("trump2025", "Trump").entity());
        assertFalse(only("trump2025", "Trump").ambiguous());
    }

    @Test
    void bareSurnameInOfficeResolves() {
        EntityFixtures.M putin = only("putin2024", "Putin");
        assertEquals("leader:vladimir-putin", putin.entity());
        assertEquals("surname", putin.rule());
        assertFalse(putin.ambiguous());
    }

    @Test
    void ambiguousSurnamesStayAmbiguous() {
        // nobody called Johnson in office in 2024 and no full name in the article: not guessed
        EntityFixtures.M johnson = only("johnson2024", "Johnson");
        assertTrue(johnson.ambiguous());
        assertTrue(johnson.candidates().contains("leader:boris-johnson"), johnson.candidates().toString());
        // undated: both Bushes held office at some time
        EntityFixtures.M bush = only("bushUndated", "Bush");
        assertTrue(bush.ambiguous());
        assertTrue(bush.candidates().containsAll(List.of("leader:george-h-w-bush", "leader:george-w-bush")));
    }

    @Test
    void weakSurnameNeedsATitle() {
        // "In May" is a month; "Prime Minister May" in 2018 is Theresa May
        assertEquals(1, count("mayMonth", "leader:theresa-may"), entities("mayMonth").toString());
        assertEquals("title_surname", only("mayMonth", "May").rule());
    }

    @Test
    void capitalsThatAreMostlySomethingElseAreNotMentions() {
        // Hamilton (Bermuda), Victoria (Seychelles), San José (Costa Rica), Sofia (Bulgaria), Georgetown (Guyana)
        assertEquals(List.of("Abu Dhabi=country:AE"), entities("capitals"));
    }

    @Test
    void auIsNotTheAfricanUnion() {
        // in rss-2022 about 100 of 114 "AU" were Australia (shop links, AU$); the union is found by its name
        assertEquals(List.of("African Union=org:african-union"), entities("au"));
    }
}
