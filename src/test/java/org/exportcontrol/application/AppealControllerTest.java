package org.exportcontrol.application;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.api.FieldViolation;
import org.exportcontrol.api.InvalidRequestException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * HTTP rules of POST /api/applications/{id}/appeal (issue 17): the status, the Location, the error
 * model and who may call it. The business rules behind it are ApplicationAppealProcessTest's.
 */
@WebMvcTest(AppealController.class)
class AppealControllerTest extends ControllerSlice {

  static final CurrentUser EXPORTER = new CurrentUser("exporter", List.of(APPLICANTS));
  static final OffsetDateTime AT = OffsetDateTime.of(2026, 2, 1, 9, 0, 0, 0, ZoneOffset.UTC);
  static final ApplicationView VIEW = new ApplicationView("app-1", "EXP-2026-000001", ApplicationStatus.UNDER_APPEAL,
      AT, new ApplicationView.Exporter("Demo Cyber Ltd"), null, null, "STANDARD", List.of(), null, null,
      new ApplicationView.Screening("PASSED", List.of(), null), List.of(),
      new ApplicationView.Decision("REJECTED", List.of("REVIEW_REFUSED"), List.of("DIVERSION_RISK"), "Resold", AT),
      null, null, null, null, new ApplicationView.Appeal("APL-2026-000001", "RECEIVED", "Courts audit every warrant.", AT, null, null,
          null), List.of(), null);
  static final String BODY = "{\"grounds\": \"Courts audit every warrant.\"}";

  @MockitoBean AppealService service;

  static MockHttpServletRequestBuilder appeal(String body) {
    return post("/api/applications/app-1/appeal").contentType(MediaType.APPLICATION_JSON).content(body);
  }

  @Test
  void anAppealIsCreatedWith201AndTheApplicationsLocation() throws Exception {
    when(service.appeal(eq("app-1"), any(), eq(EXPORTER))).thenReturn(VIEW);
    mvc.perform(appeal(BODY).with(as("exporter", APPLICANTS)))
        .andExpect(status().isCreated())
        .andExpect(header().string(HttpHeaders.LOCATION, "http://localhost/api/applications/app-1"))
        .andExpect(jsonPath("$.status").value("UNDER_APPEAL"))
        .andExpect(jsonPath("$.decision.refusalCriteria[0]").value("DIVERSION_RISK"))
        .andExpect(jsonPath("$.appeal.reference").value("APL-2026-000001"))
        .andExpect(jsonPath("$.appeal.status").value("RECEIVED"))
        .andExpect(jsonPath("$.appeal.grounds").value("Courts audit every warrant."))
        .andExpect(jsonPath("$.appeal.submittedAt").value("2026-02-01T09:00:00Z"))
        .andExpect(jsonPath("$.appeal.outcome").isEmpty());
    verify(service).appeal("app-1", new AppealRequest("Courts audit every warrant."), EXPORTER);
  }

  @Test
  void theServicesRefusalsAreProblems() throws Exception {
    when(service.appeal(eq("app-1"), any(), any()))
        .thenThrow(new ConflictException("EXP-2026-000001 has already been appealed (APL-2026-000001); an application "
            + "can be appealed only once."));
    mvc.perform(appeal(BODY).with(as("exporter", APPLICANTS)))
        .andExpect(problem(409, "Conflict"))
        .andExpect(jsonPath("$.detail").value("EXP-2026-000001 has already been appealed (APL-2026-000001); an "
            + "application can be appealed only once."));
    when(service.appeal(eq("app-2"), any(), any())).thenThrow(new ResourceNotFoundException("No application app-2"));
    mvc.perform(post("/api/applications/app-2/appeal").contentType(MediaType.APPLICATION_JSON).content(BODY)
            .with(as("exporter2", APPLICANTS)))
        .andExpect(problem(404, "Not found"));
    when(service.appeal(eq("app-3"), any(), any())).thenThrow(new InvalidRequestException(List.of(
        new FieldViolation("grounds", "must be 20 to 8000 characters"))));
    mvc.perform(post("/api/applications/app-3/appeal").contentType(MediaType.APPLICATION_JSON)
            .content("{\"grounds\": \"short\"}").with(as("exporter", APPLICANTS)))
        .andExpect(invalidFields("grounds"));
  }

  @Test
  void onlyApplicantsAppealAndOnlyWithJson() throws Exception {
    mvc.perform(appeal(BODY)).andExpect(unauthorized());
    mvc.perform(appeal(BODY).with(as("officer", LICENSING_OFFICERS))).andExpect(forbidden());
    mvc.perform(appeal(BODY).with(as("admin", ADMIN))).andExpect(forbidden());
    mvc.perform(appeal("{\"grounds\": ").with(as("exporter", APPLICANTS))).andExpect(problem(400, "Malformed request"));
    mvc.perform(post("/api/applications/app-1/appeal").contentType(MediaType.TEXT_PLAIN).content("grounds")
        .with(as("exporter", APPLICANTS))).andExpect(status().isUnsupportedMediaType());
    verifyNoInteractions(service);
  }
}
