package org.exportcontrol.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the Java code and one process diagram agree on, in one place per process: its key, its user
 * tasks with the group that does each and the fields each may set, and who may start it by hand.
 * The engine's rules read these (the completion guard, the task gate, the identity set-up): a user
 * task that no contract declares may set nothing, and a contract process's diagram whose user tasks
 * differ from its contract is refused at deploy. Subclasses are Spring beans, one per process,
 * beside the code of their feature; they also name the process's messages and variables as constants.
 */
public abstract class ProcessContract {

  private final String processKey;
  private final List<UserTask> userTasks;
  private final List<String> apiGroups;
  private final StartForm startForm;

  /**
   * @param userTasks the process's user tasks
   * @param apiGroups the groups whose members the project's API acts for when it starts this process
   *     or sends it a message (the applicant who applies, answers or confirms a shutdown; the
   *     compliance officer who files a report): they need the engine's authorizations for it, though
   *     /engine-rest stays closed to applicants and the engine's API to everyone outside
   *     {@link Privileged}
   * @param startForm who may start the process by hand (Tasklist's start form) and with which
   *     fields; null: only the project's code starts it
   */
  protected ProcessContract(String processKey, List<UserTask> userTasks, List<String> apiGroups, StartForm startForm) {
    this.processKey = processKey;
    this.userTasks = List.copyOf(userTasks);
    this.apiGroups = List.copyOf(apiGroups);
    this.startForm = startForm;
  }

  /** A process without user tasks that only the project's code starts and messages. */
  protected ProcessContract(String processKey) {
    this(processKey, List.of(), List.of(), null);
  }

  public final String processKey() {
    return processKey;
  }

  public final List<UserTask> userTasks() {
    return userTasks;
  }

  public final List<String> apiGroups() {
    return apiGroups;
  }

  public final Optional<StartForm> startForm() {
    return Optional.ofNullable(startForm);
  }

  /**
   * @param key the task definition key (the diagram's element id)
   * @param candidateGroup the group (the diagram's only candidate group) whose members may claim and
   *     complete it
   * @param fields the variables a completion may set
   * @param stepUpGroup null, or a group that the process adds to a task it steps up (a repeatedly
   *     missed shutdown deadline): its members may then claim and complete that task too, and only that one
   */
  public record UserTask(String key, String candidateGroup, Set<String> fields, String stepUpGroup) {

    public UserTask(String key, String candidateGroup, String... fields) {
      this(key, candidateGroup, Set.of(fields), null);
    }

    /** The same task, which the process may step up to {@code group}. */
    public UserTask steppingUpTo(String group) {
      return new UserTask(key, candidateGroup, fields, group);
    }
  }

  public record StartForm(String group, Set<String> fields) {}
}
