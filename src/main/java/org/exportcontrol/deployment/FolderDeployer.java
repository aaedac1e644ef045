package org.exportcontrol.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Deploys every BPMN, DMN and form file of the processes and forms folders as one deployment named
 * {@value #DEPLOYMENT_NAME}, with duplicate filtering: only new or changed files make new versions.
 *
 * <p>Resource names are relative to their folder, so every node of a cluster deploys the same names
 * wherever the folders are mounted. A file that is not well-formed is refused before the engine sees
 * it, with its line; the engine's own parse errors are reported the same way. Either way nothing of
 * that call is deployed.
 */
@Component
public class FolderDeployer {

  public static final String DEPLOYMENT_NAME = "cyber-export-control";
  private static final Logger log = LoggerFactory.getLogger(FolderDeployer.class);

  private final RepositoryService repositoryService;
  private final DeploymentProperties properties;
  private final ObjectMapper json = new ObjectMapper();

  public FolderDeployer(RepositoryService repositoryService, DeploymentProperties properties) {
    this.repositoryService = repositoryService;
    this.properties = properties;
  }

  /** Deploys the configured folders. */
  public FolderDeployment deploy() {
    return deploy(properties.processesDir(), properties.formsDir());
  }

  public synchronized FolderDeployment deploy(Path processesDir, Path formsDir) {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    collect(processesDir, List.of(".bpmn", ".dmn"), resources);
    collect(formsDir, List.of(".form"), resources);
    // BPMN is checked by the engine's parser (LineReportingBpmnParse); DMN and forms are checked here,
    // because the engine reports their syntax errors without a line.
    resources.forEach((name, bytes) -> {
      if (!name.endsWith(".bpmn")) {
        checkWellFormed(name, bytes);
      }
    });
    if (resources.keySet().stream().noneMatch(name -> name.endsWith(".bpmn"))) {
      // without its diagrams the system would start and answer every submission with an error
      throw new DeploymentRefusedException("No BPMN diagram in " + processesDir.toAbsolutePath()
          + " (exportcontrol.processes-dir): the system has no processes to run", null);
    }

    Deployment previous = repositoryService.createDeploymentQuery().deploymentName(DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
    DeploymentWithDefinitions deployment = deployWithDuplicateFiltering(resources);
    if (previous != null && previous.getId().equals(deployment.getId())) {
      log.info("Deployment '{}' is up to date: {} files unchanged", DEPLOYMENT_NAME, resources.size());
      return new FolderDeployment(deployment.getId(), List.of(), List.of());
    }
    return outcome(deployment);
  }

  /** One deployment of all the files; the engine keeps only what is new or changed. */
  private DeploymentWithDefinitions deployWithDuplicateFiltering(Map<String, byte[]> resources) {
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("folders")
        .enableDuplicateFiltering(true);
    resources.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
    try {
      return builder.deployWithResult();
    } catch (ParseException e) {
      throw new DeploymentRefusedException(describe(e), e);
    } catch (ProcessEngineException e) {
      // e.g. a DMN table that is well-formed XML but not valid DMN: the engine names the file, the
      // innermost cause says the line and the problem
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new DeploymentRefusedException(e.getMessage() + (root == e ? "" : " " + root.getMessage()), e);
    }
  }

  private FolderDeployment outcome(DeploymentWithDefinitions deployment) {
    List<FolderDeployment.NewVersion> versions = new ArrayList<>();
    nullSafe(deployment.getDeployedProcessDefinitions()).forEach(d ->
        versions.add(new FolderDeployment.NewVersion("process", d.getKey(), d.getVersion())));
    nullSafe(deployment.getDeployedDecisionDefinitions()).forEach(d ->
        versions.add(new FolderDeployment.NewVersion("decision", d.getKey(), d.getVersion())));
    List<String> changed = repositoryService.getDeploymentResourceNames(deployment.getId());
    log.info("Deployed {} changed file(s) as deployment {}: {}; new versions: {}",
        changed.size(), deployment.getId(), changed, versions);
    return new FolderDeployment(deployment.getId(), changed, versions);
  }

  private void collect(Path root, List<String> suffixes, Map<String, byte[]> into) {
    if (!Files.isDirectory(root)) {
      log.warn("Folder {} does not exist; nothing deployed from it", root.toAbsolutePath());
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile)
          .filter(f -> suffixes.stream().anyMatch(s -> f.getFileName().toString().endsWith(s)))
          .sorted().toList()) {
        String name = root.relativize(file).toString().replace('\\', '/');
        into.put(name, Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + root.toAbsolutePath(), e);
    }
  }

  private void checkWellFormed(String name, byte[] content) {
    if (name.endsWith(".form")) {
      try {
        json.readTree(content);
      } catch (JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        throw new DeploymentRefusedException(name + ", line " + line + ": " + e.getOriginalMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (InputStream in = new ByteArrayInputStream(content)) {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.newSAXParser().parse(in, new DefaultHandler());
    } catch (SAXParseException e) {
      throw new DeploymentRefusedException(name + ", line " + e.getLineNumber() + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new DeploymentRefusedException(name + ": " + e.getMessage(), e);
    }
  }

  private static String describe(ParseException e) {
    StringBuilder message = new StringBuilder();
    for (ResourceReport report : e.getResorceReports()) {
      for (Problem problem : report.getErrors()) {
        if (!message.isEmpty()) {
          message.append('\n');
        }
        message.append(report.getResourceName()).append(", line ").append(problem.getLine())
            .append(problem.getMainElementId() == null ? "" : " (element '" + problem.getMainElementId() + "')")
            .append(": ").append(problem.getMessage());
      }
    }
    return message.isEmpty() ? e.getMessage() : message.toString();
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
