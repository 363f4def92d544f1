package org.peerflow.hiring;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The jurisdictions Peerflow has rules for are the rows of the process owners' decision table
 * {@value #PRE_OFFER_TABLE}; a position or application elsewhere is refused instead of silently
 * getting another place's rules.
 */
@Component
class Jurisdictions {

  static final String PRE_OFFER_TABLE = "hiring-pre-offer-checks";

  private final DecisionService decisionService;

  Jurisdictions(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  void requireKnown(String jurisdiction) {
    boolean known = Context.getCommandContext()
        .runWithoutAuthorization(() -> !decisionService
            .evaluateDecisionTableByKey(
                PRE_OFFER_TABLE, Variables.createVariables().putValue("jurisdiction", jurisdiction))
            .isEmpty());
    if (!known) {
      throw new BadUserRequestException(
          "Unknown jurisdiction '" + jurisdiction + "': the decision table " + PRE_OFFER_TABLE
              + " (processes/" + PRE_OFFER_TABLE + ".dmn) has no row for it.");
    }
  }
}
