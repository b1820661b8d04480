package org.newslens.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.newslens.tables.Tables;

/**
 * Raw records -> articles, duplicates and rejects. Every raw record ends in exactly one of the three,
 * so input records = articles + duplicates + rejects.
 */
public final class IngestStage {

    /**
     * The three outputs (articles, duplicates, rejects) derive from the cleaned records, which are cached (cleaning runs
     * jsoup and Lingua), and from the losers (duplicates and id clashes, keys only, cached): call {@link #release()}
     * when done. kept: the records without a reject reason; early: the rejects found before deduplication, with
     * {@code failed} true for the records that failed to parse or clean (the only ones whose raw record the cache
     * holds); records: the stage's input, read again for the raw record of the other rejects.
     */
    public record Result(Dataset<Row> kept, Dataset<Row> early, Dataset<Row> cleaned, Dataset<Row> losers,
                         Dataset<Row> records) {

        /** The articles: every kept record that lost neither to an earlier copy nor to an earlier id. */
        public Dataset<Row> articles() {
            return articles(true);
        }

        /**
         * broadcastLosers: send the losers' keys to every task rather than shuffling the articles' text to meet
         * them; right for any usual number of duplicates ({@link #BROADCAST_LOSERS} or fewer), while a corpus of
         * millions of copies is better joined by a shuffle than held whole by the driver.
         */
        public Dataset<Row> articles(boolean broadcastLosers) {
            Dataset<Row> loserKeys = losers.select("input_file", "record_index");
            return kept.join(broadcastLosers ? broadcast(loserKeys) : loserKeys, new String[] {"input_file", "record_index"}, "left_anti")
                    .withColumn("n_chars", length(col("text")))
                    .select(Tables.ARTICLES.sparkColumns());
        }

        /** (input_file, record_index, duplicate_of): the records that are a later copy of an article. */
        public Dataset<Row> duplicates() {
            return losers.where(col("duplicate_of").isNotNull()).select("input_file", "record_index", "duplicate_of");
        }

        public Dataset<Row> rejects() {
            return rejects(true);
        }

        /**
         * The records rejected with a reason, each with its raw record; see {@link #articles(boolean)}. Records that
         * failed to parse or clean bring theirs from the cache. The others (empty, filtered out, id clashes: none
         * or few in most corpora) are looked up in the input, read again only when there are any: holding every
         * record's raw text (up to 1,000 chars) in the cache for them cost a tenth of ingest at rss-2022 x4.
         */
        public Dataset<Row> rejects(boolean broadcastLosers) {
            Dataset<Row> failed = early.where(col("failed")).drop("failed");
            Dataset<Row> reread = early.where(not(col("failed"))).select("input_file", "record_index", "reason")
                    .unionByName(losers.where(col("reason").isNotNull()).select("input_file", "record_index", "reason"));
            long toRead = reread.count();
            if (toRead == 0) {
                return failed.select(Tables.REJECTS.sparkColumns());
            }
            // filters can reject most of a corpus: its keys are broadcast only when as few as the losers may be
            boolean broadcastKeys = broadcastLosers && toRead <= BROADCAST_LOSERS;
            Dataset<Row> withRecord = records.select(col("input_file"), col("record_index"), col("raw").as("record"))
                    .join(broadcastKeys ? broadcast(reread) : reread, new String[] {"input_file", "record_index"});
            return failed.unionByName(withRecord).select(Tables.REJECTS.sparkColumns());
        }

        public void release() {
            cleaned.unpersist();
            losers.unpersist();
        }
    }

    /** Most losers (duplicates + id clashes) that are broadcast; about 100 bytes each. */
    public static final long BROADCAST_LOSERS = 1_000_000;

    private static final StructType CLEAN = new StructType()
            .add("input_file", StringType).add("record_index", LongType).add("id", StringType)
            .add("title", StringType).add("text", StringType).add("published_date", DateType)
            .add("date_raw", StringType).add("url", StringType).add("source", StringType)
            .add("language_declared", StringType).add("language_detected", StringType)
            .add("language_confidence", DoubleType).add("language_function_words", DoubleType)
            .add("language_label_function_words", DoubleType).add("language_other_function_words", DoubleType)
            .add("raw", StringType).add("error", StringType);

    private final IngestOptions options;

    public IngestStage(IngestOptions options) {
        this.options = options;
    }

