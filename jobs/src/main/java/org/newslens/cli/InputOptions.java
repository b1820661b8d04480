package org.newslens.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.newslens.ingest.FieldMapping;
import org.newslens.ingest.IngestOptions;
import org.newslens.ingest.Languages;
import org.newslens.pipeline.Settings;
import org.newslens.pipeline.UserError;
import org.newslens.stories.StoryOptions;
import org.newslens.terms.Period;
import picocli.CommandLine.Option;

/** Options of the pipeline stages, turned into {@link Settings}. */
public final class InputOptions {
    @Option(names = {"-i", "--input"}, arity = "1..*", paramLabel = "PATH",
            description = "Input files or directories (read recursively); local paths or URIs. Default: the seed article.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--languages", split = ",", paramLabel = "LANG",
            description = "Keep only articles in these languages (ISO 639-1, e.g. en,fr); others go to rejects.")
    List<String> languages = new ArrayList<>();

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Keep articles published on or after this date.")
    String since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Keep articles published on or before this date.")
    String until;

    @Option(names = "--default-date", paramLabel = "YYYY-MM-DD", description = "Date for articles without one (e.g. .txt files).")
    String defaultDate;

    @Option(names = "--stopwords", paramLabel = "FILE", description = "Extra stop words, one per line (# comments).")
    Path stopwords;

    @Option(names = "--stem", description = "Stem terms (Snowball); off by default so terms stay readable.")
    boolean stem;

    @Option(names = "--boilerplate-min-articles", paramLabel = "N",
            description = "A non-title sentence whose terms (the item's title masked) recur in at least N articles of one source or publisher, or a run of terms at a sentence's start or end found there in N articles and 5 %% of the source's, is boilerplate, left out of term tables and topics; 0 = off, else at least 2 (default: ${DEFAULT-VALUE}).")
    int boilerplateMinArticles = Settings.DEFAULT_BOILERPLATE_MIN_ARTICLES;

    @Option(names = "--period", paramLabel = "day|week|month", description = "Trend period (default: ${DEFAULT-VALUE}).")
    String period = "month";

    @Option(names = "--min-collocation-count", paramLabel = "N", description = "Minimum n-gram count (default: ${DEFAULT-VALUE}).")
    int minCollocationCount = Settings.DEFAULT_MIN_COLLOCATION_COUNT;

    @Option(names = "--max-file-bytes", paramLabel = "N", description = "Larger files read whole (.txt, a .json holding one object) are rejected; JSON arrays, JSON Lines and CSV are streamed without limit (default: ${DEFAULT-VALUE}).")
    long maxFileBytes = Settings.DEFAULT_MAX_FILE_BYTES;

    @Option(names = "--max-article-chars", paramLabel = "N", description = "Longer articles are rejected (default: ${DEFAULT-VALUE}).")
    int maxArticleChars = IngestOptions.DEFAULT_MAX_ARTICLE_CHARS;

    @Option(names = "--field", paramLabel = "FIELD=NAME",
            description = "Input field to use for an article field (id, title, text, date, url, source, language), e.g. --field text=summary.")
    Map<String, String> fieldOverrides = new HashMap<>();

    Settings settings(String output, String arguments, String defaultInput, org.newslens.entities.EntityOptions entities,
                      StoryOptions stories, org.newslens.topics.TopicOptions topics) {
        List<String> in = inputs.isEmpty() ? List.of(defaultInput) : inputs;
        Set<String> langs = new LinkedHashSet<>();
        for (String l : languages) {
            String code = Languages.normalise(l);
            if (code == null || !java.util.Arrays.asList(Locale.getISOLanguages()).contains(code)) {
                throw new UserError("bad --languages value '" + l + "' (expected ISO 639-1 codes such as en,fr)");
            }
            langs.add(code);
        }
        LocalDate s = date("--since", since);
        LocalDate u = date("--until", until);
        if (s != null && u != null && s.isAfter(u)) {
            throw new UserError("--since " + s + " is after --until " + u);
        }
        for (String key : fieldOverrides.keySet()) {
            if (!List.of("id", "title", "text", "date", "url", "source", "language").contains(key.toLowerCase(Locale.ROOT))) {
                throw new UserError("bad --field '" + key + "' (expected id, title, text, date, url, source or language)");
            }
        }
        if (boilerplateMinArticles < 0 || boilerplateMinArticles == 1) {
            throw new UserError("--boilerplate-min-articles must be 0 (off) or at least 2 (1 would make every sentence boilerplate)");
        }
        if (minCollocationCount < 1 || maxFileBytes < 1 || maxArticleChars < 1) {
            throw new UserError("--min-collocation-count, --max-file-bytes and --max-article-chars must be positive");
        }
        Map<String, String> overrides = new HashMap<>();
        fieldOverrides.forEach((k, v) -> overrides.put(k.toLowerCase(Locale.ROOT), v));
        return new Settings(in, output, new IngestOptions(langs, s, u, date("--default-date", defaultDate), maxArticleChars),
                FieldMapping.defaults().withOverrides(overrides), maxFileBytes, readStopWords(), stem, boilerplateMinArticles, Period.parse(period),
                minCollocationCount, entities, stories, topics, arguments);
    }

    private static LocalDate date(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UserError("bad " + option + " value '" + value + "' (expected YYYY-MM-DD)");
        }
    }

    private List<String> readStopWords() {
        if (stopwords == null) {
            return List.of();
        }
        try {
            List<String> words = new ArrayList<>();
            for (String line : Files.readAllLines(stopwords, StandardCharsets.UTF_8)) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
            return words;
        } catch (IOException e) {
            throw new UserError("cannot read --stopwords file " + stopwords + ": " + e.getMessage());
        }
    }
}
