package org.exportcontrol.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.exportcontrol.engine.OperationClosedException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * /engine-rest answers a closed operation ({@link OperationClosedException}) as application/problem+json
 * naming the operation, like the project's own API, instead of Camunda's own error format.
 */
@Component
class EngineRestProblems implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(new ClosedOperationMapper());
  }

  static final class ClosedOperationMapper implements ExceptionMapper<OperationClosedException> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response toResponse(OperationClosedException e) {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", "about:blank");
      problem.put("title", "Forbidden");
      problem.put("status", 403);
      problem.put("detail", e.getMessage());
      problem.put("operation", e.operation());
      try {
        return Response.status(403).type(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
            .entity(JSON.writeValueAsString(problem)).build();
      } catch (JsonProcessingException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }
}
