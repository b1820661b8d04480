package org.newslens.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.tables.Tables;
import org.newslens.terms.Period;
import org.newslens.terms.TermsStage;

class BoilerplateTest {
    private static final String[] W = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        "juliet", "kilo", "lima"};
    private static final String PICS = "https://www.example-pics.com/rss";
    private static final String POSTS = "https://www.example-news.com/feed/";
    private static final String BANK = "https://www.bank-watch.co.uk/rss";
    private static Dataset<Row> articles;
    private static Dataset<Row> sentences;
    private static Dataset<Row> boilerplate;
    private static Map<String, Long> df;
    private static Map<String, Long> collocations;

    private static Row article(String id, String source, String title, String text) {
        Object[] values = new Object[Tables.ARTICLES.columns().size()];
        List<String> names = List.of(Tables.ARTICLES.columnNames());
        values[names.indexOf("article_id")] = id;
        values[names.indexOf("source")] = source;
        values[names.indexOf("title")] = title;
        values[names.indexOf("text")] = text;
        values[names.indexOf("language")] = "en";
        return RowFactory.create(values);
    }

    /** a word made of letters only, different for every i */
    private static String word(int i) {
        return "q" + Integer.toString(i, 26).chars().mapToObj(c -> String.valueOf((char) (Character.isDigit(c) ? 'a' + c - '0' : c + 10)))
                .collect(Collectors.joining());
    }

    @BeforeAll
    static void fixture() {
        SparkSession spark = TestSpark.get();
        List<Row> rows = new ArrayList<>();
        // feed-a: template lines under every item (one with a count that changes), a title repeated in every item, and a
        // news phrase ("talks on grain exports") inside a sentence of every item, which is not a template
        for (int i = 0; i < 12; i++) {
            rows.add(article("a" + i, "feed-a", "Daily briefing", W[i] + " officials said talks on grain exports resumed in topic"
                    + (char) ('a' + i) + ". Continue reading... Points: " + (i * 7) + "."));
        }
        // feed-b: the same line in 3 items only, which is not enough
        for (int i = 0; i < 3; i++) {
            rows.add(article("b" + i, "feed-b", "Update " + i, "Missile strike reported near Kharkiv. Continue reading..."));
        }
        // no source (e.g. .txt files): a footer in 10 articles, which may come from anywhere, so it is kept
        for (int i = 0; i < 10; i++) {
            rows.add(article("t" + i, null, "Note " + i, "Ceasefire holds in region" + (char) ('a' + i) + ". Copyright 2024 Example Press."));
        }
        // a photo credit glued to the caption it ends: a span at the end of the sentence
        for (int i = 0; i < 12; i++) {
            rows.add(article("c" + i, PICS, "Pictures " + W[i], W[i] + " crowds gathered near the river | Photo by " + W[(i + 1) % 12]
                    + " Smith / Getty Images"));
        }
        // a line that holds the item's own title
        for (int i = 0; i < 12; i++) {
            String title = "Headline " + W[i] + " about harbour ports";
            rows.add(article("d" + i, POSTS, title, "Ports reopened in " + W[i] + " after storms. The post " + title
                    + " appeared first on Example News."));
        }
        // a phrase ending 12 of 300 items' sentences: 4 % of the feed, under the span share, so it is news and kept
        for (int i = 0; i < 300; i++) {
            String text = "Report " + word(i) + " " + word(i + 7) + ".";
            if (i < 12) {
                text += " Rates rose to a new high in " + W[i] + ", said the Bank of England.";
            }
            rows.add(article("e" + i, BANK, "Markets " + word(i), text));
        }
        // two feeds of one publisher share a sign-up line, six items each; a feed of another publisher has it six times
        for (int i = 0; i < 12; i++) {
            String source = i % 2 == 0 ? "https://feeds.example-site.com/world.xml" : "https://www.example-site.com/uk/rss";
            rows.add(article("f" + i, source, "Queue " + W[i], W[i] + " voters queued in the rain at " + W[(i + 5) % 12] + ". Sign up for the Example Site morning newsletter."));
        }
        for (int i = 0; i < 6; i++) {
            rows.add(article("g" + i, "https://other-site.org/rss", "Queue " + W[i], W[i] + " voters queued in the sun at " + W[(i + 5) % 12] + ". Sign up for the Example Site morning newsletter."));
        }
        articles = spark.createDataFrame(rows, Tables.ARTICLES.schema());
        sentences = new TokenizeStage(List.of(), false).apply(articles).cache();
        boilerplate = Boilerplate.find(sentences, articles, 10).cache();
        TermsStage.Result terms = new TermsStage(Period.MONTH, 2).apply(articles, Boilerplate.strip(sentences, boilerplate));
        df = terms.vocabulary().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("term")), r -> (long) r.<Integer>getAs("df")));
        collocations = terms.collocations().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("ngram")), r -> r.<Long>getAs("count")));
    }

    private static Map<String, Row> found() {
        return boilerplate.collectAsList().stream().collect(Collectors.toMap(
                r -> (r.isNullAt(r.fieldIndex("source")) ? "publisher " + r.getAs("publisher") : r.getAs("source")) + "|"
                        + r.getAs("kind") + "|" + r.getAs("edge") + "|" + String.join(" ", r.<String>getList(r.fieldIndex("terms"))), r -> r));
    }

    @Test
    void templateLinesRepeatedInManyArticlesOfASourceAreFound() {
        Map<String, Row> found = found();
        Row reading = found.get("feed-a|sentence|null|continue reading");
        assertEquals(12, reading.<Integer>getAs("articles"));
        assertEquals(12L, reading.<Long>getAs("sentences"));
        assertEquals("Continue reading...", reading.getAs("text"));
        assertEquals("feed-a", reading.getAs("publisher"));
        // numbers are not terms, so "Points: 0" ... "Points: 77" are one line
        assertEquals(12, found.get("feed-a|sentence|null|points").<Integer>getAs("articles"));
        assertEquals(2, found.keySet().stream().filter(k -> k.startsWith("feed-a|")).count(), found.keySet().toString());
        assertFalse(found.keySet().stream().anyMatch(k -> k.startsWith("feed-b|") || k.startsWith("null|")), found.keySet().toString());
        assertEquals(0, Boilerplate.find(sentences, articles, 0).count());
    }

    @Test
    void spansAtTheEdgeOfASentenceAreFoundAndOnlyTheyAreLeftOut() {
        Row credit = found().get(PICS + "|span|end|smith getty images");
        assertEquals(12, credit.<Integer>getAs("articles"));
        assertEquals("example-pics.com", credit.getAs("publisher"));
        assertFalse(df.containsKey("getty"));
        assertFalse(df.containsKey("images"));
        assertEquals(12L, df.get("crowds")); // the caption the credit was glued to is still counted
        assertEquals(12L, df.get("river"));
        assertEquals(12L, df.get("photo")); // before the span
        assertFalse(collocations.keySet().stream().anyMatch(g -> g.contains("getty")), collocations.keySet().toString());
    }

    @Test
    void theItemsOwnTitleIsMaskedSoALineHoldingItIsOneTemplate() {
        Row post = found().get(POSTS + "|sentence|null|post <title> appeared first example news");
        assertEquals(12, post.<Integer>getAs("articles"));
        assertTrue(post.<String>getAs("text").startsWith("The post Headline "), post.<String>getAs("text"));
        assertFalse(df.containsKey("appeared"));
        assertEquals(12L, df.get("headline")); // the titles themselves count
        assertEquals(12L, df.get("harbour"));
        assertEquals(12L, df.get("storms"));
    }

    @Test
    void aNewsPhraseRecurringInsideSentencesOrInFewItemsIsKept() {
        assertEquals(12L, df.get("grain")); // inside a sentence of all 12 items of feed-a
        assertEquals(12L, collocations.get("grain exports"));
        assertEquals(12L, df.get("england")); // ending a sentence of 12 of the 300 items of its feed: 4 % < 5 %
        assertFalse(found().keySet().stream().anyMatch(k -> k.startsWith(BANK)), found().keySet().toString());
    }

    @Test
    void aLineSharedByTheFeedsOfOnePublisherIsFoundForThePublisher() {
        Row signUp = found().get("publisher example-site.com|sentence|null|sign up example site morning newsletter");
        assertTrue(signUp != null || found().containsKey("publisher example-site.com|sentence|null|sign example site morning newsletter"),
                found().keySet().toString());
        assertEquals(6L, df.get("newsletter")); // other-site.org's six are counted
        assertEquals(18L, df.get("voters"));
    }

    @Test
    void termTablesLeaveBoilerplateOutButKeepTitlesAndOtherSources() {
        Dataset<Row> flagged = Boilerplate.strip(sentences, boilerplate);
        assertEquals(sentences.count(), flagged.count());
        assertFalse(flagged.where("boilerplate and sentence_id = 0").count() > 0);
        assertEquals(3L, df.get("continue")); // feed-b's three, not feed-a's twelve
        assertEquals(12L, df.get("briefing")); // a repeated title still counts
        assertFalse(df.containsKey("points"));
        assertEquals(10L, df.get("copyright"));
        assertEquals(10L, df.get("ceasefire"));
        // whole lines: feed-a 24, the masked post lines 12, the publisher's sign-up lines 12
        assertEquals(24 + 12 + 12, flagged.where("boilerplate").count());
        assertEquals(sentences.count() - 48, Boilerplate.without(sentences, boilerplate).count());
        // the stories stage's flag knows the source's whole lines as written only
        assertEquals(24, Boilerplate.flag(sentences, boilerplate).where("boilerplate").count());
    }

    @Test
    void stripOfTheColumnsACallerReadsGivesTheSameRows() {
        List<String> columns = List.of(Tables.ARTICLE_ID, "n_sentences", "terms");
        Dataset<Row> whole = Boilerplate.strip(sentences, boilerplate).select("article_id", "sentence_id", "n_sentences", "terms",
                "term_positions", "boilerplate");
        Dataset<Row> narrow = Boilerplate.strip(sentences, boilerplate, columns);
        assertEquals(List.of("article_id", "sentence_id", "terms", "term_positions", "source", "language", "n_sentences",
                "boilerplate"), List.of(narrow.columns()));
        Dataset<Row> same = narrow.select("article_id", "sentence_id", "n_sentences", "terms", "term_positions", "boilerplate");
        assertEquals(0, whole.exceptAll(same).count());
        assertEquals(0, same.exceptAll(whole).count());
        assertEquals(whole.where("boilerplate").count(), Boilerplate.strip(sentences, boilerplate).count()
                - Boilerplate.without(sentences, boilerplate, columns).count());
    }

    @Test
    void linesOfAModelSavedBeforeSpansStillApply() {
        // a topic model saved before span templates keeps its lines with the six columns of that time
        Dataset<Row> old = boilerplate.where("kind = 'sentence' and source is not null and not array_contains(terms, '<title>')")
                .select("source", "language", "terms", "text", "articles", "sentences");
        assertEquals(24, Boilerplate.strip(sentences, old).where("boilerplate").count());
    }

    @Test
    void publishersAreRegistrableDomainsOfFeedAddresses() {
        assertEquals("bbci.co.uk", Publisher.of("http://feeds.bbci.co.uk/news/rss.xml"));
        assertEquals("cnn.com", Publisher.of("http://rss.cnn.com/rss/edition.rss"));
        assertEquals("businessinsider.com.pl", Publisher.of("https://businessinsider.com.pl/.feed"));
        assertEquals("interia.pl", Publisher.of("https://wydarzenia.interia.pl/feed"));
        assertEquals("feed-a", Publisher.of("feed-a"));
        assertEquals("not a url: x", Publisher.of("not a url: x"));
        assertNull(Publisher.of(null));
    }

    @Test
    void maskingReplacesRunsOfTheTitleByOnePlaceholder() {
        TemplateRuns.Masked m = TemplateRuns.mask(List.of("post", "headline", "alpha", "ports", "appeared", "alpha"),
                List.of("headline", "alpha", "harbour", "ports"));
        assertEquals(List.of("post", "<title>", "ports", "appeared", "alpha"), m.terms()); // single words are not masked
        assertEquals(1, m.from()[1]);
        assertEquals(3, m.to()[1]);
        assertFalse(TemplateRuns.mask(List.of("a", "b"), null).changed());
    }
}
