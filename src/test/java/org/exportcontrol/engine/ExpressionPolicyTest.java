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

  /** Every reason, word for word: what is inside a refused construct is judged too, not skipped. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${x[a.class]()}    | names built at run time are not allowed (brackets need a literal name): a method name"
          + " && reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'",
      "${x[a.class]}      | names built at run time are not allowed (brackets need a literal name): a property name"
          + " && reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'",
      "${a.class.name()}  | reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'"
          + " && methods may only be called on an allowed bean: 'name' on the result of a property read (allowed beans: [sla])",
      "${a.class.name}    | reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'"
          + " && properties may only be read directly from a variable or bean: 'name' of the result of a property read",
      "${(a.b).c}         | properties may only be read directly from a variable or bean: 'c' of the result of a property read",
      "${(sla.x()).c}     | properties may only be read directly from a variable or bean: 'c' of the result of a method call",
      "${(1).c}           | properties may only be read directly from a variable or bean: 'c' of a literal",
      "${sla.run(a.class)} | reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'",
      "${(a.class)}       | reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'",
      "${-a.class}        | reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'",
      "${1 + a.class}     | reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'",
      "${x ? a.class : 1} | reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'",
      "x ${a.class} y     | reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'",
      "${x.module}        | reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'module'",
      "${execution.id}    | ",
      "${sla.x()}         | ",
      "${x[0]}            | ",
      "${x['y']}          | ",
      "${other.x()}       | methods may only be called on an allowed bean: 'x' on 'other' (allowed beans: [sla])"})
  void everyReason(String expression, String reasons) {
    ExpressionPolicy onlySla = new ExpressionPolicy(() -> Set.of("sla"));
    List<String> expected = reasons == null ? List.of() : List.of(reasons.strip().split(" && "));
    assertThat(onlySla.check(expression.strip())).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aFunctionsArgumentsAreJudgedToo() {
    assertThat(new ExpressionPolicy(() -> Set.of("sla")).check("${f:g(a.class)}")).containsExactly(
        "reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class'",
        "only the engine's functions " + ExpressionPolicy.ENGINE_FUNCTIONS + " are allowed: 'f:g'");
  }

  @Test
  void theEngineObjectsShowOnlyTheirPlainValues() {
    assertThat(new ExpressionPolicy(() -> Set.of("sla")).check("${task.execution}")).containsExactly(
        "execution and task may only be passed to a bean or read for " + ExpressionPolicy.SAFE_ENGINE_PROPERTIES
            + ": 'task.execution'");
  }

  @Test
  void forbiddenNamesAreCaseInsensitiveAndTrimmed() {
    assertThat(ExpressionPolicy.isForbiddenName(" GetClass ")).isTrue();
    assertThat(ExpressionPolicy.isForbiddenName("getclassy")).isFalse();
    assertThat(ExpressionPolicy.isForbiddenName(null)).isFalse();
  }
}
