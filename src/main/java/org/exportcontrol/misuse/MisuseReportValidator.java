package org.exportcontrol.misuse;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.exportcontrol.api.Violations;
import org.exportcontrol.license.LicenseFacts;
import org.springframework.stereotype.Component;

/** Checks a misuse report field by field and names every bad field with its JSON path, like the application's validator. */
@Component
public class MisuseReportValidator {

  private final LicenseFacts licenseFacts;
  private final Clock clock;

  public MisuseReportValidator(LicenseFacts licenseFacts, Clock clock) {
    this.licenseFacts = licenseFacts;
    this.clock = clock;
  }

  /** The facts of the reported license, once every field is valid. */
  public Map<String, Object> validate(MisuseReportRequest request) {
    Violations v = new Violations();
    if (request == null) {
      v.add("$", "a JSON body is required");
      v.throwIfAny();
    }
    Map<String, Object> license = null;
    if (v.required("licenseNumber", request.licenseNumber())) {
      license = licenseFacts.of(request.licenseNumber()).orElse(null);
      if (license == null) {
        v.add("licenseNumber", "no license with this number");
      }
    }
    v.oneOf("category", request.category(), MisuseCategory.class);
    v.text("source", request.source(), 1, 200);
    v.text("summary", request.summary(), 1, 4000);
    List<String> evidence = request.evidence();
    if (evidence != null) {
      if (evidence.size() > 20) {
        v.add("evidence", "must hold at most 20 items");
      }
      for (int i = 0; i < evidence.size(); i++) {
        v.text("evidence[" + i + "]", evidence.get(i), 1, 2000);
      }
    }
    if (request.reportedOn() != null && request.reportedOn().isAfter(LocalDate.now(clock))) {
      v.add("reportedOn", "must not be in the future");
    }
    v.throwIfAny();
    return license;
  }
}
