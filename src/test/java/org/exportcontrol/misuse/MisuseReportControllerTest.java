package org.exportcontrol.misuse;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
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

/** HTTP rules of /api/misuse-reports: compliance officers file, staff read. */
@WebMvcTest(MisuseReportController.class)
class MisuseReportControllerTest extends ControllerSlice {

  static final CurrentUser COMPLIANCE = new CurrentUser("compliance", List.of(COMPLIANCE_OFFICERS));
  static final String REPORT = """
      {"licenseNumber": "LIC-2026-000001", "category": "JOURNALIST_OR_ACTIVIST_TARGETING",
       "source": "Citizen Lab", "summary": "Phones of two journalists infected",
       "evidence": ["https://example.org/report"], "reportedOn": "2026-02-10"}""";
  static final MisuseReportView VIEW = new MisuseReportView("mr-1", "MR-2026-000001", MisuseReportStatus.RECEIVED,
      "LIC-2026-000001", "JOURNALIST_OR_ACTIVIST_TARGETING", OffsetDateTime.of(2026, 2, 11, 9, 0, 0, 0, ZoneOffset.UTC),
      null, null);

  @MockitoBean MisuseReportService service;

  @Test
  void aLicensesReportsAreListedForStaffAndTheNumberIsRequired() throws Exception {
    when(service.ofLicense("LIC-2026-000001")).thenReturn(List.of(VIEW));
    mvc.perform(get("/api/misuse-reports").param("licenseNumber", "LIC-2026-000001").with(as("officer", LICENSING_OFFICERS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].reference").value("MR-2026-000001"))
        .andExpect(jsonPath("$[0].licenseNumber").value("LIC-2026-000001"));
    mvc.perform(get("/api/misuse-reports").with(as("officer", LICENSING_OFFICERS))).andExpect(invalidFields("licenseNumber"));
    mvc.perform(get("/api/misuse-reports").param("licenseNumber", "LIC-2026-000001").with(as("exporter", APPLICANTS)))
        .andExpect(forbidden());
  }

  // --- success

  @Test
  void aReportIsCreatedWith201AndItsLocation() throws Exception {
    when(service.report(any(), eq(COMPLIANCE))).thenReturn(VIEW);
    mvc.perform(file(REPORT).with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(status().isCreated())
        .andExpect(header().string(HttpHeaders.LOCATION, "http://localhost/api/misuse-reports/mr-1"))
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value("mr-1"))
        .andExpect(jsonPath("$.reference").value("MR-2026-000001"))
        .andExpect(jsonPath("$.status").value("RECEIVED"))
        .andExpect(jsonPath("$.finding").isEmpty());
    verify(service).report(new MisuseReportRequest("LIC-2026-000001", "JOURNALIST_OR_ACTIVIST_TARGETING", "Citizen Lab",
        "Phones of two journalists infected", List.of("https://example.org/report"), LocalDate.of(2026, 2, 10)), COMPLIANCE);
  }

  @Test
  void staffReadAReport() throws Exception {
    when(service.get("mr-1")).thenReturn(VIEW);
    mvc.perform(get("/api/misuse-reports/mr-1").with(as("officer", LICENSING_OFFICERS)))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value("mr-1"));
    mvc.perform(get("/api/misuse-reports/mr-1").with(as("admin", ADMIN))).andExpect(status().isOk());
  }

  // --- each exception of the service, mapped

  @Test
  void anUnknownLicenseNumberIs400NamingIt() throws Exception {
    when(service.report(any(), any())).thenThrow(new InvalidRequestException(List.of(
        new FieldViolation("licenseNumber", "is not a license"))));
    mvc.perform(file(REPORT).with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(invalidFields("licenseNumber"))
        .andExpect(jsonPath("$.errors[0].message").value("is not a license"));
  }

  @Test
  void anUnknownReportIs404() throws Exception {
    when(service.get("mr-9")).thenThrow(new ResourceNotFoundException("No misuse report mr-9"));
    mvc.perform(get("/api/misuse-reports/mr-9").with(as("legal", LEGAL_REVIEWERS)))
        .andExpect(problem(404, "Not found"))
        .andExpect(jsonPath("$.detail").value("No misuse report mr-9"));
  }

  @Test
  void theEnginesRefusalIs403AndAConcurrentChange409() throws Exception {
    when(service.report(any(), any()))
        .thenThrow(new AuthorizationException("ENGINE-03110 The user with id 'compliance' does not have 'CREATE_INSTANCE'"))
        .thenThrow(new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE ExecutionEntity' failed"));
    mvc.perform(file(REPORT).with(as("compliance", COMPLIANCE_OFFICERS))).andExpect(forbidden());
    mvc.perform(file(REPORT).with(as("compliance", COMPLIANCE_OFFICERS))).andExpect(problem(409, "Concurrent change"));
  }

  @Test
  void anythingElseIs500WithoutInternals() throws Exception {
    errors.expect("org.exportcontrol.api.ApiErrors");
    // what MisuseReportService.get throws for a status it does not know
    when(service.get("mr-1")).thenThrow(new IllegalArgumentException(
        "No enum constant org.exportcontrol.misuse.MisuseReportStatus.ESCALATED"));
    mvc.perform(get("/api/misuse-reports/mr-1").with(as("compliance", COMPLIANCE_OFFICERS))).andExpect(internalError());
  }

  // --- bodies

  @Test
  void malformedJsonIs400() throws Exception {
    mvc.perform(file("{\"licenseNumber\": \"LIC-2026-000001\" \"category\": \"OTHER\"}")
            .with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(problem(400, "Malformed request"));
    verifyNoInteractions(service);
  }

  @Test
  void anUnknownFieldOrAWrongTypeIs400NamingTheField() throws Exception {
    mvc.perform(file(REPORT.replace("\"source\"", "\"severity\": \"HIGH\", \"source\"")).with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(invalidFields("severity"));
    mvc.perform(file(REPORT.replace("\"2026-02-10\"", "\"last week\"")).with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(invalidFields("reportedOn"));
    mvc.perform(file(REPORT.replace("[\"https://example.org/report\"]", "\"https://example.org/report\""))
            .with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(invalidFields("evidence"))
        .andExpect(jsonPath("$.errors[0].message").value("has a value of the wrong type"));
    mvc.perform(file(REPORT.replace("[\"https://example.org/report\"]", "[\"ok\", {\"url\": \"x\"}]"))
            .with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(invalidFields("evidence[1]"));
    verifyNoInteractions(service);
  }

  @Test
  void aBodyThatIsNotJsonIs415() throws Exception {
    mvc.perform(post("/api/misuse-reports").with(as("compliance", COMPLIANCE_OFFICERS))
            .contentType(MediaType.MULTIPART_FORM_DATA).content("--x--"))
        .andExpect(problem(415, "Unsupported Media Type"));
    verifyNoInteractions(service);
  }

  @Test
  void aBodyOverOneMebibyteIs413() throws Exception {
    mvc.perform(file(overOneMiB()).with(as("compliance", COMPLIANCE_OFFICERS))).andExpect(problem(413, "Payload too large"));
    mvc.perform(file(overOneMiB()).with(as("compliance", COMPLIANCE_OFFICERS)).with(withoutContentLength()))
        .andExpect(problem(413, "Payload too large"));
    verifyNoInteractions(service);
  }

  // --- who may call what

  @Test
  void withoutCredentialsItIs401() throws Exception {
    mvc.perform(file(REPORT)).andExpect(unauthorized());
    mvc.perform(get("/api/misuse-reports/mr-1")).andExpect(unauthorized());
    verifyNoInteractions(service);
  }

  @Test
  void onlyComplianceOfficersFileAReport() throws Exception {
    mvc.perform(file(REPORT).with(as("exporter", APPLICANTS))).andExpect(forbidden());
    mvc.perform(file(REPORT).with(as("officer", LICENSING_OFFICERS))).andExpect(forbidden());
    mvc.perform(file(REPORT).with(as("admin", ADMIN))).andExpect(forbidden());
    verifyNoInteractions(service);
  }

  @Test
  void applicantsReadNoReport() throws Exception {
    mvc.perform(get("/api/misuse-reports/mr-1").with(as("exporter", APPLICANTS))).andExpect(forbidden());
    verifyNoInteractions(service);
  }

  private static MockHttpServletRequestBuilder file(String json) {
    return post("/api/misuse-reports").contentType(MediaType.APPLICATION_JSON).content(json);
  }
}
