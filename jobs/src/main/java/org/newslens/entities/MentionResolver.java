package org.newslens.entities;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.CharArraySet;
import org.newslens.text.StopWords;

/**
 * Turns the matches of one article into mentions, using the article's date:
 * <ul>
 *   <li>a full name or alias resolves to its entity; when several leaders share it (George Bush), the one in
 *   office at the date, else the one the article names unambiguously elsewhere;</li>
 *   <li>countries sharing a form (Kremlin: Russia and the Soviet Union) resolve by their validity dates;</li>
 *   <li>title + surname ("President Bush") resolves among people holding that kind of role at the date;</li>
 *   <li>a bare surname resolves to the person the article names in full, else when exactly one person with
 *   that surname is in office at the date; otherwise it is kept with ambiguous = true;</li>
 *   <li>weak surnames (common words, data/weak_surnames.tsv, and the function words of the article's language)
 *   never resolve alone: they need a title or the full name in the article, else they are not mentions.</li>
 * </ul>
 * Undated articles resolve against all terms.
 */
public final class MentionResolver {

    public record Mention(int start, int end, String entityId, String type, String rule, boolean ambiguous,
                          List<String> candidates) {
    }

    private static final Set<String> ANY_ROLE = Set.of();
    private static final Map<String, Set<String>> TITLES = new LinkedHashMap<>();

    static {
        Set<String> president = Set.of("head_of_state", "head_of_government", "effective_leader",
                "commission_president", "council_president");
        Set<String> pm = Set.of("head_of_government", "effective_leader");
        Set<String> monarch = Set.of("head_of_state", "effective_leader");
        Set<String> fm = Set.of("foreign_minister");
        Set<String> sg = Set.of("secretary_general");
        Set<String> leader = Set.of("effective_leader", "head_of_state");
        for (String t : List.of("president")) {
            TITLES.put(t, president);
        }
        for (String t : List.of("prime minister", "pm", "premier", "chancellor", "taoiseach")) {
            TITLES.put(t, pm);
        }
        for (String t : List.of("king", "queen", "emperor", "emir", "sultan")) {
            TITLES.put(t, monarch);
        }
        for (String t : List.of("foreign minister", "foreign secretary", "secretary of state")) {
            TITLES.put(t, fm);
        }
        for (String t : List.of("secretary-general", "secretary general")) {
            TITLES.put(t, sg);
        }
        for (String t : List.of("supreme leader", "chairman", "leader")) {
            TITLES.put(t, leader);
        }
        for (String t : List.of("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.")) {
            TITLES.put(t, ANY_ROLE);
        }
    }

    private static final Pattern TITLE = Pattern.compile(
            "(?i)(?<![\\p{L}-])((?:vice|deputy)[ -])?(" + String.join("|",
                    TITLES.keySet().stream().map(Pattern::quote).toList()) + ")\\s+$");

    private final Gazetteer g;

    public MentionResolver(Gazetteer g) {
        this.g = g;
    }

    /** Mentions of one document (its text, for title detection), in text order. */
    public List<Mention> resolve(List<MentionMatcher.Match> matches, String text, LocalDate date) {
        List<String> titles = new ArrayList<>(matches.size());
        for (MentionMatcher.Match m : matches) {
            titles.add(titleWord(text, m.start()));
        }
        return resolve(matches, titles, date);
    }

    public List<Mention> resolve(List<MentionMatcher.Match> matches, List<String> titles, LocalDate date) {
        return resolve(matches, titles, date, null);
    }

