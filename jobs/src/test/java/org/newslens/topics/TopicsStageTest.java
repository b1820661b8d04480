package org.newslens.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.tables.Tables;
import org.newslens.terms.Period;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A synthetic corpus of three planted themes with disjoint vocabularies (plus one word in every document,
 * which max-df pruning removes, and a few Polish articles, which are not modelled).
 */
class TopicsStageTest {
    static final List<List<String>> THEMES = List.of(
            List.of("missile", "tank", "artillery", "troops", "frontline", "drone", "shelling", "brigade", "howitzer", "trench"),
            List.of("inflation", "rates", "bank", "bonds", "yields", "currency", "deficit", "markets", "stocks", "lending"),
            List.of("football", "goal", "league", "striker", "coach", "match", "stadium", "season", "referee", "penalty"));
    static final int DOCS_PER_THEME = 30;
    static final TopicOptions OPTIONS = new TopicOptions(3, 1L, "online", 40, 0.05, 1000, 1, 0.5, 0.1, 10, null, 0, 0, 64, 0);

    static Dataset<Row> articles;
    static Dataset<Row> sentences;
    static Dataset<Row> mentions;
    static TopicsStage.Result result;

    static Object seq(List<?> xs) {
        return CollectionConverters.asScala(xs).toSeq();
    }

