package org.exportcontrol.engine;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstLiteral;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * What a JUEL expression in a diagram may do, decided on the expression's syntax tree: read
 * variables, read a property of a variable or an allowed bean, call a method of an allowed bean,
 * compare and compute, and call the engine's own functions. Everything else is refused, whatever the
 * notation ({@code a.b}, {@code a['b']}, a name built at run time), because every notation reaches
 * the same reflection.
 *
 * <p>The deployment guard applies {@link #check} to every expression of a diagram; the run-time
 * sandbox ({@link SandboxedExpressionManager}) refuses the same names and bases, so an expression
 * that reaches the database without the guard still cannot call out.
 */
public final class ExpressionPolicy {

  /**
   * Names that lead to classes, reflection, class loaders, processes, the Spring context or the
   * engine's services. Refused as a method or property on any object, beans included, and compared
   * case-insensitively so that no spelling slips through.
   */
  public static final Set<String> FORBIDDEN_NAMES = lowerCase(
      "class", "getClass", "forName", "invoke", "invokeExact", "invokeWithArguments", "getRuntime", "runtime",
      "exec", "exit", "halt", "load", "loadLibrary", "getenv", "lookup",
      "classLoader", "getClassLoader", "contextClassLoader", "getContextClassLoader", "systemClassLoader",
      "getSystemClassLoader", "loadClass", "defineClass", "currentThread",
      "getMethod", "getMethods", "methods", "getDeclaredMethod", "getDeclaredMethods", "declaredMethods",
      "getField", "getFields", "fields", "getDeclaredField", "getDeclaredFields", "declaredFields",
      "getConstructor", "getConstructors", "constructors", "getDeclaredConstructor", "getDeclaredConstructors",
      "declaredConstructors", "newInstance", "setAccessible", "trySetAccessible", "accessible",
      "getModule", "module", "getDeclaringClass", "declaringClass", "getSuperclass", "superclass",
      "getEnclosingClass", "enclosingClass", "getProtectionDomain", "protectionDomain",
      "processEngine", "getProcessEngine", "processEngineServices", "getProcessEngineServices",
      "processEngineConfiguration", "getProcessEngineConfiguration",
      "applicationContext", "getApplicationContext", "beanFactory", "getBeanFactory", "getBean");

  /** The public methods every object has; none of them is a bean's business, and getClass leads to reflection. */
  public static final Set<String> OBJECT_METHODS = Arrays.stream(Object.class.getMethods())
      .map(Method::getName).collect(Collectors.toUnmodifiableSet());

  /** Functions that the engine and Spin register; they read state, they run no project code. */
  public static final Set<String> ENGINE_FUNCTIONS =
      Set.of("currentUser", "currentUserGroups", "now", "dateTime", "S", "XML", "JSON");

  /** Names the engine resolves to its own objects, whose getters lead to the engine's services. */
  public static final Set<String> ENGINE_OBJECTS =
      Set.of("execution", "task", "externalTask", "caseExecution", "authenticatedUserId");

  /** The plain values that diagrams may read from {@code execution} or {@code task}. */
  public static final Set<String> SAFE_ENGINE_PROPERTIES = Set.of(
      "processBusinessKey", "businessKey", "processInstanceId", "id", "currentActivityId", "taskDefinitionKey");

  /** The grammar the engine's expression factory uses (its JEE6 profile), so the tree is the one that runs. */
  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  private final Supplier<Set<String>> allowedBeans;

  public ExpressionPolicy(Supplier<Set<String>> allowedBeans) {
    this.allowedBeans = allowedBeans;
  }

  public static boolean isForbiddenName(String name) {
    return name != null && FORBIDDEN_NAMES.contains(name.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * Why the expression (an attribute value or element text, with its {@code ${…}} or {@code #{…}})
   * may not run, one reason per kind of problem with the names involved; empty if it may run.
   */
  public List<String> check(String expression) {
    Node root;
    try {
      root = PARSER.build(expression).getRoot();
    } catch (TreeBuilderException e) {
      return List.of("cannot be parsed: " + e.getMessage());
    }
    Problems problems = new Problems();
    visit(root, problems);
    return problems.reasons(allowedBeans.get());
  }

  private void visit(Node node, Problems problems) {
    // a bare name reads a variable or an allowed bean: nothing else resolves it, so any name will do
    if (node == null || node instanceof AstLiteral || node instanceof AstText || node instanceof AstIdentifier) {
      return;
    }
    if (node instanceof AstFunction function) {
      if (!ENGINE_FUNCTIONS.contains(function.getName())) {
        problems.add(Reason.FUNCTION, "'" + function.getName() + "'");
      }
      visitChildren(node, problems);
    } else if (node instanceof AstMethod method) {
      checkMethod((AstProperty) method.getChild(0), problems);
      visit(method.getChild(1), problems);
    } else if (node instanceof AstDot || node instanceof AstBracket) {
      checkProperty((AstProperty) node, problems);
    } else if (node instanceof AstEval || node instanceof AstComposite || node instanceof AstNested
        || node instanceof AstUnary || node instanceof AstBinary || node instanceof AstChoice
        || node instanceof AstParameters) {
      // operators, parentheses and text around the expression: harmless themselves, their operands count
      visitChildren(node, problems);
    } else {
      problems.add(Reason.UNSUPPORTED, node.getClass().getSimpleName());
    }
  }

  private void visitChildren(Node node, Problems problems) {
    for (int i = 0; i < node.getCardinality(); i++) {
      visit(node.getChild(i), problems);
    }
  }

  /** A method call only as {@code bean.method(...)}: the base an allowed bean by name, the name literal. */
  private void checkMethod(AstProperty property, Problems problems) {
    Node base = property.getChild(0);
    String name = literalName(property);
    if (name == null) {
      problems.add(Reason.COMPUTED_NAME, "a method name");
      visitChildren(property, problems);
      return;
    }
    if (isForbiddenName(name) || OBJECT_METHODS.contains(name)) {
      problems.add(Reason.FORBIDDEN, "method '" + name + "'");
    }
    if (base instanceof AstIdentifier identifier) {
      if (!allowedBeans.get().contains(identifier.getName())) {
        problems.add(Reason.METHOD_BASE, "'" + name + "' on '" + identifier.getName() + "'");
      }
    } else {
      problems.add(Reason.METHOD_BASE, "'" + name + "' on " + describe(base));
      visit(base, problems);
    }
  }

  /** A property only directly on a variable or bean name, with a literal name: no chains, no computed names. */
  private void checkProperty(AstProperty property, Problems problems) {
    Node base = property.getChild(0);
    String name = literalName(property);
    if (name == null) {
      problems.add(Reason.COMPUTED_NAME, "a property name");
      visitChildren(property, problems);
      return;
    }
    if (isForbiddenName(name)) {
      problems.add(Reason.FORBIDDEN, "property '" + name + "'");
    }
    if (base instanceof AstIdentifier identifier) {
      if (ENGINE_OBJECTS.contains(identifier.getName()) && !SAFE_ENGINE_PROPERTIES.contains(name)) {
        problems.add(Reason.ENGINE_OBJECT, "'" + identifier.getName() + "." + name + "'");
      }
    } else {
      problems.add(Reason.PROPERTY_BASE, "'" + name + "' of " + describe(base));
      visit(base, problems);
    }
  }

  /** What a member was asked of, for the report. */
  private static String describe(Node base) {
    if (base instanceof AstNested nested) {
      return describe(nested.getChild(0));
    }
    if (base instanceof AstLiteral) {
      return "a literal";
    }
    if (base instanceof AstFunction function) {
      return "the result of " + function.getName() + "()";
    }
    if (base instanceof AstMethod) {
      return "the result of a method call";
    }
    if (base instanceof AstProperty) {
      return "the result of a property read";
    }
    return "the result of another expression";
  }

  /** The member name if the source spells it out ({@code .name}, {@code ['name']}, {@code [0]}); null if computed. */
  private static String literalName(AstProperty property) {
    if (property instanceof AstDot dot) {
      return dot.toString().substring(2); // AstDot prints ". name"
    }
    Node index = property.getChild(1);
    if (index instanceof AstString || index instanceof AstNumber) {
      return String.valueOf(((AstLiteral) index).eval(null, null));
    }
    return null;
  }

  private enum Reason {
    FORBIDDEN("reflection is not allowed in expressions, nor are the engine's or Spring's internals"),
    METHOD_BASE("methods may only be called on an allowed bean"),
    PROPERTY_BASE("properties may only be read directly from a variable or bean"),
    COMPUTED_NAME("names built at run time are not allowed (brackets need a literal name)"),
    ENGINE_OBJECT("execution and task may only be passed to a bean or read for " + SAFE_ENGINE_PROPERTIES),
    FUNCTION("only the engine's functions " + ENGINE_FUNCTIONS + " are allowed"),
    UNSUPPORTED("unsupported expression element");

    final String text;

    Reason(String text) {
      this.text = text;
    }
  }

  /** The problems of one expression by reason, each naming what it found, in the order found. */
  private static final class Problems {
    private final Map<Reason, Set<String>> found = new EnumMap<>(Reason.class);

    void add(Reason reason, String what) {
      found.computeIfAbsent(reason, r -> new LinkedHashSet<>()).add(what);
    }

    List<String> reasons(Set<String> allowedBeans) {
      List<String> reasons = new ArrayList<>();
      found.forEach((reason, what) -> reasons.add(reason.text + ": " + String.join(", ", what)
          + (reason == Reason.METHOD_BASE ? " (allowed beans: " + allowedBeans + ")" : "")));
      return reasons;
    }
  }

  private static Set<String> lowerCase(String... names) {
    List<String> result = new ArrayList<>();
    for (String name : names) {
      result.add(name.toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(result);
  }
}
