package org.newslens.stories;

import java.io.Serializable;

/**
 * An article's shingle sets with its source, as a Java bean for the template filter's typed {@code map}: Spark reads
 * and writes a bean's {@code int[]} as a primitive array, where a UDF got a Seq of boxed Integers and boxed its
 * result again, element by element (see {@link NumberedSet}).
 */
public final class SourceSet implements Serializable {
    private static final long serialVersionUID = 1L;

    private String articleId;
    private String source;
    /** xxhash64 of the source (Spark's, as {@link SourceTemplates} keys its templates); null without a source. */
    private Long sourceKey;
    private int[] set;
    private int[] title;

    public String getArticleId() {
        return articleId;
    }

    public void setArticleId(String articleId) {
        this.articleId = articleId;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public Long getSourceKey() {
        return sourceKey;
    }

    public void setSourceKey(Long sourceKey) {
        this.sourceKey = sourceKey;
    }

    public int[] getSet() {
        return set;
    }

    public void setSet(int[] set) {
        this.set = set;
    }

    public int[] getTitle() {
        return title;
    }

    public void setTitle(int[] title) {
        this.title = title;
    }
}
