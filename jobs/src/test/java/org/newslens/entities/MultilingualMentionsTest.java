package org.newslens.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.newslens.tables.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trap tests in the seven languages with their own aliases: inflected country names, adjectives, leaders' native
 * spellings, elision, and common words that look like names. Each article runs through the real tokenizer and
 * entities stage, dated 2022-06-01.
 */
class MultilingualMentionsTest {

    static Map<String, List<EntityFixtures.M>> byArticle;

    @BeforeAll
    static void run() {
        String d = "2022-06-01";
        byArticle = EntityFixtures.mentions(
                CommonWordSurnamesTest.article("pl", "pl", d, "Rozmowy w Kijowie",
                        "Wołodymyr Zełenski rozmawiał z Joe Bidenem o Rosji. Wojska rosyjskie weszły do Ukrainy. "
                                + "Władimir Putin spotkał się z Łukaszenką. Ma to znaczenie dla Polski i Niemiec. "
                                + "Mała firma boi się kryzysu. Prezydent Macron zadzwonił do Scholza."),
                CommonWordSurnamesTest.article("fr", "fr", d, "Diplomatie",
                        "Vladimir Poutine a rencontré Emmanuel Macron. L'armée russe a attaqué l'Ukraine. "
                                + "Les Russes et les Ukrainiens négocient avec l'Allemagne. Le président de la France a parlé."),
                CommonWordSurnamesTest.article("de", "de", d, "Krieg",
                        "Wladimir Putin und Wolodymyr Selenskyj sprachen über Russlands Krieg. Die russischen Truppen "
                                + "ziehen aus der Ukraine ab. Bundeskanzler Scholz reiste nach Frankreich. "
                                + "Die Vereinigten Staaten helfen."),
                CommonWordSurnamesTest.article("es", "es", d, "Cumbre",
                        "Vladímir Putin se reunió con Xi Jinping. Las tropas rusas entraron en Ucrania. "
                                + "Los Estados Unidos y Alemania protestaron. Mañana los soldados irán a casa."),
                CommonWordSurnamesTest.article("it", "it", d, "Vertice",
                        "Vladimir Putin ha incontrato il presidente cinese Xi Jinping. L'esercito russo è entrato "
                                + "nell'Ucraina orientale. Gli Stati Uniti e la Germania hanno protestato."),
                CommonWordSurnamesTest.article("ru", "ru", d, "Переговоры",
                        "Владимир Путин встретился с Си Цзиньпином. Войска вошли на Украину. "
                                + "Зеленский обратился к США и Германии. В комнате стоял чад."),
                CommonWordSurnamesTest.article("uk", "uk", d, "Переговори",
                        "Володимир Зеленський зустрівся з Джо Байденом. Росія напала на Україну. "
                                + "Путіна засудили в Польщі."),
                CommonWordSurnamesTest.article("en", "en", d, "Talks",
                        "Rosji and Ukrainy are not English words, and Ma said the talks went well."))
                .stream().collect(Collectors.groupingBy(EntityFixtures.M::article));
    }

    private static List<String> found(String article) {
        return byArticle.getOrDefault(article, List.of()).stream().map(m -> m.surface() + "=" + m.entity()).toList();
    }

    private static void assertFound(String article, String... expected) {
        List<String> got = found(article);
        for (String e : expected) {
            assertTrue(got.contains(e), article + ": expected " + e + " in " + got);
        }
    }

    private static void assertNotFound(String article, String surface) {
        List<String> got = found(article);
        assertTrue(got.stream().noneMatch(s -> s.startsWith(surface + "=")), article + ": " + surface + " is not a mention: " + got);
    }

    @Test
    void polish() {
        assertFound("pl", "Wołodymyr Zełenski=leader:volodymyr-zelensky", "Joe Bidenem=leader:joe-biden",
                "Rosji=country:RU", "rosyjskie=country:RU", "Ukrainy=country:UA", "Władimir Putin=leader:vladimir-putin",
                "Łukaszenką=leader:alexander-lukashenko", "Polski=country:PL", "Niemiec=country:DE",
                "Scholza=leader:olaf-scholz");
        assertNotFound("pl", "Ma");
        assertNotFound("pl", "Mała"); // "small", not Mali through the adjective lemma mały
        EntityFixtures.M rosji = byArticle.get("pl").stream().filter(m -> m.surface().equals("Rosji")).findFirst().orElseThrow();
        assertEquals("name/pl-lemma", rosji.rule(), "match_rule says the language and how");
    }

