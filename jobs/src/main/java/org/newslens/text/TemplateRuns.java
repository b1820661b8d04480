package org.newslens.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The places a feed template can hide in one sentence, as {@link Boilerplate} compares them: the whole sentence,
 * and runs of terms at its start or end. Before comparing, the article's own title is masked: every run of at
 * least {@link #MIN_TITLE_RUN} consecutive terms that also stands consecutively in the title becomes one
 * {@link #TITLE} term, so "The post &lt;title&gt; appeared first on CNET" is the same line under every item.
 *
 * <p>Edge runs are how templates glued to real text are found ("... real sentence. Continue reading...", a caption
 * ending "| Photo by X / Getty Images"): an end run has {@link #MIN_END_RUN}..{@link #MAX_RUN} terms, a start run
 * {@link #MIN_START_RUN}..{@link #MAX_RUN}, and both are shorter than the sentence (a whole sentence is compared
 * as a sentence). Two-term start runs are not candidates: on rss-2022 they were mostly names that open news
 * sentences ("Elon Musk", "Fox News", "New York") in 2-10 % of a feed's items, while two-term end runs at that rate
 * were credits and links ("getty images", "canadian press", "best buy", "latest updates").
 */
final class TemplateRuns {
    static final String TITLE = "<title>";
    static final int MIN_TITLE_RUN = 2;
    static final int MIN_END_RUN = 2;
    static final int MIN_START_RUN = 3;
    static final int MAX_RUN = 4;

    static final String SENTENCE = "sentence";
    static final String SPAN = "span";
    static final String START = "start";
    static final String END = "end";

    /**
     * A sentence's terms with the title masked; {@code from[i]..to[i]} (exclusive) are the sentence terms that
     * masked term i stands for.
     */
    record Masked(List<String> terms, int[] from, int[] to, boolean changed) {
        int size() {
            return terms.size();
        }

        List<String> start(int k) {
            return terms.subList(0, k);
        }

        List<String> end(int k) {
            return terms.subList(terms.size() - k, terms.size());
        }
    }

    private TemplateRuns() {
    }

    static Masked mask(List<String> terms, List<String> title) {
        List<String> out = new ArrayList<>(terms.size());
        int[] from = new int[terms.size()];
        int[] to = new int[terms.size()];
        boolean changed = false;
        int i = 0;
        while (i < terms.size()) {
            int run = title == null || title.size() < MIN_TITLE_RUN ? 0 : longestTitleRun(terms, i, title);
            int len = run >= MIN_TITLE_RUN ? run : 1;
            from[out.size()] = i;
            to[out.size()] = i + len;
            out.add(len > 1 ? TITLE : terms.get(i));
            changed |= len > 1;
            i += len;
        }
        int n = out.size();
        return new Masked(out, Arrays.copyOf(from, n), Arrays.copyOf(to, n), changed);
    }

    /** The longest run of terms from {@code i} that stands consecutively somewhere in the title. */
    private static int longestTitleRun(List<String> terms, int i, List<String> title) {
        int best = 0;
        for (int j = 0; j < title.size(); j++) {
            int k = 0;
            while (i + k < terms.size() && j + k < title.size() && terms.get(i + k).equals(title.get(j + k))) {
                k++;
            }
            best = Math.max(best, k);
        }
        return best;
    }

    /**
     * A place to compare: scope (source or publisher), kind ({@link #SENTENCE} or {@link #SPAN}), edge (null,
     * {@link #START} or {@link #END}), the masked terms, and which masked terms it covers ({@code from..to}).
     */
    record Candidate(boolean publisherScope, String kind, String edge, List<String> terms, int from, int to) {
        String kindOrEdge() {
            return edge == null ? kind : edge;
        }
    }

    /**
     * Every candidate of one sentence, for both scopes: the whole sentence as written and, if the title was
     * masked in it, as masked; then its end runs and start runs, longest first.
     */
    static List<Candidate> of(List<String> terms, Masked masked) {
        List<Candidate> out = new ArrayList<>();
        int m = masked.size();
        for (boolean publisherScope : new boolean[] {false, true}) {
            out.add(new Candidate(publisherScope, SENTENCE, null, terms, 0, m));
            if (masked.changed()) {
                out.add(new Candidate(publisherScope, SENTENCE, null, masked.terms(), 0, m));
            }
            for (int k = Math.min(MAX_RUN, m - 1); k >= MIN_END_RUN; k--) {
                out.add(new Candidate(publisherScope, SPAN, END, masked.end(k), m - k, m));
            }
            for (int k = Math.min(MAX_RUN, m - 1); k >= MIN_START_RUN; k--) {
                out.add(new Candidate(publisherScope, SPAN, START, masked.start(k), 0, k));
            }
        }
        return out;
    }

    /** Key of a template: where it is found (source or publisher), language, kind and edge, and its terms. */
    static String key(boolean publisherScope, String scope, String language, String kindOrEdge, List<String> terms) {
        return (publisherScope ? "p" : "s") + '\u0001' + scope + '\u0001' + language + '\u0001' + kindOrEdge + '\u0001'
                + String.join(" ", terms);
    }

    /** Seed of the hashes of one scope's templates: {@link #hash(long, String, List)} starts from it. */
    static long seed(boolean publisherScope, String scope, String language) {
        return hash((publisherScope ? "p" : "s") + '\u0001' + scope + '\u0001' + language);
    }

    /** 64-bit FNV-1a of a string: a template's exact key ({@link #key}) stands for it when grouping. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * 64-bit hash of a candidate, from its terms' own hash codes: no key string is built, which matters at every
     * sentence. Two different candidates can share a hash; the hashes only preselect, the strings decide.
     */
    static long hash(long seed, String kindOrEdge, List<String> terms) {
        long h = mix(seed ^ kindOrEdge.hashCode());
        for (int i = 0; i < terms.size(); i++) {
            h = mix(h * 31 + terms.get(i).hashCode());
        }
        return mix(h + terms.size());
    }

    /** MurmurHash3's 64-bit finaliser */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
