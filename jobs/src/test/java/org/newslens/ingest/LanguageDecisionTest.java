package org.newslens.ingest;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.newslens.TestSpark;

class LanguageDecisionTest {
    static final StructType EVIDENCE = new StructType().add("id", StringType).add("source", StringType)
            .add("language_declared", StringType).add("language_detected", StringType).add("language_confidence", DoubleType)
            .add("language_function_words", DoubleType).add("language_label_function_words", DoubleType)
            .add("language_other_function_words", DoubleType);

    static Row r(String id, String source, String declared, String detected, Double confidence) {
        return RowFactory.create(id, source, declared, detected, confidence, detected == null ? null : 0.3,
                declared == null ? null : detected == null || detected.equals(declared) ? 0.2 : 0.02, null);
    }

    /** A labelled text Lingua was not asked about: the label's share of function words, and the next language's. */
    static Row shares(String id, String source, String declared, double label, Double other) {
        return RowFactory.create(id, source, declared, null, null, null, label, other);
    }

    /** id -> "language basis" */
    static Map<String, String> decide(List<Row> rows) {
        Dataset<Row> in = TestSpark.get().createDataFrame(rows, EVIDENCE).repartition(3);
        Map<String, String> out = new HashMap<>();
        for (Row x : LanguageDecision.apply(in).select("id", "language", "language_basis").collectAsList()) {
            out.put(x.getString(0), x.getString(1) + " " + x.getString(2));
        }
        return out;
    }

    @Test
    void weighsLabelDetectionAndSource() {
        List<Row> rows = new ArrayList<>();
        // a feed labelled en that also carries Polish items
        for (int i = 0; i < 8; i++) {
            rows.add(r("mixed-en" + i, "Mixed", "en", "en", 0.99));
        }
        rows.add(r("mixed-pl", "Mixed", "en", "pl", 0.97));
        rows.add(r("mixed-unsure", "Mixed", "en", "pl", 0.55));
        rows.add(r("mixed-short", "Mixed", "en", null, null));
        // a Polish feed labelled en: its labels have proven wrong, so its short items follow the feed
        for (int i = 0; i < 4; i++) {
            rows.add(r("polish" + i, "Polski", "en", "pl", 0.98));
        }
        rows.add(r("polish-short", "Polski", "en", null, null));
        // an unlabelled English wire: an earnings table (not detectable) takes the wire's language
        for (int i = 0; i < 3; i++) {
            rows.add(r("wire" + i, "Wire", null, "en", 0.95));
        }
        rows.add(r("wire-table", "Wire", null, null, null));
        // no label, no source: the corpus majority
        rows.add(r("orphan", null, null, null, null));
        rows.add(r("orphan-de", null, null, "de", 0.9));
        rows.add(r("labelled-fr", null, "fr", null, null));
        // an English feed whose labels are confirmed by function words (Lingua not asked) counts towards its prior
        for (int i = 0; i < 3; i++) {
            rows.add(RowFactory.create("fw" + i, "Confirmed", "en", null, null, null, 0.4, null));
        }
        rows.add(RowFactory.create("fw-weak", "Confirmed", "en", null, null, null, 0.1, null));
        rows.add(r("fw-pl", "Confirmed", null, null, null));
        Map<String, String> d = decide(rows);
        assertEquals("en label_confirmed", d.get("mixed-en0"));
        assertEquals("pl detected_over_label", d.get("mixed-pl"));
        assertEquals("en label", d.get("mixed-unsure"));
        assertEquals("en label", d.get("mixed-short"));
        assertEquals("pl detected_over_label", d.get("polish0"));
        assertEquals("pl source", d.get("polish-short"));
        assertEquals("en detected", d.get("wire0"));
        assertEquals("en source", d.get("wire-table"));
        assertEquals("en corpus", d.get("orphan"));
        assertEquals("de detected", d.get("orphan-de"));
        assertEquals("fr label", d.get("labelled-fr"));
        assertEquals("en label_confirmed", d.get("fw0"));
        assertEquals("en label", d.get("fw-weak"));
        assertEquals("en source", d.get("fw-pl"));
    }

    @Test
    void aLabelWhoseFunctionWordsDominateIsConfirmed() {
        Map<String, String> d = decide(List.of(
                shares("dominant", "Feed", "pl", 0.14, 0.05),
                shares("at-twice", "Feed", "pl", 0.12, 0.06),
                shares("not-twice", "Feed", "pl", 0.12, 0.061),
                shares("too-few", "Feed", "pl", 0.09, 0.0),
                shares("no-other", "Feed", "pl", 0.14, null)));
        assertEquals("pl label_confirmed", d.get("dominant"));
        assertEquals("pl label_confirmed", d.get("at-twice"));
        assertEquals("pl label", d.get("not-twice"));
        assertEquals("pl label", d.get("too-few"));
        assertEquals("pl label", d.get("no-other"), "Lingua was asked and said nothing: not confirmed");
    }

