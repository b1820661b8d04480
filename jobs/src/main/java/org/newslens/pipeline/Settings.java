package org.newslens.pipeline;

import java.util.List;
import org.newslens.entities.EntityOptions;
import org.newslens.ingest.FieldMapping;
import org.newslens.ingest.IngestOptions;
import org.newslens.stories.StoryOptions;
import org.newslens.terms.Period;
import org.newslens.topics.TopicOptions;

/** Everything a run needs, parsed and validated by the CLI. */
public record Settings(List<String> inputs, String output, IngestOptions ingest, FieldMapping fields,
                       long maxFileBytes, List<String> extraStopWords, boolean stem, int boilerplateMinArticles, Period period,
                       int minCollocationCount, EntityOptions entities, StoryOptions stories, TopicOptions topics, String arguments) {

    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024; // applies to files read whole (.txt, a JSON object)
    public static final int DEFAULT_MIN_COLLOCATION_COUNT = 2;
    public static final int DEFAULT_BOILERPLATE_MIN_ARTICLES = 10;

    public static Settings defaults(List<String> inputs, String output) {
        return new Settings(inputs, output, IngestOptions.defaults(), FieldMapping.defaults(), DEFAULT_MAX_FILE_BYTES,
                List.of(), false, DEFAULT_BOILERPLATE_MIN_ARTICLES, Period.MONTH, DEFAULT_MIN_COLLOCATION_COUNT, EntityOptions.defaults(), StoryOptions.defaults(), TopicOptions.defaults(), "");
    }
}