    /**
     * Mentions of one article; titles.get(i) is the title word before match i ({@link #titleWord}) or null;
     * language: the article's, whose function words are weak surnames in it (null: none).
     */
    public List<Mention> resolve(List<MentionMatcher.Match> matches, List<String> titles, LocalDate date, String language) {
        Set<String> commonWords = commonWords(language);
        // pass 1: leaders named in full (by name or alias) in this article
        Set<String> namedInFull = new HashSet<>();
        for (MentionMatcher.Match m : matches) {
            if (m.surfaces().stream().anyMatch(s -> s.type().equals(Gazetteer.LEADER) && !s.rule().equals("surname"))) {
                Mention r = resolveNamed(m, date, Set.of());
                if (r != null && !r.ambiguous() && r.type().equals(Gazetteer.LEADER)) {
                    namedInFull.add(r.entityId());
                }
            }
        }
        List<Mention> out = new ArrayList<>(matches.size());
        for (int i = 0; i < matches.size(); i++) {
            MentionMatcher.Match m = matches.get(i);
            boolean named = m.surfaces().stream().anyMatch(s -> !s.rule().equals("surname"));
            String title = titles.get(i);
            Mention r = named ? resolveNamed(m, date, namedInFull)
                    : resolveSurname(m, title == null ? null : TITLES.get(title), date, namedInFull, commonWords);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private Mention resolveNamed(MentionMatcher.Match m, LocalDate date, Set<String> namedInFull) {
        Map<String, Gazetteer.Surface> byEntity = new LinkedHashMap<>();
        for (Gazetteer.Surface s : m.surfaces()) {
            if (!s.rule().equals("surname")) {
                byEntity.putIfAbsent(s.entityId(), s);
            }
        }
        List<String> cands = new ArrayList<>(byEntity.keySet());
        if (cands.size() > 1) {
            // countries by validity (undated: current countries first)
            List<String> valid = cands.stream().filter(id -> {
                Gazetteer.Entity e = g.entities().get(id);
                if (e == null || !e.type().equals(Gazetteer.COUNTRY)) {
                    return true;
                }
                return date == null ? e.validTo() == null : e.validAt(date);
            }).toList();
            if (!valid.isEmpty()) {
                cands = valid;
            }
        }
        if (cands.size() > 1) {
            List<String> inOffice = cands.stream().filter(id -> !isLeader(id) || inOffice(id, date, ANY_ROLE)).toList();
            if (!inOffice.isEmpty()) {
                cands = inOffice;
            }
        }
        if (cands.size() > 1) {
            List<String> named = cands.stream().filter(namedInFull::contains).toList();
            if (named.size() == 1) {
                cands = named;
            }
        }
        Gazetteer.Surface first = byEntity.get(cands.get(0));
        if (cands.size() == 1) {
            return new Mention(m.start(), m.end(), first.entityId(), first.type(), first.rule(), false, List.of(first.entityId()));
        }
        List<String> sorted = new ArrayList<>(new TreeSet<>(cands));
        Gazetteer.Surface s0 = byEntity.get(sorted.get(0));
        return new Mention(m.start(), m.end(), s0.entityId(), s0.type(), s0.rule(), true, sorted);
    }

    private Mention resolveSurname(MentionMatcher.Match m, Set<String> roles, LocalDate date, Set<String> namedInFull,
                                   Set<String> commonWords) {
        Set<String> all = new TreeSet<>();
        for (Gazetteer.Surface s : m.surfaces()) {
            all.add(s.entityId());
        }
        String rule = roles == null ? "surname" : "title_surname";
        List<String> named = all.stream().filter(namedInFull::contains).toList();
        if (named.size() == 1) {
            return mention(m, named, rule);
        }
        if (roles != null) {
            List<String> atDate = all.stream().filter(id -> inOffice(id, date, roles)).toList();
            if (!atDate.isEmpty()) {
                return mention(m, atDate, rule);
            }
            List<String> ever = all.stream().filter(id -> inOffice(id, null, roles)).toList();
            if (!ever.isEmpty() && roles != ANY_ROLE) {
                return mention(m, ever, rule);
            }
            if (roles != ANY_ROLE) {
                return null; // a title held by nobody of that name in the gazetteer: someone else
            }
        }
        String key = Gazetteer.bareKey(m.key());
        if (roles == null && (g.isWeakSurname(key) || commonWords.contains(key))) {
            return null;
        }
        List<String> atDate = all.stream().filter(id -> inOffice(id, date, ANY_ROLE)).toList();
        return mention(m, atDate.isEmpty() ? List.copyOf(all) : atDate, rule, atDate.isEmpty() && date != null);
    }

    private static final Map<String, Set<String>> COMMON_WORDS = new ConcurrentHashMap<>();

    /**
     * The function words of a language (Lucene's stop list), folded like match keys: Polish "ma" (has), "te"
     * (these), "to"; French "de", "le"; German "die". A surname that is one of them in the article's language is
     * weak there (Ma Ying-jeou, Ilídio Vieira Té), while it stays a surname in the other languages.
     */
    static Set<String> commonWords(String language) {
        if (language == null) {
            return Set.of();
        }
        return COMMON_WORDS.computeIfAbsent(language, l -> {
            CharArraySet words = StopWords.functionWords(l);
            Set<String> folded = new HashSet<>();
            if (words != null) {
                for (Object w : words) {
                    folded.add(Fold.lower(new String((char[]) w)));
                }
            }
            return Set.copyOf(folded);
        });
    }

    private Mention mention(MentionMatcher.Match m, List<String> cands, String rule) {
        return mention(m, cands, rule, false);
    }

    private Mention mention(MentionMatcher.Match m, List<String> cands, String rule, boolean forceAmbiguous) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(cands));
        return new Mention(m.start(), m.end(), sorted.get(0), Gazetteer.LEADER, rule,
                forceAmbiguous || sorted.size() > 1, sorted);
    }

