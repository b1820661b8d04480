package org.newslens.stories;

import org.newslens.pipeline.UserError;

/**
 * Options of the stories stage (docs/stories.md says how the defaults were chosen).
 *
 * @param threshold   two articles are copies of one story when the similarity of their shingle sets (the larger of
 *                    Jaccard and containment) is at least this; 0 turns the stage off (an empty near_duplicates)
 * @param shingleSize terms per shingle: consecutive terms of one sentence (stop words, numbers and boilerplate already
 *                    gone); a sentence with fewer terms is one shingle
 */
public record StoryOptions(double threshold, int shingleSize) {
    public static final double DEFAULT_THRESHOLD = 0.7;
    public static final int DEFAULT_SHINGLE_SIZE = 4;

    public StoryOptions {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new UserError("--near-duplicate-threshold must be between 0 (off) and 1, not " + threshold);
        }
        if (shingleSize < 1 || shingleSize > 10) {
            throw new UserError("--shingle-size must be between 1 and 10, not " + shingleSize);
        }
    }

    public static StoryOptions defaults() {
        return new StoryOptions(DEFAULT_THRESHOLD, DEFAULT_SHINGLE_SIZE);
    }

    public boolean off() {
        return threshold == 0;
    }
}
