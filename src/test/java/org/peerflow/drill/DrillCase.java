package org.peerflow.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.peerflow.Mailbox;
import org.peerflow.Rest;

/**
 * The case the drills load Peerflow with, deployed over REST like a process owner's model so that
 * it passes every deployment check: each instance gives {@code hr} a task at once and a follow-up
 * task when its timer ({@value #TIMER}) fires; each task is announced by e-mail to harper through
 * the outbox. A message {@value #WITHDRAWAL} records a withdrawal at any time (a non-interrupting
 * event subprocess, so the rest of the case runs on), as a consent withdrawal is recorded.
 */
final class DrillCase {

  static final String KEY = "drill-case";
  static final String TIMER = "PT10S";
  static final String HR_USER = "harper";
  static final String HR_ADDRESS = "harper@example.org";
  static final int TASKS_PER_INSTANCE = 2;
  static final String WITHDRAWAL = "drill-withdrawal";

  private static final Pattern TASK_LINK = Pattern.compile("\\?task=([0-9a-f-]{36})");

  private DrillCase() {}

  /** Creates harper (hr) and owen (process-owners), password = user id, and deploys the case as owen. */
  static void prepare(PeerflowNode node) {
    user(node, HR_USER, HR_ADDRESS, "hr");
    user(node, "owen", "owen@example.org", "process-owners");
    Rest.Response deployed = node.rest()
        .postMultipart(
            "owen",
            "/engine-rest/deployment/create",
            Map.of("deployment-name", "drill", "deployment-source", "Camunda Modeler"),
            Map.of(KEY + ".bpmn", bpmn(), KEY + "-form.form", form()));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
  }

  /** Starts one instance as harper; true when Peerflow answered 200 (the start is committed). */
  static boolean start(PeerflowNode node, String businessKey) {
    try {
      return node.rest()
              .postJson(
                  HR_USER,
                  "/engine-rest/process-definition/key/" + KEY + "/start",
                  Map.of("businessKey", businessKey))
              .status()
          == 200;
    } catch (RuntimeException connectionLost) {
      return false; // killed while answering, or refused: the caller does not know whether it
      // started
    }
  }

  /**
   * Records a withdrawal on a running instance as harper, a messenger of the case
   * ({@code peerflow.messengers}); true when Peerflow answered 2xx (the message is committed).
   */
  static boolean withdraw(PeerflowNode node, String businessKey) {
    try {
      int status = node.rest()
          .postJson(
              HR_USER,
              "/engine-rest/message",
              Map.of("messageName", WITHDRAWAL, "businessKey", businessKey))
          .status();
      return status == 204 || status == 200;
    } catch (RuntimeException connectionLost) {
      return false;
    }
  }

  /** Business keys of the instances whose withdrawal was recorded (history). */
  static Set<String> withdrawn(PeerflowNode node) {
    Map<String, String> keyById = new HashMap<>();
    instances(node).forEach((key, id) -> keyById.put(id, key));
    Set<String> keys = new HashSet<>();
    array(
            node,
            "/engine-rest/history/activity-instance?processDefinitionKey=" + KEY
                + "&activityId=StartEvent_Withdrawal&maxResults=100000")
        .forEach(
            activity -> keys.add(keyById.get(activity.get("processInstanceId").asText())));
    return keys;
  }

  /** Business key → process instance id, of every drill instance ever started (history). */
  static Map<String, String> instances(PeerflowNode node) {
    Map<String, String> ids = new HashMap<>();
    array(
            node,
            "/engine-rest/history/process-instance?processDefinitionKey=" + KEY
                + "&maxResults=100000")
        .forEach(instance ->
            ids.put(instance.get("businessKey").asText(), instance.get("id").asText()));
    return ids;
  }

  /** Task id → process instance id, of every drill task ever created (history), open or completed. */
  static Map<String, String> tasks(PeerflowNode node) {
    Map<String, String> ids = new HashMap<>();
    array(node, "/engine-rest/history/task?processDefinitionKey=" + KEY + "&maxResults=100000")
        .forEach(task ->
            ids.put(task.get("id").asText(), task.get("processInstanceId").asText()));
    return ids;
  }