    private boolean isLeader(String id) {
        Gazetteer.Entity e = g.entities().get(id);
        return e != null && e.type().equals(Gazetteer.LEADER);
    }

    /** In office at the date in one of the roles (empty = any role); date null = at any time. */
    private boolean inOffice(String id, LocalDate date, Set<String> roles) {
        for (Gazetteer.Term t : g.termsOf(id)) {
            if ((roles.isEmpty() || roles.contains(t.role())) && (date == null || t.activeAt(date))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a lower-case word is one of the titles that resolve a following surname ("president", "mr"). */
    static boolean isTitle(String word) {
        return TITLES.containsKey(word);
    }

    /** Titles, longest first, for the quick test in {@link #titleWord}. */
    private static final String[] TITLE_WORDS = TITLES.keySet().toArray(new String[0]);

    /**
     * The title right before position start ("President" in "President Bush"), lower case, or null.
     * {@code text} is the original text or its {@link Fold#fold} (the 40 chars before start are folded here).
     */
    public static String titleWord(String text, int start) {
        int from = Math.max(0, start - 40);
        // quick exact pre-test: the pattern needs trailing whitespace (\s+, then possibly one line terminator
        // before the end) right after one of the titles; most matches follow an ordinary word
        int e = start;
        while (e > from && isSpaceOrTerminator(Fold.fold(text.charAt(e - 1)))) {
            e--;
        }
        if (e == start || !endsWithTitle(text, from, e)) {
            return null;
        }
        String before = Fold.fold(text.substring(from, start));
        Matcher t = TITLE.matcher(before);
        if (!t.find() || t.group(1) != null) {
            return null;
        }
        return t.group(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isSpaceOrTerminator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r'
                || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Whether text[from, end) ends with a title, ignoring case (a superset of the pattern's ASCII case folding). */
    private static boolean endsWithTitle(String text, int from, int end) {
        for (String title : TITLE_WORDS) {
            int at = end - title.length();
            if (at < from) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < title.length() && same; i++) {
                char c = Fold.fold(text.charAt(at + i));
                char t = title.charAt(i);
                same = c == t || Character.toLowerCase(c) == t || Character.toLowerCase(Character.toUpperCase(c)) == t;
            }
            if (same) {
                return true;
            }
        }
        return false;
    }
}
