package org.exportcontrol.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.exportcontrol.deployment.DeploymentGuard;
import org.exportcontrol.deployment.LineReportingBpmnParse;
import org.exportcontrol.misuse.EnforcementTaskRules;
import org.exportcontrol.review.CompletionVariableGuard;
import org.exportcontrol.review.TaskCardVariables;
import org.exportcontrol.review.TaskRules;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Engine settings that cannot be written as properties: the beans diagrams may use, the deployment
 * guard, the task rules ({@link TaskRules}) and the Tasklist card variables ({@link TaskCardVariables}). The rest of the hardening is in
 * application.yaml under {@code camunda.bpm}, where an operator can read it.
 */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  @Bean
  Clock clock() {
    return new EngineClock();
  }

  @Bean
  ProcessBeans processBeans(ApplicationContext context) {
    return new ProcessBeans(context);
  }

  @Bean
  DeploymentGuard deploymentGuard(ProcessBeans processBeans) {
    return new DeploymentGuard(processBeans::names);
  }

  /** Restricts expressions to the allow-listed beans and installs the deployment guard. */
  @Bean
  ProcessEnginePlugin exportControlEnginePlugin(ApplicationContext context, ProcessBeans processBeans,
      DeploymentGuard guard, TaskRules taskRules, EnforcementTaskRules enforcementTaskRules,
      TaskCardVariables taskCardVariables) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        // The factory bean already made an expression manager that sees every bean; replace it.
        configuration.setBeans(processBeans);
        configuration.setExpressionManager(new SpringExpressionManager(context, processBeans));
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(guard);
        listeners.add(taskRules);
        listeners.add(enforcementTaskRules);
        listeners.add(taskCardVariables);
        configuration.setCustomPreBPMNParseListeners(listeners);
        configuration.setBpmnParseFactory(LineReportingBpmnParse::new);
        configuration.setCustomPreCommandInterceptorsTxRequired(
            List.of(new RuleViolationUnwrapper(), new CompletionVariableGuard()));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
            List.of(new RuleViolationUnwrapper(), new CompletionVariableGuard()));
      }
    };
  }
}
