package dev.envelope.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The JSON Schemas the agent publishes, read from the built agent jar itself (the copy users get),
 * and a check of event lines against them. The event schema's {@code $ref} to the envelope schema
 * resolves to the jar's copy: both documents are registered under their {@code $id}, and nothing
 * is fetched from the network.
 */
public final class Schemas {
  /** Where the schemas live inside the agent jar. */
  public static final String JAR_DIR = "dev/envelope/agent/schema/";
  public static final String EVENT_SCHEMA = "envelope-event.schema.json";
  public static final String ENVELOPE_SCHEMA = "envelope.schema.json";
  /** The base of the schemas' {@code $id}s. */
  public static final String BASE = "https://envelope.dev/schema/1/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Schemas() {}

  /** The event line schema, loaded once per test JVM. */
  public static Schema eventSchema() {
    return Holder.EVENT;
  }

  /** Throws an {@link AssertionError} listing every way {@code eventLine} breaks the schema. */
  public static void assertValid(JsonNode eventLine, String where) {
    List<Error> errors = eventSchema().validate(eventLine);
    if (!errors.isEmpty()) {
      throw new AssertionError(where + " does not match " + EVENT_SCHEMA + " ("
          + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "):\n"
          + errors.stream().map(e -> "  " + e.getInstanceLocation() + ": " + e.getMessage())
              .collect(Collectors.joining("\n"))
          + "\nline: " + eventLine);
    }
  }

  private static final class Holder {
    static final Schema EVENT = load(ForkedJvm.agentJar());
  }

  private static Schema load(Path agentJar) {
    Map<String, String> byId = new LinkedHashMap<>();
    try (JarFile jar = new JarFile(agentJar.toFile())) {
      for (String name : List.of(EVENT_SCHEMA, ENVELOPE_SCHEMA)) {
        var entry = jar.getJarEntry(JAR_DIR + name);
        if (entry == null) {
          throw new AssertionError(agentJar + " has no " + JAR_DIR + name);
        }
        String text;
        try (InputStream in = jar.getInputStream(entry)) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String id = JSON.readTree(text).path("$id").asText();
        if (!id.equals(BASE + name)) {
          throw new AssertionError(JAR_DIR + name + " in " + agentJar + " has $id '" + id
              + "', expected '" + BASE + name + "'");
        }
        byId.put(id, text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schemas from " + agentJar, e);
    }
    SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getDraft202012(),
        b -> b.schemas(byId)
            .schemaLoader(loader -> loader.fetchRemoteResources(false))
            .schemaRegistryConfig(SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .build()));
    return registry.getSchema(SchemaLocation.of(BASE + EVENT_SCHEMA));
  }
}
