package org.peerflow.identity;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.cmd.AbstractWritableIdentityServiceCmd;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Forgets every verified REST login ({@link VerifiedLogins}) when the engine changes a user
 * (password, lock, unlock, deletion), a group, a tenant or a membership — from Camunda Admin, the
 * REST API or Peerflow's own set-up — and when a password check fails, which may lock the
 * account. Forgotten once the change's command returns (it has committed) and, when the change runs
 * inside another command, again once that one commits.
 */
final class LoginCacheEviction extends CommandInterceptor {

  private final VerifiedLogins logins;

  LoginCacheEviction(VerifiedLogins logins) {
    this.logins = logins;
  }

  @Override
  public <T> T execute(Command<T> command) {
    boolean identityChange = command instanceof AbstractWritableIdentityServiceCmd;
    CommandContext outer = Context.getCommandContext();
    T result;
    try {
      result = next.execute(command);
    } finally {
      if (identityChange) {
        forget(outer);
      }
    }
    if (command instanceof CheckPassword && Boolean.FALSE.equals(result)) {
      forget(outer);
    }
    return result;
  }

  private void forget(CommandContext outer) {
    logins.forgetAll();
    if (outer != null) {
      outer
          .getTransactionContext()
          .addTransactionListener(TransactionState.COMMITTED, context -> logins.forgetAll());
    }
  }
}
