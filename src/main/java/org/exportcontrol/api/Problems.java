package org.exportcontrol.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The API's problem+json: {@code status}, {@code title}, {@code detail}, and for bad fields
 * {@code errors: [{field, message}]}. {@link ApiErrors} answers with it inside Spring MVC; a servlet
 * filter, which a controller advice does not reach, writes it with {@link #write}.
 */
public final class Problems {

  private Problems() {}

  public static ProblemDetail of(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  /** 400 naming every bad field (a body field's JSON path, a query parameter, a header). */
  public static ProblemDetail invalid(List<FieldViolation> violations) {
    return invalid(violations, violations.size() + " field(s) are not valid");
  }

  public static ProblemDetail invalid(List<FieldViolation> violations, String detail) {
    ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    problem.setProperty("errors", violations.stream()
        .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
    return problem;
  }

  /** Writes the problem as the whole answer; {@code json} must be Spring's ObjectMapper (it flattens the properties). */
  public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
