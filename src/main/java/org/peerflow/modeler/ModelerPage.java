package org.peerflow.modeler;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /modeler}: the page process owners edit and deploy models on. The editors themselves
 * (bpmn-js, dmn-js, form-js from npm, built into the jar) are static files under /modeler/vendor;
 * this page, which lists what is deployed, is only for modeler users.
 */
@RestController
class ModelerPage {

  private static final String WELCOME = "/camunda/app/welcome/default/";
  private final ModelerAccess access;
  private final String page;

  ModelerPage(ModelerAccess access) {
    this.access = access;
    try (InputStream in = new ClassPathResource("modeler/index.html").getInputStream()) {
      this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("The modeler page is missing from the jar", e);
    }
  }

  @GetMapping({"/modeler", "/modeler/"})
  ResponseEntity<String> page(HttpServletRequest request) {
    try {
      access.require(request);
    } catch (ResponseStatusException refused) {
      ResponseEntity.BodyBuilder answer =
          ResponseEntity.status(refused.getStatusCode()).contentType(MediaType.TEXT_HTML);
      if (refused.getStatusCode() == HttpStatus.UNAUTHORIZED) {
        answer.header(
            HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Peerflow modeler\", charset=\"UTF-8\"");
      }
      return answer.body(
          "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Peerflow modeler</title></head><body><p>"
              + org.springframework.web.util.HtmlUtils.htmlEscape(refused.getReason())
              + ". <a href=\"" + WELCOME
              + "\">Log in to Peerflow</a>, then open this page again.</p></body></html>");
    }
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        // everything the editors need comes from this server: no CDN, works offline;
        // bpmn-js sets inline styles on the canvas, so inline styles are allowed
        .header(
            "Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'")
        .body(page);
  }
}
