package org.newslens.entities;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the gazetteer surface forms in a text in one left-to-right scan over a character trie of every key
 * (the folded, lower-cased surface forms and the literal non-mention phrases), stored in flat int arrays.
 * A key can only be a mention when it starts at a word start, so the trie is walked only from positions
 * whose previous char is not a letter or digit; each walk stops where the trie has no continuation, so the
 * cost per position is bounded by the longest key's prefix present in the text, not the number of keys.
 * The text is folded and lower-cased char by char during the walk ({@link Fold}, same length, so offsets
 * are the original's); no folded copy of the text is made. Whole-word matches that pass the case rule are
 * candidates; the longest non-overlapping ones win (ties: the leftmost). Non-mention phrases are keys of the
 * same trie: when one wins, the mentions inside it are dropped. A winning bare surname that its sentence shows
 * to be someone else's ({@link SurnameContext}: "Hunter Biden", "Lewis Hamilton", "BA") is dropped too. Built
 * once per JVM per gazetteer.
 *
 * <p>This gives exactly the matches of an Aho-Corasick automaton over the same keys followed by the
 * word-boundary filter (the previous implementation, with org.ahocorasick), without its per-state hash maps
 * and the per-occurrence objects for short keys found inside ordinary words ("us" in "house").
 */
public final class MentionMatcher {

    /**
     * A chosen match: [start, end) in the text; {@code surfaces} are the forms whose case fits; {@code via} is null
     * for this matcher's exact matches, else how a {@link LanguageMatcher} matched ("pl-lemma", "de-stem").
     */
    public record Match(int start, int end, String key, List<Gazetteer.Surface> surfaces, String via) {
        public Match(int start, int end, String key, List<Gazetteer.Surface> surfaces) {
            this(start, end, key, surfaces, null);
        }

        Match at(int offset) {
            return new Match(offset + start, offset + end, key, surfaces, via);
        }
    }

    /** Folded and lower-cased char, as {@link Fold#lower}, per char. */
    private static final char[] LOWER = new char[0x10000];
    /** Whether the folded, lower-cased char is a letter or digit (a word char for the boundary rule). */
    private static final boolean[] WORD = new boolean[0x10000];

    static {
        for (int c = 0; c < 0x10000; c++) {
            LOWER[c] = Character.toLowerCase(Fold.fold((char) c));
            WORD[c] = Character.isLetterOrDigit(LOWER[c]);
        }
    }

    private final Gazetteer gazetteer;

    // the trie: state 0 is the root; the root's children are looked up in a dense table by char, the other
    // states' children are the sorted slice [childStart[s], childStart[s + 1]) of childChar / childState
    private final int[] rootChild = new int[0x10000];
    /** The state after two ASCII chars from the root ((c0 << 7) | c1), 0 = none: skips the two widest levels. */
    private final int[] rootAscii2 = new int[128 * 128];
    private final int[] childStart;
    private final char[] childChar;
    private final int[] childState;
    /** Key index ending at each state, or -1. */
    private final int[] keyAt;
    private final String[] keys;
    /** Per key: null for a literal non-mention phrase, else its surfaces (all forms with that key). */
    private final List<Gazetteer.Surface>[] surfacesOf;
    /** Per key: whether context rules ("Word *", "*, Word") exist for it. */
    private final boolean[] hasContextRules;

    private static volatile MentionMatcher cached;

    @SuppressWarnings("unchecked")
    public MentionMatcher(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        TreeSet<String> sorted = new TreeSet<>(gazetteer.surfaces().keySet());
        sorted.addAll(gazetteer.literalNonMentions());
        sorted.remove("");
        keys = sorted.toArray(new String[0]);
        surfacesOf = new List[keys.length];
        hasContextRules = new boolean[keys.length];
        for (int k = 0; k < keys.length; k++) {
            surfacesOf[k] = gazetteer.literalNonMentions().contains(keys[k]) ? null
                    : gazetteer.surfaces().getOrDefault(keys[k], List.of());
            hasContextRules[k] = !gazetteer.contextRules(keys[k]).isEmpty();
        }
        // build with maps, then flatten (children sorted by char)
        List<Map<Character, Integer>> children = new ArrayList<>();
        List<Integer> keyOfState = new ArrayList<>();
        children.add(new HashMap<>());
        keyOfState.add(-1);
        for (int k = 0; k < keys.length; k++) {
            int s = 0;
            for (int i = 0; i < keys[k].length(); i++) {
                char c = keys[k].charAt(i);
                Integer next = children.get(s).get(c);
                if (next == null) {
                    next = children.size();
                    children.get(s).put(c, next);
                    children.add(new HashMap<>());
                    keyOfState.add(-1);
                }
                s = next;
            }
            keyOfState.set(s, k);
        }
        int n = children.size();
        keyAt = new int[n];
        childStart = new int[n + 1];
        int edges = 0;
        for (int s = 0; s < n; s++) {
            keyAt[s] = keyOfState.get(s);
            childStart[s] = edges;
            edges += s == 0 ? 0 : children.get(s).size();
        }
        childStart[n] = edges;
        childChar = new char[edges];
        childState = new int[edges];
        for (int s = 0; s < n; s++) {
            Character[] cs = children.get(s).keySet().toArray(new Character[0]);
            Arrays.sort(cs);
            if (s == 0) {
                for (Character c : cs) {
                    rootChild[c] = children.get(0).get(c);
                }
                continue;
            }
            int e = childStart[s];
            for (Character c : cs) {
                childChar[e] = c;
                childState[e] = children.get(s).get(c);
                e++;
            }
        }
        for (char c0 = 0; c0 < 128; c0++) {
            int s1 = rootChild[c0];
            for (char c1 = 0; s1 != 0 && c1 < 128; c1++) {
                rootAscii2[(c0 << 7) | c1] = child(s1, c1);
            }
        }
    }

    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[1024]);

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

    /** Number of trie states (for the record). */
    int states() {
        return keyAt.length;
    }

    private int child(int s, char c) {
        int lo = childStart[s];
        int hi = childStart[s + 1] - 1;
        if (hi - lo < 8) {
            for (int e = lo; e <= hi; e++) {
                if (childChar[e] == c) {
                    return childState[e];
                }
            }
            return 0;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = childChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return childState[mid];
            }
        }
        return 0;
    }

    /**
     * Whether the text from {@code from} is the start of a key of two words or more (its first word, a space and
     * the start of the next word are a path in the trie: "White House", "Gulf of Mexico").
     */
    boolean startsKey(String text, int from) {
        int s = 0;
        boolean space = false;
        for (int i = from; i < text.length(); i++) {
            char c = LOWER[text.charAt(i)];
            if (space && !WORD[c]) {
                return true;
            }
            s = i == from ? rootChild[c] : child(s, c);
            if (s == 0) {
                return false;
            }
            if (c == ' ') {
                if (space) {
                    return true;
                }
                space = true;
            }
        }
        return space;
    }

    /** Whole-word, case-fitting candidates: start, end, key index; surfaces null for non-mention phrases. */
    private static final class Candidates {
        int size;
        int[] start = new int[8];
        int[] end = new int[8];
        int[] key = new int[8];
        List<?>[] surfaces = new List<?>[8];

        void add(int s, int e, int k, List<Gazetteer.Surface> fitting) {
            if (size == start.length) {
                start = Arrays.copyOf(start, size * 2);
                end = Arrays.copyOf(end, size * 2);
                key = Arrays.copyOf(key, size * 2);
                surfaces = Arrays.copyOf(surfaces, size * 2);
            }
            start[size] = s;
            end[size] = e;
            key[size] = k;
            surfaces[size] = fitting;
            size++;
        }
    }

    /** The chosen matches of a text, in text order. */
    @SuppressWarnings("unchecked")
    public List<Match> find(String text) {
        int n = text.length();
        char[] t = BUFFER.get();
        if (t.length < n) {
            t = new char[Math.max(n, t.length * 2)];
            BUFFER.set(t);
        }
        text.getChars(0, n, t, 0);
        Candidates cands = null;
        boolean wordBefore = false;
        for (int i = 0; i < n; i++) {
            char raw = t[i];
            boolean startsHere = !wordBefore;
            wordBefore = WORD[raw];
            if (!startsHere) {
                continue;
            }
            char c0 = LOWER[raw];
            int s = rootChild[c0];
            int j = i + 1;
            while (s != 0) {
                int k = keyAt[s];
                if (k >= 0 && (j >= n || !WORD[t[j]])) {
                    cands = candidate(cands, k, i, j, text);
                }
                if (j >= n) {
                    break;
                }
                char c = LOWER[t[j]];
                s = j == i + 1 && c0 < 128 && c < 128 ? rootAscii2[(c0 << 7) | c] : child(s, c);
                j++;
            }
        }
        if (cands == null) {
            return List.of();
        }
        // longest first, then leftmost
        Integer[] order = new Integer[cands.size];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        final Candidates cs = cands;
        Arrays.sort(order, Comparator.<Integer>comparingInt(c -> cs.end[c] - cs.start[c]).reversed()
                .thenComparingInt(c -> cs.start[c]));
        BitSet taken = new BitSet();
        List<Match> chosen = new ArrayList<>();
        String folded = null;
        for (int c : order) {
            int start = cs.start[c];
            int end = cs.end[c];
            int next = taken.nextSetBit(start);
            if (next >= 0 && next < end) {
                continue;
            }
            taken.set(start, end);
            if (cs.surfaces[c] == null) {
                continue;
            }
            int k = cs.key[c];
            if (hasContextRules[k]) {
                if (folded == null) {
                    folded = Fold.fold(text);
                }
                if (contextSaysNo(keys[k], start, end, folded)) {
                    continue;
                }
            }
            List<Gazetteer.Surface> fitting = (List<Gazetteer.Surface>) cs.surfaces[c];
            if (SurnameContext.notTheLeader(this, fitting, text, start, end)) {
                continue;
            }
            chosen.add(new Match(start, end, keys[k], fitting));
        }
        chosen.sort(Comparator.comparingInt(Match::start));
        return chosen;
    }

    private Candidates candidate(Candidates cands, int k, int start, int end, String text) {
        List<Gazetteer.Surface> all = surfacesOf[k];
        List<Gazetteer.Surface> fitting = all == null ? null : caseFitting(all, text, start);
        if (all == null || fitting != null) {
            if (cands == null) {
                cands = new Candidates();
            }
            cands.add(start, end, k, fitting);
        }
        return cands;
    }

    private static List<Gazetteer.Surface> caseFitting(List<Gazetteer.Surface> all, String text, int start) {
        List<Gazetteer.Surface> fitting = null;
        int size = all.size();
        for (int i = 0; i < size; i++) {
            Gazetteer.Surface s = all.get(i);
            if (caseFits(s.form(), text, start)) {
                if (fitting == null) {
                    fitting = size == 1 ? List.of(s) : new ArrayList<>(2);
                    if (size == 1) {
                        break;
                    }
                }
                fitting.add(s);
            }
        }
        return fitting;
    }

    static boolean wordBoundary(String s, int start, int end) {
        return (start == 0 || !WORD[s.charAt(start - 1)]) && (end >= s.length() || !WORD[s.charAt(end)]);
    }

    /**
     * The text may be more capitalised than the form, never less: "US" never matches "us", "UKRAINE" matches
     * Ukraine. {@code text} may be the original or its {@link Fold#fold} (folded per char here).
     */
    static boolean caseFits(String form, String text, int start) {
        for (int i = 0; i < form.length(); i++) {
            if (Character.isUpperCase(form.charAt(i)) && !Character.isUpperCase(Fold.fold(text.charAt(start + i)))) {
                return false;
            }
        }
        return true;
    }

    private boolean contextSaysNo(String key, int start, int end, String folded) {
        for (Gazetteer.NonMention rule : gazetteer.contextRules(key)) {
            if (rule.kind() == Gazetteer.Kind.FOLLOWED_BY_NAME) {
                String next = wordAt(folded, end + 1);
                if (end < folded.length() && folded.charAt(end) == ' ' && next != null
                        && Character.isUpperCase(next.charAt(0)) && !rule.except().contains(next)) {
                    return true;
                }
            } else if (rule.kind() == Gazetteer.Kind.AFTER_PLACE) {
                if (start >= 3 && folded.charAt(start - 1) == ' ' && folded.charAt(start - 2) == ',') {
                    String prev = wordBefore(folded, start - 2);
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
