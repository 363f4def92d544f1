package org.peerflow.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a REST caller's verified password, groups and tenants are reused (README
 * "Configuration"). Any change of a user, group, tenant or membership, and any failed login, forgets
 * every entry at once; the time limit bounds what the engine cannot see: a directory's changes
 * under profile ldap.
 *
 * @param timeToLive how long one verification is reused; zero turns the cache off
 */
@ConfigurationProperties("peerflow.login-cache")
record LoginCacheProperties(@DefaultValue("PT1M") Duration timeToLive) {}
