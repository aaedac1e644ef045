package org.exportcontrol.support;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Request bodies for the integration tests. */
public final class Requests {

  private Requests() {}

  public static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  /** A deployment the way Camunda Modeler sends it to /engine-rest/deployment/create. */

  public static HttpEntity<MultiValueMap<String, Object>> multipart(String fileName, String content) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", fileName);
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("enable-duplicate-filtering", "true");
    parts.add("data", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return new HttpEntity<>(parts, headers);
  }

  /** A process with one element in the middle, given as XML, between a start and an end event. */
  public static String process(String key, String middle) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="d_%1$s" targetNamespace="http://exportcontrol.org/test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="started"/>
            <bpmn:sequenceFlow id="toStep" sourceRef="started" targetRef="step"/>
            %2$s
            <bpmn:sequenceFlow id="toDone" sourceRef="step" targetRef="done"/>
            <bpmn:endEvent id="done"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, middle);
  }

  public static String minimalProcess(String key) {
    return process(key, "<bpmn:manualTask id=\"step\"/>");
  }
}
