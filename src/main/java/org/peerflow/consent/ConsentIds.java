package org.peerflow.consent;

import java.security.SecureRandom;
import java.time.Year;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Readable, hard-to-guess consent ids such as {@code IC-2026-K7Q2M9} for consents proposed without one. */
final class ConsentIds {

  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ConsentIds() {}

  static String next() {
    StringBuilder id = new StringBuilder("IC-")
        .append(Year.from(ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC))).append('-');
    for (int i = 0; i < 6; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