    public Result apply(Dataset<Row> raw) {
        Dataset<Row> cleaned = raw.mapPartitions(new Clean(options), Encoders.row(CLEAN))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> decided = LanguageDecision.apply(cleaned);

        // compared with "", not by length(), which counts the characters of every text (1 % of ingest's CPU)
        Column empty = col("title").equalTo(lit("")).and(col("text").equalTo(lit("")));
        Column reason = when(col("error").isNotNull(), col("error"))
                .when(empty, lit("empty: no title and no text"))
                .otherwise(filterReason());
        Dataset<Row> withReason = decided.withColumn("reason", reason);

        Dataset<Row> early = withReason.where(col("reason").isNotNull())
                .select(col("input_file"), col("record_index"), col("raw").as("record"), col("reason"),
                        col("error").isNotNull().as("failed"));

        Column hash = sha2(concat_ws("\n", col("title"), col("text")), 256);
        // raw is only needed by rejects: leave it out of the kept rows
        Dataset<Row> kept = withReason.where(col("reason").isNull()).drop("raw", "error", "reason")
                .withColumn("content_hash", hash)
                .withColumn(Tables.ARTICLE_ID, when(col("id").isNotNull().and(length(col("id")).gt(0)), col("id"))
                        .otherwise(concat(lit("h"), substring(col("content_hash"), 1, 16))));

        // Duplicates and id clashes are decided on the keys alone (file, index, hash, id), so the windows shuffle
        // those, never the text; only the losers (usually few) go back to the rows, by a broadcast anti-join. Before,
        // the windows ran over whole rows and again for each of the three tables: about 1 GB of shuffle at 903k records.
        Dataset<Row> keys = kept.select(col("input_file"), col("record_index"), col("content_hash"), col(Tables.ARTICLE_ID));
        Dataset<Row> byHash = keys.withColumn("hash_rank", row_number().over(
                        Window.partitionBy("content_hash").orderBy(col("input_file"), col("record_index"))))
                .withColumn("first_id", first(Tables.ARTICLE_ID).over(
                        Window.partitionBy("content_hash").orderBy(col("input_file"), col("record_index"))));
        Dataset<Row> copies = byHash.where(col("hash_rank").gt(1))
                .select(col("input_file"), col("record_index"), col("first_id").as("duplicate_of"), lit(null).cast(StringType).as("reason"));
        Dataset<Row> clashes = byHash.where(col("hash_rank").equalTo(1))
                .withColumn("id_rank", row_number().over(
                        Window.partitionBy(Tables.ARTICLE_ID).orderBy(col("input_file"), col("record_index"))))
                .where(col("id_rank").gt(1))
                .select(col("input_file"), col("record_index"), lit(null).cast(StringType).as("duplicate_of"),
                        format_string("duplicate article_id '%s' with different content (the first occurrence was kept)",
                                col(Tables.ARTICLE_ID)).as("reason"));
        Dataset<Row> losers = copies.unionByName(clashes).persist(StorageLevel.MEMORY_AND_DISK());
        return new Result(kept, early, cleaned, losers, raw);
    }

    private Column filterReason() {
        Column reason = lit(null).cast(StringType);
        if (options.until() != null) {
            reason = when(col("published_date").isNull().or(col("published_date").gt(lit(Date.valueOf(options.until())))),
                    format_string("filtered out: date %s not on or before --until " + options.until(),
                            coalesce(col("published_date").cast(StringType), lit("missing"))))
                    .otherwise(reason);
        }
        if (options.since() != null) {
            reason = when(col("published_date").isNull().or(col("published_date").lt(lit(Date.valueOf(options.since())))),
                    format_string("filtered out: date %s not on or after --since " + options.since(),
                            coalesce(col("published_date").cast(StringType), lit("missing"))))
                    .otherwise(reason);
        }
        if (!options.languages().isEmpty()) {
            List<String> langs = new ArrayList<>(options.languages());
            Collections.sort(langs);
            reason = when(col("language").isin(langs.toArray()).unary_$bang(),
                    format_string("filtered out: language '%s' not in --languages " + String.join(",", langs), col("language")))
                    .otherwise(reason);
        }
        return reason;
    }

    /**
     * Per-record cleaning done by libraries: jsoup, the date parser, Lingua (evidence only: {@link LanguageDecision}
     * decides). The raw record is kept only when the record fails here or failed to parse: it is what its reject
     * shows, and the other rejects read theirs again ({@link Result#rejects(boolean)}).
     */
    static final class Clean implements MapPartitionsFunction<Row, Row> {
        private final IngestOptions options;

        Clean(IngestOptions options) {
            this.options = options;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return input.hasNext();
                }

                @Override
                public Row next() {
                    return clean(input.next());
                }
            };
        }

        private Row clean(Row r) {
            String file = r.getString(0);
            Long index = r.isNullAt(1) ? null : r.getLong(1);
            String raw = r.getString(9);
            String error = r.getString(10);
            if (error != null) {
                return RowFactory.create(file, index, null, null, null, null, null, null, null, null, null, null, null, null, null, raw, error);
            }
            String rawText = r.getString(4);
            if (rawText != null && rawText.length() > options.maxArticleChars()) {
                return RowFactory.create(file, index, null, null, null, null, null, null, null, null, null, null, null, null, null, raw,
                        "text is " + rawText.length() + " chars, larger than --max-article-chars " + options.maxArticleChars());
            }
            String title = PlainText.of(r.getString(3)).replace('\n', ' ');
            String text = PlainText.of(rawText);
            String dateText = r.getString(5);
            LocalDate date = DateParser.parse(dateText);
            String dateRaw = date == null && dateText != null && !dateText.isBlank() ? dateText : null;
            if (date == null && dateRaw == null) {
                date = options.defaultDate();
            }
            String declared = Languages.normalise(r.getString(8));
            Languages.Evidence evidence = Languages.evidence(declared, title, text);
            return RowFactory.create(file, index, blankToNull(r.getString(2)), title, text,
                    date == null ? null : Date.valueOf(date), dateRaw, blankToNull(r.getString(6)),
                    blankToNull(r.getString(7)), declared, evidence.detected(), evidence.confidence(),
                    evidence.functionWords(), evidence.labelFunctionWords(), evidence.otherFunctionWords(), null, null);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
