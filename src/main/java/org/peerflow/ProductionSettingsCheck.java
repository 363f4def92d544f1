package org.peerflow;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the production profile's settings before anything starts, so that a missing or wrong
 * setting stops Peerflow with one message naming it instead of a stack trace from the database
 * pool or the mail sender.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

  static final String PROFILE = "production";

  record Setting(String name, String meaning, Predicate<String> valid, String expected) {}

  static final List<Setting> SETTINGS = List.of(
      new Setting(
          "PEERFLOW_DB_URL",
          "the JDBC URL of the PostgreSQL database",
          value -> value.startsWith("jdbc:postgresql://"),
          "jdbc:postgresql://host:5432/peerflow"),
      new Setting("PEERFLOW_DB_USER", "the database user", value -> true, "a user name"),
      new Setting("PEERFLOW_DB_PASSWORD", "the database password", value -> true, "a password"),
      new Setting(
          "PEERFLOW_SMTP_HOST",
          "the SMTP server's host name",
          value -> !value.contains(":"),
          "a host name without port"),
      new Setting(
          "PEERFLOW_SMTP_PORT",
          "the SMTP server's port",
          ProductionSettingsCheck::isPort,
          "a number from 1 to 65535"),
      new Setting(
          "PEERFLOW_MAIL_FROM",
          "the sender address of Peerflow's e-mails",
          value -> value.matches("[^@\\s]+@[^@\\s]+"),
          "an e-mail address"),
      new Setting(
          "PEERFLOW_BASE_URL",
          "the address users open Peerflow at, used in e-mail links",
          value -> value.matches("https?://\\S+"),
          "https://peerflow.example.org"),
      new Setting(
          "PEERFLOW_ADMIN_USER",
          "the first administrator's user id",
          value -> value.matches("[A-Za-z0-9._-]+"),
          "letters, digits, dot, dash or underscore"),
      new Setting(
          "PEERFLOW_ADMIN_PASSWORD",
          "the first administrator's password",
          value -> value.length() >= 12,
          "at least 12 characters"),
      new Setting(
          "PEERFLOW_HR_LEAD",
          "the user id of the HR lead, who receives escalations",
          value -> value.matches("[A-Za-z0-9._-]+"),
          "a user id"));

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains(PROFILE)) {
      return;
    }
    for (Setting setting : SETTINGS) {
      String value = environment.getProperty(setting.name());
      if (value == null || value.isBlank()) {
        throw new InvalidSettingException(setting, "is not set");
      }
      if (!setting.valid().test(value.trim())) {
        throw new InvalidSettingException(setting, "has an invalid value");
      }
    }
  }

  private static boolean isPort(String value) {
    try {
      int port = Integer.parseInt(value);
      return port > 0 && port < 65536;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A production setting that is missing or wrong; the message never echoes the value. */
  public static class InvalidSettingException extends IllegalStateException {
    final Setting setting;

    InvalidSettingException(Setting setting, String problem) {
      super("The setting " + setting.name() + " (" + setting.meaning() + ") " + problem
          + "; expected " + setting.expected() + ".");
      this.setting = setting;
    }
  }
}
