package org.exportcontrol.screening.restrictedparty;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.exportcontrol.api.FieldViolation;
import org.exportcontrol.api.InvalidRequestException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** HTTP rules of /api/admin/restricted-parties: administrators and compliance officers only. */
@WebMvcTest(RestrictedPartyController.class)
class RestrictedPartyControllerTest extends ControllerSlice {

  static final MockMultipartFile FILE = new MockMultipartFile("file", "list.csv", "text/csv",
      "source,entry_id,name,alt_names,country,listed_on,reason\nL,1,Acme,,,2026-01-01,\n".getBytes(StandardCharsets.UTF_8));

  @MockitoBean RestrictedPartyImports imports;

  @Test
  void anImportIsCreatedWith201AndItsLocation() throws Exception {
    when(imports.importFile(any(), eq(new CurrentUser("compliance", List.of(COMPLIANCE_OFFICERS)))))
        .thenReturn(new RestrictedPartyImports.ImportSummary("imp-1", "L", 1, 1, 0, 0));
    mvc.perform(multipart("/api/admin/restricted-parties/imports").file(FILE).with(as("compliance", COMPLIANCE_OFFICERS)))
        .andExpect(status().isCreated())
        .andExpect(header().string(HttpHeaders.LOCATION, "http://localhost/api/admin/restricted-parties/imports/imp-1"))
        .andExpect(jsonPath("$.importId").value("imp-1"))
        .andExpect(jsonPath("$.entries").value(1))
        .andExpect(jsonPath("$.added").value(1))
        .andExpect(jsonPath("$.removed").value(0))
        .andExpect(jsonPath("$.unchanged").value(0));
  }

  @Test
  void aMalformedFileIs400NamingTheFileAndAnUnknownImport404() throws Exception {
    when(imports.importFile(any(), any())).thenThrow(new InvalidRequestException(List.of(
        new FieldViolation("file", "line 2, column country: must be an ISO 3166-1 alpha-2 code in capitals, or empty"))));
    mvc.perform(multipart("/api/admin/restricted-parties/imports").file(FILE).with(as("admin", ADMIN)))
        .andExpect(invalidFields("file"))
        .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("line 2, column country")));
    when(imports.view("nope")).thenThrow(new ResourceNotFoundException("No list import nope"));
    mvc.perform(get("/api/admin/restricted-parties/imports/nope").with(as("admin", ADMIN)))
        .andExpect(problem(404, "Not found"));
  }

  @Test
  void applicantsAndOtherStaffAreRefusedBeforeAnythingRuns() throws Exception {
    mvc.perform(multipart("/api/admin/restricted-parties/imports").file(FILE).with(as("exporter", APPLICANTS)))
        .andExpect(forbidden());
    mvc.perform(multipart("/api/admin/restricted-parties/imports").file(FILE).with(as("officer", LICENSING_OFFICERS)))
        .andExpect(forbidden());
    mvc.perform(get("/api/admin/restricted-parties").param("name", "Acme").with(as("tech", TECHNICAL_REVIEWERS)))
        .andExpect(forbidden());
    mvc.perform(get("/api/admin/restricted-parties").param("name", "Acme")).andExpect(unauthorized());
    verifyNoInteractions(imports);
  }
}
