package org.exportcontrol.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
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
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.engine.ProcessContracts;
import org.exportcontrol.engine.TaskCards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates, on every start and idempotently, what the system needs in any environment: the groups,
 * their authorizations, one Tasklist filter per staff group, "All open work" and "Overdue" for those
 * who oversee the work, and the administrator.
 */
@Component
@Order(0)
@EnableScheduling
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

  /** Tasklist filter names for those who oversee the work (issue 16, 11). */
  public static final String ALL_OPEN_WORK = "All open work";
  public static final String OVERDUE = "Overdue";

  /** Who sees every open task: administrators, licensing officers, and the heads of unit. */
  static final List<String> OVERSEERS = List.of(Groups.ADMIN, Groups.LICENSING_OFFICERS, Groups.LICENSING_MANAGERS);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final AdminProperties admin;
  private final ProcessContracts contracts;
  private final Clock clock;

  public IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
      FilterService filterService, TaskService taskService, AdminProperties admin, ProcessContracts contracts,
      Clock clock) {
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
    this.clock = clock;
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
    // Officers and heads of unit oversee all open work: they read every task (a group grant, so a
    // barred officer's own revocation still hides a task from him, engine.BarredCandidates); taking
    // one stays with its candidates (TASK_WORK comes from the task's candidate group only).
    for (String overseer : OVERSEERS) {
      if (!Groups.ADMIN.equals(overseer)) {
        grant(overseer, Resources.TASK, Authorization.ANY, Permissions.READ);
      }
    }
    ensureFilter(ALL_OPEN_WORK, "Every open task of every process, overdue ones first", -20,
        taskService.createTaskQuery().orderByDueDate().asc(), OVERSEERS);
    ensureFilter(OVERDUE, "Open tasks past their due date, the longest overdue first", -15, overdueNow(), OVERSEERS);
  }

  /**
   * The "Overdue" filter's query holds the time of its last refresh: stored queries may not hold
   * expressions such as {@code ${now()}} (hardening), so the moment is written in and moved on every
   * minute. A task is listed at most a minute after its due date has passed.
   */
  @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
  public void refreshOverdueFilter() {
    // only the moment moves: properties and grants were set at start-up
    Filter filter = filterService.createFilterQuery().filterName(OVERDUE).singleResult();
    if (filter == null || movedLately(filter)) {
      return;
    }
    filter.setQuery(overdueNow());
    try {
      filterService.saveFilter(filter);
    } catch (OptimisticLockingException e) {
      // another node moved it in the same moment (several nodes, ADR 0035): once is enough
      log.debug("The Overdue filter was refreshed by another node");
    }
  }

  /** Another node moved the moment less than a refresh ago: every node runs this schedule. */
  private boolean movedLately(Filter filter) {
    Date moment = filter.getQuery() instanceof TaskQueryImpl query ? query.getDueBefore() : null;
    Instant now = clock.instant();
    return moment != null && !moment.toInstant().isBefore(now.minusSeconds(50)) && !moment.toInstant().isAfter(now);
  }

  private TaskQuery overdueNow() {
    return taskService.createTaskQuery().dueBefore(Date.from(clock.instant())).orderByDueDate().asc();
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
    ensureFilter(GROUP_NAMES.get(groupId) + ": my group's tasks", "Open tasks of the " + groupId
        + " group, claimed ones included, overdue ones first", -10,
        taskService.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks().orderByDueDate().asc(),
        List.of(groupId));
  }

  /**
   * A filter readable by the given groups, its query and properties brought up to date on every
   * start. Its cards show the task-local copies of {@link TaskCards}; the earliest due date comes
   * first, so overdue work leads every list (Tasklist sorts by the filter's order until a user picks
   * another).
   */
  private void ensureFilter(String name, String description, int priority, TaskQuery query, List<String> readers) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    properties.put("variables", TaskCards.COLUMNS.entrySet().stream()
        .map(column -> cardVariable(column.getKey(), column.getValue())).toList());
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name);
    }
    filter.setQuery(query);
    filter.setProperties(properties);
    filterService.saveFilter(filter);
    for (String group : readers) {
      grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

  private static Map<String, String> cardVariable(String name, String label) {
    Map<String, String> variable = new LinkedHashMap<>();
    variable.put("name", name);
    variable.put("label", label);
    return variable;
  }
}
