package org.exportcontrol.screening.restrictedparty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * The current entries of every list in memory, searchable in milliseconds (ADR 0032). Immutable: an
 * import builds a new index and swaps it in.
 *
 * <p>Blocking: every normalised name is filed under keys of each of its words (the word's first three
 * letters and its last three; a word of up to three letters under itself). A query scores with
 * Jaro-Winkler only the names that share at least half of its keys ({@link #minimumSharedKeys}):
 * accents, punctuation, legal forms and word order are normalised away before, and a typo inside a
 * word or at one end of it keeps the word's other key. The whole-name score skips pairs whose lengths
 * cannot reach the threshold (see {@link #mayReach}).
 */
public final class NameIndex {

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

  private final List<ListEntry> entries;
  /** Per indexed name: its normalised text and the entry it belongs to. */
  private final String[] names;
  private final String[][] words;
  private final int[] entryOf;
  private final Map<String, int[]> postings;

  private NameIndex(List<ListEntry> entries, String[] names, int[] entryOf, Map<String, int[]> postings) {
    this.entries = entries;
    this.names = names;
    this.words = new String[names.length][];
    for (int i = 0; i < names.length; i++) {
      words[i] = names[i].split(" ");
    }
    this.entryOf = entryOf;
    this.postings = postings;
  }

  public static NameIndex of(Collection<ListEntry> entries) {
    List<ListEntry> list = List.copyOf(entries);
    List<String> names = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    Map<String, List<Integer>> keys = new HashMap<>();
    for (int e = 0; e < list.size(); e++) {
      for (String raw : list.get(e).allNames()) {
        List<String> tokens = NameNormaliser.tokens(raw);
        if (tokens.isEmpty()) {
          continue;
        }
        int id = names.size();
        names.add(String.join(" ", tokens));
        owners.add(e);
        for (String key : keysOf(tokens)) {
          keys.computeIfAbsent(key, k -> new ArrayList<>(4)).add(id);
        }
      }
    }
    Map<String, int[]> postings = new HashMap<>(keys.size() * 2);
    keys.forEach((key, ids) -> postings.put(key, ids.stream().distinct().mapToInt(Integer::intValue).toArray()));
    return new NameIndex(list, names.toArray(String[]::new), owners.stream().mapToInt(Integer::intValue).toArray(),
        postings);
  }

  public int size() {
    return entries.size();
  }

  public List<ListEntry> entries() {
    return entries;
  }

  /**
   * The entries whose name or an alternative name scores at least {@code threshold} against
   * {@code name}, best first; with a country, only entries of that country or without one.
   */
  public List<PartyMatch> search(String name, String country, double threshold) {
    List<String> tokens = NameNormaliser.tokens(name);
    if (tokens.isEmpty()) {
      return List.of();
    }
    String query = String.join(" ", tokens);
    String[] queryWords = tokens.toArray(String[]::new);
    Map<Integer, Double> best = new LinkedHashMap<>();
    // count, per indexed name, the query's keys it shares; score only names sharing at least half
    Set<String> keys = new LinkedHashSet<>(keysOf(tokens));
    int needed = minimumSharedKeys(keys.size());
    int[] shared = new int[names.length];
    int[] touched = new int[64];
    int touchedCount = 0;
    for (String key : keys) {
      int[] ids = postings.get(key);
      if (ids == null) {
        continue;
      }
      for (int id : ids) {
        if (shared[id]++ == 0) {
          if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touched.length * 2);
          }
          touched[touchedCount++] = id;
        }
      }
    }
    for (int t = 0; t < touchedCount; t++) {
      int id = touched[t];
      if (shared[id] < needed) {
        continue;
      }
      ListEntry entry = entries.get(entryOf[id]);
      if (country != null && entry.country() != null && !entry.country().equalsIgnoreCase(country)) {
        continue;
      }
      double score = score(query, queryWords, names[id], words[id], threshold);
      if (score >= threshold) {
        best.merge(entryOf[id], score, Math::max);
      }
    }
    return best.entrySet().stream()
        .map(hit -> {
          ListEntry entry = entries.get(hit.getKey());
          return new PartyMatch(entry.source(), entry.entryId(), entry.name(), entry.country(),
              Math.round(hit.getValue() * 1000) / 1000.0, entry.listedOn(), entry.reason());
        })
        .sorted(Comparator.comparingDouble(PartyMatch::score).reversed().thenComparing(PartyMatch::entryId))
        .toList();
  }

  /**
   * The score of two normalised names: the better of Jaro-Winkler over the whole names and over their
   * words. Over whole names a letter changed in a long name can cost more than it should (Jaro's
   * matching window lets a later equal letter take the freed place, and everything after it counts as
   * transposed: "dumesanid mifosagomu semehas" scores 0.908 against "dumesenid ..."). The word score
   * pairs each word with its most similar word of the other name (Jaro-Winkler again), averages
   * them, and takes the lower of both directions (a Monge-Elkan similarity), so that an extra or a
   * missing word counts against it.
   */
  public static double score(String a, String b) {
    return score(a, a.split(" "), b, b.split(" "), 0);
  }

  static double score(String a, String[] aWords, String b, String[] bWords, double threshold) {
    double whole = mayReach(a.length(), b.length(), threshold) ? JARO_WINKLER.apply(a, b) : 0;
    if (aWords.length == 1 && bWords.length == 1) {
      return whole;
    }
    double byWords = Math.min(wordScore(aWords, bWords, Math.max(whole, threshold)),
        wordScore(bWords, aWords, Math.max(whole, threshold)));
    return Math.max(whole, byWords);
  }

  /** The mean over {@code a}'s words of its best Jaro-Winkler against {@code b}'s; 0 once it cannot pass {@code floor}. */
  private static double wordScore(String[] a, String[] b, double floor) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double best = 0;
      for (String other : b) {
        best = Math.max(best, a[i].equals(other) ? 1 : JARO_WINKLER.apply(a[i], other));
        if (best == 1) {
          break;
        }
      }
      sum += best;
      if (sum + (a.length - i - 1) < floor * a.length - 1e-9) {
        return 0;
      }
    }
    return sum / a.length;
  }

  /**
   * False only when two names of these lengths cannot reach the threshold. Jaro-Winkler is at most
   * J + 0.4 (1 - J) (a common prefix of at most four letters, scaled by 0.1), so a score t needs a Jaro
   * similarity J of at least (t - 0.4) / 0.6; J = (m/|a| + m/|b| + (m - t')/m) / 3 with m matching
   * letters, m at most the shorter length: the shorter name must be at least 3J - 2 of the longer.
   */
  static boolean mayReach(int lengthA, int lengthB, double threshold) {
    double jaro = (threshold - 0.4) / 0.6;
    double ratio = 3 * jaro - 2 - 1e-9;
    int shorter = Math.min(lengthA, lengthB);
    int longer = Math.max(lengthA, lengthB);
    return ratio <= 0 || shorter >= ratio * longer;
  }

  /**
   * How many of a query's distinct keys a name must share to be scored: half of them, rounded up (one
   * for a query of one or two keys). A name with one word misspelt at both ends, or with every word
   * misspelt at one end, still shares them; a name sharing only one word end with the query, the
   * bulk of a large list, is not scored at all (ADR 0032).
   */
  static int minimumSharedKeys(int queryKeys) {
    return Math.max(1, (queryKeys + 1) / 2);
  }

  /** The blocking keys of a name's words. */
  static List<String> keysOf(List<String> tokens) {
    List<String> keys = new ArrayList<>(tokens.size() * 2);
    for (String token : tokens) {
      if (token.length() <= 3) {
        keys.add("=" + token);
      } else {
        keys.add("<" + token.substring(0, 3));
        keys.add(">" + token.substring(token.length() - 3));
      }
    }
    return keys;
  }
}
