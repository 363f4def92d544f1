package org.peerflow.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import java.io.IOException;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.spin.json.SpinJsonNode;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * The REST API answers a variable of type Json (a checklist as the Tasklist sends it) with its JSON
 * value, e.g. {@code "value": ["navigator", "bridger"]}. Camunda's own object mapper does not know
 * Spin's JSON node and would write the node's bean properties ({@code "nodeType": "ARRAY", ...})
 * instead, whenever a client reads variables with their values deserialized (the default).
 */
@Component
class JsonVariableValues implements ResourceConfigCustomizer {

  @Override
  public void customize(ResourceConfig config) {
    config.register(SpinAwareObjectMapper.class);
  }

  /** Camunda's REST object mapper, plus Spin's JSON nodes written as the JSON they hold. */
  @Produces({MediaType.APPLICATION_JSON, Hal.APPLICATION_HAL_JSON})
  @Priority(Priorities.USER - 100) // chosen before Camunda's own JacksonConfigurator
  static final class SpinAwareObjectMapper implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper = JacksonConfigurator.configureObjectMapper(
            new ObjectMapper())
        .registerModule(new SimpleModule("peerflow-spin-json")
            .addSerializer(SpinJsonNode.class, new SpinJsonWriter()));

    @Override
    public ObjectMapper getContext(Class<?> type) {
      return mapper;
    }
  }

  static final class SpinJsonWriter extends JsonSerializer<SpinJsonNode> {
    @Override
    public void serialize(
        SpinJsonNode node, JsonGenerator generator, SerializerProvider serializers)
        throws IOException {
      generator.writeRawValue(node.toString());
    }
  }
}
