package org.newslens.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that names every output table and its contract columns. Stages, the CLI's
 * {@code tables}/{@code sql} commands, the notebook kernel and README's table reference all read from here.
 */
public final class Tables {
    private Tables() {
    }

    // Column names shared by several tables.
    public static final String ARTICLE_ID = "article_id";
    public static final String STORY_ID = "story_id";
    public static final String SENTENCE_ID = "sentence_id";
    public static final String LANGUAGE = "language";
    public static final String TERM = "term";
    public static final String PERIOD = "period";
    public static final String PUBLISHED_DATE = "published_date";
    public static final String ENTITY_ID = "entity_id";
    public static final String TOPIC_ID = "topic_id";

    private static final Map<String, TableDef> ALL = new LinkedHashMap<>();

    private static TableDef def(String name, String stage, String grain, Column... columns) {
        TableDef t = new TableDef(name, stage, grain, List.of(columns));
        ALL.put(name, t);
        return t;
    }

    private static Column c(String name, org.apache.spark.sql.types.DataType type, String description) {
        return new Column(name, type, description);
    }

    // ---- ingest
    public static final TableDef ARTICLES = def("articles", "ingest", "one row per distinct article",
            c(ARTICLE_ID, StringType, "stable id: the input's own id when present, else 'h' + first 16 hex of content_hash"),
            c("source", StringType, "publisher or feed name from the input; null when the input has none (e.g. .txt files)"),
            c("url", StringType, "link to the original"),
            c("title", StringType, "headline, plain text"),
            c(PUBLISHED_DATE, DateType, "publication date (UTC); --default-date when the input has none"),
            c(LANGUAGE, StringType, "ISO 639-1 code decided from the language_ evidence columns below (rule in language_basis; 'und' when unknown)"),
            c("text", StringType, "body as plain text: HTML removed, entities decoded, whitespace normalised, Unicode NFC"),
            c("n_chars", IntegerType, "length of text in UTF-16 chars"),
            c("content_hash", StringType, "SHA-256 hex of normalised title + '\\n' + text; equal hashes are exact duplicates"),
            c("input_file", StringType, "file the article came from"),
            c("record_index", LongType, "position of the record within its input file (0-based; in JSON Lines, among the file's non-blank lines, also when it is read in splits)"),
            c("date_raw", StringType, "the date as written in the input, kept when it could not be parsed"),
            c("language_declared", StringType, "the input's own language label normalised to ISO 639-1 (en-US -> en); null when it has none"),
            c("language_detected", StringType, "Lingua's language for title + text start, among the label, the languages without a stop list and those with >= 1 % of the words among their function words (all 37 when that best has no stop list); null when Lingua was not asked: text too short (< 40 letters) or mostly numbers, label confirmed by function words, or no answer could count (the label has 5-15 % of the words among its function words and no listed language has 15 %)"),
            c("language_confidence", DoubleType, "Lingua's confidence in language_detected (0-1)"),
            c("language_function_words", DoubleType, "share of the sample's words (links left out) that are stop words of language_detected; null for languages without a list"),
            c("language_label_function_words", DoubleType, "the same share for language_declared; a label is confirmed without Lingua from 0.25 (10 words or more)"),
            c("language_other_function_words", DoubleType, "the highest such share of any other language with a stop list, when the label's is 0.10-0.25 (10 words or more); a label with at least twice it is confirmed without Lingua"),
            c("language_basis", StringType, "the rule that set language: label_confirmed, detected, detected_over_label, label, source, corpus or none (README: Languages)"));

    public static final TableDef DUPLICATES = def("duplicates", "ingest", "one row per input record dropped as an exact duplicate",
            c("input_file", StringType, "file the duplicate came from"),
            c("record_index", LongType, "position within the file"),
            c("duplicate_of", StringType, "article_id of the copy that was kept (the first in input order)"));

    public static final TableDef REJECTS = def("rejects", "ingest", "one row per input record (or file) that did not become an article",
            c("input_file", StringType, "file the record came from"),
            c("record_index", LongType, "position within the file, null when the whole file was rejected"),
            c("record", StringType, "raw record, truncated to 1000 chars"),
            c("reason", StringType, "why, in words (empty text, malformed JSON, not UTF-8, too large, duplicate id, filtered out by --languages ...)"));

