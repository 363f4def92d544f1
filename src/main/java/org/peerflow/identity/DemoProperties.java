package org.peerflow.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo identities of the README (harper, hana, sam, sky, pat, casey, owen; password = user id).
 *
 * @param enabled create them at start-up; true on the embedded default, false in production,
 *     and off unless set, so that a forgotten setting never opens known passwords
 */
@ConfigurationProperties("peerflow.demo")
record DemoProperties(@DefaultValue("false") boolean enabled) {}