  /** What the drill case left behind once nothing is due any more. */
  record Settled(
      Map<String, String> instances,
      Map<String, String> tasks,
      Map<String, List<String>> mails,
      long seconds) {

    /** E-mails that arrived more than once with the same Message-ID: redelivered after a crash. */
    long redeliveries() {
      return mails.values().stream().mapToLong(copies -> copies.size() - 1).sum();
    }
  }

  /**
   * Waits until every drill instance has both its tasks, every task its e-mail, and no job is due or
   * locked by a node that is gone: then nothing is stuck.
   */
  static Settled settle(
      PeerflowNode node, com.icegreen.greenmail.util.GreenMail smtp, java.time.Duration within) {
    long started = System.nanoTime();
    long deadline = started + within.toNanos();
    String waitingFor = "";
    while (System.nanoTime() < deadline) {
      Map<String, String> instances = instances(node);
      Map<String, String> tasks = tasks(node);
      Map<String, List<String>> mails = taskMails(smtp.getReceivedMessages());
      long due = count(node, "/engine-rest/job/count?executable=true");
      if (tasks.size() == TASKS_PER_INSTANCE * instances.size()
          && mails.keySet().containsAll(tasks.keySet())
          && due == 0) {
        return new Settled(instances, tasks, mails, (System.nanoTime() - started) / 1_000_000_000);
      }
      waitingFor = instances.size() + " instances, " + tasks.size() + " tasks, " + mails.size()
          + " tasks mailed, " + due + " jobs due";
      PeerflowNode.sleep(1000);
    }
    throw new AssertionError(
        "Not settled within " + within + ": " + waitingFor + "\n" + node.log());
  }

  /** Every task of {@code settled} has exactly one Message-ID: a second notice would have a new one. */
  static void assertOneNoticePerTask(Settled settled) {
    assertThat(settled.mails().keySet())
        .as("a mail for every task, none for a task that does not exist")
        .containsExactlyInAnyOrderElementsOf(settled.tasks().keySet());
    settled
        .mails()
        .forEach((task, messageIds) -> assertThat(Set.copyOf(messageIds))
            .as("task %s was announced by different e-mails %s", task, messageIds)
            .hasSize(1));
  }

  /** Harper completes every open drill task; afterwards each instance has ended. */
  static void completeAll(List<PeerflowNode> nodes, Settled settled) {
    int i = 0;
    for (JsonNode task : array(
        nodes.get(0), "/engine-rest/task?processDefinitionKey=" + KEY + "&maxResults=100000")) {
      PeerflowNode node = nodes.get(i++ % nodes.size());
      Rest.Response completed = node.rest()
          .postJson(
              HR_USER,
              "/engine-rest/task/" + task.get("id").asText() + "/complete",
              Map.of("variables", Map.of("note", Map.of("value", "done"))));
      assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    }
    assertThat(count(
            nodes.get(0),
            "/engine-rest/history/process-instance/count?processDefinitionKey=" + KEY
                + "&finished=true"))
        .as("every drill instance ended")
        .isEqualTo(settled.instances().size());
  }

  static long count(PeerflowNode node, String path) {
    Rest.Response answer = node.admin("GET", path, null);
    assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
    return answer.json().get("count").asLong();
  }

  static List<JsonNode> array(PeerflowNode node, String path) {
    Rest.Response answer = node.admin("GET", path, null);
    assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
    return StreamSupport.stream(answer.json().spliterator(), false).toList();
  }

  /** The task e-mails harper received: task id → the Message-ID of each copy, in arrival order. */
  static Map<String, List<String>> taskMails(MimeMessage[] received) {
    Map<String, List<String>> byTask = new HashMap<>();
    for (MimeMessage mail : received) {
      Matcher link = TASK_LINK.matcher(Mailbox.body(mail));
      if (Mailbox.recipients(mail).contains(HR_ADDRESS) && link.find()) {
        byTask
            .computeIfAbsent(link.group(1), task -> new java.util.ArrayList<>())
            .add(messageId(mail));
      }
    }
    return byTask;
  }

