package org.newslens.stories;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
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
 * found per source), sentence_id (the title's shingles, sentence 0, are also kept apart).
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
    static final String TITLE_SHINGLES = "title_shingles";
    /** Hashes are cut to 30 bits: MLlib's MinHash wants feature indices below its prime (about 2^31 - 2^27). */
    static final int HASH_BITS = 30;

    static final StructType SCHEMA = new StructType()
            .add(Tables.ARTICLE_ID, DataTypes.StringType)
            .add(SHINGLES, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(COMPLETE, DataTypes.BooleanType, false)
            .add(SOURCE, DataTypes.StringType, true)
            .add(TITLE_SHINGLES, DataTypes.createArrayType(DataTypes.IntegerType, false), false);

    private final int size;

    ArticleShingles(int size) {
        this.size = size;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> sentences) {
        return new Runs(sentences, size);
    }

    /**
     * Shingle hashes of one sentence's tokens, added to {@code into}: the hash of the lower-cased tokens joined by
     * spaces, whose {@link String#hashCode} is computed from the tokens' own (h(a + " " + b) = (h(a) * 31 + ' ') *
     * 31^|b| + h(b) in int arithmetic) instead of building every shingle's string.
     */
    static void shingles(List<String> tokens, int size, IntBuffer into) {
        int n = tokens.size();
        int[] hashes = new int[n];
        int[] powers = new int[n];
        for (int i = 0; i < n; i++) {
            String word = tokens.get(i).toLowerCase(Locale.ROOT);
            hashes[i] = word.hashCode();
            int p = 1;
            for (int c = 0; c < word.length(); c++) {
                p *= 31;
            }
            powers[i] = p;
        }
        if (n < size) {
            if (n >= Math.min(2, size)) {
                into.add(hash(joined(hashes, powers, 0, n)));
            }
            return;
        }
        for (int i = 0; i + size <= n; i++) {
            into.add(hash(joined(hashes, powers, i, i + size)));
        }
    }

    /** String.hashCode of words from..to-1 joined by single spaces. */
    private static int joined(int[] hashes, int[] powers, int from, int to) {
        int h = hashes[from];
        for (int i = from + 1; i < to; i++) {
            h = (h * 31 + ' ') * powers[i] + hashes[i];
        }
        return h;
    }

    private static int hash(int stringHash) {
        // String.hashCode is fixed by the language spec (the same on every JVM); Murmur spreads its bits
        return Murmur3_x86_32.hashInt(stringHash, 42) & ((1 << HASH_BITS) - 1);
    }

    /** A growable int array: an article's shingles, sorted and made distinct once at the end. */
    static final class IntBuffer {
        private int[] values = new int[64];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(IntBuffer other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        void clear() {
            size = 0;
        }

        /** The distinct values, ascending, boxed for the row encoder. */
        List<Integer> sortedDistinct() {
            Arrays.sort(values, 0, size);
            List<Integer> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                if (i == 0 || values[i] != values[i - 1]) {
                    out.add(values[i]);
                }
            }
            return out;
        }
    }

    private static final class Runs extends ArticleRunFold {
        private final int size;
        private final IntBuffer shingles = new IntBuffer();
        private final IntBuffer title = new IntBuffer();

        Runs(Iterator<Row> source, int size) {
            super(source);
            this.size = size;
        }

        @Override
        protected void start(Row first) {
            // sorted and made distinct at the end: the same array whatever the order of the sentences
            shingles.clear();
            title.clear();
        }

        @Override
        protected void add(Row row) {
            if (!row.isNullAt(1) && !row.getBoolean(3)) {
                if (row.getInt(5) == 0) {
                    // the title's shingles are hashed once, kept apart and added to the article's
                    shingles(row.getList(1), size, title);
                    shingles.addAll(title);
                } else {
                    shingles(row.getList(1), size, shingles);
                }
            }
        }

        @Override
        protected Row finish(Row first, int rows) {
            return RowFactory.create(first.getString(0), CollectionConverters.asScala(shingles.sortedDistinct()).toSeq(),
                    whole(first, 2, rows), first.getString(4),
                    CollectionConverters.asScala(title.sortedDistinct()).toSeq());
        }
    }
}
