package org.newslens.entities;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.newslens.tables.Tables;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Matches and resolves the mentions of a run: a maximal stretch of consecutive sentence rows of one article in
 * a partition. Input columns: article_id, sentence_id, char_start, text, published_date, n_sentences.
 *
 * <p>Why runs: tokenize writes an article's sentences together, so a run is nearly always the whole article,
 * which can then be resolved where it is read (a surname needs the full names elsewhere in the article),
 * without shuffling anything. A run is known to be whole when it has n_sentences rows (sentence ids are
 * unique per article). Otherwise (a Parquet split cut the article, or another writer's order) the run's raw
 * matches are grouped by article and resolved together ({@link EntitiesStage}), so mentions are exact for any
 * input order; only the cost depends on it.
 *
 * <p>The sentences are read in two passes that split the runs between them: {@link Part#WHOLE} matches the
 * whole runs and emits their mention rows, counting the other runs in an accumulator; {@link Part#SPLIT}
 * matches only the runs that are not whole and emits their match rows. Both passes see the same runs (same
 * files, same splits), so each article is emitted by exactly one. The second pass is needed only when the
 * first counted a split run: usually it never runs, and nothing is kept in memory between the two.
 *
 * <p>Output schema {@link #SCHEMA}: mention rows (the mentions table's columns, match_key null) from
 * {@link Part#WHOLE}, match rows (match_key set, entity columns null) from {@link Part#SPLIT}.
 */
final class SentenceRuns implements MapPartitionsFunction<Row, Row> {
    static final String MATCH_KEY = "match_key";
    static final String TITLE = "title";
    static final String SURFACE_INDEX = "surface_index";
    static final String ARTICLE_LANGUAGE = "article_language";
    static final String MATCH_VIA = "match_via";
    private static final String EXACT = "-exact";

    static final StructType SCHEMA = withMatchColumns(Tables.MENTIONS.schema());

    private static StructType withMatchColumns(StructType mentions) {
        List<StructField> fields = new ArrayList<>(List.of(mentions.fields()));
        fields.add(DataTypes.createStructField(MATCH_KEY, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(TITLE, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(SURFACE_INDEX, DataTypes.createArrayType(DataTypes.IntegerType), true));
        fields.add(DataTypes.createStructField(ARTICLE_LANGUAGE, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(MATCH_VIA, DataTypes.StringType, true));
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** Which runs a pass emits. */
    enum Part { WHOLE, SPLIT }

    private final Broadcast<Gazetteer> gazetteer;
    private final Part part;
    /** runs that were not whole articles, counted by the {@link Part#WHOLE} pass */
    private final LongAccumulator splitRuns;

    SentenceRuns(Broadcast<Gazetteer> gazetteer, Part part, LongAccumulator splitRuns) {
        this.gazetteer = gazetteer;
        this.part = part;
        this.splitRuns = splitRuns;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> sentences) {
        Gazetteer g = gazetteer.value();
        return new Runs(sentences, MentionMatcher.of(g), new MentionResolver(g), part, splitRuns);
    }

    /** A match found in a sentence, with offsets in the analysed document and the title word before it. */
    record Found(int sentenceId, String surface, MentionMatcher.Match match, String title) {
    }

    /** Mention rows of one article from its matches in document order (schema {@link #SCHEMA}). */
    static void resolve(String articleId, Date published, String language, List<Found> found, MentionResolver resolver,
                        List<Row> out) {
        List<MentionMatcher.Match> matches = new ArrayList<>(found.size());
        List<String> titles = new ArrayList<>(found.size());
        for (Found f : found) {
            matches.add(f.match());
            titles.add(f.title());
        }
        LocalDate date = published == null ? null : published.toLocalDate();
        int j = 0;
        for (MentionResolver.Mention m : resolver.resolve(matches, titles, date, language)) {
            while (found.get(j).match().start() != m.start()) {
                j++; // mentions keep the order of matches; dropped matches are skipped
            }
            Found f = found.get(j);
            String via = f.match().via();
            if (via != null && !via.endsWith(EXACT) && m.ambiguous() && m.rule().equals("surname")) {
                // an inflected bare surname nobody in office has ("Linie", "Michała", "Łukowie") is a word or
                // someone else far more often than an ambiguous leader: unlike an exact one, it is not kept
                continue;
            }
            // an inflected match says which language and how: "name/pl-lemma", "surname/de-stem"
            String rule = via == null ? m.rule() : m.rule() + "/" + via;
            out.add(RowFactory.create(articleId, f.sentenceId(), m.entityId(), m.type(), f.surface(), m.start(), m.end(),
                    rule, m.ambiguous(), CollectionConverters.asScala(m.candidates()).toSeq(), published,
                    null, null, null, null, null));
        }
    }

    /** Lazily, one run at a time, so a partition's rows are never all in memory. */
    private static final class Runs implements Iterator<Row> {
        private final Iterator<Row> source;
        private final MentionMatcher matcher;
        private final MentionResolver resolver;
        private final Part part;
        private final LongAccumulator splitRuns;
        private final List<Found> found = new ArrayList<>();
        /** the rows of the current run: a pass matches a run only once it knows whether the run is its own */
        private final List<Row> held = new ArrayList<>();
        private final List<Row> out = new ArrayList<>();
        private Iterator<Row> pending = Collections.emptyIterator();
        private Row next;

        Runs(Iterator<Row> source, MentionMatcher matcher, MentionResolver resolver, Part part, LongAccumulator splitRuns) {
            this.source = source;
            this.matcher = matcher;
            this.resolver = resolver;
            this.part = part;
            this.splitRuns = splitRuns;
            this.next = source.hasNext() ? source.next() : null;
        }

        @Override
        public boolean hasNext() {
            while (!pending.hasNext() && next != null) {
                out.clear();
                run();
                pending = out.iterator();
            }
            return pending.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.next();
        }

        private void run() {
            String id = next.getString(0);
            Date published = next.isNullAt(4) ? null : next.getDate(4);
            Integer expected = next.isNullAt(5) ? null : next.getInt(5);
            String language = next.isNullAt(6) ? null : next.getString(6);
            found.clear();
            held.clear();
            do {
                held.add(next);
                next = source.hasNext() ? source.next() : null;
            } while (next != null && Objects.equals(id, next.getString(0)));
            boolean whole = expected != null && held.size() == expected;
            if (part == Part.WHOLE && !whole) {
                splitRuns.add(1);
            }
            if (whole != (part == Part.WHOLE)) {
                return; // the other pass emits this run
            }
            LanguageMatcher inflected = LanguageMatcher.of(matcher.gazetteer(), language);
            for (Row sentence : held) {
                match(sentence, inflected);
            }
            if (whole) {
                if (!found.isEmpty()) {
                    found.sort(java.util.Comparator.comparingInt(f -> f.match().start()));
                    resolve(id, published, language, found, resolver, out);
                }
                return;
            }
            for (Found f : found) {
                MentionMatcher.Match m = f.match();
                List<Gazetteer.Surface> all = matcher.gazetteer().surfacesOf(m.key());
                List<Integer> index = new ArrayList<>(m.surfaces().size());
                for (Gazetteer.Surface s : m.surfaces()) {
                    index.add(all.indexOf(s));
                }
                out.add(RowFactory.create(id, f.sentenceId(), null, null, f.surface(), m.start(), m.end(), null, null, null,
                        published, m.key(), f.title(), CollectionConverters.asScala(index).toSeq(), language, m.via()));
            }
        }

        private void match(Row sentence, LanguageMatcher inflected) {
            if (sentence.isNullAt(3)) {
                return;
            }
            String text = sentence.getString(3);
            int offset = sentence.getInt(2);
            List<MentionMatcher.Match> matches = matcher.find(text);
            if (inflected != null) {
                matches = LanguageMatcher.merge(matches, inflected.find(text));
            }
            for (MentionMatcher.Match m : matches) {
                found.add(new Found(sentence.getInt(1), text.substring(m.start(), m.end()), m.at(offset),
                        MentionResolver.titleWord(text, m.start())));
            }
        }
    }
}
