package org.exportcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.exportcontrol.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The migrations of the engine's tables ran after the engine created them, with their own history. */
class EngineTableMigrationsTest extends IntegrationTest {

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  @Test
  void theJobExecutorFindsDueJobsThroughAnIndexAfterTheEngineMadeItsTables() throws Exception {
    assertThat(jdbc.sql("select \"version\", \"description\" from \"" + EngineTableMigrations.HISTORY_TABLE
            + "\" where \"success\" = true and \"version\" is not null order by \"installed_rank\"")
        .query((row, n) -> row.getString(1) + " " + row.getString(2)).list())
        .containsExactly("0 << Flyway Baseline >>", "1 job due date index", "2 task parent index",
            "3 candidates release tasks");
    assertThat(indexedColumns("ACT_RU_JOB", "ACT_IDX_JOB_DUEDATE")).containsExactly("DUEDATE_");
  }

  @Test
  void completingATaskFindsItsSubtasksThroughAnIndex() throws Exception {
    assertThat(indexedColumns("ACT_RU_TASK", "ACT_IDX_TASK_PARENT")).containsExactly("PARENT_TASK_ID_");
  }

  private List<String> indexedColumns(String table, String index) throws Exception {
    List<String> columns = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet rows = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
      while (rows.next()) {
        if (index.equalsIgnoreCase(rows.getString("INDEX_NAME"))) {
          columns.add(rows.getString("COLUMN_NAME").toUpperCase());
        }
      }
    }
    return columns;
  }
}