    /** A sentence of an article of {@code n} sentences (or null) published on {@code date} (yyyy-mm-dd, or null). */
    static Row sentence(String article, int id, Integer n, String date, String lang, List<String> terms) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            positions.add(i);
        }
        Object[] values = new Object[Tables.SENTENCES.columns().size()];
        List<String> names = List.of(Tables.SENTENCES.columnNames());
        values[names.indexOf("article_id")] = article;
        values[names.indexOf("sentence_id")] = id;
        values[names.indexOf("char_start")] = 0;
        values[names.indexOf("char_end")] = 0;
        values[names.indexOf("text")] = "";
        values[names.indexOf("tokens")] = seq(terms);
        values[names.indexOf("terms")] = seq(terms);
        values[names.indexOf("term_positions")] = seq(positions);
        values[names.indexOf("language")] = lang;
        values[names.indexOf("published_date")] = date == null ? null : Date.valueOf(date);
        values[names.indexOf("n_sentences")] = n;
        return RowFactory.create(values);
    }

    static Row article(String id, String lang, String date) {
        Object[] values = new Object[Tables.ARTICLES.columns().size()];
        List<String> names = List.of(Tables.ARTICLES.columnNames());
        values[names.indexOf("article_id")] = id;
        values[names.indexOf("language")] = lang;
        values[names.indexOf("published_date")] = date == null ? null : Date.valueOf(date);
        return RowFactory.create(values);
    }

    static Row mention(String article, String entity, boolean ambiguous) {
        Object[] values = new Object[Tables.MENTIONS.columns().size()];
        List<String> names = List.of(Tables.MENTIONS.columnNames());
        values[names.indexOf("article_id")] = article;
        values[names.indexOf("sentence_id")] = 0;
        values[names.indexOf("entity_id")] = entity;
        values[names.indexOf("ambiguous")] = ambiguous;
        return RowFactory.create(values);
    }

    static String theme(String articleId) {
        return articleId.substring(0, 1);
    }

    @BeforeAll
    static void corpus() {
        build();
        result = new TopicsStage(OPTIONS, Period.MONTH).apply(articles, sentences, mentions);
    }

    /** Sets articles, sentences and mentions (the same corpus every time). */
    static void build() {
        if (articles != null) {
            return;
        }
        SparkSession spark = TestSpark.get();
        Random random = new Random(1);
        List<Row> a = new ArrayList<>();
        List<Row> s = new ArrayList<>();
        List<Row> m = new ArrayList<>();
        for (int t = 0; t < THEMES.size(); t++) {
            for (int d = 0; d < DOCS_PER_THEME; d++) {
                String id = t + "-" + d;
                String date = d % 2 == 0 ? "2024-01-15" : "2024-02-15";
                a.add(article(id, "en", date));
                for (int sid = 0; sid < 2; sid++) {
                    List<String> terms = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        terms.add(THEMES.get(t).get(random.nextInt(THEMES.get(t).size())));
                    }
                    if (sid == 0) {
                        terms.add("said");
                    }
                    s.add(sentence(id, sid, 2, date, "en", terms));
                }
                m.add(mention(id, "country:" + t, false));
                m.add(mention(id, "leader:ambiguous", true));
            }
        }
        for (int d = 0; d < 3; d++) {
            a.add(article("p" + d, "pl", "2024-01-15"));
            s.add(sentence("p" + d, 0, 1, "2024-01-15", "pl", List.of("rakieta", "czołg", "missile")));
        }
        articles = spark.createDataFrame(a, Tables.ARTICLES.schema());
        sentences = spark.createDataFrame(s, Tables.SENTENCES.schema());
        mentions = spark.createDataFrame(m, Tables.MENTIONS.schema());
    }

    /** topic id -> theme index of its top terms (all of them must come from one theme). */
    static Map<Integer, Integer> topicThemes(Dataset<Row> topics) {
        Map<Integer, Set<Integer>> themes = new HashMap<>();
        for (Row r : topics.collectAsList()) {
            String term = r.getAs("term");
            int theme = -1;
            for (int t = 0; t < THEMES.size(); t++) {
                if (THEMES.get(t).contains(term)) {
                    theme = t;
                }
            }
            themes.computeIfAbsent(r.<Integer>getAs("topic_id"), x -> new HashSet<>()).add(theme);
        }
        Map<Integer, Integer> one = new HashMap<>();
        themes.forEach((topic, set) -> {
            assertEquals(1, set.size(), "topic " + topic + " mixes themes " + set);
            one.put(topic, set.iterator().next());
        });
        return one;
    }

    @Test
    void eachPlantedThemeIsOneTopic() {
        assertEquals(List.of(), result.warnings());
        Map<Integer, Integer> themes = topicThemes(result.topics());
        assertEquals(3, themes.size());
        assertEquals(Set.of(0, 1, 2), new HashSet<>(themes.values()), "each theme recovered once: " + themes);
        assertEquals(3 * 10, result.topics().count());
        assertTrue(result.topics().where("term = 'said' OR term = 'rakieta'").isEmpty(), "max-df / language pruning");

        // each article's dominant topic is its theme's topic, with most of its weight
        Map<String, Row> dominant = new HashMap<>();
        for (Row r : result.articleTopics().where("dominant").collectAsList()) {
            assertNull(dominant.put(r.getAs("article_id"), r), "one dominant topic per article");
        }
        assertEquals(3 * DOCS_PER_THEME, dominant.size(), "Polish articles get no topics");
        for (Row r : dominant.values()) {
            assertEquals(Integer.parseInt(theme(r.getAs("article_id"))), themes.get(r.<Integer>getAs("topic_id")));
            assertTrue(r.<Double>getAs("weight") > 0.8, r.toString());
        }
        assertTrue(result.articleTopics().where("weight < 0.1 AND NOT dominant").isEmpty());
    }

    @Test
    void summaryHasLabelsPrevalenceAndCoherence() {
        List<Row> rows = result.topicSummary().orderBy("topic_id").collectAsList();
        assertEquals(3, rows.size());
        double prevalence = 0;
        for (Row r : rows) {
            prevalence += r.<Double>getAs("prevalence");
            assertEquals(4, r.<String>getAs("label").split(", ").length);
            assertEquals(1.0 / 3, r.<Double>getAs("prevalence"), 0.05);
            // every theme word is in about 1/3 of the documents and (almost) only with its theme's words
            double npmi = r.getAs("coherence_npmi");
            assertTrue(npmi > 0.5 && npmi <= 1.0, "npmi " + npmi);
            assertTrue(r.<Double>getAs("coherence_umass") <= 0.0);
        }
        assertEquals(1.0, prevalence, 1e-9);
        // coherence equals the pure function on the documents
        TopicsStage.Result r = result;
        Coherence.Counts counts = TopicsStage.cooccurrence(r.corpus(), r.model().vocabulary().vocabulary(), r.topTerms(), 90);
        assertEquals(Coherence.npmi(r.topTerms().get(0), counts), rows.get(0).<Double>getAs("coherence_npmi"), 1e-12);
    }

    @Test
    void trendsShareSumsToOnePerPeriod() {
        List<Row> rows = result.topicTrends().collectAsList();
        assertEquals(2 * 3, rows.size());
        Map<Object, Double> shares = new HashMap<>();
        Map<Object, Double> sums = new HashMap<>();
        for (Row r : rows) {
            shares.merge(r.getAs("period").toString(), r.<Double>getAs("share"), Double::sum);
            sums.merge(r.getAs("period").toString(), r.<Double>getAs("weight_sum"), Double::sum);
        }
        assertEquals(Set.of("2024-01-01", "2024-02-01"), shares.keySet());
        shares.values().forEach(v -> assertEquals(1.0, v, 1e-9));
        assertEquals(45.0, sums.get("2024-01-01"), 1e-6, "45 English articles in January");
    }

    @Test
    void topicEntitiesExcludeAmbiguousMentions() {
        Map<Integer, Integer> themes = topicThemes(result.topics());
        List<Row> rows = result.topicEntities().collectAsList();
        assertFalse(rows.isEmpty());
        for (Row r : rows) {
            assertFalse(r.<String>getAs("entity_id").startsWith("leader:"), "ambiguous mention used: " + r);
        }
        for (Row r : rows) {
            int theme = themes.get(r.<Integer>getAs("topic_id"));
            if (r.getAs("entity_id").equals("country:" + theme)) {
                assertEquals((long) DOCS_PER_THEME, r.<Long>getAs("articles"));
                assertEquals(3.0, r.<Double>getAs("lift"), 1e-9, "P(e|t) = 1, P(e) = 1/3");
            }
        }
    }

    static List<String> sorted(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
    }

    @Test
    void sameInputSameTables() {
        TopicsStage.Result again = new TopicsStage(OPTIONS, Period.MONTH).apply(articles, sentences, mentions);
        assertEquals(sorted(result.topics()), sorted(again.topics()));
        assertEquals(sorted(result.topicSummary()), sorted(again.topicSummary()));
        assertEquals(sorted(result.articleTopics()), sorted(again.articleTopics()));
        assertEquals(sorted(result.topicTrends()), sorted(again.topicTrends()));
        assertEquals(sorted(result.topicEntities()), sorted(again.topicEntities()));
    }

    @Test
    void savedModelInfersTheSameTopics() {
        Path dir = new Path(TestSpark.tempDir("topic-model").toString(), "model/topics");
        SparkSession spark = TestSpark.get();
        result.model().save(dir, spark.sparkContext().hadoopConfiguration());
        TopicModel loaded = TopicModel.load(dir.getParent().getParent().toString(), spark.sparkContext().hadoopConfiguration());
        assertEquals("en", loaded.language());
        assertEquals(3, loaded.k());
        Dataset<Row> inferred = TopicsStage.infer(loaded, sentences);
        assertEquals(sorted(result.articleTopics()), sorted(inferred));
        assertNull(loaded.boilerplate(), "saved without boilerplate lines");
    }

    @Test
    void savedModelKeepsTheBoilerplateItsFitLeftOut() {
        Path dir = new Path(TestSpark.tempDir("topic-model-bp").toString(), "model/topics");
        SparkSession spark = TestSpark.get();
        Dataset<Row> lines = spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("feed-a", "en",
                seq(List.of("continue", "reading")), "Continue reading...", 12, 12L, "sentence", null, "feed-a")), Tables.BOILERPLATE.schema());
        TopicModel m = result.model();
        new TopicModel(m.language(), m.vocabulary(), m.lda(), m.k(), m.threshold(), m.stem(), m.extraStopWords(), lines)
                .save(dir, spark.sparkContext().hadoopConfiguration());
        TopicModel loaded = TopicModel.load(dir.toString(), spark.sparkContext().hadoopConfiguration());
        Row line = loaded.boilerplate().collectAsList().get(0);
        assertEquals(1, loaded.boilerplate().count());
        assertEquals(List.of("continue", "reading"), line.getList(line.fieldIndex("terms")));
        assertEquals("feed-a", line.getAs("source"));
    }

    @Test
    void tinyCorpusDoesNotCrash() {
        SparkSession spark = TestSpark.get();
        Dataset<Row> one = spark.createDataFrame(List.of(article("only", "en", null)), Tables.ARTICLES.schema());
        Dataset<Row> s = spark.createDataFrame(List.of(
                sentence("only", 0, 2, null, "en", List.of("parliament", "vote", "budget")),
                sentence("only", 1, 2, null, "en", List.of("minister", "budget", "tax", "vote"))), Tables.SENTENCES.schema());
        TopicOptions quick = new TopicOptions(20, 42L, "online", 5, 0.05, 1000, 5, 0.5, 0.1, 20, null, 0, 0, 64, 0);
        TopicsStage.Result r = new TopicsStage(quick, Period.MONTH).apply(one, s, null);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("fitting 2 topics instead of 20"), r.warnings().get(0));
        assertNotNull(r.model());
        assertEquals(2, r.topicSummary().count());
        assertEquals(1, r.articleTopics().where("dominant").count());
        assertEquals(0, r.topicTrends().count(), "no date");
        assertNull(r.topicEntities());

        Dataset<Row> nothing = spark.createDataFrame(List.of(), Tables.SENTENCES.schema());
        TopicsStage.Result e = new TopicsStage(quick, Period.MONTH).apply(one, nothing, null);
        assertEquals(0, e.topics().count());
        assertNull(e.model());
    }
}
