package org.exportcontrol.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.exportcontrol.audit.DecisionLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Engine settings that cannot be written as properties: the beans diagrams may use, the parse
 * listeners that every diagram passes (the deployment guard first, then the task rules and the
 * Tasklist card variables: every {@link BpmnParseListener} bean, in their order), and the command
 * Deployer beans that check a deployment first (the DMN guard), the record of each deployment, and
 * the command interceptors: the closed operations, the completion guard and the record of
 * interventions. The rest of the hardening is in application.yaml under {@code camunda.bpm}, where
 * an operator can read it.
 */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  @Bean
  ProcessBeans processBeans(ApplicationContext context) {
    return new ProcessBeans(context);
  }

  @Bean
  ProcessEnginePlugin exportControlEnginePlugin(ApplicationContext context, ProcessBeans processBeans,
      ObjectProvider<BpmnParseListener> parseListeners, ObjectProvider<Deployer> preDeployers,
      ProcessContracts contracts, DecisionLog decisionLog, ObjectProvider<SeparationOfDuties> separations) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        // The factory bean already made an expression manager that sees every bean; replace it.
        configuration.setBeans(processBeans);
        // Expressions run sandboxed even if they reached the database past the guard; no scripts at all (ADR 0003).
        configuration.setExpressionManager(new SandboxedExpressionManager(context, processBeans));
        configuration.setScriptEngineResolver(new NoScriptEngines());
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        parseListeners.orderedStream().forEach(listeners::add);
        configuration.setCustomPreBPMNParseListeners(listeners);
        // after every other listener: it hides tasks from barred candidates once the rules have recorded a completion
        List<BpmnParseListener> postListeners = configuration.getCustomPostBPMNParseListeners() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        postListeners.add(new BarredCandidates(contracts, separations));
        configuration.setCustomPostBPMNParseListeners(postListeners);
        // candidates may give a task back, not only claim it (issue 16, ADR 0026)
        configuration.setResourceAuthorizationProvider(new CandidatesReleaseTasks());
        // every Deployer bean checks a deployment before the engine's deployers (the DMN guard)
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
        preDeployers.orderedStream().forEach(deployers::add);
        configuration.setCustomPreDeployers(deployers);
        configuration.setBpmnParseFactory(LineReportingBpmnParse::new);
        // before Camunda's own String serializer, which would fail on texts over 4000 characters
        List<TypedValueSerializer> serializers = configuration.getCustomPreVariableSerializers() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreVariableSerializers());
        serializers.add(0, new LongTextSerializer());
        configuration.setCustomPreVariableSerializers(serializers);
        List<Deployer> postDeployers = configuration.getCustomPostDeployers() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostDeployers());
        postDeployers.add(new DefinitionVersionTag());
        postDeployers.add(new DeploymentRecord(decisionLog));
        configuration.setCustomPostDeployers(postDeployers);
        // outside the transaction: refusals before anything happens (each chain needs its own instances)
        configuration.setCustomPreCommandInterceptorsTxRequired(List.of(new ConcurrentCompletions(),
            new RuleViolationUnwrapper(), new ClosedOperations(), new CompletionVariableGuard(contracts)));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(List.of(new ConcurrentCompletions(),
            new RuleViolationUnwrapper(), new ClosedOperations(), new CompletionVariableGuard(contracts)));
        // inside it: the record of what an operator did, committed with it
        configuration.setCustomPostCommandInterceptorsTxRequired(List.of(new InterventionRecord(decisionLog)));
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(List.of(new InterventionRecord(decisionLog)));
      }
    };
  }
}
