package org.exportcontrol.screening.restrictedparty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.exportcontrol.support.MemoryDatabase;
import org.exportcontrol.support.Postgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The speed of restricted-party screening (issue 18, docs/benchmarks.md "R1", "R2"), on H2 and on
 * PostgreSQL: 200,000 list entries; what screening adds to a submission (the version check, the
 * search and the match rows), p50/p95 over 2,000 end users, a quarter of them listed; and the
 * re-screening of 10,000 live licenses. Prints its figures and asserts only that the listed end
 * users were found: speed is measured, never asserted. Opt-in, it takes a few minutes:
 * {@code ./mvnw -o test -Dtest=RestrictedPartyBenchmarkTest -Dbench.restrictedParties=true -Djacoco.skip=true}
 */
@EnabledIfSystemProperty(named = "bench.restrictedParties", matches = "true")
class RestrictedPartyBenchmarkTest {

  static final int ENTRIES = Integer.getInteger("bench.entries", 200_000);
  static final int SUBMISSIONS = 2_000;
  static final int LICENSES = Integer.getInteger("bench.licenses", 10_000);

  @Test
  void onH2() {
    measure("H2 (in memory)", pooled(new MemoryDatabase().dataSource));
  }

  @Test
  void onPostgres() throws Exception {
    try (Postgres postgres = Postgres.freshDatabase()) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(postgres.url());
      ds.setUser(postgres.user());
      ds.setPassword(postgres.password());
      Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
      measure("PostgreSQL", pooled(ds));
    }
  }

  /** A connection pool, as the application has (Hikari): a new connection per statement would dominate. */
  private static DataSource pooled(DataSource ds) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(ds);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  private void measure(String database, DataSource ds) {
    RestrictedPartyStore store = new RestrictedPartyStore(JdbcClient.create(ds), new JdbcTemplate(ds));
    RestrictedPartyLists lists = new RestrictedPartyLists(store, new ScreeningProperties(0.92));
    List<ListEntry> entries = NameMatchingTest.syntheticList(ENTRIES, 18);

    long started = System.nanoTime();
    String importId = UUID.randomUUID().toString();
    store.insertImport(new RestrictedPartyStore.ListImport(importId, "SYNTHETIC", 1, OffsetDateTime.now(), "bench",
        entries.size(), entries.size(), 0, 0, "PENDING", null, null, List.of(), null));
    store.insertEntries(importId, entries);
    long heapBefore = usedHeap();
    long stored = System.nanoTime();
    lists.current();
    long loaded = System.nanoTime();
    long heapIndex = usedHeap() - heapBefore;

    // R1: what screening adds to a submission
    Random random = new Random(1);
    double[] times = new double[SUBMISSIONS];
    int found = 0;
    int listed = 0;
    for (int i = -300; i < SUBMISSIONS; i++) {
      boolean isListed = random.nextInt(4) == 0;
      ListEntry entry = entries.get(random.nextInt(entries.size()));
      String name = isListed ? NameMatchingTest.disguise(entry.name(), random)
          : NameMatchingTest.word(random, 7) + " " + NameMatchingTest.word(random, 9) + " Police";
      String country = entry.country() == null ? "FR" : entry.country();
      long t0 = System.nanoTime();
      List<PartyMatch> matches = lists.screen(name, country);
      for (PartyMatch match : matches) {
        store.recordMatch(RestrictedPartyStore.APPLICATION, "app-" + i, match, importId, OffsetDateTime.now());
      }
      long t1 = System.nanoTime();
      if (i >= 0) {
        times[i] = (t1 - t0) / 1e6;
        if (isListed) {
          listed++;
          found += matches.stream().anyMatch(m -> m.entryId().equals(entry.entryId())) ? 1 : 0;
        }
      }
    }
    Arrays.sort(times);

    // R2: re-screening of live licenses
    insertLicenses(ds, entries, random);
    long r0 = System.nanoTime();
    int rescreened = 0;
    int newMatches = 0;
    RestrictedPartyLists.Loaded current = lists.current();
    for (RestrictedPartyStore.Party license : store.liveLicenses()) {
      rescreened++;
      for (PartyMatch match : current.index().search(license.endUserName(), license.country(), lists.threshold())) {
        newMatches += store.recordMatch(RestrictedPartyStore.LICENSE, license.subject(), match, importId,
            OffsetDateTime.now()) ? 1 : 0;
      }
    }
    long r1 = System.nanoTime();

    System.out.printf(Locale.ROOT, "%n[restricted parties, %s] %d entries: stored in %.1f s, index loaded in %.1f s, "
            + "its heap about %d MB%n"
            + "  R1 screening per submission (%d, %d listed, %d found): p50 %.2f ms, p95 %.2f ms, max %.2f ms%n"
            + "  R2 re-screening %d live licenses: %.1f s, %d new matches%n",
        database, ENTRIES, (stored - started) / 1e9, (loaded - stored) / 1e9, heapIndex / (1024 * 1024), SUBMISSIONS, listed, found,
        times[SUBMISSIONS / 2], times[(int) (SUBMISSIONS * 0.95)], times[SUBMISSIONS - 1], rescreened, (r1 - r0) / 1e9,
        newMatches);
    assertThat(found).isEqualTo(listed);
    assertThat(rescreened).isEqualTo(LICENSES);
    assertThat(newMatches).isGreaterThan(0);
  }

  /** The heap in use after a collection (the list entries the test generated stay referenced either way). */
  private static long usedHeap() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** LICENSES active licenses, one in a hundred for a listed end user. */
  private static void insertLicenses(DataSource ds, List<ListEntry> entries, Random random) {
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    List<Object[]> applications = new ArrayList<>();
    List<Object[]> licenses = new ArrayList<>();
    for (int i = 0; i < LICENSES; i++) {
      String id = UUID.randomUUID().toString();
      ListEntry entry = entries.get(random.nextInt(entries.size()));
      String name = i % 100 == 0 ? entry.name() : NameMatchingTest.word(random, 6) + " " + NameMatchingTest.word(random, 8) + " Agency";
      String country = entry.country() == null ? "FR" : entry.country();
      applications.add(new Object[] {id, "EXP-B-" + i, name, country});
      licenses.add(new Object[] {"LIC-B-" + i, id});
    }
    jdbc.batchUpdate("""
        insert into application (id, reference, status, submitted_at, submitted_by, exporter_company, exporter_name,
          product_name, product_category, product_remote_shutdown_capable, end_user_name, end_user_type,
          end_user_country, declared_purposes)
        values (?, ?, 'APPROVED', current_timestamp, 'bench', 'bench', 'Bench Exporter', 'Product', 'INTERCEPTION',
          true, ?, 'LAW_ENFORCEMENT', ?, '[]')""", applications);
    jdbc.batchUpdate("""
        insert into license (license_number, application_id, status, valid_from, valid_until, issued_at)
        values (?, ?, 'ACTIVE', current_date, current_date, current_timestamp)""", licenses);
  }
}
