package org.exportcontrol.audit;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;
import org.exportcontrol.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** HTTP rules of /api/audit: who may read the decision log's integrity, and what its answers look like. */
@WebMvcTest(AuditController.class)
class AuditControllerTest extends ControllerSlice {

  @MockitoBean DecisionLog decisionLog;

  @Test
  void administratorsAndComplianceOfficersVerifyTheChain() throws Exception {
    when(decisionLog.verify()).thenReturn(new DecisionLog.Verification(42, true, 42, "ab12", null));
    mvc.perform(get("/api/audit/verify").with(as("admin", ADMIN)))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.entries").value(42))
        .andExpect(jsonPath("$.valid").value(true))
        .andExpect(jsonPath("$.headSeq").value(42))
        .andExpect(jsonPath("$.headHash").value("ab12"));
    mvc.perform(get("/api/audit/verify").with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(status().isOk());
  }

  @Test
  void aBrokenChainIsStillA200ThatNamesTheFirstBrokenEntry() throws Exception {
    when(decisionLog.verify()).thenReturn(new DecisionLog.Verification(42, false, 42, "ab12", 17L));
    mvc.perform(get("/api/audit/verify").with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.valid").value(false))
        .andExpect(jsonPath("$.firstBrokenSeq").value(17));
  }

  @Test
  void theHeadIsTheNewestEntrysNumberAndHash() throws Exception {
    when(decisionLog.head()).thenReturn(new DecisionLog.Head(7, "cd34"));
    mvc.perform(get("/api/audit/head").with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.headSeq").value(7))
        .andExpect(jsonPath("$.headHash").value("cd34"));
  }

  @Test
  void withoutCredentialsOrWithAWrongPasswordItIs401() throws Exception {
    mvc.perform(get("/api/audit/verify")).andExpect(unauthorized());
    mvc.perform(get("/api/audit/head").with(basic("admin", "wrong"))).andExpect(unauthorized());
    verifyNoInteractions(decisionLog);
  }

  @Test
  void otherStaffAndApplicantsAre403() throws Exception {
    mvc.perform(get("/api/audit/verify").with(as("tech", TECHNICAL_REVIEWERS))).andExpect(forbidden());
    mvc.perform(get("/api/audit/verify").with(as("officer", LICENSING_OFFICERS))).andExpect(forbidden());
    mvc.perform(get("/api/audit/head").with(as("exporter", APPLICANTS))).andExpect(forbidden());
    verifyNoInteractions(decisionLog);
  }

  @Test
  void aDatabaseFailureIsA500WithoutTheSql() throws Exception {
    errors.expect("org.exportcontrol.api.ApiErrors");
    when(decisionLog.verify()).thenThrow(new BadSqlGrammarException("verify",
        "select seq, hash, previous_hash from decision_log order by seq",
        new SQLException("Table \"DECISION_LOG\" not found", "42S02")));
    mvc.perform(get("/api/audit/verify").with(as("admin", ADMIN)))
        .andExpect(internalError());
  }

  @Test
  void onlyGetIsAnswered() throws Exception {
    mvc.perform(post("/api/audit/verify").with(as("admin", ADMIN)))
        .andExpect(problem(405, "Method Not Allowed"));
  }
}
