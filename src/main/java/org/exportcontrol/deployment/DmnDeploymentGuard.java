package org.exportcontrol.deployment;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.dmn.deployer.DecisionDefinitionDeployer;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Refuses a deployment whose DMN tables use anything but FEEL, or define a FEEL function that calls
 * Java ({@code function(x) external {java: ...}}).
 *
 * <p>DMN evaluates JUEL and any installed script language next to FEEL; JUEL reaches Java objects,
 * scripts reach everything. FEEL here has no way to call Java: the engine builds it with external
 * functions disabled, which refuses the call when it is made; refusing the definition as well keeps
 * it out of the tables, so a later engine setting cannot bring it back to life.
 *
 * <p>Runs before the engine's deployers, for every deployment and whenever the engine loads a table
 * into its cache: a refused table never becomes a decision definition. A refusal is a parse error
 * with file, line and element: 400 from /engine-rest, the same report as the BPMN guard's from the
 * folder deployment.
 */
@Component
public class DmnDeploymentGuard implements Deployer {

  private static final Logger log = LoggerFactory.getLogger(DmnDeploymentGuard.class);

  /** What the engine itself takes for FEEL (ExpressionEvaluationHandler#isFeelExpressionLanguage). */
  private static final Set<String> FEEL_URIS = Set.of(
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);

  private static final Pattern FEEL_STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"", Pattern.DOTALL);
  private static final Pattern EXTERNAL = Pattern.compile("\\bexternal\\b");

  @Override
  public void deploy(DeploymentEntity deployment) {
    Map<String, ResourceEntity> resources = deployment.getResources();
    if (resources == null) {
      return;
    }
    for (ResourceEntity resource : resources.values()) {
      if (isDmn(resource.getName()) && resource.getBytes() != null) {
        List<Problem> problems = inspect(resource.getBytes());
        if (!problems.isEmpty()) {
          StringBuilder message = new StringBuilder("Refused by the deployment guard:");
          for (Problem problem : problems) {
            message.append("\n  ").append(resource.getName()).append(", line ").append(problem.getLine())
                .append(" (element '").append(problem.getMainElementId()).append("'): ").append(problem.getMessage());
          }
          log.warn("Deployment '{}' refused: {}", deployment.getName(),
              message.substring(message.indexOf("\n") + 3).replace("\n  ", " | ").replaceAll("\\s*\\R\\s*", " "));
          throw new ParseException(message.toString(), resource.getName(), problems, List.of());
        }
      }
    }
  }

  /** Why the table may not be deployed; empty if it may. */
  static List<Problem> inspect(byte[] dmn) {
    Inspector inspector = new Inspector();
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.newSAXParser().parse(new ByteArrayInputStream(dmn), inspector);
    } catch (SAXParseException e) {
      inspector.problems.add(new Refusal("not well-formed XML: " + e.getMessage(), e.getLineNumber(), e.getColumnNumber(), null));
    } catch (Exception e) {
      inspector.problems.add(new Refusal("cannot be read: " + e.getMessage(), 0, 0, null));
    }
    return inspector.problems;
  }

  static boolean isFeel(String expressionLanguage) {
    return "feel".equals(expressionLanguage.toLowerCase(Locale.ROOT)) || FEEL_URIS.contains(expressionLanguage);
  }

  private static boolean isDmn(String name) {
    for (String suffix : DecisionDefinitionDeployer.DMN_RESOURCE_SUFFIXES) {
      if (name != null && name.endsWith("." + suffix)) {
        return true;
      }
    }
    return false;
  }

  private record Refusal(String message, int line, int column, String element) implements Problem {
    @Override
    public String getMessage() {
      return message;
    }

    @Override
    public int getLine() {
      return line;
    }

    @Override
    public int getColumn() {
      return column;
    }

    @Override
    public String getMainElementId() {
      return element;
    }

    @Override
    public List<String> getElementIds() {
      return element == null ? List.of() : List.of(element);
    }
  }

  /** An open element: its name for the report, its id or the nearest enclosing one, where it starts. */
  private record Open(String tag, String id, int line, int column, StringBuilder text) {}

  private static final class Inspector extends DefaultHandler {
    final List<Problem> problems = new ArrayList<>();
    private final Deque<Open> open = new ArrayDeque<>();
    private Locator locator;

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      String id = attributes.getValue("id");
      String where = id != null ? id : open.isEmpty() ? null : open.peek().id();
      Open element = new Open(localName, where, locator.getLineNumber(), locator.getColumnNumber(), new StringBuilder());
      open.push(element);
      for (int i = 0; i < attributes.getLength(); i++) {
        if ("expressionLanguage".equals(attributes.getLocalName(i)) && !isFeel(attributes.getValue(i))) {
          problems.add(refusal(element, "expressionLanguage \"" + attributes.getValue(i) + "\" on <" + localName
              + "> is not allowed: every DMN expression must be FEEL (\"feel\" or a FEEL URI the engine knows)"));
        }
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (!open.isEmpty() && "text".equals(open.peek().tag())) {
        open.peek().text().append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      Open element = open.pop();
      // outside string literals, 'external' can only be the keyword of a function that calls Java
      if ("text".equals(localName)
          && EXTERNAL.matcher(FEEL_STRING.matcher(element.text()).replaceAll("\"\"")).find()) {
        problems.add(refusal(element, "FEEL external functions (calls into Java) are not allowed: "
            + element.text().toString().strip()));
      }
    }

    private static Refusal refusal(Open element, String message) {
      return new Refusal(message, element.line(), element.column(), element.id());
    }
  }
}
