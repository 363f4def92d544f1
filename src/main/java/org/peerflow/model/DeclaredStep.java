package org.peerflow.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.instance.BaseElement;

/**
 * How a process owner classifies one step, as {@code peerflow.*} extension properties of the step
 * (what the values mean for the law: {@code org.peerflow.compliance.Classification}):
 * <ul>
 *   <li>{@code peerflow.data} — the confidential data the step reads or writes, comma-separated
 *       ({@code criminal-history}, {@code background-check}, {@code medical} or {@code none});</li>
 *   <li>{@code peerflow.milestone} — e.g. {@code conditional-offer}, {@code refusal};</li>
 *   <li>{@code peerflow.neutral} = {@code true} — the step does nothing to the client.</li>
 * </ul>
 */
public final class DeclaredStep {

  public static final String DATA = "peerflow.data";
  public static final String MILESTONE = "peerflow.milestone";
  public static final String NEUTRAL = "peerflow.neutral";

  private final Optional<Set<String>> data;
  private final Optional<String> milestone;
  private final boolean neutral;

  private DeclaredStep(PeerflowProperties properties) {
    this.data = properties
        .value(DATA)
        .map(value -> Arrays.stream(value.split(","))
            .map(String::strip)
            .filter(part -> !part.isEmpty())
            .collect(Collectors.toUnmodifiableSet()));
    this.milestone = properties.value(MILESTONE);
    this.neutral = properties.value(NEUTRAL).map("true"::equalsIgnoreCase).orElse(false);
  }

  public static DeclaredStep of(BaseElement step) {
    return new DeclaredStep(PeerflowProperties.of(step));
  }

  /** @return the declared data categories; empty when the step is unclassified */
  public Optional<Set<String>> data() {
    return data;
  }

  public Optional<String> milestone() {
    return milestone;
  }

  public boolean isNeutral() {
    return neutral;
  }
}
