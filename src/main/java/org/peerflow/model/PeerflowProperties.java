package org.peerflow.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The {@code peerflow.*} extension properties ({@code camunda:property}, Desktop Modeler's
 * "Extension properties") of one diagram element, read once. A name given twice is kept as a
 * {@link Duplicate}: the model validator refuses such a diagram, and until then every reader
 * takes the first value, so no two readers can disagree. Values are trimmed; a blank one counts as
 * not given. {@link DeclaredProcess} and {@link DeclaredStep} say what the values mean.
 */
public final class PeerflowProperties {

  public static final String PREFIX = "peerflow.";

  /** One {@code camunda:property} as written. */
  public record Entry(String name, String value) {}

  /** A name given more than once: the first two values. */
  public record Duplicate(String name, String first, String second) {}

  private static final PeerflowProperties NONE = new PeerflowProperties(Map.of(), List.of());

  private final Map<String, String> values;
  private final List<Duplicate> duplicates;

  private PeerflowProperties(Map<String, String> values, List<Duplicate> duplicates) {
    this.values = values;
    this.duplicates = duplicates;
  }

  /** The properties of a diagram element (a process, a step), from every {@code camunda:properties} it has. */
  public static PeerflowProperties of(BaseElement element) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return NONE;
    }
    List<Entry> entries = new ArrayList<>();
    for (CamundaProperties properties :
        extensions.getElementsQuery().filterByType(CamundaProperties.class).list()) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        entries.add(new Entry(property.getCamundaName(), property.getCamundaValue()));
      }
    }
    return of(entries);
  }

  /** The properties as the engine's own parser or a caller found them, in document order. */
  public static PeerflowProperties of(List<Entry> entries) {
    Map<String, String> raw = new LinkedHashMap<>();
    List<Duplicate> duplicates = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.name() == null || !entry.name().startsWith(PREFIX)) {
        continue; // another extension's property: not ours to read or refuse
      }
      if (raw.containsKey(entry.name())) {
        if (duplicates.stream().noneMatch(duplicate -> duplicate.name().equals(entry.name()))) {
          duplicates.add(new Duplicate(entry.name(), raw.get(entry.name()), entry.value()));
        }
      } else {
        raw.put(entry.name(), entry.value());
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    raw.forEach((name, value) -> {
      if (value != null && !value.isBlank()) {
        values.put(name, value.strip());
      }
    });
    return new PeerflowProperties(Map.copyOf(values), List.copyOf(duplicates));
  }

  /** @return the trimmed value; empty when the property is not given or blank */
  public Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** @return the names given more than once, each with its first two values */
  public List<Duplicate> duplicates() {
    return duplicates;
  }
}
