package org.exportcontrol.casefile;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriUtils;

/**
 * The case file for staff: {@code /cases/EXP-...} and {@code /cases/LIC-...} show the same file, the
 * whole case of the application and its license; {@code /cases/MR-...} leads to the file of the
 * report's license, at the report. Who may see it is the security configuration's rule (staff, on the
 * webapps' session login). The page draws each process instance's diagram with bpmn-js from
 * {@code /cases/{reference}/diagrams}.
 */
@Controller
class CaseFileController {

  /** EXP-, LIC- or MR-, the year and the counter (ReferenceNumbers); anything else is not looked up. */
  private static final Pattern REFERENCE = Pattern.compile("(EXP|LIC|MR|APL)-\\d{4}-\\d{6,9}");

  private final CaseFiles caseFiles;

  CaseFileController(CaseFiles caseFiles) {
    this.caseFiles = caseFiles;
  }

  @GetMapping(path = "/cases/{reference}", produces = MediaType.TEXT_HTML_VALUE)
  String page(@PathVariable String reference, Model model, HttpServletResponse response) {
    CaseFiles.Lookup lookup = lookup(reference);
    if (lookup instanceof CaseFiles.Found found) {
      model.addAttribute("file", caseFiles.caseFile(found));
      return "cases/case-file";
    }
    if (lookup instanceof CaseFiles.ReportOf report) {
      // the report's references are URL-safe: checked against REFERENCE above
      return "redirect:/cases/" + UriUtils.encodePathSegment(report.licenseNumber(), "UTF-8") + "#" + reference;
    }
    response.setStatus(HttpStatus.NOT_FOUND.value());
    model.addAttribute("reference", reference);
    return "cases/not-found";
  }

  @GetMapping(path = "/cases/{reference}/diagrams", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<List<CaseFile.Diagram>> diagrams(@PathVariable String reference) {
    return lookup(reference) instanceof CaseFiles.Found found
        ? ResponseEntity.ok(caseFiles.diagrams(found))
        : ResponseEntity.notFound().build();
  }

  private CaseFiles.Lookup lookup(String reference) {
    return REFERENCE.matcher(reference).matches() ? caseFiles.find(reference) : new CaseFiles.Unknown();
  }
}
