package dev.envelope.agent.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.envelope.agent.record.EventEncoder;
import dev.envelope.agent.record.Recorder;
import dev.envelope.agent.record.Transition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A recorder for tests that emit envelopes: it encodes every transition as the event log would and
 * validates the line against the published schema. Recorders never throw into the application, so
 * problems are collected and checked by {@link #assertAllValid()} after the test.
 */
public final class SchemaCheckingRecorder implements Recorder {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(
      Dialects.getDraft202012(),
      b -> b.schemaIdResolvers(r -> r.mapPrefix(EnvelopeSchemaTest.BASE,
          "classpath:" + EnvelopeSchemaTest.IN_JAR)));
  private static final Schema EVENT = REGISTRY.getSchema(
      SchemaLocation.of(EnvelopeSchemaTest.BASE + EnvelopeSchemaTest.EVENT_SCHEMA));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventEncoder encoder = new EventEncoder("test-service");
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private int checked;

  @Override
  public synchronized void record(Transition transition) {
    String line = encoder.encode(transition);
    try {
      List<Error> errors = EVENT.validate(JSON.readTree(line));
      for (Error e : errors) {
        problems.add(e + " in " + line);
      }
    } catch (Exception e) {
      problems.add(e + " in " + line);
    }
    checked++;
  }

  /** Every line so far was valid. */
  public synchronized void assertAllValid() {
    assertThat(problems).as("schema errors in the " + checked + " event lines emitted").isEmpty();
  }
}
