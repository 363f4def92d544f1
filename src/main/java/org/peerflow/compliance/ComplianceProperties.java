package org.peerflow.compliance;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which processes the process-specific rules apply to. They name processes by key, so that a
 * process owner cannot switch a rule off by editing the diagram.
 *
 * @param banTheBoxProcesses no criminal history before the conditional offer
 * @param refusalProcesses nothing but neutral steps after a refusal of treatment
 */
@ConfigurationProperties("peerflow.compliance")
record ComplianceProperties(
    @DefaultValue("fair-chance-hiring") List<String> banTheBoxProcesses,
    @DefaultValue("informed-consent") List<String> refusalProcesses) {}
