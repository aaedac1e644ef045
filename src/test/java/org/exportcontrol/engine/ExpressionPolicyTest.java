package org.exportcontrol.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The syntax-tree rules on their own, without an engine: what the diagrams use passes, the rest names its reason. */
class ExpressionPolicyTest {

  static final ExpressionPolicy policy = new ExpressionPolicy(() -> Set.of("sla", "licenseStatus", "sendEmail", "flakyStep"));

  @Test
  void everyExpressionInTheDiagramsAndFormsPasses() throws IOException {
    List<String> expressions = new ArrayList<>();
    Pattern expression = Pattern.compile("[$#]\\{[^}]*}");
    for (String folder : List.of("processes", "forms", "src/test/resources/bpmn")) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        for (Path file : files.toList()) {
          Matcher m = expression.matcher(Files.readString(file));
          while (m.find()) {
            expressions.add(m.group().replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&apos;", "'"));
          }
        }
      }
    }
    assertThat(expressions).hasSizeGreaterThan(50);
    for (String e : expressions) {
      assertThat(policy.check(e)).as(e).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"${sla.suspensionReview}", "${sla['suspensionReview']}", "${licenseStatus.isActive(licenseNumber)}",
      "#{execution.processBusinessKey}", "${task.taskDefinitionKey}", "${x == 'A' && y != 'B'}", "${!credible}",
      "${list[0]}", "${map.key}", "${empty x ? 'a' : 'b'}", "${flakyStep.run(execution)}", "${currentUser()}",
      "${dateTime()}", "${S(json)}", "Dear ${name}, see ${link}", "no expression at all", "${runtime}", "${module}"})
  void allowed(String expression) {
    assertThat(policy.check(expression)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${''.getClass()}                         | reflection is not allowed in expressions, nor are the engine's or Spring's internals: method 'getClass'",
      "${x['GETCLASS']()}                      | method 'GETCLASS'",
      "${x[y]}                                 | names built at run time are not allowed",
      "${x[y](1)}                              | names built at run time are not allowed (brackets need a literal name): a method name",
      "${a.b.c}                                | properties may only be read directly from a variable or bean: 'c' of the result of a property read",
      "${(a).b}                                | properties may only be read directly from a variable or bean: 'b' of the result of another expression",
      "${mailSender.send(null)}                | methods may only be called on an allowed bean: 'send' on 'mailSender'",
      "${sla.toString()}                       | method 'toString'",
      "${execution.variables}                  | execution and task may only be passed to a bean or read for",
      "${externalTask.workerId}                | 'externalTask.workerId'",
      "${fn:exec('x')}                         | only the engine's functions",
      "${now().time}                           | 'time' of the result of now()",
      "${''.concat('a')}                       | 'concat' on a literal",
      "${sla.isActive(''.class)}               | property 'class'",
      "${unclosed                              | cannot be parsed"})
  void refused(String expression, String reason) {
    assertThat(String.join("; ", policy.check(expression.strip()))).contains(reason.strip());
  }
}
