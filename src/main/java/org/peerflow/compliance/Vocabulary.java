package org.peerflow.compliance;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words that show a step or a form handles criminal history or medical data although nobody
 * classified it: the safety net for an unclassified new step.
 */
enum Vocabulary {
  CRIMINAL_HISTORY(
      "criminal history",
      Pattern.compile(
          "(?i)(arrest|convict|criminal|offen[cs]e|felon|misdemeanou?r|background.?check|\\bcori\\b|incarcerat|"
              + "\\bjail|prison|expunge|rap.?sheet|record.?check|sealed.?record|record.?sealing|parole|probation)")),
  MEDICAL(
      "medical data",
      Pattern.compile(
          "(?i)(diagnos|medical|health.?(condition|information|record)|medication|psychiatr|symptom|"
              + "functional.?limitation|\\blimitations?\\b|impairment|prescri|clinician|doctor|physician|"
              // whether a person was a client is health information (HIPAA; 42 CFR Part 2 for
              // substance use services)
              + "client.?index|former.?client|dual.?relationship)"));

  private final String description;
  private final Pattern pattern;

  Vocabulary(String description, Pattern pattern) {
    this.description = description;
    this.pattern = pattern;
  }

  String description() {
    return description;
  }

  /** @return the word found, for the error message */
  Optional<String> find(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
  }
}
