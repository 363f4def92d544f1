package org.peerflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Real HTTP calls against the running test server, logged in by HTTP Basic as a demo user (whose
 * password is his user id) or anonymous, so that tests see exactly what that user would see.
 */
public final class Rest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();

  public record Response(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (HTTP " + status + "): " + body, e);
      }
    }
  }

  private final String baseUrl;

  public Rest(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  public Response get(String user, String path) {
    return send(request(user, path).GET());
  }

  /** For a user whose password is not his id (the production administrator). */
  public Response getAs(String user, String password, String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Authorization", basic(user, password))
        .GET());
  }

  public Response postJson(String user, String path, Object body) {
    try {
      return send(request(user, path)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Any JSON call for a user whose password is not his id (the production administrator, users a
   * drill creates); {@code jsonBody} null sends no body.
   */
  public Response call(String method, String user, String password, String path, Object jsonBody) {
    try {
      HttpRequest.BodyPublisher body = jsonBody == null
          ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(jsonBody));
      return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Authorization", basic(user, password))
          .header("Content-Type", "application/json")
          .method(method, body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A multipart/form-data POST as Desktop Modeler's Deploy button sends it. */
  public Response postMultipart(
      String user, String path, Map<String, String> fields, Map<String, byte[]> files) {
    String boundary = "peerflow-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach((name, value) -> write(
        body,
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
            + value + "\r\n"));
    files.forEach((name, bytes) -> {
      write(
          body,
          "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
              + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(bytes);
      write(body, "\r\n");
    });
    write(body, "--" + boundary + "--\r\n");
    return send(request(user, path)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private HttpRequest.Builder request(String user, String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (user != null) {
      builder.header("Authorization", basic(user, user)); // demo users' password is their id
    }
    return builder;
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
