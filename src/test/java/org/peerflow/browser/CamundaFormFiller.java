package org.peerflow.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Fills a Camunda Form rendered by form-js in the Tasklist the way a person does: clicks radios,
 * checklist boxes and dropdown entries, types text and dates. The answers (by variable key) choose
 * the path; every other required field that is shown and still empty gets a plausible value, so a
 * new required field never needs a test change. form-js names each input
 * {@code fjs-form-<form instance>-<component id>} (options: {@code -<index>}, dates: {@code -date}).
 */
final class CamundaFormFiller {

  /** Whom the walk chooses when a form offers a choice of people and the step names nobody. */
  private static final Map<String, String> DEMO_PERSON =
      Map.of("supervisorChoices", "sam", "peerChoices", "pat", "clinicianChoices", "casey");

  private static final Set<String> NO_INPUT =
      Set.of("text", "html", "image", "spacer", "separator", "button", "group");
  private static final DateTimeFormatter TYPED_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

  private final WebDriver browser;
  private final WebDriverWait wait;
  private final LocalDate today;

  CamundaFormFiller(WebDriver browser, WebDriverWait wait, LocalDate today) {
    this.browser = browser;
    this.wait = wait;
    this.today = today;
  }

  /** Fills the form; fails if an answer names a field the form does not show. */
  void fill(JsonNode form, Map<String, ?> answers) {
    List<JsonNode> fields = inputs(form.path("components"), new ArrayList<>());
    for (String key : answers.keySet()) {
      if (fields.stream().noneMatch(field -> key.equals(field.path("key").asText()))) {
        throw new AssertionError(
            "Form '" + form.path("id").asText() + "' has no field '" + key + "' to answer");
      }
    }
    // in form order, so that a choice shows its conditional fields before they are filled
    for (JsonNode field : fields) {
      String key = field.path("key").asText();
      if (answers.containsKey(key)) {
        if (!shownSoon(field)) {
          throw new AssertionError("Form '" + form.path("id").asText() + "' does not show field '"
              + key + "' with these answers");
        }
        set(field, answers.get(key));
      }
    }
    for (JsonNode field : fields) {
      if (!answers.containsKey(field.path("key").asText())
          && field.path("validate").path("required").asBoolean()
          && shown(field)
          && isEmpty(field)) {
        set(field, plausibleValue(field));
      }
    }
  }

  private static List<JsonNode> inputs(JsonNode components, List<JsonNode> into) {
    for (JsonNode component : components) {
      if (component.has("components")) {
        inputs(component.path("components"), into);
      }
      if (!NO_INPUT.contains(component.path("type").asText())
          && component.hasNonNull("key")
          && !component.path("readonly").asBoolean()
          && !component.path("disabled").asBoolean()) {
        into.add(component);
      }
    }
    return into;
  }