    // ---- tokenize
    public static final TableDef SENTENCES = def("sentences", "tokenize", "one row per sentence; sentence 0 is the title",
            c(ARTICLE_ID, StringType, "article"),
            c(SENTENCE_ID, IntegerType, "0 = title, then 1.. in text order"),
            c("char_start", IntegerType, "start offset (inclusive) in the analysed document title + \"\\n\\n\" + text"),
            c("char_end", IntegerType, "end offset (exclusive) in the analysed document"),
            c("text", StringType, "the sentence as written"),
            c("tokens", createArrayType(StringType), "word tokens, surface form, original case (Unicode word boundaries)"),
            c("terms", createArrayType(StringType), "normalised terms: lower-cased, possessives stripped, stop words, numbers, URLs and e-mails removed"),
            c("term_positions", createArrayType(IntegerType), "token position of each term; a gap means a dropped word (n-grams never span one)"),
            c(LANGUAGE, StringType, "the article's language (denormalised for per-language term tables)"),
            c(PUBLISHED_DATE, DateType, "the article's publication date (denormalised: later stages need no join with articles)"),
            c("n_sentences", IntegerType, "number of sentences of the article (denormalised: a reader can tell it has all of them)"),
            c("source", StringType, "the article's source (denormalised: boilerplate is found per source)"));

    public static final TableDef BOILERPLATE = def("boilerplate", "tokenize",
            "one row per feed template found in >= --boilerplate-min-articles articles of one source (or of one publisher, the feeds of one site): a whole non-title sentence (kind sentence; such sentences are left out of the term tables and topics) or a run of terms at a sentence's start or end (kind span; its terms are left out)",
            c("source", StringType, "the articles' source; null for a template of a publisher's feeds together (articles without a source are never boilerplate)"),
            c(LANGUAGE, StringType, "their language"),
            c("terms", createArrayType(StringType), "the template's terms (numbers, URLs and case already gone, so 'Points: 12' and 'Points: 3' are one row); '<title>' stands for the article's own title"),
            c("text", StringType, "one sentence with the template, as written (the first in sort order)"),
            c("articles", IntegerType, "articles of the source (publisher) with the template"),
            c("sentences", LongType, "sentences with it (an article can repeat one)"),
            c("kind", StringType, "sentence (a whole sentence) or span (part of one, at its start or end)"),
            c("edge", StringType, "for a span: start or end of the sentence; null for a sentence"),
            c("publisher", StringType, "the source's publisher: the registrable domain of the feed's address (feeds.bbci.co.uk -> bbci.co.uk), else the source itself"));

    // ---- terms (computed per language: every term table carries the language column)
    public static final TableDef TERM_FREQUENCIES = def("term_frequencies", "terms", "one row per (article, term)",
            c(ARTICLE_ID, StringType, "article"),
            c(LANGUAGE, StringType, "the article's language"),
            c(TERM, StringType, "normalised term"),
            c("tf", IntegerType, "occurrences of the term in the article (title + text)"),
            c("tf_idf", DoubleType, "tf * idf, idf from vocabulary of the same language"));

    public static final TableDef VOCABULARY = def("vocabulary", "terms", "one row per (language, term)",
            c(LANGUAGE, StringType, "language of the articles counted"),
            c(TERM, StringType, "normalised term"),
            c("df", IntegerType, "articles of that language containing the term"),
            c("cf", LongType, "occurrences in all articles of that language"),
            c("idf", DoubleType, "ln((N + 1) / (df + 1)), N = articles of that language (Spark MLlib's IDF formula)"));

    public static final TableDef TERM_TRENDS = def("term_trends", "terms", "one row per (period, language, term)",
            c(PERIOD, DateType, "first day of the day, ISO week (Monday) or month (--period)"),
            c(LANGUAGE, StringType, "language"),
            c(TERM, StringType, "normalised term"),
            c("count", LongType, "occurrences in articles published in the period"),
            c("articles", LongType, "articles in the period containing the term"),
            c("stories", LongType, "of those articles, the ones that are not a copy of an earlier article (near_duplicates): a syndicated story counts once; null when the run has no near_duplicates table"));

    public static final TableDef COLLOCATIONS = def("collocations", "terms", "one row per (language, n-gram) with count >= --min-collocation-count",
            c(LANGUAGE, StringType, "language"),
            c("ngram", StringType, "terms joined by single spaces, adjacent within a sentence after stop-word removal gaps are respected"),
            c("n", IntegerType, "2 or 3"),
            c("count", LongType, "occurrences"),
            c("df", IntegerType, "articles containing it"),
            c("pmi", DoubleType, "log2(P(w1..wn) / prod P(wi)), probabilities over n-gram / unigram positions"),
            c("llr", DoubleType, "Dunning's log-likelihood ratio G2 for bigrams; null for trigrams"));

