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
    assertThat(services).containsOnlyKeys("app", "app2", "proxy", "postgres", "mailpit");
    assertThat(services.get("app")).as("plain 'docker compose up' runs the single node").doesNotContainKey("profiles");
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

  /** Issue 20: {@code --profile cluster} adds a second node and a health-checked round-robin proxy. */
  @SuppressWarnings("unchecked")
  @Test
  void theClusterProfileRunsTwoNodesBehindCaddy() throws IOException {
    Map<String, Object> compose;
    try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      compose = new Yaml().load(reader);
    }
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    Map<String, Object> app = services.get("app");
    Map<String, Object> second = services.get("app2");
    assertThat(second.get("profiles")).isEqualTo(List.of("cluster"));
    assertThat(second.get("build")).isEqualTo(app.get("build"));
    assertThat(second.get("environment")).as("the same configuration, the same database").isEqualTo(app.get("environment"));
    assertThat(second.get("volumes")).isEqualTo(app.get("volumes"));
    assertThat(second).as("reached only through the proxy").doesNotContainKey("ports");

    Map<String, Object> proxy = services.get("proxy");
    assertThat((String) proxy.get("image")).startsWith("caddy:");
    assertThat(proxy.get("profiles")).isEqualTo(List.of("cluster"));
    assertThat((List<String>) proxy.get("depends_on")).containsExactlyInAnyOrder("app", "app2");
    assertThat((List<String>) proxy.get("volumes")).containsExactly("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro");
    assertThat((List<String>) proxy.get("ports")).containsExactly("8088:80");
    String caddyfile = Files.readString(Path.of("deploy/Caddyfile"));
    assertThat(caddyfile).contains("reverse_proxy app:8080 app2:8080", "lb_policy round_robin",
        "health_uri /actuator/health");
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
