package org.peerflow.identity;

import org.camunda.bpm.engine.impl.plugin.AdministratorAuthorizationPlugin;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Profile {@code ldap}: users, passwords and groups come from the organization's directory through
 * Camunda's LDAP identity plugin, read-only. Peerflow then creates no users or groups (see
 * {@link WorkflowGroups}, {@link DemoIdentities}); it still grants its authorizations and creates
 * its Tasklist filters, which live in the engine's database and name groups by id.
 *
 * <p>Group ids are what the plugin reads from {@code peerflow.ldap.group-id-attribute}: the plugin
 * cannot rename groups, so the directory's groups for Peerflow must carry Peerflow's ids
 * ({@code hr}, {@code supervisors}, …) in that attribute (README, Directory accounts).
 */
@Configuration(proxyBeanMethods = false)
@Profile("ldap")
class DirectoryIdentity {

  /** Every setter of the plugin is a setting under {@code peerflow.ldap} (server-url, base-dn, …). */
  @Bean
  @ConfigurationProperties("peerflow.ldap")
  LdapIdentityProviderPlugin ldapIdentityProviderPlugin() {
    return new LdapIdentityProviderPlugin();
  }

  /**
   * The directory's administrators' group gets every permission, as {@code camunda-admin} does on
   * the embedded default (the starter's admin-user set-up cannot create a group in a directory).
   */
  @Bean
  @ConfigurationProperties("peerflow.ldap.administrators")
  AdministratorAuthorizationPlugin administratorAuthorizationPlugin() {
    AdministratorAuthorizationPlugin plugin = new AdministratorAuthorizationPlugin();
    plugin.setAdministratorGroupName("camunda-admin");
    return plugin;
  }
}