    // ---- run manifest
    public static final TableDef RUNS = def("runs", "run", "one row per run (appended)",
            c("run_id", StringType, "unique id of the run"),
            c("started", TimestampType, "start time (UTC)"),
            c("finished", TimestampType, "end time (UTC)"),
            c("version", StringType, "NewsLens version"),
            c("arguments", StringType, "command line"),
            c("input_files", LongType, "input files read"),
            c("input_bytes", LongType, "bytes of those files"),
            c("input_records", LongType, "records read = articles + duplicates + rejects"),
            c("articles", LongType, "articles written"),
            c("duplicates", LongType, "exact duplicates dropped (kept once)"),
            c("rejects", LongType, "rows written to rejects"),
            c("date_warnings", LongType, "records whose date could not be parsed (kept, date null or --default-date)"),
            c("stages", StringType, "JSON: per stage and table, rows and seconds; per stage, Spark task metrics (metrics)"));

    // ---- entities (countries and leaders)
    public static final TableDef ENTITIES = def("entities", "entities", "one row per gazetteer entity",
            c(ENTITY_ID, StringType, "country:US, leader:vladimir-putin, org:nato"),
            c("type", StringType, "country | leader | organization"),
            c("name", StringType, "canonical name"),
            c("country_iso2", StringType, "a country's own code; a leader's main country"));

    public static final TableDef LEADER_TERMS = def("leader_terms", "entities", "one row per term of office",
            c(ENTITY_ID, StringType, "leader"),
            c("affiliation", StringType, "country entity_id or organisation entity_id"),
            c("role", StringType, "head_of_state | head_of_government | foreign_minister | ..."),
            c("start_date", DateType, "first day in office"),
            c("end_date", DateType, "last day, null while in office"));

    public static final TableDef MENTIONS = def("mentions", "entities", "one row per matched mention",
            c(ARTICLE_ID, StringType, "article"),
            c(SENTENCE_ID, IntegerType, "sentence"),
            c(ENTITY_ID, StringType, "resolved entity; for ambiguous surnames the first candidate (see ambiguous)"),
            c("entity_type", StringType, "country | leader | organization"),
            c("surface", StringType, "the text as written"),
            c("char_start", IntegerType, "start offset in the analysed document (as sentences)"),
            c("char_end", IntegerType, "end offset (exclusive)"),
            c("match_rule", StringType, "name | alias | demonym | capital | seat | title_surname | surname; in pl, fr, de, es, it, ru, uk articles a match of that language's aliases adds /<language>-exact|lemma|stem (surname/pl-lemma)"),
            c("ambiguous", BooleanType, "true when the surface could be several entities at the article's date"),
            c("candidates", createArrayType(StringType), "every entity the surface could be (one element when resolved)"),
            c(PUBLISHED_DATE, DateType, "the article's publication date, used to resolve leaders (denormalised for trends)"));

    public static final TableDef COOCCURRENCE = def("cooccurrence", "cooccur", "one row per (scope, entity pair) with n_ab >= --min-count",
            c("scope", StringType, "article | sentence"),
            c("entity_a", StringType, "first entity (entity_a < entity_b)"),
            c("entity_b", StringType, "second entity"),
            c("type_a", StringType, "type of entity_a"),
            c("type_b", StringType, "type of entity_b"),
            c("n_ab", LongType, "units mentioning both"),
            c("n_a", LongType, "units mentioning a"),
            c("n_b", LongType, "units mentioning b"),
            c("n", LongType, "all units of the scope"),
            c("pmi", DoubleType, "log2(n_ab * n / (n_a * n_b))"),
            c("npmi", DoubleType, "pmi / -log2(n_ab / n)"),
            c("llr", DoubleType, "Dunning's G2 on the 2x2 table"),
            c("jaccard", DoubleType, "n_ab / (n_a + n_b - n_ab)"),
            c("n_ab_stories", LongType, "scope article: n_ab over articles that are not a copy of an earlier article (near_duplicates), a syndicated story counted once; null for scope sentence or without a near_duplicates table"));

