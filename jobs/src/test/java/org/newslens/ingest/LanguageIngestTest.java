package org.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;
import org.newslens.pipeline.ArticleReader;
import org.newslens.pipeline.InputFiles;

/** The language rule end to end, from files: labels that lie, short tables, feeds in the wrong language. */
class LanguageIngestTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String[] ENGLISH = {
        "Ukraine allowed to strike Russia with US long-range missiles|The United States has authorised Ukraine to use long-range missiles it supplied to strike targets inside Russia, officials said on Sunday, a reversal of a policy that had been in place since the start of the war.",
        "Central bank raises rates again|The central bank raised its main interest rate by half a point on Thursday, the fourth increase this year, and said that inflation was likely to stay high for some months to come.",
        "Floods force thousands from their homes|Heavy rain over the weekend forced thousands of people to leave their homes in the north of the country, where rivers burst their banks and roads were cut off for two days.",
        "Talks on a ceasefire resume in Cairo|Negotiators from both sides returned to Cairo on Monday for a new round of talks on a ceasefire, with mediators saying that a deal was possible but that several questions were still open.",
        "Carmaker recalls half a million vehicles|The company said it would recall about half a million cars and trucks because of a fault in the brakes that could make them less effective in cold weather, and that no injuries had been reported.",
        "Election results delayed by court challenge|The announcement of the final results was delayed after the opposition asked the supreme court to order a recount in three provinces where it said the votes had not been counted properly.",
    };

    /** Newswire earnings tables, short and mostly numbers, as in the Reuters collections. */
    static final String[] TABLES = {
        "ACME CORP <ACM> 4TH QTR NET|Shr 73 cts vs 55 cts\nNet 26.0 mln vs 17.1 mln\nRevs 412.3 mln vs 387.0 mln",
        "NORTHERN STATES POWER CO <NSP> 1ST QTR|Shr loss two cts vs profit 11 cts Net loss 1,252,000 vs profit 6,843,000 Revs 38.1 mln vs 40.5 mln Nine mths Shr profit 22 cts vs 41 cts Net profit 12.3 mln vs 23.4 mln",
        "GENERAL HOST CORP <GH> SETS QUARTERLY|Qtly div nine cts vs nine cts prior Pay April 15 Record March 31",
        "BELL ATLANTIC CORP <BEL> YEAR NET|Shr 5.21 dlrs vs 4.85 dlrs Net 1.05 billion vs 989.0 mln Revs 10.8 billion vs 10.3 billion Avg shrs 201.3 mln vs 203.9 mln",
        "TEXAS OIL AND GAS <TXO> 2ND QTR LOSS|Shr loss 18 cts vs profit 3 cts Net loss 2,102,000 vs profit 349,000 Sales 71.4 mln vs 80.2 mln",
    };

    static final String[] POLISH = {
        "Rosja ostrzega Stany Zjednoczone|Moskwa oświadczyła w poniedziałek, że decyzja o zezwoleniu na użycie rakiet dalekiego zasięgu doprowadzi jedynie do eskalacji konfliktu na Ukrainie.",
        "Inflacja spada, ale ceny energii rosną|Według danych urzędu statystycznego inflacja w listopadzie była niższa niż w październiku, ale rachunki za prąd i gaz są nadal wyższe niż przed rokiem.",
        "Rząd przyjął projekt budżetu na przyszły rok|Ministrowie zgodzili się na wyższe wydatki na obronność i ochronę zdrowia, a deficyt ma być mniejszy niż w tym roku, jak poinformował rzecznik rządu.",
        "Powódź na południu kraju|Po intensywnych opadach deszczu kilka tysięcy osób musiało opuścić swoje domy, a w wielu miejscowościach zamknięto drogi i szkoły.",
    };

    static ObjectNode item(String titleAndText, String source, String language) {
        String[] parts = titleAndText.split("\\|", 2);
        ObjectNode o = JSON.createObjectNode().put("title", parts[0]).put("text", parts[1]).put("date", "2024-11-18");
        if (source != null) {
            o.put("source", source);
        }
        if (language != null) {
            o.put("language", language);
        }
        return o;
    }

    /** title -> "language basis" */
    static Map<String, String> ingest(List<ObjectNode> items) {
        Path dir = TestSpark.tempDir("nl-lang");
        StringBuilder lines = new StringBuilder();
        items.forEach(o -> lines.append(o.toString()).append('\n'));
        Fixtures.write(dir.resolve("items.jsonl"), lines.toString());
        InputFiles files = InputFiles.list(List.of(dir.toString()), TestSpark.get().sparkContext().hadoopConfiguration());
        IngestStage.Result r = new IngestStage(new IngestOptions(Set.of(), null, null, null, 1_000_000))
                .apply(new ArticleReader(TestSpark.get(), FieldMapping.defaults(), 1_000_000).read(files));
        Map<String, String> out = new HashMap<>();
        for (Row a : r.articles().select("title", "language", "language_basis").collectAsList()) {
            out.put(a.getString(0), a.getString(1) + " " + a.getString(2));
        }
        r.release();
        return out;
    }

    /** The title as ingest cleans it ("<ACM>" reads as a tag). */
    static String title(String s) {
        return PlainText.of(s.split("\\|", 2)[0]);
    }

    @Test
    void anUnlabelledEnglishWireStaysEnglishTablesIncluded() {
        List<ObjectNode> items = new java.util.ArrayList<>();
        for (String s : ENGLISH) {
            items.add(item(s, "Wire", null));
        }
        for (String s : TABLES) {
            items.add(item(s, "Wire", null));
            items.add(item(s.replace("NET|", "RESULTS|").replace("QTR", "QUARTER"), null, null));
        }
        Map<String, String> d = ingest(items);
        for (String s : TABLES) {
            assertEquals("en source", d.get(title(s)), s);
        }
        d.forEach((t, v) -> assertEquals("en", v.split(" ")[0], t + ": " + v));
    }

    @Test
    void polishItemsInAFeedLabelledEnglishArePolish() {
        List<ObjectNode> items = new java.util.ArrayList<>();
        for (String s : ENGLISH) {
            items.add(item(s, "Mixed feed", "en-US"));
        }
        for (String s : POLISH) {
            items.add(item(s, "Mixed feed", "en-US"));
        }
        // a Polish feed labelled English: its short items follow the feed, not the label
        for (String s : POLISH) {
            items.add(item(s.replace("|", " (2)|"), "Polski kanał", "en"));
        }
        items.add(item("Krótko|Kurs 4,52 zł, WIG 61 234 pkt", "Polski kanał", "en"));
        items.add(item("Short table|EUR/USD 1.0512 +0.3 %, WIG 61234 pts", "Mixed feed", "en-US"));
        Map<String, String> d = ingest(items);
        for (String s : ENGLISH) {
            assertEquals("en label_confirmed", d.get(title(s)), s);
        }
        for (String s : POLISH) {
            assertEquals("pl detected_over_label", d.get(title(s)), s);
            assertEquals("pl detected_over_label", d.get(title(s) + " (2)"), s);
        }
        assertEquals("pl source", d.get("Krótko"));
        assertEquals("en label", d.get("Short table"));
    }
}
