package org.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** There is no Docker engine on the build machines: this keeps docker-compose.yml honest by reading it. */
class DockerComposeTest {

  @SuppressWarnings("unchecked")
  @Test
  void composeRunsTheAppOnPostgresWithMailpit() throws IOException {
    Map<String, Object> compose;
    try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      compose = new Yaml().load(reader);
    }
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).containsOnlyKeys("app", "postgres", "mailpit");
    assertThat(services.get("postgres").get("image")).isEqualTo("postgres:16");
    assertThat((String) services.get("mailpit").get("image")).startsWith("axllent/mailpit");

    Map<String, Object> app = services.get("app");
    assertThat(app.get("build")).isEqualTo(".");
    assertThat(Path.of("Dockerfile")).exists();
    assertThat((Map<String, Object>) app.get("depends_on")).containsKeys("postgres", "mailpit");
    Map<String, Object> env = (Map<String, Object>) app.get("environment");
    assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
        .containsEntry("SPRING_MAIL_HOST", "mailpit")
        .containsEntry("SPRING_MAIL_PORT", "1025")
        .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "EXPORTCONTROL_ADMIN_PASSWORD");
    assertThat((String) env.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
    Map<String, Object> pgEnv = (Map<String, Object>) services.get("postgres").get("environment");
    assertThat((String) env.get("SPRING_DATASOURCE_URL")).endsWith("/" + pgEnv.get("POSTGRES_DB"));
    assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(pgEnv.get("POSTGRES_USER"));
    assertThat((List<String>) app.get("volumes")).contains("./processes:/app/processes:ro", "./forms:/app/forms:ro");
    assertThat(env).containsEntry("EXPORTCONTROL_PROCESSES_DIR", "/app/processes")
        .containsEntry("EXPORTCONTROL_FORMS_DIR", "/app/forms");
    assertThat((List<String>) app.get("ports")).contains("8080:8080");
  }

  /** The steps the benchmark measures as "B4 start-up as the image runs it" (docs/benchmarks.md). */
  @Test
  void theImageStartsFromTheExtractedJarWithAClassDataSharingArchive() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertThat(dockerfile)
        .contains("java -Djarmode=tools -jar app.jar extract --destination extracted")
        .contains("COPY --from=extract /build/extracted/ /app/")
        .contains("java -XX:ArchiveClassesAtExit=/app/app.jsa -Dspring.context.exit=onRefresh -jar /app/app.jar")
        .contains("ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"-XX:SharedArchiveFile=/app/app.jsa\","
            + " \"-jar\", \"/app/app.jar\"]");
    assertThat(dockerfile.indexOf("ArchiveClassesAtExit")).as("the archive is made before the image drops root")
        .isLessThan(dockerfile.indexOf("USER exportcontrol"));
  }
}
