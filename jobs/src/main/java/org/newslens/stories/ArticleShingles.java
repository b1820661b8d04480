package org.newslens.stories;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.newslens.tables.Tables;
import scala.jdk.javaapi.CollectionConverters;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * The shingles of each article: hashes of {@code size} consecutive terms of one sentence, boilerplate sentences
 * left out, folded over a run of consecutive sentence rows of one article (the way the terms stage folds them:
 * tokenize writes an article's sentences together, so a run is nearly always the whole article and no text is
 * shuffled). Input columns: article_id, sentence_id, terms, n_sentences, boilerplate.
 *
 * <p>Shingles stay inside a sentence, so copies whose paragraphs were reordered keep their shingles; a sentence
 * shorter than {@code size} (but of two terms at least) is one shingle. The body's and the title's shingles are kept
 * apart: a copy is often retitled, so {@link StoriesStage} compares bodies and falls back on the title only for an
 * article without a body. A run that is not the whole article (fewer than n_sentences rows) is marked incomplete and
 * the stage unites the runs of such an article.
 */
final class ArticleShingles implements MapPartitionsFunction<Row, Row> {
    static final String BODY = "body";
    static final String TITLE = "title";
    static final String COMPLETE = "complete";
    /** Hashes are cut to 30 bits: MLlib's MinHash wants feature indices below its prime (about 2^31 - 2^27). */
    static final int HASH_BITS = 30;

    static final StructType SCHEMA = new StructType()
            .add(Tables.ARTICLE_ID, DataTypes.StringType)
            .add(BODY, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(TITLE, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(COMPLETE, DataTypes.BooleanType, false);

    private final int size;

    ArticleShingles(int size) {
        this.size = size;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> sentences) {
        return new Runs(sentences, size);
    }

    /** Shingle hashes of one sentence's terms, added to {@code into}. */
    static void shingles(List<String> terms, int size, TreeSet<Integer> into) {
        int n = terms.size();
        if (n < size) {
            if (n >= Math.min(2, size)) {
                into.add(hash(String.join(" ", terms)));
            }
            return;
        }
        for (int i = 0; i + size <= n; i++) {
            into.add(hash(String.join(" ", terms.subList(i, i + size))));
        }
    }

    private static int hash(String shingle) {
        // String.hashCode is fixed by the language spec (the same on every JVM); Murmur spreads its bits
        return Murmur3_x86_32.hashInt(shingle.hashCode(), 42) & ((1 << HASH_BITS) - 1);
    }

    private static final class Runs implements Iterator<Row> {
        private final Iterator<Row> source;
        private final int size;
        private Row pending;

        Runs(Iterator<Row> source, int size) {
            this.source = source;
            this.size = size;
            this.pending = source.hasNext() ? source.next() : null;
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public Row next() {
            if (pending == null) {
                throw new NoSuchElementException();
            }
            String id = pending.getString(0);
            Integer expected = pending.isNullAt(3) ? null : pending.getInt(3);
            // sorted sets: the arrays come out sorted and distinct whatever the order of the sentences
            TreeSet<Integer> body = new TreeSet<>();
            TreeSet<Integer> title = new TreeSet<>();
            int rows = 0;
            Row row = pending;
            do {
                if (!row.isNullAt(2) && !row.getBoolean(4)) {
                    shingles(row.getList(2), size, row.getInt(1) == 0 ? title : body);
                }
                rows++;
                row = source.hasNext() ? source.next() : null;
            } while (row != null && Objects.equals(id, row.getString(0)));
            pending = row;
            return RowFactory.create(id, CollectionConverters.asScala(new ArrayList<>(body)).toSeq(),
                    CollectionConverters.asScala(new ArrayList<>(title)).toSeq(), expected != null && rows == expected);
        }
    }
}
