package org.newslens.topics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.newslens.tables.ArticleRunFold;
import org.newslens.tables.Tables;

/**
 * An article's document for the topic model: the terms of a run of consecutive sentence rows of one article, in
 * table order, boilerplate sentences counted as rows but their terms left out. Input columns: article_id, terms,
 * n_sentences, boilerplate (the {@link org.newslens.text.Boilerplate#FLAG}), published_date (carried through: the
 * topic trends need each article's date, which the sentences carry, so no join with the articles).
 *
 * <p>Why: tokenize writes an article's sentences together, so as the sentences table is read back a run is nearly
 * always the whole article and the documents need no shuffle and no grouping (a shuffle of every term and a
 * collect_list that spilled to disk before). A run is known to be whole when it has n_sentences rows; any other
 * run is marked incomplete and {@link TopicsStage#merged} unites the runs of such an article. The order of an
 * article's terms does not matter downstream: the model reads count vectors.
 */
final class ArticleDocuments implements MapPartitionsFunction<Row, Row> {
    static final String COMPLETE = "complete";

    static final StructType SCHEMA = new StructType()
            .add(Tables.ARTICLE_ID, DataTypes.StringType)
            .add("terms", DataTypes.createArrayType(DataTypes.StringType, true), false)
            .add(COMPLETE, DataTypes.BooleanType, false)
            .add(Tables.PUBLISHED_DATE, DataTypes.DateType, true);

    @Override
    public Iterator<Row> call(Iterator<Row> sentences) {
        return new Runs(sentences);
    }

    private static final class Runs extends ArticleRunFold {
        private List<String> terms;

        Runs(Iterator<Row> source) {
            super(source);
        }

        @Override
        protected void start(Row first) {
            terms = new ArrayList<>();
        }

        @Override
        protected void add(Row sentence) {
            if (!sentence.isNullAt(1) && !sentence.getBoolean(3)) {
                terms.addAll(sentence.getList(1));
            }
        }

        @Override
        protected Row finish(Row first, int rows) {
            return RowFactory.create(first.getString(0), terms.toArray(new String[0]), whole(first, 2, rows), first.get(4));
        }
    }
}
