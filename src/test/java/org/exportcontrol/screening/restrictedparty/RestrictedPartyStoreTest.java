package org.exportcontrol.screening.restrictedparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.exportcontrol.api.InvalidRequestException;
import org.exportcontrol.support.MemoryDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The list file's CSV, and the index kept consistent across nodes (issue 18, ADR 0032): two nodes on
 * one database, each with its own index, screen against the same version whichever imported it.
 */
class RestrictedPartyStoreTest {

  @Test
  void quotedFieldsMayHoldCommasQuotesAndLineBreaksAndTheHeaderAnyOrder() throws Exception {
    List<ListEntry> entries = ListFile.read(new StringReader("\uFEFFname,source,entry_id,alt_names,country,listed_on,reason\n"
        + "\"Acme, \"\"the\"\" Trading Co\",EU-SANCTIONS,E-1,\"Acme Trading; ACT ;\",RU,2026-01-15,\"line one\nline two\"\n"
        + "\n"
        + "Beta Systems,EU-SANCTIONS,E-2,,,2025-12-01,\n"));
    assertThat(entries).containsExactly(
        new ListEntry("EU-SANCTIONS", "E-1", "Acme, \"the\" Trading Co", List.of("Acme Trading", "ACT"), "RU",
            LocalDate.of(2026, 1, 15), "line one\nline two"),
        new ListEntry("EU-SANCTIONS", "E-2", "Beta Systems", List.of(), null, LocalDate.of(2025, 12, 1), null));
  }

  @Test
  void aFaultNamesTheLineItStartsOn() {
    String csv = "source,entry_id,name,alt_names,country,listed_on,reason\n"
        + "L,1,A,,,2026-01-01,\"two\nlines\"\n"
        + "L,2,B,,ru,2026-01-01,\n";
    assertThatThrownBy(() -> ListFile.read(new StringReader(csv))).isInstanceOfSatisfying(InvalidRequestException.class,
        e -> assertThat(e.violations().get(0).message()).startsWith("line 4, column country:"));
    assertThatThrownBy(() -> ListFile.read(new StringReader("source,entry_id,name,alt_names,country,listed_on,reason\nL,1,\"A,,,2026-01-01,\n")))
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.violations().get(0).message()).isEqualTo("line 2: a quoted field is not closed"));
  }

  @Test
  void everyNodeScreensAgainstTheVersionAnotherNodeImported() {
    MemoryDatabase db = new MemoryDatabase();
    RestrictedPartyStore store = new RestrictedPartyStore(db.jdbc, new JdbcTemplate(db.dataSource));
    RestrictedPartyLists nodeA = new RestrictedPartyLists(store, new ScreeningProperties(0.92));
    RestrictedPartyLists nodeB = new RestrictedPartyLists(store, new ScreeningProperties(0.92));
    assertThat(nodeB.screen("Zarqon Cyber Systems", "RU")).isEmpty();

    importVersion(store, 1, "Zarqon Cyber Systems");
    assertThat(nodeA.screen("Zarqon Cyber Systems", "RU")).extracting(PartyMatch::entryId).containsExactly("Z-1");
    assertThat(nodeB.screen("Zarqon Cyber Systems GmbH", "RU")).extracting(PartyMatch::entryId).containsExactly("Z-1");

    // a second version drops the entry: both nodes see it gone, and both stand on the same version
    importVersion(store, 2, "Kestrel Data Solutions");
    assertThat(nodeB.screen("Zarqon Cyber Systems", "RU")).isEmpty();
    assertThat(nodeA.screen("Zarqon Cyber Systems", "RU")).isEmpty();
    assertThat(nodeA.current().versions()).isEqualTo(nodeB.current().versions()).hasSize(1);
    assertThat(nodeA.current()).isSameAs(nodeA.current());
  }

  private static void importVersion(RestrictedPartyStore store, int version, String name) {
    String id = UUID.randomUUID().toString();
    store.insertImport(new RestrictedPartyStore.ListImport(id, "TEST", version, OffsetDateTime.now(), "test", 1, 1, 0, 0,
        "PENDING", null, null, List.of(), null));
    store.insertEntries(id, List.of(new ListEntry("TEST", version == 1 ? "Z-1" : "K-1", name, List.of(), "RU",
        LocalDate.of(2026, 1, 1), null)));
  }
}
