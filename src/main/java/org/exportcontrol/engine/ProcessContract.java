package org.exportcontrol.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the Java code and one process diagram agree on, in one place per process: its key, its user
 * tasks with the group that does each and the fields each may set, and who may start it by hand.
 * The engine's rules read these (the completion guard, the task gate, the identity set-up): a user
 * task that no contract declares may set nothing, and a contract process's diagram whose user tasks
 * differ from its contract is refused at deploy. Implementations are Spring beans, one per process,
 * beside the code of their feature; they also name the process's messages and variables as constants.
 */
public interface ProcessContract {

  String processKey();

  default List<UserTask> userTasks() {
    return List.of();
  }

  /**
   * The groups whose members the project's API acts for when it starts this process or sends it a
   * message (the applicant who applies, answers or confirms a shutdown; the compliance officer who
   * files a report): they need the engine's authorizations for it, though /engine-rest stays closed
   * to applicants and the engine's API to everyone outside {@link Privileged}.
   */
  default List<String> apiGroups() {
    return List.of();
  }

  /** Who may start the process by hand (Tasklist's start form) and with which fields; empty: only the project's code starts it. */
  default Optional<StartForm> startForm() {
    return Optional.empty();
  }

  /**
   * @param key the task definition key (the diagram's element id)
   * @param candidateGroup the only group whose members may claim and complete it
   * @param fields the variables a completion may set
   */
  record UserTask(String key, String candidateGroup, Set<String> fields) {

    public UserTask(String key, String candidateGroup, String... fields) {
      this(key, candidateGroup, Set.of(fields));
    }
  }

  record StartForm(String group, Set<String> fields) {}
}