  /** An answered field must be shown: the form may still be drawing it. */
  private boolean shownSoon(JsonNode field) {
    try {
      new WebDriverWait(browser, java.time.Duration.ofSeconds(5))
          .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(inputSelector(field))));
      return true;
    } catch (org.openqa.selenium.TimeoutException e) {
      return false;
    }
  }

  private boolean shown(JsonNode field) {
    return !browser.findElements(By.cssSelector(inputSelector(field))).isEmpty();
  }

  private static String inputSelector(JsonNode field) {
    String id = field.path("id").asText();
    return switch (field.path("type").asText()) {
      case "radio", "checklist" -> "input[id$='-" + id + "-0']";
      case "datetime" -> "input[id$='-" + id + "-date']";
      default -> "[id$='-" + id + "']";
    };
  }

  private void set(JsonNode field, Object value) {
    String id = field.path("id").asText();
    switch (field.path("type").asText()) {
      case "textfield", "textarea", "number" ->
        type(element("[id$='-" + id + "']"), String.valueOf(value));
      case "datetime" -> {
        LocalDate date = value instanceof LocalDate given
            ? given
            : LocalDate.parse(String.valueOf(value).substring(0, 10));
        WebElement input = element("input[id$='-" + id + "-date']");
        scrollTo(input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(date.format(TYPED_DATE), Keys.ENTER);
      }
      case "checkbox" -> {
        WebElement box = element("[id$='-" + id + "']");
        if (box.isSelected() != Boolean.TRUE.equals(value)) {
          click(box);
        }
      }
      case "radio" ->
        click(
            element("input[id$='-" + id + "-" + optionIndex(field, String.valueOf(value)) + "']"));
      case "checklist" -> {
        Collection<?> wanted = (Collection<?>) value;
        if (field.hasNonNull("valuesKey")) {
          // a choice of people, from a list the process put on the task: "Cole Walker (cole)";
          // found again for each box, since a click draws the list anew
          By boxes = By.cssSelector("input[id*='-" + id + "-']");
          for (int index = 0; index < browser.findElements(boxes).size(); index++) {
            int at = index;
            wait.ignoring(StaleElementReferenceException.class).until(driver -> {
              WebElement box = driver.findElements(boxes).get(at);
              String label = labelOf(box);
              if (box.isSelected()
                  != wanted.stream().anyMatch(v -> label.contains("(" + v + ")"))) {
                click(box);
              }
              return true;
            });
          }
          return;
        }
        for (int index = 0; index < field.path("values").size(); index++) {
          WebElement box = element("input[id$='-" + id + "-" + index + "']");
          if (box.isSelected()
              != wanted.contains(field.path("values").get(index).path("value").asText())) {
            click(box);
          }
        }
      }
      case "select" -> {
        click(element("[id$='-" + id + "-display']"));
        if (field.hasNonNull("valuesKey")) {
          // a choice of people, from a list the process put on the task: "Sam Serrano (sam)"
          click(wait.until(ExpectedConditions.elementToBeClickable(
              By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][contains(normalize-space(), "
                  + xpathLiteral("(" + value + ")") + ")]"))));
        } else {
          String label = field
              .path("values")
              .get(optionIndex(field, String.valueOf(value)))
              .path("label")
              .asText();
          click(wait.until(ExpectedConditions.elementToBeClickable(
              By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()="
                  + xpathLiteral(label) + "]"))));
        }
      }
      default ->
        throw new AssertionError("The browser walk cannot fill a '"
            + field.path("type").asText() + "' field yet (" + id + ")");
    }
  }

  private String labelOf(WebElement box) {
    List<WebElement> labels =
        browser.findElements(By.cssSelector("label[for='" + box.getAttribute("id") + "']"));
    return labels.isEmpty()
        ? box.findElement(By.xpath("./ancestor::label[1]")).getText()
        : labels.get(0).getText();
  }

  private boolean isEmpty(JsonNode field) {
    String id = field.path("id").asText();
    return switch (field.path("type").asText()) {
      case "checkbox" -> !element("[id$='-" + id + "']").isSelected();
      case "radio", "checklist" ->
        browser.findElements(By.cssSelector("input[id*='-" + id + "-']")).stream()
            .noneMatch(WebElement::isSelected);
      case "datetime" ->
        element("input[id$='-" + id + "-date']").getAttribute("value").isEmpty();
      case "select" -> {
        String shown = element("[id$='-" + id + "-display']").getText().trim();
        if (field.hasNonNull("valuesKey")) {
          yield !shown.endsWith(")");
        }
        boolean isOption = false;
        for (JsonNode option : field.path("values")) {
          isOption |= option.path("label").asText().equals(shown);
        }
        yield !isOption;
      }
      default -> element("[id$='-" + id + "']").getAttribute("value").isEmpty();
    };
  }

  private Object plausibleValue(JsonNode field) {
    return switch (field.path("type").asText()) {
      case "checkbox" -> true;
      case "select" ->
        field.hasNonNull("valuesKey")
            ? DEMO_PERSON.get(field.path("valuesKey").asText())
            : field.path("values").get(0).path("value").asText();
      case "radio" -> field.path("values").get(0).path("value").asText();
      case "checklist" -> List.of(field.path("values").get(0).path("value").asText());
      case "datetime" -> today;
      case "number" -> "1";
      default ->
        "email".equals(field.path("validate").path("validationType").asText())
            ? "walk@example.org"
            : "Entered in the Tasklist: "
                + field.path("label").asText(field.path("key").asText());
    };
  }

  private static int optionIndex(JsonNode field, String value) {
    for (int index = 0; index < field.path("values").size(); index++) {
      if (field.path("values").get(index).path("value").asText().equals(value)) {
        return index;
      }
    }
    throw new AssertionError(
        "Field '" + field.path("key").asText() + "' offers no option '" + value + "'");
  }

  private WebElement element(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  private void type(WebElement input, String text) {
    scrollTo(input);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(text);
    // form-js takes typed text into the form's data 300 ms later, or at once when the field loses
    // the focus: leave the field as a person does, so that Complete never submits the text before
    ((JavascriptExecutor) browser).executeScript("arguments[0].blur();", input);
  }

  private void click(WebElement element) {
    scrollTo(element);
    wait.until(ExpectedConditions.elementToBeClickable(element)).click();
  }

  private void scrollTo(WebElement element) {
    // a long form puts fields under the Tasklist's footer
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  private static String xpathLiteral(String text) {
    return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
  }
}
