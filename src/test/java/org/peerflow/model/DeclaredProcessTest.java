package org.peerflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerflow.model.DeclaredProcess.Escalation;

/** The one reader of a process's Peerflow properties, on models built in code, without an engine. */
class DeclaredProcessTest {

  @Test
  void
      aProcessThatDeclaresNothingHasNoReadersNoCasePeopleEscalatesToTheHrLeadAndIsAnEmploymentRecord() {
    DeclaredProcess declared = new DeclaredModels().declared();

    assertThat(declared.key()).isEqualTo(DeclaredModels.KEY);
    assertThat(declared.starterGroups()).isEmpty();
    assertThat(declared.readers()).isEmpty();
    assertThat(declared.messengers()).isEmpty();
    assertThat(declared.casePeople()).isEmpty();
    assertThat(declared.escalation()).isEqualTo(Escalation.toHrLead());
    assertThat(declared.isClinicalRecord()).isFalse();
  }

  @Test
  void groupListsAreTrimmedInDeclaredOrderWithoutEmptyEntries() {
    DeclaredProcess declared = new DeclaredModels()
        .starters("hr, supervisors")
        .process(DeclaredProcess.READERS, " supervisors ,hr,, ")
        .process(DeclaredProcess.MESSENGERS, "hr")
        .declared();

    assertThat(declared.starterGroups()).containsExactly("hr", "supervisors");
    assertThat(declared.readers()).containsExactly("supervisors", "hr");
    assertThat(declared.messengers()).containsExactly("hr");
  }

  @Test
  void anExpressionInAGroupListIsKeptAsWrittenForItsReaderToJudge() {
    assertThat(new DeclaredModels()
            .process(DeclaredProcess.READERS, "hr, ${readers}")
            .declared()
            .readers())
        .containsExactly("hr", "${readers}");
  }

  @Test
  void casePeopleAreVariableGroupPairsInDeclaredOrder() {
    DeclaredProcess declared = new DeclaredModels()
        .process(
            DeclaredProcess.CASE_PEOPLE,
            "supervisorId:supervisors, supportingPeer : peer-specialists")
        .declared();

    assertThat(declared.casePeople())
        .containsExactly(
            new CasePerson("supervisorId", "supervisors"),
            new CasePerson("supportingPeer", "peer-specialists"));
  }

  @Test
  void aCasePeopleEntryThatIsNotAVariableGroupPairIsRefusedNamingIt() {
    DeclaredModels model =
        new DeclaredModels().process(DeclaredProcess.CASE_PEOPLE, "supervisorId:supervisors, hr");

    assertThatThrownBy(model::declared)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'hr' in peerflow.case-people is not 'variable:group' (for example 'supervisorId:supervisors')");
  }

  @Test
  void escalationGoesToTheHrLeadToNobodyOrToTheGroupsDeclared() {
    assertThat(new DeclaredModels()
            .process(DeclaredProcess.ESCALATE_TO, "hr-lead")
            .declared()
            .escalation()
            .kind())
        .isEqualTo(Escalation.Kind.HR_LEAD);
    assertThat(new DeclaredModels()
            .process(DeclaredProcess.ESCALATE_TO, " none ")
            .declared()
            .escalation()
            .kind())
        .isEqualTo(Escalation.Kind.NOBODY);
    Escalation toGroups = new DeclaredModels()
        .process(DeclaredProcess.ESCALATE_TO, "clinicians, hr")
        .declared()
        .escalation();
    assertThat(toGroups.kind()).isEqualTo(Escalation.Kind.GROUPS);
    assertThat(toGroups.groups()).containsExactly("clinicians", "hr");
    assertThat(toGroups).hasToString("clinicians,hr");
  }

  @Test
  void onlyRecordClinicalMakesAClinicalRecord() {
    assertThat(new DeclaredModels()
            .process(DeclaredProcess.RECORD, "clinical")
            .declared()
            .isClinicalRecord())
        .isTrue();
    assertThat(new DeclaredModels()
            .process(DeclaredProcess.RECORD, "employment")
            .declared()
            .isClinicalRecord())
        .isFalse();
  }

  @Test
  void aMistypedRecordKindIsRefusedRatherThanReadAsAnEmploymentRecord() {
    assertThatThrownBy(() ->
            new DeclaredModels().process(DeclaredProcess.RECORD, "Clinical").declared())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("peerflow.record is 'Clinical'");
  }

  @Test
  void aBlankValueDeclaresNothing() {
    DeclaredProcess declared = new DeclaredModels()
        .process(DeclaredProcess.READERS, "  ")
        .process(DeclaredProcess.ESCALATE_TO, "")
        .declared();

    assertThat(declared.readers()).isEmpty();
    assertThat(declared.escalation().kind()).isEqualTo(Escalation.Kind.HR_LEAD);
  }

  @Test
  void aPropertyGivenTwiceIsReadAsItsFirstValueAndReportedForTheValidatorToRefuse() {
    DeclaredModels model = new DeclaredModels()
        .process(DeclaredProcess.READERS, "hr")
        .process(DeclaredProcess.READERS, "supervisors")
        .process("other.tool", "a")
        .process("other.tool", "b");

    assertThat(model.declared().readers()).containsExactly("hr");
    assertThat(PeerflowProperties.of(model.process()).duplicates())
        .containsExactly(
            new PeerflowProperties.Duplicate(DeclaredProcess.READERS, "hr", "supervisors"));
  }

  @Test
  void theEngineParsersPropertiesMeanTheSameAsTheModels() {
    DeclaredProcess declared = DeclaredProcess.of(
        "demo",
        "hr",
        PeerflowProperties.of(List.of(
            new PeerflowProperties.Entry(DeclaredProcess.CASE_PEOPLE, "supervisorId:supervisors"),
            new PeerflowProperties.Entry(DeclaredProcess.READERS, "hr"))));

    assertThat(declared.starterGroups()).containsExactly("hr");
    assertThat(declared.readers()).containsExactly("hr");
    assertThat(declared.casePeople())
        .containsExactly(new CasePerson("supervisorId", "supervisors"));
  }

  @Test
  void aStepsClassificationIsItsDataMilestoneAndNeutrality() {
    DeclaredModels model = new DeclaredModels()
        .property(DeclaredModels.STEP, DeclaredStep.DATA, "criminal-history, medical")
        .property(DeclaredModels.STEP, DeclaredStep.MILESTONE, "refusal")
        .property(DeclaredModels.STEP, DeclaredStep.NEUTRAL, "TRUE");

    DeclaredStep step = DeclaredStep.of(model.step());

    assertThat(step.data())
        .hasValueSatisfying(
            data -> assertThat(data).containsExactlyInAnyOrder("criminal-history", "medical"));
    assertThat(step.milestone()).hasValue("refusal");
    assertThat(step.isNeutral()).isTrue();
  }

  @Test
  void anUnclassifiedStepDeclaresNoDataRatherThanNone() {
    DeclaredStep step = DeclaredStep.of(new DeclaredModels().step());

    assertThat(step.data()).isEmpty();
    assertThat(step.milestone()).isEmpty();
    assertThat(step.isNeutral()).isFalse();
  }
}
