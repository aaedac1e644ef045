package org.exportcontrol.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every {@link ProcessContract} of the application, by process key. */
@Component
public class ProcessContracts {

  private final Map<String, ProcessContract> byKey;

  public ProcessContracts(List<ProcessContract> contracts) {
    this.byKey = contracts.stream().collect(Collectors.toUnmodifiableMap(ProcessContract::processKey, Function.identity()));
  }

  public Optional<ProcessContract> of(String processKey) {
    return Optional.ofNullable(processKey == null ? null : byKey.get(processKey));
  }

  public Optional<ProcessContract.UserTask> userTask(String processKey, String taskKey) {
    return of(processKey).flatMap(c -> c.userTasks().stream().filter(t -> t.key().equals(taskKey)).findFirst());
  }

  public List<ProcessContract> all() {
    return List.copyOf(byKey.values());
  }
}
