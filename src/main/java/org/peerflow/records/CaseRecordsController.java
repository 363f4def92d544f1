package org.peerflow.records;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Peerflow's own REST API for case records, behind the same HTTP Basic login as /engine-rest
 * (the engine's identity service; see org.peerflow.identity.RestAuthentication):
 * <ul>
 *   <li>{@code GET  /peerflow/api/cases/{businessKey}/record}: the case's record as one HTML page;</li>
 *   <li>{@code GET  /peerflow/api/cases/{businessKey}/hold}: whether it is held, and the holds so far;</li>
 *   <li>{@code POST /peerflow/api/cases/{businessKey}/hold} {@code {"reason": "..."}}: put it on legal hold;</li>
 *   <li>{@code POST /peerflow/api/cases/{businessKey}/hold/lift} {@code {"reason": "..."}}: lift the hold.</li>
 * </ul>
 */
@RestController
@RequestMapping("/peerflow/api/cases/{businessKey}")
class CaseRecordsController {

  record ReasonBody(String reason) {}

  private final CaseInstances instances;
  private final CaseAccess access;
  private final CaseRetention retention;
  private final CaseRecordLog log;
  private final CaseRecordDocument document;
  private final HistoryService historyService;

  CaseRecordsController(
      CaseInstances instances,
      CaseAccess access,
      CaseRetention retention,
      CaseRecordLog log,
      CaseRecordDocument document,
      ProcessEngine processEngine) {
    this.instances = instances;
    this.access = access;
    this.retention = retention;
    this.log = log;
    this.document = document;
    this.historyService = processEngine.getHistoryService();
  }

  @GetMapping("/record")
  ResponseEntity<String> record(@PathVariable String businessKey) {
    CaseAccess.Caller caller = access.caller();
    List<HistoricProcessInstance> caseInstances = existing(businessKey);
    access.checkMayExport(caller, caseInstances);
    // the engine filters history by the caller's authorizations too: it must show all of the case
    long visible = historyService
        .createHistoricProcessInstanceQuery()
        .processInstanceIds(caseInstances.stream()
            .map(HistoricProcessInstance::getId)
            .collect(java.util.stream.Collectors.toSet()))
        .count();
    if (visible != caseInstances.size()) {
      throw new AccessRefusedException(
          "PEERFLOW-REC-024 A part of this case is not readable for you");
    }
    log.append(businessKey, CaseRecordLog.Action.EXPORT, caller.userId(), null);
    String html = document.render(
        businessKey,
        caseInstances,
        log.entries(businessKey, CaseRecordLog.Action.HOLD, CaseRecordLog.Action.LIFT),
        caller.userId());
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("case-record-" + businessKey.replaceAll("[^A-Za-z0-9._-]", "_") + ".html")
                .build()
                .toString())
        // a record is a document, not an application: no script, nothing loaded from elsewhere
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(html);
  }

  @GetMapping("/hold")
  Map<String, Object> hold(@PathVariable String businessKey) {
    CaseAccess.Caller caller = access.caller();
    access.checkMayHold(caller, existing(businessKey));
    return holdState(businessKey);
  }

  @PostMapping("/hold")
  ResponseEntity<Map<String, Object>> placeHold(
      @PathVariable String businessKey, @RequestBody ReasonBody body) {
    CaseAccess.Caller caller = access.caller();
    access.checkMayHold(caller, existing(businessKey));
    retention.hold(businessKey, caller.userId(), reason(body));
    return ResponseEntity.status(HttpStatus.CREATED).body(holdState(businessKey));
  }

  @PostMapping("/hold/lift")
  Map<String, Object> liftHold(@PathVariable String businessKey, @RequestBody ReasonBody body) {
    CaseAccess.Caller caller = access.caller();
    access.checkMayHold(caller, existing(businessKey));
    retention.lift(businessKey, caller.userId(), reason(body));
    return holdState(businessKey);
  }

  private Map<String, Object> holdState(String businessKey) {
    return Map.of(
        "businessKey",
        businessKey,
        "held",
        retention.isHeld(businessKey),
        "history",
        log.entries(businessKey, CaseRecordLog.Action.HOLD, CaseRecordLog.Action.LIFT));
  }

  private List<HistoricProcessInstance> existing(String businessKey) {
    List<HistoricProcessInstance> caseInstances = instances.all(businessKey);
    if (caseInstances.isEmpty()) {
      throw new CaseNotFoundException(businessKey);
    }
    return caseInstances;
  }

  private static String reason(ReasonBody body) {
    if (body == null || body.reason() == null || body.reason().isBlank()) {
      throw new IllegalArgumentException(
          "PEERFLOW-REC-003 A legal hold and its lifting need a reason");
    }
    if (body.reason().length() > 4000) {
      throw new IllegalArgumentException(
          "PEERFLOW-REC-004 The reason is longer than 4000 characters");
    }
    return body.reason().strip();
  }

  @ExceptionHandler(AccessRefusedException.class)
  ResponseEntity<Map<String, String>> refused(AccessRefusedException e) {
    return answer(HttpStatus.FORBIDDEN, e);
  }

  @ExceptionHandler(CaseNotFoundException.class)
  ResponseEntity<Map<String, String>> notFound(CaseNotFoundException e) {
    return answer(HttpStatus.NOT_FOUND, e);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return answer(HttpStatus.BAD_REQUEST, e);
  }

  @ExceptionHandler(HoldStateException.class)
  ResponseEntity<Map<String, String>> conflict(HoldStateException e) {
    return answer(HttpStatus.CONFLICT, e);
  }

  private static ResponseEntity<Map<String, String>> answer(HttpStatus status, RuntimeException e) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("message", e.getMessage()));
  }
}
