package org.exportcontrol.screening.restrictedparty;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The current entries of every list as an in-memory {@link NameIndex}, and the screening against it
 * (ADR 0032). Each screening first reads the current import of every source (one small query): when
 * another node imported a list, or this one did, the versions differ and the index is rebuilt from
 * the database before it answers, so every node screens against the same versions.
 */
@Component
public class RestrictedPartyLists {

  private static final Logger log = LoggerFactory.getLogger(RestrictedPartyLists.class);

  private final RestrictedPartyStore store;
  private final double threshold;
  private volatile Loaded loaded = new Loaded(Map.of(), NameIndex.of(List.of()));

  public RestrictedPartyLists(RestrictedPartyStore store, ScreeningProperties properties) {
    this.store = store;
    this.threshold = properties.matchThreshold();
  }

  /** The versions an index was built from: source → import id. */
  public record Loaded(Map<String, String> versions, NameIndex index) {}

  /** The index of the current versions, rebuilt first when a list changed. */
  public Loaded current() {
    Map<String, String> versions = store.currentImports();
    Loaded now = loaded;
    if (now.versions().equals(versions)) {
      return now;
    }
    synchronized (this) {
      if (!loaded.versions().equals(versions)) {
        long started = System.nanoTime();
        loaded = new Loaded(Map.copyOf(versions), NameIndex.of(store.entriesOf(versions.values())));
        log.info("Restricted-party index loaded: {} entries of {} in {} ms", loaded.index().size(), versions.keySet(),
            (System.nanoTime() - started) / 1_000_000);
      }
      return loaded;
    }
  }

  /** The entries that match a party of this name in this country (same country or an entry without one). */
  public List<PartyMatch> screen(String name, String country) {
    return current().index().search(name, country, threshold);
  }

  /** The current entries whose names score at least the threshold, whatever their country. */
  public List<PartyMatch> search(String name) {
    return current().index().search(name, null, threshold);
  }

  public double threshold() {
    return threshold;
  }
}
