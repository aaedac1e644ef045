package org.exportcontrol.screening.restrictedparty;

import java.util.ArrayList;
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
 * Jaro-Winkler only the names that share a key with it, after a length filter that cannot drop a name
 * at or above the threshold (see {@link #mayReach}). A name reaches the candidates if any one of its
 * words keeps its first or its last three letters: accents, punctuation, legal forms and word order
 * are normalised away before, and a typo inside a word, at one end of it, or in one word of several
 * keeps a key.
 */
public final class NameIndex {

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

  private final List<ListEntry> entries;
  /** Per indexed name: its normalised text and the entry it belongs to. */
  private final String[] names;
  private final int[] entryOf;
  private final Map<String, int[]> postings;

  private NameIndex(List<ListEntry> entries, String[] names, int[] entryOf, Map<String, int[]> postings) {
    this.entries = entries;
    this.names = names;
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
    Map<Integer, Double> best = new LinkedHashMap<>();
    boolean[] seen = new boolean[names.length];
    for (String key : keysOf(tokens)) {
      int[] ids = postings.get(key);
      if (ids == null) {
        continue;
      }
      for (int id : ids) {
        if (seen[id]) {
          continue;
        }
        seen[id] = true;
        ListEntry entry = entries.get(entryOf[id]);
        if (country != null && entry.country() != null && !entry.country().equalsIgnoreCase(country)) {
          continue;
        }
        if (!mayReach(query.length(), names[id].length(), threshold)) {
          continue;
        }
        double score = score(query, names[id]);
        if (score >= threshold) {
          best.merge(entryOf[id], score, Math::max);
        }
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

  /** Jaro-Winkler similarity of two normalised names (Apache Commons Text). */
  public static double score(String normalisedA, String normalisedB) {
    return JARO_WINKLER.apply(normalisedA, normalisedB);
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
