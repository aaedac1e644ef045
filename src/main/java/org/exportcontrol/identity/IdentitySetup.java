package org.exportcontrol.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.engine.ProcessContracts;
import org.exportcontrol.engine.TaskCards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates, on every start and idempotently, what the system needs in any environment: the groups,
 * their authorizations, one Tasklist filter per staff group, and the administrator.
 */
@Component
@Order(0)
public class IdentitySetup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

  static final Map<String, String> GROUP_NAMES = new LinkedHashMap<>();

  static {
    GROUP_NAMES.put(Groups.ADMIN, "Administrators");
    GROUP_NAMES.put(Groups.TECHNICAL_REVIEWERS, "Technical reviewers");
    GROUP_NAMES.put(Groups.LEGAL_REVIEWERS, "Legal reviewers");
    GROUP_NAMES.put(Groups.FOREIGN_AFFAIRS_REVIEWERS, "Foreign-affairs reviewers");
    GROUP_NAMES.put(Groups.LICENSING_OFFICERS, "Licensing officers");
    GROUP_NAMES.put(Groups.COMPLIANCE_OFFICERS, "Compliance officers");
    GROUP_NAMES.put(Groups.LICENSING_MANAGERS, "Licensing managers");
    GROUP_NAMES.put(Groups.APPLICANTS, "Applicants (exporters)");
  }

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final AdminProperties admin;
  private final ProcessContracts contracts;

  public IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
      FilterService filterService, TaskService taskService, AdminProperties admin, ProcessContracts contracts) {
    if (admin.password() == null || admin.password().isBlank()) {
      throw new IllegalStateException("exportcontrol.admin.password (environment EXPORTCONTROL_ADMIN_PASSWORD) "
          + "is not set: outside the demo profile the administrator password has no default");
    }
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.admin = admin;
    this.contracts = contracts;
  }

  @Override
  public void run(ApplicationArguments args) {
    GROUP_NAMES.forEach((id, name) -> ensureGroup(id, name, org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW));
    ensureAdmin();
    for (Resource resource : Resources.values()) {
      grant(Groups.ADMIN, resource, Authorization.ANY, Permissions.ALL);
    }
    for (ProcessContract contract : contracts.all()) {
      // the groups the API acts for start and message their own cases, always through the project's
      // API, which checks that the case is theirs; /engine-rest is closed to applicants
      for (String group : contract.apiGroups()) {
        grant(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        for (Permission permission : List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE)) {
          grant(group, Resources.PROCESS_DEFINITION, contract.processKey(), permission);
        }
      }
      // a start form's group starts the process from Tasklist
      contract.startForm().ifPresent(form -> {
        grant(form.group(), Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        grant(form.group(), Resources.PROCESS_DEFINITION, contract.processKey(), ProcessDefinitionPermissions.CREATE_INSTANCE);
      });
    }
    for (String staff : Groups.STAFF) {
      grant(staff, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(staff, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
      ensureGroupFilter(staff);
    }
  }

  void ensureGroup(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
      log.info("Created group {}", id);
    }
  }

  private void ensureAdmin() {
    if (identityService.createUserQuery().userId(admin.username()).count() == 0) {
      User user = identityService.newUser(admin.username());
      user.setFirstName("System");
      user.setLastName("Administrator");
      user.setEmail(admin.email());
      user.setPassword(admin.password());
      identityService.saveUser(user);
      log.info("Created administrator {}", admin.username());
    }
    if (identityService.createUserQuery().userId(admin.username())
        .memberOfGroup(Groups.ADMIN).count() == 0) {
      identityService.createMembership(admin.username(), Groups.ADMIN);
    }
  }

  /** Adds the permission to the group's one authorization on that resource (Camunda allows one per group and resource). */
  void grant(String groupId, Resource resource, String resourceId, Permission permission) {
    Authorization authorization = authorizationService.createAuthorizationQuery().groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    } else if (authorization.isPermissionGranted(permission)) {
      return;
    }
    authorization.addPermission(permission);
    authorizationService.saveAuthorization(authorization);
  }

  /**
   * Tasklist shows a group's work without setup. Stored queries may not hold expressions
   * (hardening), so each group gets its own filter, readable by that group only. Its task cards show
   * which application a task is about; the properties are brought up to date on every start.
   */
  private void ensureGroupFilter(String groupId) {
    String name = GROUP_NAMES.get(groupId) + ": my group's tasks";
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", "Open tasks of the " + groupId + " group, claimed ones included");
    properties.put("priority", -10);
    properties.put("refresh", true);
    // the task-local copies that the task cards show (TaskCards)
    properties.put("variables", TaskCards.COLUMNS.entrySet().stream()
        .map(column -> cardVariable(column.getKey(), column.getValue())).toList());
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name);
      filter.setQuery(taskService.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks());
      filter.setProperties(properties);
      filterService.saveFilter(filter);
    } else if (!properties.equals(filter.getProperties())) {
      filter.setProperties(properties);
      filterService.saveFilter(filter);
    }
    grant(groupId, Resources.FILTER, filter.getId(), Permissions.READ);
  }

  private static Map<String, String> cardVariable(String name, String label) {
    Map<String, String> variable = new LinkedHashMap<>();
    variable.put("name", name);
    variable.put("label", label);
    return variable;
  }
}