    @Test
    void aDetectionWithoutFunctionWordsIsNotEvidence() {
        Map<String, String> d = decide(List.of(
                RowFactory.create("table", "Wire", "en", "lt", 1.0, 0.0, 0.1, null),
                RowFactory.create("zh", "Wire", "en", "zh", 0.95, null, 0.0, null),
                RowFactory.create("not-slovak", "Wire", "en", "sk", 1.0, null, 0.2, null),
                RowFactory.create("not-portuguese", "Wire", "en", "pt", 1.0, 0.18, 0.2, null),
                RowFactory.create("polish", "Wire", "en", "pl", 1.0, 0.3, 0.12, null)));
        assertEquals("en label", d.get("table"));
        assertEquals("zh detected_over_label", d.get("zh"), "no English function words: the label is wrong");
        assertEquals("en label", d.get("not-slovak"), "English function words: Lingua's Slovak does not overrule");
        assertEquals("en label", d.get("not-portuguese"), "more English function words than Portuguese");
        assertEquals("pl detected_over_label", d.get("polish"));
    }

    @Test
    void nothingToGoOn() {
        Map<String, String> d = decide(List.of(r("a", "S", null, null, null), r("b", null, null, "en", 0.3)));
        assertEquals("und none", d.get("a"));
        assertEquals("und none", d.get("b"));
    }

    @Test
    void aCorpusWithoutAMajorityLanguageLeavesTheUnknownUnknown() {
        Map<String, String> d = decide(List.of(r("pl", null, null, "pl", 0.9), r("ru", null, null, "ru", 0.9),
                r("zh", null, null, "zh", 0.9), r("short", null, null, null, null)));
        assertEquals("und none", d.get("short"));
    }

    @Test
    void aMixedSourceHasNoPrior() {
        List<Row> rows = new ArrayList<>(List.of(r("e1", "Both", null, "en", 0.9), r("e2", "Both", null, "en", 0.9),
                r("p1", "Both", null, "pl", 0.9), r("p2", "Both", null, "pl", 0.9), r("p3", "Both", null, "pl", 0.9),
                r("short", "Both", null, null, null)));
        // 3 of 5 Polish is the 60 % a prior needs; one more English article makes it 50 % and the corpus decides
        assertEquals("pl source", decide(rows).get("short"));
        rows.add(r("e3", "Both", null, "en", 0.9));
        rows.add(r("e4", "Other", null, "en", 0.9));
        assertEquals("en corpus", decide(rows).get("short"));
    }

    /**
     * Lingua is not asked where none of its answers could count ({@link Languages#noDetectionCounts}): on texts of
     * every mixture of English and Polish function and content words, labelled en or pl, in a few sources, and on
     * texts in languages without a stop list, every article's language and basis are the ones Lingua asked about
     * every text gives.
     */
    @Test
    void linguaIsSparedOnlyWhereNoDetectionCouldCount() {
        String[][] function = {{"the", "of", "and", "to", "in", "that", "is", "for", "on", "with"},
            {"w", "na", "się", "nie", "z", "do", "że", "jest", "jak", "po"}};
        String[][] content = {{"government", "missiles", "market", "minister", "election", "prices", "court", "police", "energy", "company"},
            {"rząd", "rakiety", "rynek", "ministra", "wybory", "ceny", "sądu", "policja", "energia", "spółka"}};
        String[] names = {"Biden", "Zelensky", "Kyiv", "Warsaw", "Tesla", "Netflix", "Reuters", "NATO"};
        Random random = new Random(7);
        List<String[]> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int lang = random.nextInt(3) == 0 ? 1 : 0;
            double share = random.nextDouble() * 0.3;
            StringBuilder text = new StringBuilder();
            for (int w = 8 + random.nextInt(30); w > 0; w--) {
                double x = random.nextDouble();
                String[] pool = x < share ? function[lang] : x < share + 0.03 ? function[1 - lang] : x < share + 0.2 ? names : content[lang];
                text.append(pool[random.nextInt(pool.length)]).append(' ');
            }
            texts.add(new String[] {"t" + i, "s" + i % 4, random.nextInt(4) == 0 ? "pl" : "en", text.toString()});
        }
        // languages without a stop list, labelled en, with a few English function words (Lingua must be asked)
        texts.add(new String[] {"vi", "s0", "en", "Thủ tướng Chính phủ đã có cuộc họp với các bộ trưởng về tình hình kinh tế "
                + "và giá năng lượng trong tháng này the"});
        texts.add(new String[] {"zh", "s1", "en", "主席在北京会见了来访的总统，双方讨论了贸易和安全问题 the"});
        List<Row> spared = new ArrayList<>();
        List<Row> asked = new ArrayList<>();
        int notAsked = 0;
        for (String[] t : texts) {
            Languages.Evidence a = Languages.evidence(t[2], null, t[3]);
            Languages.Evidence b = Languages.evidence(t[2], null, t[3], false);
            if (a.detected() == null && b.detected() != null) {
                notAsked++;
            }
            spared.add(evidenceRow(t[0], t[1], t[2], a));
            asked.add(evidenceRow(t[0], t[1], t[2], b));
        }
        assertTrue(notAsked >= 20, "texts Lingua was spared: " + notAsked);
        Map<String, String> withLingua = decide(asked);
        Map<String, String> without = decide(spared);
        List<String> changed = withLingua.keySet().stream().sorted()
                .filter(id -> !withLingua.get(id).equals(without.get(id)))
                .map(id -> id + ": " + withLingua.get(id) + " -> " + without.get(id)).toList();
        assertEquals(List.of(), changed);
        assertEquals(texts.size(), without.size());
    }

    static Row evidenceRow(String id, String source, String declared, Languages.Evidence e) {
        return RowFactory.create(id, source, declared, e.detected(), e.confidence(), e.functionWords(), e.labelFunctionWords(),
                e.otherFunctionWords());
    }
}
