package org.newslens.topics;

import java.io.Serializable;

/** Options of the topics stage. */
public record TopicOptions(int k, long seed) implements Serializable {

    public static TopicOptions defaults() {
        return new TopicOptions(20, 42L);
    }
}
