package org.newslens.entities;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ahocorasick.trie.Trie;

/**
 * Finds every gazetteer surface form in a text in one Aho-Corasick pass (over the accent-folded,
 * lower-cased text, whose offsets equal the original's), then keeps whole-word matches that pass the
 * case rule and chooses the longest non-overlapping ones. Non-mention phrases are keywords of the same
 * automaton: when one wins, the mentions inside it are dropped. Built once per JVM per gazetteer.
 */
public final class MentionMatcher {

    /** A chosen match: [start, end) in the text; {@code surfaces} are the forms whose case fits. */
    public record Match(int start, int end, String key, List<Gazetteer.Surface> surfaces) {
    }

    private final Gazetteer gazetteer;
    private final Trie trie;

    private static volatile MentionMatcher cached;

    public MentionMatcher(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        Set<String> keys = new HashSet<>(gazetteer.surfaces().keySet());
        keys.addAll(gazetteer.literalNonMentions());
        this.trie = Trie.builder().addKeywords(keys).build();
    }

    /** The matcher for this gazetteer, built at most once per JVM (executors reuse it across tasks). */
    public static MentionMatcher of(Gazetteer g) {
        MentionMatcher m = cached;
        if (m == null || !m.gazetteer.fingerprint().equals(g.fingerprint())) {
            synchronized (MentionMatcher.class) {
                m = cached;
                if (m == null || !m.gazetteer.fingerprint().equals(g.fingerprint())) {
                    m = new MentionMatcher(g);
                    cached = m;
                }
            }
        }
        return m;
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }

    private record Candidate(int start, int end, String key, List<Gazetteer.Surface> surfaces) {
        int length() {
            return end - start;
        }
    }

    private static final Comparator<Candidate> LONGEST_FIRST =
            Comparator.comparingInt(Candidate::length).reversed().thenComparingInt(Candidate::start);

    /** @param folded {@link Fold#fold} of the text (case kept); lower its lower-case form. */
    public List<Match> find(String folded, String lower) {
        List<Candidate> candidates = new ArrayList<>();
        trie.parseText(lower, emit -> {
            int start = emit.getStart();
            int end = emit.getEnd() + 1;
            if (!wordBoundary(lower, start, end)) {
                return false;
            }
            String key = emit.getKeyword();
            if (gazetteer.literalNonMentions().contains(key)) {
                candidates.add(new Candidate(start, end, key, null));
                return true;
            }
            List<Gazetteer.Surface> fitting = null;
            for (Gazetteer.Surface s : gazetteer.surfaces().getOrDefault(key, List.of())) {
                if (caseFits(s.form(), folded, start)) {
                    if (fitting == null) {
                        fitting = new ArrayList<>(2);
                    }
                    fitting.add(s);
                }
            }
            if (fitting != null) {
                candidates.add(new Candidate(start, end, key, fitting));
            }
            return true;
        });
        if (candidates.isEmpty()) {
            return List.of();
        }
        candidates.sort(LONGEST_FIRST);
        BitSet taken = new BitSet();
        List<Match> chosen = new ArrayList<>();
        for (Candidate c : candidates) {
            if (taken.nextSetBit(c.start) >= 0 && taken.nextSetBit(c.start) < c.end) {
                continue;
            }
            taken.set(c.start, c.end);
            if (c.surfaces != null && !contextSaysNo(c, folded)) {
                chosen.add(new Match(c.start, c.end, c.key, c.surfaces));
            }
        }
        chosen.sort(Comparator.comparingInt(Match::start));
        return chosen;
    }

    public List<Match> find(String text) {
        return find(Fold.fold(text), Fold.lower(text));
    }

    static boolean wordBoundary(String s, int start, int end) {
        return (start == 0 || !Character.isLetterOrDigit(s.charAt(start - 1)))
                && (end >= s.length() || !Character.isLetterOrDigit(s.charAt(end)));
    }

    /** The text may be more capitalised than the form, never less: "US" never matches "us", "UKRAINE" matches Ukraine. */
    static boolean caseFits(String form, String folded, int start) {
        for (int i = 0; i < form.length(); i++) {
            if (Character.isUpperCase(form.charAt(i)) && !Character.isUpperCase(folded.charAt(start + i))) {
                return false;
            }
        }
        return true;
    }

    private boolean contextSaysNo(Candidate c, String folded) {
        for (Gazetteer.NonMention rule : gazetteer.contextRules(c.key)) {
            if (rule.kind() == Gazetteer.Kind.FOLLOWED_BY_NAME) {
                String next = wordAt(folded, c.end + 1);
                if (c.end < folded.length() && folded.charAt(c.end) == ' ' && next != null
                        && Character.isUpperCase(next.charAt(0)) && !rule.except().contains(next)) {
                    return true;
                }
            } else if (rule.kind() == Gazetteer.Kind.AFTER_PLACE) {
                if (c.start >= 3 && folded.charAt(c.start - 1) == ' ' && folded.charAt(c.start - 2) == ',') {
                    String prev = wordBefore(folded, c.start - 2);
                    if (prev != null && Character.isUpperCase(prev.charAt(0)) && !rule.except().contains(prev)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String wordAt(String s, int from) {
        int e = from;
        while (e < s.length() && Character.isLetter(s.charAt(e))) {
            e++;
        }
        return e > from ? s.substring(from, e) : null;
    }

    private static String wordBefore(String s, int end) {
        int b = end;
        while (b > 0 && Character.isLetter(s.charAt(b - 1))) {
            b--;
        }
        return b < end ? s.substring(b, end) : null;
    }
}
