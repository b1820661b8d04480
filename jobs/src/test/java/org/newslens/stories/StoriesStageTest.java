package org.newslens.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.tables.Tables;
import org.newslens.text.TokenizeStage;

/**
 * The seed story and four copies of it (retitled, a footer added, paragraphs cut and reordered, published a day
 * later with a typo fixed) are one story; three other articles on the same subject are not; a chain of two cut
 * halves and their full text does not join the halves.
 */
class StoriesStageTest {
    static final String FOOTER = "This article was provided by Agence France-Presse. Follow our live coverage of the"
            + " war in Ukraine on our website, subscribe to our newsletter and download our app for breaking news alerts.";
    static final String KREMLIN = "The Kremlin on Monday accused Washington of pouring fuel on the fire. Kremlin spokesman"
            + " Dmitry Peskov told reporters that the outgoing administration in Washington was doing everything to prolong"
            + " the war. He said Moscow would respond appropriately to any use of American long-range missiles against"
            + " Russian territory. Peskov declined to say what the response would be. Russian lawmakers warned that the"
            + " decision brought the world closer to a third world war. A senior member of the upper house said the step"
            + " was unprecedented.";
    static final String STRIKE = "Ukraine fired American-made ATACMS missiles at a military facility in the Bryansk region"
            + " on Tuesday, the Russian defence ministry said. Air defences shot down five of the six missiles and fragments"
            + " of one fell on the facility, causing a fire that was quickly put out. There were no casualties, the ministry"
            + " said. Ukrainian officials did not confirm the strike. It was the first reported use of the long-range"
            + " missiles on Russian soil since Washington lifted its restrictions.";
    static final String MARKET = "European stocks fell and gold rose on Tuesday as investors sought safety after reports"
            + " that Ukraine had fired long-range missiles into Russia. The Stoxx 600 index lost one percent, its biggest"
            + " fall in a month, while German government bond yields dropped. Defence shares rose. The rouble weakened"
            + " against the dollar and oil prices edged higher on worries about supplies. Analysts said markets remained"
            + " sensitive to any escalation of the conflict.";

    static final String FLOODS = "Heavy rain flooded the old town of the river port overnight, forcing hundreds of residents"
            + " to leave their homes. Firefighters pumped water from cellars while volunteers filled sandbags along the"
            + " embankment. The regional governor declared a state of emergency and asked the army for help. Forecasters"
            + " expect more rain in the mountains during the weekend.";
    static final String HARVEST = "Farmers in the southern provinces began the grape harvest two weeks earlier than usual"
            + " after a hot and dry summer. Wine makers said the grapes were small but sweet and predicted an excellent"
            + " vintage despite lower volumes. Cooperatives hired seasonal pickers from neighbouring villages. Prices for"
            + " bulk wine are expected to rise at the autumn fairs.";

    static final int TEMPLATE_MIN_ARTICLES = 10;
    static Map<String, Row> result;
    static String seedTitle;
    static List<String> paragraphs;

    static Row article(String id, String title, String text, String date, String source) {
        return article(id, title, text, date, source, null);
    }

    static Row article(String id, String title, String text, String date, String source, String url) {
        Object[] values = new Object[Tables.ARTICLES.columns().size()];
        List<String> names = List.of(Tables.ARTICLES.columnNames());
        values[names.indexOf(Tables.ARTICLE_ID)] = id;
        values[names.indexOf("title")] = title;
        values[names.indexOf("text")] = text;
        values[names.indexOf(Tables.LANGUAGE)] = "en";
        values[names.indexOf(Tables.PUBLISHED_DATE)] = Date.valueOf(date);
        values[names.indexOf("source")] = source;
        values[names.indexOf("url")] = url;
        return RowFactory.create(values);
    }

