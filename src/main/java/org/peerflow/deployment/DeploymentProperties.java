package org.peerflow.deployment;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the process owners' models live and how they reach the engine.
 *
 * @param locations folders whose .bpmn, .dmn and .form files form one deployment; a file's
 *     resource name is the folder's own name plus its path inside it ({@code processes/x.bpmn})
 * @param watch redeploy within seconds when a file in those folders changes (embedded default)
 * @param name the deployment's name, also the key for duplicate filtering
 */
@ConfigurationProperties("peerflow.deployment")
record DeploymentProperties(
    @DefaultValue({"processes", "forms"}) List<String> locations,
    @DefaultValue("false") boolean watch,
    @DefaultValue("peerflow") String name) {}
