package org.newslens.stories;

import java.io.Serializable;

/**
 * An article's number and a primitive array (its shingle set, or its band keys), as a Java bean for Spark's typed
 * Dataset API. Spark decodes and encodes a bean's primitive arrays as arrays (one copy), where a UDF receives a
 * Seq of boxed values and its array result is boxed element by element into a generic array: at rss-2022 x4 that
 * boxing of the band keys was 6.5 % of the stories stage's CPU samples.
 */
public final class NumberedSet implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The bean's properties: the column names a Dataset must have to be read as one. */
    static final String NUM = "num";
    static final String SET = "set";
    static final String KEYS = "keys";

    /** (num, set): an article's number and its shingle set. */
    public static final class Shingles implements Serializable {
        private static final long serialVersionUID = 1L;
        private long num;
        private int[] set;

        public long getNum() {
            return num;
        }

        public void setNum(long num) {
            this.num = num;
        }

        public int[] getSet() {
            return set;
        }

        public void setSet(int[] set) {
            this.set = set;
        }
    }

    /** (num, keys): an article's number and one key per band of its MinHash signature. */
    public static final class Keys implements Serializable {
        private static final long serialVersionUID = 1L;
        private long num;
        private long[] keys;

        public Keys() {
        }

        Keys(long num, long[] keys) {
            this.num = num;
            this.keys = keys;
        }

        public long getNum() {
            return num;
        }

        public void setNum(long num) {
            this.num = num;
        }

        public long[] getKeys() {
            return keys;
        }

        public void setKeys(long[] keys) {
            this.keys = keys;
        }
    }

    private NumberedSet() {
    }
}
