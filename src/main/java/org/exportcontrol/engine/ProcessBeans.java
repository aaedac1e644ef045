package org.exportcontrol.engine;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;

/**
 * The beans that diagrams may reach: those annotated {@link ProcessBean}.
 *
 * <p>Handed to the engine's expression manager instead of the whole application context. The beans
 * are looked up on first use, so delegates may depend on engine services without a cycle.
 */
public class ProcessBeans extends AbstractMap<Object, Object> {

  private final ApplicationContext context;
  private volatile Set<String> names;

  public ProcessBeans(ApplicationContext context) {
    this.context = context;
  }

  /** Names of the beans that expressions may use, sorted. */
  public Set<String> names() {
    Set<String> result = names;
    if (result == null) {
      result = new TreeSet<>(Set.of(context.getBeanNamesForAnnotation(ProcessBean.class)));
      names = result;
    }
    return result;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String name && names().contains(name);
  }

  @Override
  public Object get(Object key) {
    return containsKey(key) ? context.getBean((String) key) : null;
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    return names().stream()
        .map(name -> Map.entry((Object) name, context.getBean(name)))
        .collect(Collectors.toUnmodifiableSet());
  }
}
