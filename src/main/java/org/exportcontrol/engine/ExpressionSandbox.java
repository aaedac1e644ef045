package org.exportcontrol.engine;

import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first resolver the engine asks for every property and method in an expression, BPMN and DMN
 * alike. It resolves nothing itself: it refuses, with {@link ExpressionRefusedException}, what the
 * deployment guard would have refused, and lets everything else fall through to the engine's
 * resolvers. It exists because the guard sees only what is deployed through the parser; an
 * expression that reaches the database another way, or a value the guard could not foresee (a
 * bracket index read from a variable), meets this one when it runs.
 *
 * <p>Allowed: methods of the allow-listed bean instances (not Object's); properties of those beans,
 * of maps, of lists and arrays by index, and of plain values; on the engine's objects
 * ({@code execution}, {@code task}, ...) only {@link ExpressionPolicy#SAFE_ENGINE_PROPERTIES}.
 * A name in {@link ExpressionPolicy#FORBIDDEN_NAMES} is refused on any object.
 */
public class ExpressionSandbox extends ELResolver {

  private static final Logger log = LoggerFactory.getLogger(ExpressionSandbox.class);

  private final Map<Object, Object> beans;
  /** The bean instances, compared by identity: a variable that equals a bean is still not one. */
  private volatile Set<Object> beanInstances;

  public ExpressionSandbox(Map<Object, Object> beans) {
    this.beans = beans;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    checkRead(base, property);
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    checkRead(base, property);
    return null;
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    checkRead(base, property);
    return false;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    checkRead(base, property);
    // a form submit must not change a shared bean or the engine's own state through a setter
    if (base != null && (isBean(base) || isEngineObject(base))) {
      throw refuse("setting '" + property + "' on " + describe(base) + " is not allowed");
    }
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    String name = method == null ? null : method.toString();
    if (base == null || !isBean(base)) {
      throw refuse("calling '" + name + "' on " + describe(base)
          + " is not allowed: only the methods of allowed beans may be called");
    }
    if (ExpressionPolicy.isForbiddenName(name) || ExpressionPolicy.OBJECT_METHODS.contains(name)) {
      throw refuse("calling '" + name + "' on " + describe(base) + " is not allowed");
    }
    return null;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }

  private void checkRead(Object base, Object property) {
    if (base == null) {
      return; // a bare name: a variable, an allowed bean or one of the engine's objects
    }
    // the bean resolver reads a property by its toString(), so that is the name to judge
    String name = property == null ? null : property.toString();
    if (ExpressionPolicy.isForbiddenName(name)) {
      throw refuse("'" + name + "' on " + describe(base) + " is not allowed");
    }
    if (isBean(base) || base instanceof Map || isPlainValue(base)) {
      return;
    }
    if (isEngineObject(base)) {
      if (!ExpressionPolicy.SAFE_ENGINE_PROPERTIES.contains(name)) {
        throw refuse("property '" + name + "' of " + describe(base) + " is not allowed; allowed: "
            + ExpressionPolicy.SAFE_ENGINE_PROPERTIES);
      }
      return;
    }
    if ((base instanceof List || base.getClass().isArray()) && isIndex(property)) {
      return;
    }
    throw refuse("property '" + name + "' of " + describe(base) + " is not allowed");
  }

  private boolean isBean(Object base) {
    Set<Object> instances = beanInstances;
    if (instances == null) {
      // looked up on first use, like ProcessBeans, so that beans may depend on the engine; all singletons
      instances = Collections.newSetFromMap(new IdentityHashMap<>());
      instances.addAll(beans.values());
      beanInstances = instances;
    }
    return instances.contains(base);
  }

  private static boolean isEngineObject(Object base) {
    return base instanceof VariableScope || base instanceof ExternalTask;
  }

  private static boolean isPlainValue(Object base) {
    return base instanceof String || base instanceof Number || base instanceof Boolean
        || base instanceof Character || base instanceof Date || base.getClass().getPackageName().equals("java.time");
  }

  private static boolean isIndex(Object property) {
    return property instanceof Number || (property != null && property.toString().matches("\\d{1,9}"));
  }

  private static String describe(Object base) {
    return base == null ? "null" : base.getClass().getName();
  }

  private static ExpressionRefusedException refuse(String what) {
    String message = "Refused by the expression sandbox: " + what;
    log.warn(message.replaceAll("\\R", " "));
    return new ExpressionRefusedException(message);
  }
}
