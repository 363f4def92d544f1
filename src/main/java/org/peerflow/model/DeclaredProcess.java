package org.peerflow.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.instance.Process;

/**
 * What a process's diagram declares about its cases, beyond what the engine runs: the one reader of
 * the process-level {@code peerflow.*} extension properties (README "The compliance guard", "Access
 * model"), so that the compliance guard, the access deployer, per-case access, the case records and
 * the deadline e-mails read the same declaration the same way.
 * <ul>
 *   <li>{@code camunda:candidateStarterGroups} — who may start a case;</li>
 *   <li>{@code peerflow.readers} — groups that read every case;</li>
 *   <li>{@code peerflow.messengers} — groups that record what arrives from outside (REST messages);</li>
 *   <li>{@code peerflow.case-people} — {@code variable:group} pairs: the people a case names;</li>
 *   <li>{@code peerflow.escalate-to} — {@code hr-lead} (default), {@code none} or group ids;</li>
 *   <li>{@code peerflow.record} — {@code employment} (default) or {@code clinical}.</li>
 * </ul>
 * Group lists are comma-separated, kept in their declared order, as written (an expression stays an
 * expression: whoever cannot resolve one decides what it means). Immutable.
 */
public final class DeclaredProcess {

  public static final String READERS = "peerflow.readers";
  public static final String MESSENGERS = "peerflow.messengers";
  public static final String CASE_PEOPLE = "peerflow.case-people";
  public static final String ESCALATE_TO = "peerflow.escalate-to";
  public static final String RECORD = "peerflow.record";

  public static final String CLINICAL = "clinical";
  public static final String EMPLOYMENT = "employment";

  /** Who hears about an overdue task of the process. */
  public record Escalation(Kind kind, Set<String> groups) {

    public enum Kind {
      HR_LEAD,
      NOBODY,
      GROUPS
    }

    public static final String TO_HR_LEAD = "hr-lead";
    public static final String TO_NOBODY = "none";

    /** The default: to the HR lead. */
    public static Escalation toHrLead() {
      return new Escalation(Kind.HR_LEAD, Set.of());
    }

    static Escalation parse(String declared) {
      if (declared == null || TO_HR_LEAD.equals(declared)) {
        return toHrLead();
      }
      if (TO_NOBODY.equals(declared)) {
        return new Escalation(Kind.NOBODY, Set.of());
      }
      return new Escalation(Kind.GROUPS, groupIds(declared));
    }

    /** As a process owner writes it: {@code hr-lead}, {@code none} or the group ids. */
    @Override
    public String toString() {
      return switch (kind) {
        case HR_LEAD -> TO_HR_LEAD;
        case NOBODY -> TO_NOBODY;
        case GROUPS -> String.join(",", groups);
      };
    }
  }

  private final String key;
  private final Set<String> starterGroups;
  private final Set<String> readers;
  private final Set<String> messengers;
  private final List<CasePerson> casePeople;
  private final Escalation escalation;
  private final boolean clinicalRecord;

  private DeclaredProcess(String key, String starterGroups, PeerflowProperties properties) {
    this.key = key;
    this.starterGroups = groupIds(starterGroups);
    this.readers = groupIds(properties.value(READERS).orElse(null));
    this.messengers = groupIds(properties.value(MESSENGERS).orElse(null));
    this.casePeople = CasePerson.parse(properties.value(CASE_PEOPLE).orElse(null));
    this.escalation = Escalation.parse(properties.value(ESCALATE_TO).orElse(null));
    this.clinicalRecord = isClinical(properties.value(RECORD).orElse(EMPLOYMENT));
  }

  /**
   * Strict, because a typo ({@code Clinical}) would otherwise make a clinical record an employment
   * record, which HR reads.
   */
  private static boolean isClinical(String record) {
    if (!CLINICAL.equals(record) && !EMPLOYMENT.equals(record)) {
      throw new IllegalArgumentException(
          RECORD + " is '" + record + "'; write '" + EMPLOYMENT + "' or '" + CLINICAL + "'");
    }
    return CLINICAL.equals(record);
  }

  /**
   * @throws IllegalArgumentException when {@code peerflow.case-people} is not a list of
   *     {@code variable:group} pairs, or {@code peerflow.record} neither {@code employment} nor
   *     {@code clinical} (the model validator refuses such a diagram)
   */
  public static DeclaredProcess of(Process process) {
    return new DeclaredProcess(
        process.getId(),
        process.getCamundaCandidateStarterGroups(),
        PeerflowProperties.of(process));
  }

  /**
   * For a process the engine's own parser read (a parse listener sees XML elements, not the model).
   *
   * @throws IllegalArgumentException as {@link #of(Process)}
   */
  public static DeclaredProcess of(
      String key, String starterGroups, PeerflowProperties properties) {
    return new DeclaredProcess(key, starterGroups, properties);
  }

  /** A process the diagram does not contain: it declares nothing. */
  public static DeclaredProcess none(String key) {
    return new DeclaredProcess(key, null, PeerflowProperties.of(List.of()));
  }

  public String key() {
    return key;
  }

  public Set<String> starterGroups() {
    return starterGroups;
  }

  public Set<String> readers() {
    return readers;
  }

  public Set<String> messengers() {
    return messengers;
  }

  /** @return the people a case names, in declared order; empty when the process names none */
  public List<CasePerson> casePeople() {
    return casePeople;
  }

  public Escalation escalation() {
    return escalation;
  }

  /** A clinical record belongs to the treating team, never to hr. */
  public boolean isClinicalRecord() {
    return clinicalRecord;
  }

  /** Comma-separated ids, trimmed, without empty ones, in declared order. */
  static Set<String> groupIds(String commaSeparated) {
    if (commaSeparated == null) {
      return Set.of();
    }
    Set<String> ids = Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(id -> !id.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
    return Collections.unmodifiableSet(ids);
  }
}
