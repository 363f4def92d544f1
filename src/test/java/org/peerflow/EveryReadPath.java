package org.peerflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;

/**
 * Every REST path through which a user could read case data — runtime and history variables,
 * task and form variables, instances, executions, activity and operation logs — checked for a
 * confidential value over real HTTP, as that user.
 */
public final class EveryReadPath {

  private EveryReadPath() {}

  /**
   * @param instanceIds process instances whose own paths are read too (runtime and history)
   */
  public static void assertNoneReveals(
      Rest rest, String user, String secret, String... instanceIds) {
    List<String> paths = new ArrayList<>(List.of(
        "/engine-rest/task",
        "/engine-rest/process-instance",
        "/engine-rest/variable-instance",
        "/engine-rest/execution",
        "/engine-rest/history/variable-instance",
        "/engine-rest/history/detail",
        "/engine-rest/history/process-instance",
        "/engine-rest/history/activity-instance",
        "/engine-rest/history/task",
        "/engine-rest/history/user-operation",
        "/engine-rest/history/incident"));
    for (String id : instanceIds) {
      paths.add("/engine-rest/variable-instance?processInstanceIdIn=" + id);
      paths.add("/engine-rest/history/variable-instance?processInstanceId=" + id);
      paths.add("/engine-rest/history/detail?processInstanceId=" + id);
      paths.add("/engine-rest/process-instance/" + id + "/variables");
    }
    for (JsonNode task : rest.get(user, "/engine-rest/task").json()) {
      paths.add("/engine-rest/task/" + task.get("id").asText() + "/variables");
      paths.add("/engine-rest/task/" + task.get("id").asText() + "/form-variables");
    }
    for (String path : paths) {
      Rest.Response response = rest.get(user, path);
      Assertions.assertThat(response.body())
          .as("GET " + path + " as " + user)
          .doesNotContain(secret);
    }
  }

  /** Every runtime and history path of one instance, as the user: nothing. */
  public static void assertReadsNothingOf(Rest rest, String user, String instanceId) {
    for (String path : List.of(
        "/engine-rest/task?processInstanceId=",
        "/engine-rest/process-instance?processInstanceIds=",
        "/engine-rest/variable-instance?processInstanceIdIn=",
        "/engine-rest/execution?processInstanceId=",
        "/engine-rest/history/process-instance?processInstanceId=",
        "/engine-rest/history/variable-instance?processInstanceId=",
        "/engine-rest/history/detail?processInstanceId=",
        "/engine-rest/history/activity-instance?processInstanceId=",
        "/engine-rest/history/task?processInstanceId=",
        "/engine-rest/history/user-operation?processInstanceId=",
        "/engine-rest/history/incident?processInstanceId=",
        "/engine-rest/incident?processInstanceId=",
        "/engine-rest/job?processInstanceId=")) {
      Rest.Response response = rest.get(user, path + instanceId);
      Assertions.assertThat(response.status())
          .as("GET " + path + instanceId + " as " + user)
          .isEqualTo(200);
      Assertions.assertThat(response.json())
          .as("GET " + path + instanceId + " as " + user)
          .isEmpty();
    }
    for (String path : List.of(
        "/engine-rest/process-instance/%s",
        "/engine-rest/process-instance/%s/variables",
        "/engine-rest/process-instance/%s/activity-instances",
        "/engine-rest/history/process-instance/%s")) {
      Rest.Response response = rest.get(user, path.formatted(instanceId));
      Assertions.assertThat(response.status())
          .as("GET " + path.formatted(instanceId) + " as " + user)
          .isIn(403, 404);
    }
  }
}
