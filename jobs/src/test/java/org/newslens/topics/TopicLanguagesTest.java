package org.newslens.topics;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.pipeline.UserError;
import org.newslens.tables.Tables;
import org.newslens.terms.Period;

/** --topic-languages: one model per language, the tables say the language, topic ids run on across the models. */
class TopicLanguagesTest {
    static final List<List<String>> ENGLISH = TopicsStageTest.THEMES.subList(0, 2);
    static final List<List<String>> POLISH = List.of(
            List.of("rakieta", "czołg", "artyleria", "wojsko", "front", "dron", "ostrzał", "brygada", "haubica", "okop"),
            List.of("inflacja", "stopy", "bankowość", "obligacje", "rentowność", "waluta", "deficyt", "rynki", "akcje", "kredyt"));

    static Dataset<Row> articles;
    static Dataset<Row> sentences;
    static TopicsStage.Languages both;

    @BeforeAll
    static void corpus() {
        SparkSession spark = TestSpark.get();
        Random random = new Random(7);
        List<Row> a = new ArrayList<>();
        List<Row> s = new ArrayList<>();
        // English the larger (the dominant language), Polish with its own themes
        add("en", ENGLISH, 30, random, a, s);
        add("pl", POLISH, 20, random, a, s);
        articles = spark.createDataFrame(a, Tables.ARTICLES.schema());
        sentences = spark.createDataFrame(s, Tables.SENTENCES.schema());
        TopicOptions options = new TopicOptions(2, 1L, "gibbs", 60, 0.05, 1000, 1, 0.5, 0.1, 10, "pl, EN", 0, 0, 64, 0);
        both = new TopicsStage(options, Period.MONTH).applyLanguages(articles, sentences, null, null);
    }

    private static void add(String lang, List<List<String>> themes, int perTheme, Random random, List<Row> a, List<Row> s) {
        for (int t = 0; t < themes.size(); t++) {
            for (int d = 0; d < perTheme; d++) {
                String id = lang + t + "-" + d;
                a.add(TopicsStageTest.article(id, lang, d % 2 == 0 ? "2024-01-15" : "2024-02-15"));
                List<String> terms = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    terms.add(themes.get(t).get(random.nextInt(themes.get(t).size())));
                }
                s.add(TopicsStageTest.sentence(id, 0, 1, d % 2 == 0 ? "2024-01-15" : "2024-02-15", lang, terms));
            }
        }
    }

    private static Set<String> topTerms(String language) {
        Set<String> out = new TreeSet<>();
        for (Row r : both.topics().where(col(Tables.LANGUAGE).equalTo(language)).collectAsList()) {
            out.add(r.getAs(Tables.TERM));
        }
        return out;
    }

    @Test
    void oneModelPerLanguageInTheOrderAsked() {
        assertEquals(List.of("pl", "en"), both.languages(), "as asked, normalised");
        assertEquals(List.of(0, 2), both.offsets());
        List<Row> summary = both.topicSummary().orderBy(Tables.TOPIC_ID).collectAsList();
        assertEquals(4, summary.size());
        assertEquals(List.of("pl", "pl", "en", "en"), summary.stream().map(r -> r.<String>getAs(Tables.LANGUAGE)).toList());
        assertEquals(List.of(0, 1, 2, 3), summary.stream().map(r -> r.<Integer>getAs(Tables.TOPIC_ID)).toList());
    }

    @Test
    void eachModelSeesOnlyItsLanguage() {
        Set<String> polishWords = new TreeSet<>();
        POLISH.forEach(polishWords::addAll);
        assertTrue(topTerms("en").stream().noneMatch(polishWords::contains), "no Polish in English topics: " + topTerms("en"));
        assertTrue(polishWords.containsAll(topTerms("pl")), "Polish topics are Polish words: " + topTerms("pl"));
        // every article gets topics of its own language's model
        for (Row r : both.articleTopics().collectAsList()) {
            String id = r.getAs(Tables.ARTICLE_ID);
            int topic = r.getAs(Tables.TOPIC_ID);
            assertEquals(id.substring(0, 2), r.getAs(Tables.LANGUAGE));
            assertTrue(id.startsWith("pl") ? topic < 2 : topic >= 2, id + " -> topic " + topic);
        }
        assertEquals(100, both.articleTopics().where(col("dominant")).count(), "one dominant topic per article");
    }

    @Test
    void trendSharesAddUpWithinEachLanguage() {
        for (Row r : both.topicTrends().groupBy(Tables.PERIOD, Tables.LANGUAGE).sum("share").collectAsList()) {
            assertEquals(1.0, r.getDouble(2), 1e-9, r.toString());
        }
    }

    @Test
    void allMeansLanguagesWithEnoughArticlesElseTheDominantOne() {
        List<String> warnings = new ArrayList<>();
        assertEquals(List.of("en"), TopicsStage.languagesToModel(articles, List.of("all"), warnings),
                "neither has 1,000 articles here");
        assertTrue(warnings.get(0).contains("no language has 1000 articles"), warnings.toString());
        assertEquals(List.of("en"), TopicsStage.languagesToModel(articles, null, new ArrayList<>()), "default: dominant");
    }

    @Test
    void badLanguageListsAreRefused() {
        for (String bad : List.of("en;pl", "all,en", "english")) {
            TopicOptions o = new TopicOptions(2, 1L, "gibbs", 10, 0.05, 1000, 1, 0.5, 0.1, 10, bad, 0, 0, 64, 0);
            assertThrows(UserError.class, o::validated, bad);
        }
    }
}