    public static final TableDef COOCCURRENCE_TRENDS = def("cooccurrence_trends", "cooccur", "one row per (period, scope, pair)",
            c(PERIOD, DateType, "period start"),
            c("scope", StringType, "article | sentence"),
            c("entity_a", StringType, "first entity"),
            c("entity_b", StringType, "second entity"),
            c("n_ab", LongType, "units in the period mentioning both"),
            c("n_ab_stories", LongType, "scope article: n_ab over articles that are not a copy of an earlier article (near_duplicates), a syndicated story counted once; null for scope sentence or without a near_duplicates table"));

    public static final TableDef ENTITY_TRENDS = def("entity_trends", "cooccur", "one row per (period, entity)",
            c(PERIOD, DateType, "period start"),
            c(ENTITY_ID, StringType, "entity"),
            c("mentions", LongType, "mentions in the period"),
            c("articles", LongType, "articles in the period mentioning it"),
            c("stories", LongType, "of those articles, the ones that are not a copy of an earlier article (near_duplicates): a syndicated story counts once; null when the run has no near_duplicates table"));

    // ---- stories
    public static final TableDef NEAR_DUPLICATES = def("near_duplicates", "stories",
            "one row per article that belongs to a story published more than once: copies of one text (syndicated, retitled, cut) found by MinHash LSH and verified; two articles of one source whose titles share nothing are not copies, nor two videos of one video channel",
            c(ARTICLE_ID, StringType, "article"),
            c(STORY_ID, StringType, "the story's representative: the article_id of its earliest published copy (then the smallest id)"),
            c("similarity", DoubleType, "similarity to the representative: the larger of Jaccard and containment of their shingle sets (1 for the representative)"),
            c("n_copies", IntegerType, "articles in the story, the representative included (at least 2)"));

    // ---- topics
    public static final TableDef TOPICS = def("topics", "topics", "one row per (topic, rank) for the top terms",
            c(TOPIC_ID, IntegerType, "topic"),
            c("rank", IntegerType, "1 = most probable term"),
            c(TERM, StringType, "term"),
            c("weight", DoubleType, "P(term | topic)"),
            c(LANGUAGE, StringType, "the language of the model the topic belongs to (--topic-languages: one model per language, topic ids numbered on across them)"));

    public static final TableDef TOPIC_SUMMARY = def("topic_summary", "topics", "one row per topic",
            c(TOPIC_ID, IntegerType, "topic"),
            c("label", StringType, "top terms joined"),
            c("prevalence", DoubleType, "share of the corpus's topic weight"),
            c("coherence_npmi", DoubleType, "mean NPMI over pairs of the top-10 terms (document co-occurrence)"),
            c("coherence_umass", DoubleType, "UMass coherence of the top-10 terms"),
            c(LANGUAGE, StringType, "the language of the model the topic belongs to (--topic-languages: one model per language, topic ids numbered on across them)"));

    public static final TableDef ARTICLE_TOPICS = def("article_topics", "topics", "one row per (article, topic) with weight >= threshold",
            c(ARTICLE_ID, StringType, "article"),
            c(TOPIC_ID, IntegerType, "topic"),
            c("weight", DoubleType, "P(topic | article)"),
            c("dominant", BooleanType, "the article's top topic"),
            c(LANGUAGE, StringType, "the language of the model the topic belongs to (--topic-languages: one model per language, topic ids numbered on across them)"));

    public static final TableDef TOPIC_TRENDS = def("topic_trends", "topics", "one row per (period, topic)",
            c(PERIOD, DateType, "period start"),
            c(TOPIC_ID, IntegerType, "topic"),
            c("weight_sum", DoubleType, "sum of article weights in the period"),
            c("share", DoubleType, "weight_sum / all topic weight in the period"),
            c(LANGUAGE, StringType, "the language of the model the topic belongs to (--topic-languages: one model per language, topic ids numbered on across them)"));

    public static final TableDef TOPIC_ENTITIES = def("topic_entities", "topics", "one row per (topic, entity)",
            c(TOPIC_ID, IntegerType, "topic"),
            c(ENTITY_ID, StringType, "entity"),
            c("articles", LongType, "articles with the topic (above threshold) mentioning the entity"),
            c("weight_sum", DoubleType, "sum of topic weight over those articles"),
            c("lift", DoubleType, "P(entity | topic) / P(entity)"),
            c(LANGUAGE, StringType, "the language of the model the topic belongs to (--topic-languages: one model per language, topic ids numbered on across them)"));

    public static Map<String, TableDef> all() {
        return java.util.Collections.unmodifiableMap(ALL);
    }

    public static Optional<TableDef> byName(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
