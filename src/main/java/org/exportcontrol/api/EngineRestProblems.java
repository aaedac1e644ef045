package org.exportcontrol.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.exportcontrol.engine.OperationClosedException;
import org.exportcontrol.engine.TaskAuthorizationViolation;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * /engine-rest answers a closed operation ({@link OperationClosedException}) and the task gate's
 * refusals ({@link TaskAuthorizationViolation}: taking, completing or starting) as
 * application/problem+json naming the operation, like the project's own API.
 */
@Component
class EngineRestProblems implements ResourceConfigCustomizer {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(new ClosedOperationMapper());
    config.register(new TaskRefusalMapper());
  }

  static final class ClosedOperationMapper implements ExceptionMapper<OperationClosedException> {

    @Override
    public Response toResponse(OperationClosedException e) {
      return forbidden(e.operation(), e.getMessage());
    }
  }

  /** Who may take, complete or start what: the task gate's refusals. */
  static final class TaskRefusalMapper implements ExceptionMapper<TaskAuthorizationViolation> {

    @Override
    public Response toResponse(TaskAuthorizationViolation e) {
      return forbidden(e.operation(), e.getMessage());
    }
  }

  /** 403 as problem+json; {@code message} repeats the detail for clients that read Camunda's error format. */
  private static Response forbidden(String operation, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Forbidden");
    problem.put("status", 403);
    problem.put("detail", detail);
    if (operation != null) {
      problem.put("operation", operation);
    }
    problem.put("message", detail);
    try {
      return Response.status(403).type(MediaType.APPLICATION_PROBLEM_JSON_VALUE).entity(JSON.writeValueAsString(problem))
          .build();
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