  private static String messageId(MimeMessage mail) {
    try {
      return mail.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void user(PeerflowNode node, String id, String email, String group) {
    Rest.Response created = node.admin(
        "POST",
        "/engine-rest/user/create",
        Map.of(
            "profile", Map.of("id", id, "firstName", id, "lastName", "Drill", "email", email),
            "credentials", Map.of("password", id)));
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    Rest.Response member =
        node.admin("PUT", "/engine-rest/group/" + group + "/members/" + id, null);
    assertThat(member.status()).as(member.body()).isEqualTo(204);
  }

  private static byte[] bpmn() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Drill"
            targetNamespace="http://peerflow.org/drill">
          <bpmn:process id="%1$s" name="Drill case" isExecutable="true" camunda:historyTimeToLive="30"
              camunda:candidateStarterGroups="hr">
            <bpmn:extensionElements>
              <camunda:properties>
                <camunda:property name="peerflow.messengers" value="hr" />
              </camunda:properties>
            </bpmn:extensionElements>
            <bpmn:startEvent id="StartEvent_Opened" />
            <bpmn:sequenceFlow id="Flow_Split" sourceRef="StartEvent_Opened" targetRef="Gateway_Split" />
            <bpmn:parallelGateway id="Gateway_Split" />
            <bpmn:sequenceFlow id="Flow_First" sourceRef="Gateway_Split" targetRef="Task_FirstLook" />
            <bpmn:userTask id="Task_FirstLook" name="First look" camunda:candidateGroups="hr"
                camunda:formRef="%1$s-form" camunda:formRefBinding="deployment" />
            <bpmn:sequenceFlow id="Flow_FirstDone" sourceRef="Task_FirstLook" targetRef="EndEvent_FirstDone" />
            <bpmn:endEvent id="EndEvent_FirstDone" />
            <bpmn:sequenceFlow id="Flow_Wait" sourceRef="Gateway_Split" targetRef="Timer_FollowUp" />
            <bpmn:intermediateCatchEvent id="Timer_FollowUp" name="%2$s later">
              <bpmn:timerEventDefinition><bpmn:timeDuration>%2$s</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="Flow_FollowUp" sourceRef="Timer_FollowUp" targetRef="Task_FollowUp" />
            <bpmn:userTask id="Task_FollowUp" name="Follow-up" camunda:candidateGroups="hr"
                camunda:formRef="%1$s-form" camunda:formRefBinding="deployment" />
            <bpmn:sequenceFlow id="Flow_FollowUpDone" sourceRef="Task_FollowUp" targetRef="EndEvent_FollowUpDone" />
            <bpmn:endEvent id="EndEvent_FollowUpDone" />
            <bpmn:subProcess id="SubProcess_Withdrawal" triggeredByEvent="true">
              <bpmn:startEvent id="StartEvent_Withdrawal" name="Withdrawal recorded" isInterrupting="false">
                <bpmn:messageEventDefinition messageRef="Message_Withdrawal" />
              </bpmn:startEvent>
              <bpmn:sequenceFlow id="Flow_Withdrawn" sourceRef="StartEvent_Withdrawal" targetRef="EndEvent_Withdrawn" />
              <bpmn:endEvent id="EndEvent_Withdrawn" />
            </bpmn:subProcess>
          </bpmn:process>
          <bpmn:message id="Message_Withdrawal" name="%3$s" />
        </bpmn:definitions>
        """.formatted(KEY, TIMER, WITHDRAWAL).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] form() {
    return """
        {"schemaVersion": 16, "type": "default", "id": "%s-form",
         "components": [{"type": "textfield", "id": "Field_Note", "key": "note", "label": "Note"}]}
        """.formatted(KEY).getBytes(StandardCharsets.UTF_8);
  }
}
