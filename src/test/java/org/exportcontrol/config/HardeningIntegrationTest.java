package org.exportcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.exportcontrol.engine.ProcessBeans;
import org.exportcontrol.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The settings a security review of Camunda 7 asks for, read from the running engine. */
class HardeningIntegrationTest extends IntegrationTest {

  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired ProcessBeans processBeans;
  @Value("${camunda.bpm.job-execution.lock-time-in-millis}") long jobLockMillis;

  @Test
  void variablesAreJsonAndJavaSerializationIsOff() {
    assertThat(configuration.getDefaultSerializationFormat()).isEqualTo(Variables.SerializationDataFormats.JSON.getName());
    assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
    assertThat(configuration.isDeserializationTypeValidationEnabled()).isTrue();
  }

  @Test
  void queriesAreBoundedAndStoredFiltersRunNoExpressions() {
    assertThat(configuration.getQueryMaxResultsLimit()).isEqualTo(2000);
    assertThat(configuration.isEnableExpressionsInStoredQueries()).isFalse();
    assertThat(configuration.isEnableExpressionsInAdhocQueries()).isFalse();
  }

  @Test
  void theAuditTrailIsCompleteAndKeptTenYearsAfterACaseEnds() {
    assertThat(configuration.getHistoryLevel().getName()).isEqualTo(ProcessEngineConfiguration.HISTORY_FULL);
    assertThat(configuration.getHistoryTimeToLive()).isEqualTo("P3650D");
    assertThat(configuration.getHistoryRemovalTimeStrategy())
        .isEqualTo(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_END);
  }

  @Test
  void authorizationIsOnAndFailedLoginsAreThrottledNotLockedOut() {
    assertThat(configuration.isAuthorizationEnabled()).isTrue();
    // ADR 0021: Camunda's permanent lock and its delay are out of reach; identity.LoginThrottle waits instead
    assertThat(configuration.getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
    assertThat(configuration.getLoginDelayMaxTime()).isZero();
    assertThat(configuration.getDefaultUserPermissionNameForTask()).isEqualTo("TASK_WORK");
  }

  @Test
  void noScriptEngineButTheEnginesOwnExpressionLanguagesIsOnTheClasspath() {
    ScriptEngineManager engines = new ScriptEngineManager();
    assertThat(engines.getEngineFactories()).extracting(f -> f.getClass().getName())
        .allMatch(name -> name.startsWith("org.camunda.feel.") || name.startsWith("org.camunda.bpm.engine.impl.scripting.engine.Juel"));
    for (String language : List.of("javascript", "js", "groovy", "python", "ruby", "kotlin")) {
      assertThat(engines.getEngineByName(language)).as(language).isNull();
    }
  }

  @Test
  void expressionsSeeOnlyTheAllowListedBeans() {
    assertThat(processBeans.names()).contains("sendEmail").doesNotContain("dataSource", "mailSender", "emailOutbox");
    assertThat(configuration.getBeans()).isSameAs(processBeans);
  }

  @Test
  void smtpTimeoutsAreBoundedWellUnderTheJobLockTime() {
    for (String timeout : List.of("mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout")) {
      long millis = Long.parseLong(mailSender.getJavaMailProperties().getProperty(timeout));
      assertThat(millis).as(timeout).isPositive().isLessThanOrEqualTo(jobLockMillis / 10);
    }
  }

  /**
   * Without the prod switch the webapps work over plain http on localhost: no HSTS, no Secure cookie.
   * With it, ProdProfileIT starts the packaged jar and asserts the opposite on the wire.
   */
  @Test
  void withoutTheProdSwitchTheWebappsWorkOverPlainHttp() {
    ResponseEntity<String> welcome = rest.getForEntity("/camunda/app/welcome/default/", String.class);
    assertThat(welcome.getStatusCode().value()).isEqualTo(200);
    assertThat(welcome.getHeaders().get("Set-Cookie")).isNotEmpty().noneMatch(cookie -> cookie.contains("Secure"));
    assertThat(welcome.getHeaders().containsKey("Strict-Transport-Security")).isFalse();
  }

  @Test
  void theAdminPasswordHasNoDefaultOutsideDemo() throws IOException {
    Binder base = binder("application.yaml");
    assertThat(base.bind("exportcontrol.admin.password", String.class).isBound()).isFalse();
    assertThat(binder("application-demo.yaml").bind("exportcontrol.admin.password", String.class).get()).isEqualTo("admin");
  }

  private static Binder binder(String file) throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
      environment.getPropertySources().addLast(source);
    }
    return Binder.get(environment);
  }

}
