package org.peerflow.cases;

import java.security.SecureRandom;
import java.time.Year;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Readable, hard-to-guess business keys such as {@code APP-2026-K7Q2M9} for cases started without
 * one: a prefix per process (APP, POS, RA, IC), the year, six characters without look-alikes.
 */
public final class CaseIds {

  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CaseIds() {}

  public static String next(String prefix) {
    StringBuilder id = new StringBuilder(prefix)
        .append('-')
        .append(Year.from(ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneOffset.UTC)))
        .append('-');
    for (int i = 0; i < 6; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
