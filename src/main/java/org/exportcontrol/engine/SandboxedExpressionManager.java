package org.exportcontrol.engine;

import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

/**
 * The engine's expression manager with {@link ExpressionSandbox} in front of Spring's resolvers. Its
 * bean resolver would otherwise call any public method of any object an expression reaches,
 * {@code getClass()} included. DMN tables in JUEL use this manager too (the engine builds its DMN EL
 * provider from it).
 */
public class SandboxedExpressionManager extends SpringExpressionManager {

  private final ExpressionSandbox sandbox;

  public SandboxedExpressionManager(ApplicationContext context, ProcessBeans beans) {
    super(context, beans);
    this.sandbox = new ExpressionSandbox(beans);
  }

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(sandbox);
    resolver.add(super.createElResolver());
    return resolver;
  }
}