    /** Twelve daily items of one source's series: a template with the day's details, not twelve copies of a story. */
    static List<Row> series() {
        String[] days = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String day = days[i % days.length] + ", November " + (i + 1);
            rows.add(article(String.format("wordle-%02d", i), "Today's Wordle answer and hint for " + day,
                    "Wordle today: the solution and a hint for the #" + (500 + i) + " puzzle. Here is a hint for " + day
                            + " if you are stuck: the word starts with a vowel and has a double letter, and today's answer"
                            + " was used " + (i + 2) + " times before. Play the game on our website and share your score"
                            + " with your friends on social media.", "2022-11-" + String.format("%02d", i + 1), "Puzzles H"));
        }
        return rows;
    }

    static List<Row> corpus() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../seeds/000_cfd26bd1d34b7c1b.txt"), StandardCharsets.UTF_8);
        seedTitle = lines.get(0);
        paragraphs = lines.subList(2, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        String text = String.join("\n", paragraphs);
        List<String> reordered = new ArrayList<>(paragraphs.subList(14, paragraphs.size()));
        reordered.addAll(paragraphs.subList(0, 11)); // paragraphs 11-13 cut, the China section moved first
        List<Row> rows = new ArrayList<>(series());
        rows.addAll(List.of(
                article("seed", seedTitle, text, "2024-11-17", "AFP"),
                article("copy-retitled", "Biden lets Kyiv strike deep inside Russia with US missiles", text, "2024-11-18", "Daily A"),
                article("copy-footer", seedTitle, text + "\n" + FOOTER, "2024-11-18", "Daily B"),
                article("copy-cut", "Washington gives Ukraine green light for long-range strikes", String.join("\n", reordered),
                        "2024-11-18", "Daily C"),
                article("copy-late", seedTitle, text.replace("Volodimir Zelenski", "Volodymyr Zelensky"), "2024-11-19", "Weekly D"),
                article("kremlin", "Kremlin says US is adding fuel to the fire", KREMLIN, "2024-11-18", "Wire E"),
                article("strike", "Ukraine fires ATACMS missiles into Russia", STRIKE, "2024-11-19", "Wire E"),
                article("market", "Stocks fall, gold rises on Ukraine missile strike", MARKET, "2024-11-19", "Markets F"),
                // a chain: "full" holds both texts, which share nothing: the halves must not be one story
                article("chain-half1", "Floods", FLOODS, "2024-11-10", "Chain G"),
                article("chain-full", "Regional news", FLOODS + "\n" + HARVEST, "2024-11-11", "Chain G"),
                article("chain-half2", "Harvest", HARVEST, "2024-11-12", "Chain G")));
        return rows;
    }

    static Map<String, Row> run(Dataset<Row> articles) {
        Dataset<Row> sentences = new TokenizeStage(List.of(), false).apply(articles);
        Map<String, Row> byId = new TreeMap<>();
        for (Row r : new StoriesStage(StoryOptions.defaults(), TEMPLATE_MIN_ARTICLES).apply(articles, sentences).collectAsList()) {
            byId.put(r.getString(0), r);
        }
        return byId;
    }

    @BeforeAll
    static void runOnce() throws IOException {
        SparkSession spark = TestSpark.get();
        result = run(spark.createDataFrame(corpus(), Tables.ARTICLES.schema()));
    }

    private static String story(String id) {
        Row r = result.get(id);
        return r == null ? null : r.getString(1);
    }

    @Test
    void theFourCopiesAndTheOriginalAreOneStoryRepresentedByTheEarliest() {
        for (String id : List.of("seed", "copy-retitled", "copy-footer", "copy-cut", "copy-late")) {
            assertEquals("seed", story(id), id + " in " + result);
            assertEquals(5, result.get(id).getInt(3), id);
        }
        assertEquals(1.0, result.get("seed").getDouble(2));
        for (String id : List.of("copy-retitled", "copy-footer", "copy-cut", "copy-late")) {
            double similarity = result.get(id).getDouble(2);
            assertTrue(similarity >= StoryOptions.DEFAULT_THRESHOLD && similarity <= 1.0, id + " " + similarity);
        }
        assertTrue(result.get("copy-retitled").getDouble(2) > 0.95, "a new headline on a long story changes little");
    }

    @Test
    void articlesOnTheSameSubjectAreNotCopies() {
        for (String id : List.of("kremlin", "strike", "market")) {
            assertEquals(null, result.get(id), id);
        }
    }

    @Test
    void aSourcesDailySeriesIsNotOneStory() {
        for (Row r : series()) {
            assertEquals(null, result.get(r.getString(0)), r.getString(0) + " in " + result);
        }
        // the same twelve items without the template rule are taken for copies: the rule is what tells them apart
        SparkSession spark = TestSpark.get();
        Dataset<Row> articles = spark.createDataFrame(series(), Tables.ARTICLES.schema());
        Dataset<Row> sentences = new TokenizeStage(List.of(), false).apply(articles);
        assertTrue(new StoriesStage(StoryOptions.defaults(), 0).apply(articles, sentences).count() > 0);
    }

    /**
     * One source's videos of a live session share the session's description under each song's title (fewer items
     * than the template rule needs), under titles that share no run of four words; the same source's update of a
     * story keeps some of its headline's wording.
     */
    static List<Row> session() {
        String description = "Recorded live in our studio on a rainy afternoon, the band played four songs from their new"
                + " record and talked about touring through the winter with a borrowed van and a broken heater. Host: Jo"
                + " Smith. Audio engineer: Sam Lee. Cameras: Ana Ruiz and Tom Park. Editor: Kim Chen. Watch the whole set"
                + " and the interview on our channel, and come to the next session in person.";
        List<Row> rows = new ArrayList<>();
        String[] songs = {"Open Water", "Paper Kites Falling", "Salt", "The Long Road North"};
        for (int i = 0; i < songs.length; i++) {
            rows.add(article("song-" + i, "The Harbour Lights - " + songs[i] + " (Live on KXYZ)", description,
                    "2022-06-1" + i, "Videos V"));
        }
        rows.add(article("update-0", "Phone makers agree on one charging port for Europe", LONG_STORY, "2022-06-07", "Videos V"));
        rows.add(article("update-1", "Phone makers agree on one charging port for Europe by 2024", LONG_STORY + " Updated with"
                + " the council's vote.", "2022-06-08", "Videos V"));
        return rows;
    }

    private static final String LONG_STORY = "European lawmakers and phone makers reached a deal on Tuesday that will make one"
            + " charging port the standard for phones, tablets and cameras sold in the bloc. The rule takes effect in"
            + " autumn 2024 for phones and in 2026 for laptops, officials said. Consumers will be able to buy a device"
            + " without a charger, which the commission says will cut electronic waste by about eleven thousand tonnes a"
            + " year. Manufacturers had argued for years that a single standard would slow innovation.";

    @Test
    void oneSourcesItemsUnderUnrelatedTitlesAreNotOneStory() {
        SparkSession spark = TestSpark.get();
        Map<String, Row> stories = run(spark.createDataFrame(session(), Tables.ARTICLES.schema()));
        for (int i = 0; i < 4; i++) {
            assertEquals(null, stories.get("song-" + i), "song-" + i + " in " + stories);
        }
        assertEquals("update-0", stories.get("update-1") == null ? null : stories.get("update-1").getString(1), "" + stories);
        // the songs share their whole body: only their titles tell them apart, and the rule is what reads them
        Dataset<Row> renamed = spark.createDataFrame(session(), Tables.ARTICLES.schema()).withColumn("source",
                functions.concat(functions.col("source"), functions.lit(" "), functions.col("article_id")));
        assertTrue(run(renamed).containsKey("song-1"), "from four sources the same description is one story");
    }

    /**
     * Two daily puzzle pages of one source: each body is the source's template, so the titles are all that is
     * compared, and what is left of them after the template is the day's date, the same on both pages of a day.
     */
    @Test
    void twoPuzzlePagesOfOneDayAreNotOneStory() {
        String[] days = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String day = days[i % days.length] + ", October " + (10 + i);
            String date = "2022-10-" + (10 + i);
            rows.add(article("heardle-" + i, "Today's 'Heardle' Answer And Clues For " + day,
                    "Here's today's 'Heardle' song, along with some hints and the answer.", date, "Puzzles P"));
            rows.add(article("quordle-" + i, "Today's 'Quordle' Answers And Clues For " + day,
                    "Some hints and the solution for today's 'Quordle' are just ahead.", date, "Puzzles P"));
        }
        Map<String, Row> stories = run(TestSpark.get().createDataFrame(rows, Tables.ARTICLES.schema()));
        assertTrue(stories.isEmpty(), "" + stories);
    }

    /**
     * A video channel's episodes: the channel's description under titles that share the series' name. Three videos,
     * not one story; the same items as a news site's pages would be copies (their titles and bodies are alike),
     * and one video posted by two channels is one story.
     */
    @Test
    void oneChannelsVideosAreNotOneStory() {
        String description = "Jack and Marty take on the hardest challenge run we could think of: the whole game with"
                + " nothing but the warrior jar's weapons and no summons at all. Support the channel on Patreon, follow us on"
                + " social media, and join the community server for schedules, memes and the next run's rules. Edited by"
                + " our wonderful team, music licensed from the usual places, thumbnail by a friend of the show.";
        // (the channel's feed, the videos' addresses)
        BiFunction<String, String, List<Row>> episodes = (feed, site) -> {
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                rows.add(article("part-" + i, "Elden Ring Warrior Jar Challenge Run with Jack and Marty - Part " + i, description,
                        "2022-08-1" + i, feed, site + "part-" + i));
            }
            return rows;
        };
        SparkSession spark = TestSpark.get();
        Map<String, Row> videos = run(spark.createDataFrame(episodes.apply("https://www.youtube.com/feeds/videos.xml?channel_id=C",
                "https://www.youtube.com/watch?v="), Tables.ARTICLES.schema()));
        assertTrue(videos.isEmpty(), "" + videos);
        Map<String, Row> pages = run(spark.createDataFrame(episodes.apply("https://news.example.com/feed", "https://news.example.com/"),
                Tables.ARTICLES.schema()));
        assertEquals(3, pages.size(), "the rule is what tells the videos apart: " + pages);

        List<Row> twoChannels = new ArrayList<>(episodes.apply("youtube.com/@jackandmarty", "https://youtu.be/").subList(0, 1));
        twoChannels.add(article("reupload", "Elden Ring Warrior Jar Challenge Run with Jack and Marty - Part 1", description,
                "2022-08-12", "https://m.youtube.com/feeds/videos.xml?channel_id=D", "https://youtu.be/reupload"));
        Map<String, Row> shared = run(spark.createDataFrame(twoChannels, Tables.ARTICLES.schema()));
        assertEquals("part-1", shared.get("reupload") == null ? null : shared.get("reupload").getString(1), "" + shared);
    }

    @Test
    void aVideoChannelIsASourceWhoseAddressIsOnAVideoHost() {
        List<String> channels = List.of("https://www.youtube.com/feeds/videos.xml?channel_id=C", "youtube.com/@kexp",
                "https://user@vimeo.com:443/channels/x", "http://M.YouTube.com?x", "https://youtu.be/abc");
        List<String> others = List.of("https://notyoutube.com/feed", "https://www.youtube.com.example.org/feed", "KEXP",
                "https://news.example.com/youtube.com", "");
        List<Row> rows = new ArrayList<>();
        channels.forEach(c -> rows.add(RowFactory.create(c, true)));
        others.forEach(c -> rows.add(RowFactory.create(c, false)));
        rows.add(RowFactory.create(null, false));
        StructType schema = new StructType().add("source", DataTypes.StringType).add("expected", DataTypes.BooleanType);
        for (Row r : TestSpark.get().createDataFrame(rows, schema)
                .select(functions.col("source"), functions.col("expected"), StoriesStage.videoChannel(functions.col("source")))
                .collectAsList()) {
            assertEquals(r.getBoolean(1), r.getBoolean(2), r.getString(0));
        }
    }

    @Test
    void aChainDoesNotJoinArticlesThatShareNothing() {
        // half1 is the earliest, so it represents the story; full contains it; half2 shares nothing with half1
        assertEquals("chain-half1", story("chain-full"));
        assertEquals("chain-half1", story("chain-half1"));
        assertEquals(null, result.get("chain-half2"));
        assertEquals(2, result.get("chain-full").getInt(3));
    }

    @Test
    void shuffledAndRepartitionedInputGivesTheSameStories() throws IOException {
        SparkSession spark = TestSpark.get();
        List<Row> rows = new ArrayList<>(corpus());
        java.util.Collections.reverse(rows);
        Dataset<Row> shuffled = spark.createDataFrame(rows, Tables.ARTICLES.schema()).repartition(3)
                .orderBy(functions.rand(7)).repartition(4);
        Map<String, Row> again = run(shuffled);
        assertEquals(result.keySet(), again.keySet());
        for (String id : result.keySet()) {
            assertEquals(Arrays.asList(result.get(id).getString(1), result.get(id).getDouble(2), result.get(id).getInt(3)),
                    Arrays.asList(again.get(id).getString(1), again.get(id).getDouble(2), again.get(id).getInt(3)), id);
        }
    }

    @Test
    void theTemplateShingleCountIsSpreadOverEnoughTasksToStayInMemory() {
        SparkSession spark = TestSpark.get();
        int floor = 2 * spark.sparkContext().defaultParallelism();
        assertEquals(floor, StoriesStage.partitionsFor(spark, 0));
        assertEquals(floor, StoriesStage.partitionsFor(spark, StoriesStage.ROWS_PER_TASK));
        // rss-2022 x4: 35 M (source, shingle) rows, a million a task at most
        assertEquals(Math.max(floor, 36), StoriesStage.partitionsFor(spark, 35_400_000L));
    }
}
