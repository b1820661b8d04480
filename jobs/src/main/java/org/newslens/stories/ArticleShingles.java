package org.newslens.stories;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.newslens.tables.ArticleRunFold;
import org.newslens.tables.Tables;
import scala.jdk.javaapi.CollectionConverters;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * The shingles of each article: hashes of {@code size} consecutive terms of one sentence, boilerplate sentences
 * left out, folded over a run of consecutive sentence rows of one article (the way the terms stage folds them:
 * tokenize writes an article's sentences together, so a run is nearly always the whole article and no text is
 * shuffled). Input columns: article_id, tokens, n_sentences, boilerplate, source (carried through: templates are
 * found per source).
 *
 * <p>Shingles stay inside a sentence, so copies whose paragraphs were reordered keep their shingles; a sentence
 * shorter than {@code size} (but of two terms at least) is one shingle. The title's shingles are among them: a
 * retitled copy of a long story loses little, and on RSS items, whose body is often a line of a template ("submitted
 * by /u/..., [link] [comments]", "Taken from JRE #1918 ..."), the title is what tells two items apart (comparing bodies
 * alone, 20 of 100 sampled pairs on rss-2022 were two items of one template). A run that is not the whole article
 * (fewer than n_sentences rows) is marked incomplete and the stage unites the runs of such an article.
 */
final class ArticleShingles implements MapPartitionsFunction<Row, Row> {
    static final String SHINGLES = "shingles";
    static final String COMPLETE = "complete";
    static final String SOURCE = "source";
    /** Hashes are cut to 30 bits: MLlib's MinHash wants feature indices below its prime (about 2^31 - 2^27). */
    static final int HASH_BITS = 30;

    static final StructType SCHEMA = new StructType()
            .add(Tables.ARTICLE_ID, DataTypes.StringType)
            .add(SHINGLES, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(COMPLETE, DataTypes.BooleanType, false)
            .add(SOURCE, DataTypes.StringType, true);

    private final int size;

    ArticleShingles(int size) {
        this.size = size;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> sentences) {
        return new Runs(sentences, size);
    }

    /** Shingle hashes of one sentence's terms, added to {@code into}. */
    static void shingles(List<String> tokens, int size, TreeSet<Integer> into) {
        List<String> words = tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        int n = words.size();
        if (n < size) {
            if (n >= Math.min(2, size)) {
                into.add(hash(String.join(" ", words)));
            }
            return;
        }
        for (int i = 0; i + size <= n; i++) {
            into.add(hash(String.join(" ", words.subList(i, i + size))));
        }
    }

    private static int hash(String shingle) {
        // String.hashCode is fixed by the language spec (the same on every JVM); Murmur spreads its bits
        return Murmur3_x86_32.hashInt(shingle.hashCode(), 42) & ((1 << HASH_BITS) - 1);
    }

    private static final class Runs extends ArticleRunFold {
        private final int size;
        private TreeSet<Integer> shingles;

        Runs(Iterator<Row> source, int size) {
            super(source);
            this.size = size;
        }

        @Override
        protected void start(Row first) {
            // a sorted set: the array comes out sorted and distinct whatever the order of the sentences
            shingles = new TreeSet<>();
        }

        @Override
        protected void add(Row row) {
            if (!row.isNullAt(1) && !row.getBoolean(3)) {
                shingles(row.getList(1), size, shingles);
            }
        }

        @Override
        protected Row finish(Row first, int rows) {
            Integer expected = first.isNullAt(2) ? null : first.getInt(2);
            return RowFactory.create(first.getString(0), CollectionConverters.asScala(new ArrayList<>(shingles)).toSeq(),
                    expected != null && rows == expected, first.getString(4));
        }
    }
}
