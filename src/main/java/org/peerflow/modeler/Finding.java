package org.peerflow.modeler;

/**
 * One thing a check found, as the editor shows it on the diagram.
 *
 * @param resource the model file it is in ({@code processes/fair-chance-hiring.bpmn})
 * @param elementId the diagram element it concerns, or null when it concerns the whole model
 * @param rule the rule's short name ({@code ban-the-box}, {@code model}, {@code engine})
 * @param message the sentence for the process owner
 */
record Finding(String resource, String elementId, String rule, String message) {}
