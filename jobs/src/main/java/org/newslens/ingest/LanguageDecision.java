package org.newslens.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * An article's language from three pieces of evidence: the input's label, Lingua's detection on the text, and the
 * usual language of the article's source. Labels are often per feed and wrong for some of its items, detection is
 * wrong on short or numeric texts; each covers the other's weakness:
 * <ol>
 * <li>a label whose language's function words make up a quarter of the text, or a tenth and twice the share of any
 * other listed language's, is confirmed without asking Lingua ({@link Languages#CONFIRM_SHARE},
 * {@link Languages#DOMINANT_SHARE});</li>
 * <li>a confident detection decides when there is no label or it agrees with the label. Confident: Lingua's
 * confidence is at least {@link #MIN_CONFIDENCE} and, for languages with a stop list, at least
 * {@link #MIN_FUNCTION_WORDS} of the words are that language's function words ({@link Languages.Evidence});</li>
 * <li>a confident detection overrules a label when the text has more of the detected language's function words than
 * of the label's ({@link #overrulesLabel()});</li>
 * <li>otherwise (short, numeric or unsure text) the label is kept, unless the source's labels have proven wrong
 * (fewer than half of its labelled articles whose text supports a language agree with their label);</li>
 * <li>then the source's usual language: the language of at least {@link #PRIOR_SHARE} of its articles whose text
 * supports a language (a confirmed label or a confident detection), and at least {@link #PRIOR_MIN_ARTICLES} of them;</li>
 * <li>then a proven-wrong label, still better than nothing;</li>
 * <li>then the corpus's majority language (of more than half of its articles whose text supports a language);
 * "und" when there is none.</li>
 * </ol>
 * {@code language_basis} records which rule decided, so every article's language can be explained.
 */
public final class LanguageDecision {
    /** Lowest softmax confidence of Lingua's best language for a detection to decide. */
    public static final double MIN_CONFIDENCE = 0.8;
    /** Lowest share of function words of the detected language, for languages with a stop list. */
    public static final double MIN_FUNCTION_WORDS = 0.15;
    public static final double PRIOR_SHARE = 0.6;
    public static final int PRIOR_MIN_ARTICLES = 3;

    /** The values of {@code language_basis}. */
    public static final String DETECTED = "detected";
    public static final String LABEL_CONFIRMED = "label_confirmed";
    public static final String DETECTED_OVER_LABEL = "detected_over_label";
    public static final String LABEL = "label";
    public static final String SOURCE = "source";
    public static final String CORPUS = "corpus";
    public static final String NONE = "none";

    private static final StructType SOURCE_EVIDENCE = new StructType()
            .add("source", StringType).add("source_language", StringType).add("source_labels_wrong", BooleanType);

    private LanguageDecision() {
    }

    /** Below this share of the label's function words, a detected language without a stop list may overrule it. */
    public static final double FOREIGN_TO_LABEL = 0.05;

    /**
     * True when the label was confirmed by its language's function words, without Lingua: a quarter of the words, or
     * a tenth and twice any other listed language's share ({@link Languages#confirmsLabel}).
     */
    public static Column isConfirmedByFunctionWords() {
        Column label = col("language_label_function_words");
        Column other = col("language_other_function_words");
        return col("language_detected").isNull().and(col("language_declared").isNotNull())
                .and(label.geq(Languages.CONFIRM_SHARE)
                        .or(other.isNotNull().and(label.geq(Languages.DOMINANT_SHARE)).and(label.geq(other.multiply(Languages.DOMINANCE)))));
    }

    /** True when the row's detection is confident enough to stand on its own (no label, or the label agrees). */
    public static Column isConfident() {
        Column fw = col("language_function_words");
        return col("language_detected").isNotNull().and(col("language_confidence").geq(MIN_CONFIDENCE))
                .and(fw.isNull().or(fw.geq(MIN_FUNCTION_WORDS)));
    }

    /**
     * True when a confident detection overrules the label: the detected language's function words are more frequent
     * than the label's; for a detected language without a stop list (Chinese, Slovak, Vietnamese), the text has
     * almost none of the label's ("The Genius of Bill Hicks" is not Slovak, whatever Lingua says).
     */
    public static Column overrulesLabel() {
        Column fw = col("language_function_words");
        Column labelFw = col("language_label_function_words");
        return isConfident().and(col("language_declared").isNotNull())
                .and(col("language_detected").notEqual(col("language_declared")))
                .and(labelFw.isNull()
                        .or(fw.isNotNull().and(fw.gt(labelFw)))
                        .or(fw.isNull().and(labelFw.lt(FOREIGN_TO_LABEL))));
    }

    private static Column confirmsOrStands() {
        return isConfident().and(col("language_declared").isNull().or(col("language_declared").equalTo(col("language_detected"))));
    }

    /** The language the text itself supports, or null: a confirmed label or a confident detection that may stand. */
    static Column textLanguage() {
        return when(isConfirmedByFunctionWords(), col("language_declared"))
                .when(confirmsOrStands().or(overrulesLabel()), col("language_detected"));
    }

    /**
     * Adds {@code language} and {@code language_basis} to records that carry {@code source}, {@code language_declared},
     * {@code language_detected}, {@code language_confidence}, {@code language_function_words} and
     * {@code language_label_function_words} and {@code language_other_function_words} (null columns for records that
     * failed to parse).
     * Collects one small row per source and language to the driver: the evidence then joins back by broadcast,
     * without a shuffle of the records.
     */
    public static Dataset<Row> apply(Dataset<Row> records) {
        List<Row> bySource = records.withColumn("text_language", textLanguage())
                .where(col("text_language").isNotNull())
                .groupBy(col("source"), col("text_language"))
                .agg(count(lit(1)).as("n"),
                        sum(when(col("language_declared").isNotNull(), 1).otherwise(0)).as("labelled"),
                        sum(when(col("language_declared").equalTo(col("text_language")), 1).otherwise(0)).as("agree"))
                .collectAsList();
        Map<String, Long> corpus = new HashMap<>();
        Map<String, SourceTally> sources = new HashMap<>();
        for (Row r : bySource) {
            String source = r.getString(0);
            String lang = r.getString(1);
            long n = r.getLong(2);
            corpus.merge(lang, n, Long::sum);
            if (source != null) {
                sources.computeIfAbsent(source, s -> new SourceTally()).add(lang, n, r.getLong(3), r.getLong(4));
            }
        }
        // a majority, not a plurality: one Polish, one Russian and one Chinese article say nothing about the rest
        String top = top(corpus);
        long all = corpus.values().stream().mapToLong(Long::longValue).sum();
        String majority = top != null && corpus.get(top) * 2 > all ? top : null;
        List<Row> evidence = new ArrayList<>();
        sources.forEach((source, t) -> evidence.add(RowFactory.create(source, t.prior(), t.labelsWrong())));
        Dataset<Row> perSource = records.sparkSession().createDataFrame(evidence, SOURCE_EVIDENCE);

        Dataset<Row> joined = records.join(broadcast(perSource), records.col("source").equalTo(perSource.col("source")), "left")
                .drop(perSource.col("source"));
        Column declared = col("language_declared");
        Column detected = col("language_detected");
        Column labelTrusted = declared.isNotNull().and(col("source_labels_wrong").isNull().or(col("source_labels_wrong").unary_$bang()));
        Column majorityLang = majority == null ? lit(null).cast(StringType) : lit(majority);
        Column basis = when(isConfirmedByFunctionWords(), lit(LABEL_CONFIRMED))
                .when(isConfident().and(declared.isNull()), lit(DETECTED))
                .when(isConfident().and(declared.equalTo(detected)), lit(LABEL_CONFIRMED))
                .when(overrulesLabel(), lit(DETECTED_OVER_LABEL))
                .when(labelTrusted, lit(LABEL))
                .when(col("source_language").isNotNull(), lit(SOURCE))
                .when(declared.isNotNull(), lit(LABEL))
                .when(majorityLang.isNotNull(), lit(CORPUS))
                .otherwise(lit(NONE));
        Column language = when(textLanguage().isNotNull(), textLanguage())
                .when(col("language_basis").equalTo(LABEL), declared)
                .when(col("language_basis").equalTo(SOURCE), col("source_language"))
                .when(col("language_basis").equalTo(CORPUS), majorityLang)
                .otherwise(lit(Languages.UNKNOWN));
        return joined.withColumn("language_basis", basis)
                .withColumn("language", language)
                .drop("source_language", "source_labels_wrong");
    }

    /** The most frequent key; ties go to the alphabetically first, so the choice does not depend on row order. */
    static String top(Map<String, Long> counts) {
        String best = null;
        long most = -1;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() > most || (e.getValue() == most && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    /** One source's confident detections: per language, and how many of its labelled ones agree with their label. */
    private static final class SourceTally {
        final Map<String, Long> byLanguage = new HashMap<>();
        long total;
        long labelled;
        long agree;

        void add(String lang, long n, long labelledN, long agreeN) {
            byLanguage.merge(lang, n, Long::sum);
            total += n;
            labelled += labelledN;
            agree += agreeN;
        }

        String prior() {
            String lang = top(byLanguage);
            return total >= PRIOR_MIN_ARTICLES && byLanguage.get(lang) >= PRIOR_SHARE * total ? lang : null;
        }

        boolean labelsWrong() {
            return labelled > 0 && agree * 2 < labelled;
        }
    }
}
