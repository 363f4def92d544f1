package org.peerflow.sandbox;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cmd.AbstractWritableIdentityServiceCmd;
import org.camunda.bpm.engine.impl.cmd.CreateGroupCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantCmd;
import org.camunda.bpm.engine.impl.cmd.CreateUserCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAuthorizationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who belongs where and who may do what change only through Camunda Admin, the REST API as an
 * administrator, or Peerflow's own configuration — never from a running process, whatever code a
 * model managed to bring. Every such change is logged with the user who made it; Camunda's own
 * user operation log records it only when a user is logged in, not for start-up configuration.
 */
final class IdentityChangeLog extends CommandInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityChangeLog.class);

  private final IdentityService identityService;

  IdentityChangeLog(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (!isIdentityOrAuthorizationChange(command)) {
      return next.execute(command);
    }
    String change = describe(command);
    String by = identityService.getCurrentAuthentication() == null
        ? "Peerflow's configuration (no user logged in)"
        : "user '" + identityService.getCurrentAuthentication().getUserId() + "'";
    // a command issued from inside an execution: an expression, listener or delegate of a model
    if (Context.getCoreExecutionContext() != null) {
      LOG.warn(
          "PEERFLOW-SANDBOX-010 Refused from a running process ({}), as {}: {}",
          Context.getCoreExecutionContext().getExecution().getId(),
          by,
          change);
      throw new ProcessEngineException(
          "PEERFLOW-SANDBOX-010 A running process may not change identities or "
              + "authorizations (" + change + "); use Camunda Admin");
    }
    T result = next.execute(command);
    LOG.info("PEERFLOW-SANDBOX-001 Identity change by {}: {}", by, change);
    return result;
  }

  private static boolean isIdentityOrAuthorizationChange(Command<?> command) {
    // newUser/newGroup/newTenant only build an object in memory; saving it is the change
    return command instanceof AbstractWritableIdentityServiceCmd
            && !(command instanceof CreateUserCmd
                || command instanceof CreateGroupCmd
                || command instanceof CreateTenantCmd)
        || command instanceof SaveAuthorizationCmd
        || command instanceof DeleteAuthorizationCmd;
  }

  /** "CreateMembership userId=owen groupId=hr": ids only, never passwords or other values. */
  static String describe(Command<?> command) {
    List<String> parts = new ArrayList<>();
    for (Class<?> type = command.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Object value = read(field, command);
        if (value instanceof String id && field.getName().endsWith("Id")) {
          parts.add(field.getName() + "=" + id);
        } else if (value instanceof User user) {
          parts.add("user=" + user.getId());
        } else if (value instanceof Group group) {
          parts.add("group=" + group.getId());
        } else if (value instanceof Tenant tenant) {
          parts.add("tenant=" + tenant.getId());
        } else if (value instanceof Authorization authorization) {
          parts.add(describe(authorization));
        }
      }
    }
    return command.getClass().getSimpleName().replaceAll("Cmd$", "") + " "
        + String.join(" ", parts);
  }

  private static String describe(Authorization authorization) {
    String type = switch (authorization.getAuthorizationType()) {
      case Authorization.AUTH_TYPE_GLOBAL -> "global";
      case Authorization.AUTH_TYPE_REVOKE -> "revoke";
      default -> "grant";
    };
    String permissions = authorization.getAuthorizationType() != Authorization.AUTH_TYPE_REVOKE
            && authorization.isEveryPermissionGranted()
        ? "ALL"
        : Arrays.stream(authorization.getPermissions(
                ResourceTypeUtil.getPermissionsByResourceType(authorization.getResourceType())))
            .map(permission -> permission.getName())
            .filter(name -> !"NONE".equals(name) && !"ALL".equals(name))
            .collect(Collectors.joining(","));
    String resource = ResourceTypeUtil.getResourceByType(authorization.getResourceType()) == null
        ? String.valueOf(authorization.getResourceType())
        : ResourceTypeUtil.getResourceByType(authorization.getResourceType()).resourceName();
    return type + " " + permissions + " on " + resource + " " + authorization.getResourceId()
        + " to "
        + (authorization.getUserId() != null
            ? "user " + authorization.getUserId()
            : "group " + authorization.getGroupId());
  }

  private static Object read(Field field, Object owner) {
    try {
      field.setAccessible(true);
      return field.get(owner);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // a field we cannot read is left out of the log line, not a reason to fail
    }
  }
}
