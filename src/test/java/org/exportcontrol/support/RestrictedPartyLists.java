package org.exportcontrol.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Restricted-party lists for tests (issue 18): CSV files, their import through the API as a compliance
 * officer, and the re-screening job each import starts. The lists stay in the shared database, so each
 * test names its parties with a word of its own ({@link #uniqueWord}) that no other test's end user has.
 */
public final class RestrictedPartyLists {

  public static final String HEADER = "source,entry_id,name,alt_names,country,listed_on,reason\n";
  private static final Random RANDOM = new Random();

  private RestrictedPartyLists() {}

  /**
   * A made-up word of twelve letters, capital first, unique enough to keep one test's parties its own.
   * Random letters, not syllables: two words of consonant-vowel syllables score about 0.75 against
   * each other, enough for names that share their other words ("... Surveillance Directorate") to
   * match another test's list entry once the shared database holds many.
   */
  public static synchronized String uniqueWord() {
    String letters = "abcdefghijklmnopqrstuvwxyz";
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      word.append(letters.charAt(RANDOM.nextInt(letters.length())));
    }
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  public static HttpEntity<MultiValueMap<String, Object>> file(String csv) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "list.csv";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return new HttpEntity<>(parts, headers);
  }

  public static ResponseEntity<Map<String, Object>> post(TestRestTemplate rest, String user, String csv) {
    return rest.withBasicAuth(user, user).exchange("/api/admin/restricted-parties/imports", HttpMethod.POST, file(csv),
        new ParameterizedTypeReference<>() {});
  }

  /** Imports the list as the compliance officer (201) and runs its re-screening job; the import's answer. */
  public static Map<String, Object> importAndRescreen(TestRestTemplate rest, ProcessEngine engine, String csv) {
    ResponseEntity<Map<String, Object>> response = post(rest, "compliance", csv);
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(201);
    rescreen(engine, (String) response.getBody().get("importId"));
    return response.getBody();
  }

  /** Runs the re-screening job of the import, as the job executor would. */
  public static void rescreen(ProcessEngine engine, String importId) {
    String instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(importId)
        .processDefinitionKey("restrictedPartyRescreening").singleResult().getId();
    List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instance).list();
    assertThat(jobs).hasSize(1);
    engine.getManagementService().executeJob(jobs.get(0).getId());
  }
}
