package org.newslens.entities;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds one language's aliases in a text whatever their inflection: "Rosji", "Rosję" and "Rosją" are Rosja,
 * "Zełenskiego" is Zełenski, "Bidena" Biden, "russischen" russisch, "l'Ukraine" Ukraine, "Путина" Путин. Text and
 * aliases are cut into words (letters and digits; an apostrophe or hyphen separates, which also takes French and
 * Italian elision apart) and each word is reduced to its keys by the language's {@link Morphology}; an alias
 * matches a run of words where every alias word shares a key with the text word at its place and the words are
 * separated only by spaces, hyphens or apostrophes.
 *
 * <p>Case: an alias word written with a capital needs a capital in the text ("Mali" never matches "mali"); an
 * acronym alias (РФ, США, USA) needs the same acronym, uninflected. Candidates are chosen longest first, then
 * leftmost, like {@link MentionMatcher}, whose exact matches win ties ({@link #merge}).
 *
 * <p>Cost: a word's keys are looked up only when its first three folded letters begin a key of some alias's first
 * word, and are memoised per thread (news vocabulary is Zipfian), so the dictionaries and stemmers see each
 * distinct candidate word about once per task. Built once per JVM per gazetteer and language.
 */
public final class LanguageMatcher {

    /** One alias: its words, their keys, whether each needs a capital or is an acronym, and its match key. */
    /**
     * One alias: its match key, the surfaces written this way, its words folded and lower-cased, their keys, and per
     * word whether it needs a capital, is an acronym, or matches only as written.
     */
    private record Alias(String key, List<Gazetteer.Surface> surfaces, String[] folded, List<List<String>> keys,
                         boolean[] capital, boolean[] acronym, boolean[] asWritten) {
    }

    private static final int PREFIX = 3;
    /** Words shorter than this match only as written: "Son" must not meet "Sony", "Abe" not "Aby". */
    private static final int MIN_INFLECTED = 4;
    private static final int MEMO_LIMIT = 200_000;

    private final String language;
    private final Gazetteer gazetteer;
    private final Map<String, List<Alias>> byFirstKey = new HashMap<>();
    /**
     * The first three folded chars of every first-word key, packed (see {@link #pack}) and sorted: of aliases whose
     * first word has a capital (only a capitalised text word can start them) and of the others (adjectives).
     */
    private final long[] capitalPrefixes;
    private final long[] lowerPrefixes;
    private final ThreadLocal<Morphology> morphology;
    private final ThreadLocal<Map<String, Keys>> memo = ThreadLocal.withInitial(HashMap::new);
    /** The language's function words (folded): in the text they match only as written ("Aby" is not Abe). */
    private final Set<String> functionWords;

    /** A text word's keys, and whether a dictionary knew it (for the match rule: lemma or stem). */
    private record Keys(List<String> keys, boolean known) {
    }

    private static final Map<String, LanguageMatcher> CACHE = new ConcurrentHashMap<>();

    /** The matcher of a language for this gazetteer, or null when the language has no aliases or morphology. */
    public static LanguageMatcher of(Gazetteer g, String language) {
        if (language == null || !Morphology.LANGUAGES.contains(language) || g.languageSurfaces(language).isEmpty()) {
            return null;
        }
        LanguageMatcher m = CACHE.get(language);
        if (m != null && m.gazetteer.fingerprint().equals(g.fingerprint())) {
            return m;
        }
        return CACHE.compute(language, (l, old) -> old != null && old.gazetteer.fingerprint().equals(g.fingerprint())
                ? old : new LanguageMatcher(g, l));
    }

    LanguageMatcher(Gazetteer gazetteer, String language) {
        this.gazetteer = gazetteer;
        this.language = language;
        this.morphology = ThreadLocal.withInitial(() -> Morphology.of(language));
        this.functionWords = MentionResolver.commonWords(language);
        Morphology m = Morphology.of(language);
        Set<Long> capital = new HashSet<>();
        Set<Long> lower = new HashSet<>();
        // sorted, so that the candidate lists (and thus ties) do not depend on hash order
        for (Map.Entry<String, List<Gazetteer.Surface>> e : new TreeMap<>(gazetteer.languageSurfaces(language)).entrySet()) {
            // one alias per way of writing the key: "Russe" (the noun) needs its capital, "russe" does not
            for (String original : e.getValue().stream().map(Gazetteer.Surface::form).distinct().toList()) {
                add(m, e.getKey(), original, Character.isUpperCase(original.charAt(0)) ? capital : lower);
            }
        }
        capitalPrefixes = capital.stream().mapToLong(Long::longValue).sorted().toArray();
        lowerPrefixes = lower.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private void add(Morphology m, String form, String original, Set<Long> packed) {
        int[] count = new int[1];
        int[] spans = wordSpans(original, count).clone();
        int n = count[0];
        if (n == 0) {
            return;
        }
        String[] folded = new String[n];
        List<List<String>> keys = new ArrayList<>(n);
        boolean[] capital = new boolean[n];
        boolean[] acronym = new boolean[n];
        boolean[] asWritten = new boolean[n];
        for (int i = 0; i < n; i++) {
            String w = original.substring(spans[2 * i], spans[2 * i + 1]);
            folded[i] = Fold.lower(w);
            capital[i] = Character.isUpperCase(w.charAt(0));
            acronym[i] = w.length() >= 2 && w.chars().allMatch(Character::isUpperCase);
            asWritten[i] = acronym[i] || w.length() < MIN_INFLECTED;
            List<String> k = new ArrayList<>(4);
            if (asWritten[i]) {
                k.add(folded[i]);
            } else {
                // a lone capitalised alias word is a name: only lemmas that can be its own (Mali is not Mały)
                m.keys(w, n == 1 && capital[i], k);
            }
            keys.add(k);
        }
        String key = Gazetteer.languageKey(language, form);
        // the surfaces written this way, found once here rather than at every match
        List<Gazetteer.Surface> surfaces = gazetteer.surfacesOf(key).stream().filter(s -> s.form().equals(original)).toList();
        Alias a = new Alias(key, surfaces, folded, keys, capital, acronym, asWritten);
        for (String k : keys.get(0)) {
            byFirstKey.computeIfAbsent(k, x -> new ArrayList<>(1)).add(a);
            packed.add(pack(k, 0, k.length()));
        }
    }

    /** Up to the first three chars of s[start, end), folded and lower-cased, in one long (16 bits each, plus length). */
    private static long pack(CharSequence s, int start, int end) {
        int len = Math.min(PREFIX, end - start);
        long p = len;
        for (int i = 0; i < len; i++) {
            p = (p << 16) | Character.toLowerCase(Fold.fold(s.charAt(start + i)));
        }
        return p;
    }

    public String language() {
        return language;
    }

    private static final ThreadLocal<int[]> SPANS = ThreadLocal.withInitial(() -> new int[256]);

    /**
     * The words of s, maximal runs of letters and digits (and combining marks), flat in a reused per-thread buffer:
     * word i is [spans[2i], spans[2i+1]); count[0] is set to the number of words. Returns the buffer.
     */
    private static int[] wordSpans(String s, int[] count) {
        int[] spans = SPANS.get();
        int w = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && !wordChar(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && wordChar(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (2 * w + 2 > spans.length) {
                    spans = Arrays.copyOf(spans, spans.length * 2);
                    SPANS.set(spans);
                }
                spans[2 * w] = start;
                spans[2 * w + 1] = i;
                w++;
            }
        }
        count[0] = w;
        return spans;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    /** Between two words of one alias: spaces, hyphens or apostrophes only, at most three chars. */
    private static boolean joins(String text, int from, int to) {
        if (to - from < 1 || to - from > 3) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(Character.isSpaceChar(c) || c == ' ' || c == '-' || c == '\u2010' || c == '\u2011' || c == '\''
                    || c == '\u2019')) {
                return false;
            }
        }
        return true;
    }

    private Keys keysOf(String word) {
        Map<String, Keys> m = memo.get();
        Keys k = m.get(word);
        if (k == null) {
            if (m.size() > MEMO_LIMIT) {
                m.clear();
            }
            List<String> out = new ArrayList<>(4);
            String folded = Fold.lower(word);
            boolean known;
            if (word.length() < MIN_INFLECTED || functionWords.contains(folded)) {
                out.add(folded);
                known = true;
            } else {
                known = morphology.get().keys(word, false, out);
            }
            k = new Keys(out, known);
            m.put(word, k);
        }
        return k;
    }

    /** Most words of a text are in lower case and can start only an adjective: a short list to search. */
    private boolean mayStartAlias(String text, int start, int end) {
        long p = pack(text, start, end);
        return Arrays.binarySearch(lowerPrefixes, p) >= 0
                || Character.isUpperCase(text.charAt(start)) && Arrays.binarySearch(capitalPrefixes, p) >= 0;
    }

    private static boolean caseFits(boolean capital, boolean acronym, String text, int start, int end) {
        if (acronym) {
            for (int i = start; i < end; i++) {
                if (!Character.isUpperCase(text.charAt(i)) && Character.isLetter(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        return !capital || Character.isUpperCase(text.charAt(start));
    }

    private static boolean shareKey(List<String> a, List<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    /** The chosen matches of a text in text order; each match's via says "<language>-exact|lemma|stem". */
    public List<MentionMatcher.Match> find(String text) {
        int[] count = new int[1];
        int[] spans = wordSpans(text, count);
        int n = count[0];
        Keys[] keys = null;
        List<MentionMatcher.Match> cands = null;
        for (int i = 0; i < n; i++) {
            if (!mayStartAlias(text, spans[2 * i], spans[2 * i + 1])) {
                continue;
            }
            if (keys == null) {
                keys = new Keys[n];
            }
            Keys first = keys(keys, spans, text, i);
            Set<Alias> seen = null;
            for (String k : first.keys()) {
                List<Alias> aliases = byFirstKey.get(k);
                if (aliases == null) {
                    continue;
                }
                for (Alias a : aliases) {
                    if (aliases.size() > 1 || first.keys().size() > 1) {
                        if (seen == null) {
                            seen = new HashSet<>();
                        }
                        if (!seen.add(a)) {
                            continue;
                        }
                    }
                    MentionMatcher.Match m = matchAt(a, i, spans, n, keys, text);
                    if (m != null) {
                        if (cands == null) {
                            cands = new ArrayList<>();
                        }
                        cands.add(m);
                    }
                }
            }
        }
        return cands == null ? List.of() : choose(cands);
    }

    private Keys keys(Keys[] keys, int[] spans, String text, int i) {
        if (keys[i] == null) {
            keys[i] = keysOf(text.substring(spans[2 * i], spans[2 * i + 1]));
        }
        return keys[i];
    }

    private MentionMatcher.Match matchAt(Alias a, int i, int[] spans, int n, Keys[] keys, String text) {
        int len = a.folded().length;
        if (i + len > n) {
            return null;
        }
        boolean exact = true;
        boolean known = true;
        for (int j = 0; j < len; j++) {
            int ws = spans[2 * (i + j)];
            int we = spans[2 * (i + j) + 1];
            if (j > 0 && !joins(text, spans[2 * (i + j) - 1], ws)) {
                return null;
            }
            if (!caseFits(a.capital()[j], a.acronym()[j], text, ws, we)) {
                return null;
            }
            Keys k = keys(keys, spans, text, i + j);
            List<String> aliasKeys = a.keys().get(j);
            // an acronym or a short word only as written: "Pot" is not "potem" (instrumental of pot, sweat)
            if (a.asWritten()[j] ? !k.keys().get(0).equals(aliasKeys.get(0)) : !shareKey(aliasKeys, k.keys())) {
                return null;
            }
            if (!k.keys().get(0).equals(a.folded()[j])) {
                exact = false;
                known &= k.known();
            }
        }
        int start = spans[2 * i];
        int end = spans[2 * (i + len - 1) + 1];
        List<Gazetteer.Surface> surfaces = a.surfaces();
        if (surfaces.stream().allMatch(s -> s.rule().equals("surname")) && SurnameContext.notTheLeader(
                MentionMatcher.of(gazetteer), surfaces, text, start, end)) {
            return null;
        }
        String via = language + "-" + (exact ? "exact" : morphology.get().method(known));
        return new MentionMatcher.Match(start, end, a.key(), surfaces, via);
    }

    /** Longest first, then leftmost; non-overlapping; in text order. */
    private static List<MentionMatcher.Match> choose(List<MentionMatcher.Match> cands) {
        if (cands.isEmpty()) {
            return List.of();
        }
        return merge(List.of(), cands);
    }

    /**
     * The matches of both matchers in one list: longest first, then the exact matcher's before this one's, then
     * leftmost; overlapping ones dropped; in text order.
     */
    public static List<MentionMatcher.Match> merge(List<MentionMatcher.Match> exact, List<MentionMatcher.Match> inflected) {
        if (inflected.isEmpty()) {
            return exact;
        }
        List<MentionMatcher.Match> all = new ArrayList<>(exact.size() + inflected.size());
        all.addAll(exact);
        all.addAll(inflected);
        all.sort((x, y) -> {
            int c = Integer.compare(y.end() - y.start(), x.end() - x.start());
            if (c == 0) {
                c = Boolean.compare(x.via() != null, y.via() != null);
            }
            if (c == 0) {
                c = Integer.compare(x.start(), y.start());
            }
            return c == 0 ? x.key().compareTo(y.key()) : c;
        });
        boolean[] taken = null;
        int max = 0;
        for (MentionMatcher.Match m : all) {
            max = Math.max(max, m.end());
        }
        taken = new boolean[max];
        List<MentionMatcher.Match> chosen = new ArrayList<>();
        for (MentionMatcher.Match m : all) {
            boolean free = true;
            for (int p = m.start(); p < m.end() && free; p++) {
                free = !taken[p];
            }
            if (free) {
                Arrays.fill(taken, m.start(), m.end(), true);
                chosen.add(m);
            }
        }
        chosen.sort((x, y) -> Integer.compare(x.start(), y.start()));
        return chosen;
    }
}