    @Test
    void french() {
        assertFound("fr", "Vladimir Poutine=leader:vladimir-putin", "Emmanuel Macron=leader:emmanuel-macron",
                "russe=country:RU", "Ukraine=country:UA", "Russes=country:RU", "Ukrainiens=country:UA",
                "Allemagne=country:DE", "France=country:FR");
        assertNotFound("fr", "Le");
        assertNotFound("fr", "de");
    }

    @Test
    void german() {
        assertFound("de", "Wladimir Putin=leader:vladimir-putin", "Wolodymyr Selenskyj=leader:volodymyr-zelensky",
                "Russlands=country:RU", "russischen=country:RU", "Ukraine=country:UA", "Scholz=leader:olaf-scholz",
                "Frankreich=country:FR", "Vereinigten Staaten=country:US");
        assertNotFound("de", "Die");
    }

    @Test
    void spanish() {
        assertFound("es", "Vladímir Putin=leader:vladimir-putin", "Xi Jinping=leader:xi-jinping", "rusas=country:RU",
                "Ucrania=country:UA", "Estados Unidos=country:US", "Alemania=country:DE");
        assertNotFound("es", "irán"); // "they will go", not Iran
    }

    @Test
    void italian() {
        assertFound("it", "Vladimir Putin=leader:vladimir-putin", "cinese=country:CN", "Xi Jinping=leader:xi-jinping",
                "russo=country:RU", "Ucraina=country:UA", "Stati Uniti=country:US", "Germania=country:DE");
    }

    @Test
    void russian() {
        assertFound("ru", "Владимир Путин=leader:vladimir-putin", "Си Цзиньпином=leader:xi-jinping",
                "Украину=country:UA", "Зеленский=leader:volodymyr-zelensky", "США=country:US", "Германии=country:DE");
        assertNotFound("ru", "чад"); // fumes, not Chad
    }

    @Test
    void ukrainian() {
        assertFound("uk", "Володимир Зеленський=leader:volodymyr-zelensky", "Джо Байденом=leader:joe-biden",
                "Росія=country:RU", "Україну=country:UA", "Путіна=leader:vladimir-putin", "Польщі=country:PL");
    }

    /** Sentences read out of order take the grouped path: inflected matches (and their match_rule) survive it. */
    @Test
    void inflectedMatchesAreTheSameWhenAnArticlesSentencesAreSplit() {
        Dataset<Row> sentences = EntityFixtures.sentences(EntityFixtures.articles(
                CommonWordSurnamesTest.article("pl1", "pl", "2022-06-01", "Wojna", "Putina krytykują w Rosji. Prezydent Ukrainy mówi."),
                CommonWordSurnamesTest.article("pl2", "pl", "2022-06-01", "Gaz", "Niemcy kupują gaz od Rosji. Władimir Putin grozi.")));
        List<EntityFixtures.M> whole = EntityFixtures.mentions(
                sentences.coalesce(1).sortWithinPartitions(Tables.ARTICLE_ID, Tables.SENTENCE_ID));
        List<EntityFixtures.M> interleaved = EntityFixtures.mentions(
                sentences.coalesce(1).sortWithinPartitions(Tables.SENTENCE_ID, Tables.ARTICLE_ID));
        assertEquals(whole, interleaved);
        assertTrue(whole.stream().anyMatch(m -> m.surface().equals("Putina") && m.rule().equals("surname/pl-lemma")
                && m.entity().equals("leader:vladimir-putin")), whole.toString());
    }

    @Test
    void otherLanguagesAliasesStayInTheirLanguage() {
        assertNotFound("en", "Rosji");
        assertNotFound("en", "Ukrainy");
        assertFound("en", "Ma=leader:ma-ying-jeou");
    }
}
