package org.exportcontrol.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.engine.ExpressionPolicy;
import org.exportcontrol.engine.ProcessBeans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Refuses, at deploy time, every BPMN construct that would run code the project has not reviewed:
 * script tasks and scripts anywhere (script conditions included), connectors, {@code camunda:class},
 * and expressions that call anything but the {@link org.exportcontrol.engine.ProcessBean} beans and
 * the engine's built-in functions. Every attribute value and element text with {@code ${} or
 * {@code #{} is parsed and judged by {@link ExpressionPolicy} on its syntax tree, so the notation
 * (dots, brackets, names built from strings) makes no difference; the expression sandbox refuses the
 * same again when an expression runs.
 *
 * <p>It runs inside the engine's parser, so it guards every way in: the folder deployment, the
 * admin redeploy and the Modeler's deploy through /engine-rest. A refusal is a parse error, which
 * /engine-rest answers with 400 and the parser's message.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DeploymentGuard extends AbstractBpmnParseListener {

  private static final Logger log = LoggerFactory.getLogger(DeploymentGuard.class);

  static final Set<String> CAMUNDA_NAMESPACES = Set.of(
      "http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn");

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);

  private final Supplier<Set<String>> allowedBeans;
  private final ExpressionPolicy expressions;

  @Autowired
  public DeploymentGuard(ProcessBeans processBeans) {
    this(processBeans::names);
  }

  public DeploymentGuard(Supplier<Set<String>> allowedBeans) {
    this.allowedBeans = allowedBeans;
    this.expressions = new ExpressionPolicy(allowedBeans);
  }

  @Override
  public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
    List<Violation> violations = new ArrayList<>();
    inspect(rootElement, violations);
    if (!violations.isEmpty()) {
      StringBuilder message = new StringBuilder("Refused by the deployment guard:");
      for (Violation v : violations) {
        message.append("\n  line ").append(v.element().getLine()).append(": ").append(v.problem());
      }
      // an expected event, answered with 400: one line for the audit, no stack trace
      log.warn("Diagram '{}' refused: {}", rootElement.attribute("id"),
          message.substring(message.indexOf("\n") + 3).replace("\n  ", " | ").replaceAll("\\s*\\R\\s*", " "));
      throw new BpmnParseException(message.toString(), violations.get(0).element());
    }
  }

  private void inspect(Element element, List<Violation> violations) {
    String tag = element.getTagName();
    boolean camunda = element.getUri() != null && CAMUNDA_NAMESPACES.contains(element.getUri());
    String where = describe(element);
    if ("scriptTask".equals(tag) && !camunda) {
      violations.add(new Violation(element, where + ": script tasks are not allowed"));
    }
    if (camunda && "script".equals(tag)) {
      violations.add(new Violation(element, where + ": scripts are not allowed (listener or input/output mapping)"));
    }
    if (camunda && "connector".equals(tag)) {
      violations.add(new Violation(element, where + ": connectors are not allowed"));
    }
    inspectAttributes(element, camunda, where, violations);
    if (element.getText() != null && !element.getText().isBlank()) {
      checkExpressions(element, where, element.getText(), violations);
    }
    for (Element child : element.elements()) {
      inspect(child, violations);
    }
  }

  private void inspectAttributes(Element element, boolean camunda, String where, List<Violation> violations) {
    for (String attribute : element.attributes()) {
      // the parser keys attributes as "namespace-uri:local-name"
      String value = element.attribute(attribute);
      int colon = attribute.lastIndexOf(':');
      String namespace = colon < 0 ? "" : attribute.substring(0, colon);
      String local = attribute.substring(colon + 1);
      // camunda:class on a task, or class="..." on a camunda:taskListener / executionListener
      boolean codeAttribute = CAMUNDA_NAMESPACES.contains(namespace) || (namespace.isEmpty() && camunda);
      if (namespace.isEmpty() && !camunda && "language".equals(local)) {
        // a script condition; the engine's JUEL script engine would run it outside the expression sandbox
        violations.add(new Violation(element, where + ": script conditions are not allowed (language=\"" + value
            + "\"); write a plain expression"));
      } else if (codeAttribute && "class".equals(local)) {
        violations.add(new Violation(element, where + ": Java classes are not allowed (class=\"" + value
            + "\"); use a delegate expression naming an allowed bean"));
      } else if (codeAttribute && "delegateExpression".equals(local)) {
        checkDelegateExpression(element, where, value, violations);
      } else {
        checkExpressions(element, where, value, violations);
      }
    }
  }

  private void checkDelegateExpression(Element element, String where, String value, List<Violation> violations) {
    Matcher m = EXPRESSION.matcher(value == null ? "" : value.trim());
    if (!m.matches() || !m.group(1).trim().matches("[A-Za-z_][A-Za-z0-9_]*")) {
      violations.add(new Violation(element, where + ": a delegate expression must name one bean, like ${sendEmail}"));
      return;
    }
    String bean = m.group(1).trim();
    if (!allowedBeans.get().contains(bean)) {
      violations.add(new Violation(element, where + ": bean '" + bean + "' is not allowed in diagrams; allowed: "
          + allowedBeans.get()));
    }
  }

  private void checkExpressions(Element element, String where, String value, List<Violation> violations) {
    if (value == null || !(value.contains("${") || value.contains("#{"))) {
      return;
    }
    List<String> problems = expressions.check(value);
    if (!problems.isEmpty()) {
      violations.add(new Violation(element, where + ": " + String.join("; ", problems) + " in " + value.strip()));
    }
  }

  private static String describe(Element element) {
    String id = element.attribute("id");
    return id == null ? "<" + element.getTagName() + ">" : "'" + id + "'";
  }

  private record Violation(Element element, String problem) {}
}
